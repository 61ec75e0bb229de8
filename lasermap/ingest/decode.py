"""Decode stage: bytes → text, trusting a charset declaration only when it reads cleanly.

Order: byte-order mark → strict UTF-8 → declared charset (with the usual
supersets: GB2312/GBK are read as GB18030, Big5 as Big5-HKSCS) → detection.
Strict UTF-8 comes before the declaration because many Chinese pages declare
gb2312 while being UTF-8; the reverse mistake is almost impossible, since GBK
text is very rarely valid UTF-8.
"""

from __future__ import annotations

import codecs
import re

from lasermap.doc import Document
from lasermap.errors import InputError
from lasermap.pipeline.stage import stage

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""",
    re.IGNORECASE,
)
#: Share of replacement characters above which a decoding counts as garbage.
_GARBAGE_RATIO = 0.002


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, if any."""
    m = _DECLARED.search(raw[:4096])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii", "ignore").lower()
    return name or None


def _normalise_codec(name: str) -> str | None:
    name = name.lower().strip()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _try(raw: bytes, codec: str) -> str | None:
    """Decode with ``codec``; accept a handful of bad bytes, reject garbage."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        text = raw.decode(codec, errors="replace")
        if text.count("\ufffd") <= max(1, len(text) * _GARBAGE_RATIO):
            return text
        return None
    except LookupError:
        return None


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB mean this is not a page."""
    head = raw[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def decode_bytes(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, codec)`` for ``raw``; raise :class:`InputError` if nothing reads it.

    ``declared`` is an outside hint (an HTTP header); the page's own
    declaration is read from its first bytes.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), codec
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for hint in (declared, declared_charset(raw)):
        codec = _normalise_codec(hint) if hint else None
        if codec and codec != "utf-8":
            text = _try(raw, codec)
            if text is not None:
                return text, codec
    for codec in ("gb18030", "big5hkscs"):
        text = _try(raw, codec)
        if text is not None and _mostly_cjk_or_ascii(text):
            return text, codec
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise InputError("undecodable: no character encoding reads it")
    return str(best), best.encoding


def _mostly_cjk_or_ascii(text: str) -> bool:
    """A sanity check for a legacy-codec guess: real pages are ASCII plus CJK."""
    sample = text[:20000]
    odd = sum(1 for c in sample if ord(c) > 127 and not ("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"))
    return odd <= len(sample) * 0.01


@stage("decode", reads=("raw",), writes=("source_text", "encoding"))
def decode(doc: Document) -> Document:
    """Turn the input bytes into text, rejecting empty and binary input."""
    if not doc.raw.strip():
        raise InputError("empty input")
    if looks_binary(doc.raw):
        raise InputError("binary content, not a text or HTML page")
    text, codec = decode_bytes(doc.raw, doc.hints.get("charset"))
    if not text.strip():
        raise InputError("empty after decoding")
    return doc.evolve(source_text=text.replace("\r\n", "\n").replace("\r", "\n"), encoding=codec)
