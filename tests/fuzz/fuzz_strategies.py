"""Hypothesis strategies for hostile input: article files, text, queries, notes.

Everything here is data an attacker (or an unlucky download) can put in a corpus folder:
random bytes, mixed encodings, terminal escape sequences (7-bit and 8-bit C1), bidi
overrides, zero-width characters, huge lines, YAML front matter that nests deeply,
constructs objects, or explodes through aliases, and very long names.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Characters that must never reach the terminal: C0 except \\t and \\n, DEL, C1 (ESC is C0),
bidi overrides/embeddings/isolates, and lone surrogates."""

ESCAPES = [
    "\x1b[31m", "\x1b[0m", "\x1b[2J", "\x1b[H", "\x1b[?1049h", "\x1b[6n", "\x1b[1;31;42m",
    "\x1b]0;pwned\x07", "\x1b]8;;http://evil.example/\x1b\\", "\x1b]52;c;cGFzdGU=\x07",
    "\x1bP$q m\x1b\\", "\x1bP1;2|\x1b\\", "\x1b_apc\x1b\\", "\x1b^pm\x1b\\", "\x1bX sos \x1b\\",
    "\x1bc", "\x1b7", "\x1b8", "\x1b(0", "\x1b", "\x1b[", "\x1b]", "\x1bP",
    "\x9b31m", "\x9b2J", "\x9d0;title\x9c", "\x90dcs\x9c", "\x9e\x9f", "\x85", "\x8d", "\x9c",
    "\x07", "\x08", "\x00", "\x7f", "\r", "\r\n", "\x0b", "\x0c", "\t",
]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u200e", "\u200f", "\u061c"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u2028",
             "\u2029", "\ufff9", "\ufffa", "\ufffb", "\ufffd", "\U000e0001", "\U000e0041"]
WORDS = ["Aleppo", "Idlib", "Bashar al-Assad", "Hayat Tahrir al-Sham (HTS)", "HTS", "Russia",
         "the", "and", "of", "said", "on", "Monday", "UN", "U.S.", "al-", "Al", "formerly known as",
         "President", "Damascus", "[bold]", "[/]", "[link=http://x]", "[@click=app.quit]", "#",
         "*", "_", "`", "---", "...", ">", "&#x202E;", "&#27;", "&#x9b;", "&amp;", "<b>",
         "العربية", "עברית", "日本語", "😀", "e\u0301", "ﬁ", "Ⅻ"]
FRAGMENTS = ESCAPES + BIDI + INVISIBLE + WORDS + [" ", " ", " ", "\n", "\n\n", ". ", ", "]

# Text from the whole Unicode range (including lone surrogates, which only YAML escapes or
# surrogateescape'd command-line arguments can produce) mixed with the fragments above.
any_char_text = st.text(st.characters(codec=None), max_size=80)
hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), any_char_text,
                                  st.text(st.characters(max_codepoint=0x2FF), max_size=30)),
                        max_size=40).map("".join)
"""Short hostile strings (str; may hold lone surrogates)."""


def _encode(text: str, encoding: str) -> bytes:
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    return text.encode(encoding, errors=errors)


encoded_fragment = st.builds(
    _encode, hostile_text,
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252",
                     "latin-1", "utf-32"]))
"""A hostile string in one encoding (several concatenated make a mixed-encoding file)."""

huge_line = st.builds(lambda word, n: (word * n).encode("utf-8", "surrogatepass"),
                      st.sampled_from(["x", "word ", "Aleppo ", "\x1b[31m", "\u202e", "é",
                                       "a\u200b"]),
                      st.integers(1_000, 300_000))
"""One very long line (up to a few MB)."""


def _yaml_scalar(text: str) -> str:
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


yaml_scalar = st.one_of(
    hostile_text.map(_yaml_scalar),
    st.sampled_from(['"\\ud800"', '"\\udfff x"', '"\\e[31m"', '"\\x9b2J"', '"\\u202e"', "~", "[]",
                     "{}", "!!binary aGVsbG8=", "2020-02-30", "2020-13-01", "0x1F", ".inf", "-.nan",
                     "1e999", "9" * 400, "&x 1", "*missing", "!!set {a, b}", "!!omap [a: 1]"]),
)
yaml_tag = st.sampled_from([
    "!!python/object/apply:os.system ['echo pwned']",
    "!!python/object/new:os.system [echo pwned]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:__main__.X {a: 1}",
    "!!python/tuple [1, 2]",
    "!<tag:yaml.org,2002:python/object/apply:subprocess.check_output> [[ls]]",
    "!custom {a: 1}",
    "!!str",
])


