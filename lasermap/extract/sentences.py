"""Sentence boundaries with offsets, for Chinese and English in one pass.

Chinese sentences end at 。！？；(and their ASCII forms when followed by Han
text); English ones at . ! ? followed by space and an upper-case letter or a
quote, except after abbreviations that end company names and titles
(``Co.``, ``Ltd.``, ``No.``, ``Dr.``, ``U.S.``). Paragraph breaks always end a
sentence.
"""

from __future__ import annotations

import re

from lasermap.annotations import Sentence

_ABBREV = {
    "co", "ltd", "inc", "corp", "no", "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e",
    "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gmbh", "mt",
}  # fmt: skip
_END = re.compile(r"[。！？；!?]+[”’」』\"')）]*|\.(?=[”’\"')]*\s+[\"“‘(A-Z0-9\u4e00-\u9fff])[”’\"')]*|\n\s*\n")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` as offset ranges (whitespace trimmed)."""
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        _add(out, text, start, m.end())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 8) : dot])
    return bool(word) and (word.group(1).lower() in _ABBREV or len(word.group(1)) == 1)


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end))


def sentence_at(sentences: list[Sentence], pos: int) -> Sentence | None:
    """The sentence containing offset ``pos`` (binary search)."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if pos < s.start:
            hi = mid - 1
        elif pos >= s.end:
            lo = mid + 1
        else:
            return s
    return None
