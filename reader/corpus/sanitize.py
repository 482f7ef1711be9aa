"""Make untrusted article text safe to show: no terminal control sequences, NFC, ``\\n`` newlines."""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL/ST), DCS/SOS/PM/APC (ESC P/X/^/_ ... ST),
# and two-character escapes. Also the 8-bit C1 forms (CSI = U+009B, OSC = U+009D ...).
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?      # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)  # OSC / DCS / SOS / PM / APC
  | \x1b[\x20-\x2f]*[\x30-\x7e]?                             # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except \t and \n, DEL, C1 controls; plus bidi overrides/isolates that can reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_C1 = re.compile("[\x80-\x9f]")
# Lone surrogates (e.g. from a YAML "\\ud800" escape) cannot be encoded: the index and the terminal
# would fail on them, so they become U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters that are invisible but harmless stay (zero-width joiners matter in some scripts).


def sanitize(text: str) -> str:
    """Return ``text`` with newlines normalised, escape sequences and control characters removed, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x0c", "\n")
    if "\x1b" in text or _C1.search(text):
        text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\ufeff", "")
    text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def single_line(text: str, limit: int = 300) -> str:
    """Collapse whitespace to single spaces and cut to ``limit`` characters (for titles, metadata)."""
    text = " ".join(sanitize(str(text)).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