@st.composite
def deep_yaml(draw) -> str:
    """Front matter nested very deep (flow or block style), up to 10,000 levels."""
    depth = draw(st.sampled_from([10, 100, 1000, 5000, 10_000]))
    style = draw(st.sampled_from(["seq", "map", "block", "mixed"]))
    if style == "seq":
        return "title: " + "[" * depth + "x" + "]" * depth + "\n"
    if style == "map":
        return "title: " + "{a: " * depth + "x" + "}" * depth + "\n"
    if style == "mixed":
        return "tags: " + "[{a: " * (depth // 2) + "x" + "}]" * (depth // 2) + "\n"
    depth = min(depth, 1000)  # block style: indentation grows quadratically in bytes
    return "title:\n" + "".join(" " * i + "- \n" for i in range(1, depth)) + "\n"


@st.composite
def laughs_yaml(draw) -> str:
    """Billion-laughs aliases: each level refers to the previous one ``width`` times."""
    levels = draw(st.integers(2, 12))
    width = draw(st.integers(2, 12))
    field = draw(st.sampled_from(["title", "tags", "source", "date", "byline", "url", "other"]))
    lines = ['l0: &l0 ["lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    lines.append(f"{field}: *l{levels - 1}")
    return "\n".join(lines) + "\n"


@st.composite
def front_matter(draw) -> str:
    """A YAML front matter block, valid or not."""
    kind = draw(st.sampled_from(["fields", "tag", "deep", "laughs", "garbage", "unclosed"]))
    if kind == "fields":
        keys = draw(st.lists(st.sampled_from(["title", "date", "source", "url", "tags", "byline",
                                              "author", "x", "? [a]"]),
                             max_size=6))
        inner = "".join(f"{k}: {draw(yaml_scalar)}\n" for k in keys)
    elif kind == "tag":
        field = draw(st.sampled_from(["title", "tags", "date", "? x"]))
        inner = f"{field}: {draw(yaml_tag)}\n"
    elif kind == "deep":
        inner = draw(deep_yaml())
    elif kind == "laughs":
        inner = draw(laughs_yaml())
    elif kind == "garbage":
        inner = draw(hostile_text) + "\n"
    else:
        return "---\n" + draw(hostile_text) + "\n"
    end = draw(st.sampled_from(["---", "...", "--- ", "---\r"]))
    return "---\n" + inner + end + "\n"


@st.composite
def markdown_body(draw) -> str:
    parts = draw(st.lists(st.one_of(
        hostile_text,
        st.sampled_from(["# ", "## ", "> ", "- ", "1. ", "```\n", "    ", "***\n", "[a](b)",
                         "![img](x)", "<script>", "<!--", "&#x202E;", "&#8238;", "&#27;[31m",
                         "&#xD800;", "&#0;", "&#x9b;", "\\", "|a|b|\n|-|-|\n"])), max_size=30))
    return "".join(parts)


@st.composite
def article_bytes(draw) -> tuple[str, bytes]:
    """``(suffix, bytes)`` of one hostile article file."""
    kind = draw(st.sampled_from(["bytes", "mixed", "text", "huge", "markdown", "markdown",
                                 "markdown"]))
    if kind == "bytes":
        return draw(st.sampled_from([".txt", ".md"])), draw(st.binary(max_size=4000))
    if kind == "mixed":
        chunks = draw(st.lists(encoded_fragment, min_size=1, max_size=8))
        return draw(st.sampled_from([".txt", ".md"])), b"".join(chunks)
    if kind == "text":
        text = draw(hostile_text) + "\n\n" + draw(hostile_text)
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
        return ".txt", _encode(text, encoding)
    if kind == "huge":
        return draw(st.sampled_from([".txt", ".md"])), draw(huge_line)
    text = draw(front_matter()) + draw(markdown_body())
    return ".md", text.encode("utf-8", "surrogatepass")


_NAME_CHARS = st.characters(codec="utf-8", blacklist_characters="/\x00",
                            blacklist_categories=("Cs",))


@st.composite
def file_name(draw, suffix: str) -> str:
    """A file name the file system accepts (at most 255 bytes), often hostile."""
    stem = draw(st.one_of(
        st.text(_NAME_CHARS, min_size=1, max_size=60),
        st.lists(st.sampled_from(FRAGMENTS[:60]), min_size=1, max_size=8).map("".join),
        st.integers(100, 250).map(lambda n: "n" * n),
    )).replace("/", "_").replace("\x00", "_")
    stem = stem.lstrip(".") or "x"
    while len((stem + suffix).encode("utf-8")) > 255:
        stem = stem[:-1]
    return stem + suffix


queries = st.one_of(
    hostile_text,
    st.lists(st.one_of(
        st.sampled_from(['"', "(", ")", "[", "]", "{", "}", " TO ", " AND ", " OR ", " NOT ", "-",
                         "+", "*", "?", "~", "~2", "^", "^3", ":", "title:", "body:", "source:",
                         "date:", "year:", "tag:", "tags:", "entity:", "place:", "actor:", "note:",
                         "nosuch:", "date:[", "date:>", "date:<", "2020", "2020-02-30",
                         "yesterday", "today", "aleppo", "Aleppo", "alepo", "syria", "hts", "'",
                         "\\", "/", "&&", "||", "!", "\x00", "\udcff", "\x1b[", " "]),
        st.text(max_size=8)), max_size=25).map("".join),
    st.integers(1990, 2030).map(lambda y: f"date:[{y} TO {y + 1}]"),
)
"""Search box input: random text and random query syntax."""
