"""Turn file bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 with a warning."""

from __future__ import annotations

import codecs


class NotText(ValueError):
    """The bytes do not look like a text file (binary content)."""


def looks_binary(data: bytes) -> bool:
    """True when the sample has many NUL bytes (without a UTF-16 BOM) or many control bytes."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if sample.count(b"\x00") > max(2, len(sample) // 100):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.10


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data``; returns (text, warnings). Raises ``NotText`` for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise NotText(f"invalid UTF-16 ({exc.reason})") from None
    if looks_binary(data):
        raise NotText("binary content (NUL or control bytes)")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return text, ["not valid UTF-8; decoded as cp1252"]
