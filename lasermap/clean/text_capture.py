"""Clean text captures of web pages line by line.

A capture is what a person or a crawler saved as text: the article wrapped in
the page's furniture — breadcrumbs, date and read-count lines, share bars,
disclaimers, reprint notices, copyright and ICP footers, image file names,
even raw HTML. The article has a recognisable shape: an optional header zone
(navigation, a title, meta lines), a body of paragraphs, and a footer that,
once it starts, never turns back into article text. Furniture patterns are
data (``data/furniture.json``), matched on a Simplified, case-folded copy of
each line so that one pattern serves both scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lasermap.clean.fragments import fragment_paragraphs, has_markup
from lasermap.data_files import load_json
from lasermap.normalize.pinyin import strip_ruby_pinyin
from lasermap.normalize.script import to_simplified
from lasermap.normalize.unicode import nfkc_safe, tidy_spaces

_SENTENCE_END = tuple("。！？!?；;")
_BULLET = re.compile(r"^[•·\-*▪◆■●]\s*")
_HEADER_SCAN = 15
_URL = re.compile(r"https?://|www\.")
_DATEISH = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}|\d{10}")
_LONE_TAG = re.compile(r"\s*(<[^>]*>\s*)+")


@dataclass(slots=True)
class Capture:
    """What cleaning a capture yields: title, body paragraphs and the furniture around them."""

    title: str | None
    paragraphs: list[str]
    header_lines: list[str] = field(default_factory=list)
    footer_lines: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Patterns:
    lines: re.Pattern[str]
    footer: re.Pattern[str]
    label: re.Pattern[str]
    label_anywhere: re.Pattern[str]
    header_label: re.Pattern[str]
    crumb_head: re.Pattern[str]
    crumb_sep: re.Pattern[str]
    short_marker: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = load_json("furniture.json")
    seps = _alternation(data["breadcrumb_separators"])
    return _Patterns(
        lines=re.compile("(?:" + "|".join(data["lines"]) + r")\s*", re.I),
        footer=re.compile("(?:" + "|".join(data["footer"]) + r")\s*", re.I),
        label=re.compile(r"(?:" + _alternation(data["labels"]) + r")\s*[:：]", re.I),
        label_anywhere=re.compile(r"(?:" + _alternation(data["labels"]) + r")\s*[:：]", re.I),
        header_label=re.compile(r"(?:" + _alternation(data["header_labels"]) + r")\s*[:：]", re.I),
        crumb_head=re.compile(r"(?:" + _alternation(data["breadcrumb_heads"]) + r")\s*[:：]?\s*(?:" + seps + ")", re.I),
        crumb_sep=re.compile(r"\s(?:" + seps + r")\s"),
        short_marker=re.compile(_alternation(data["short_line_markers"]), re.I),
    )


def _matchable(line: str) -> str:
    """The form patterns are matched on: Simplified, NFKC, no ruby pinyin, lower case, no bullet."""
    plain, _ = strip_ruby_pinyin(nfkc_safe(line))
    return _BULLET.sub("", to_simplified(plain).lower()).strip()


def _is_breadcrumb(m: str) -> bool:
    p = _patterns()
    if p.crumb_head.match(m):
        return True
    parts = p.crumb_sep.split(m)
    return len(parts) >= 3 and all(0 < len(s) <= 40 for s in parts[:-1])


def _is_nav(line: str, m: str) -> bool:
    """Short separator-joined words (``閱讀 | 訂閱``, ``News / Events``)."""
    parts = re.split(r"\s*[|｜/]\s*", m)
    return len(parts) >= 2 and len(line) <= 40 and all(0 < len(s) <= 12 for s in parts)


def classify(line: str, zone: str) -> str:
    """``footer``, ``furniture``, ``meta`` or ``text`` for one line in a zone.

    ``zone`` is ``header`` (above the body) or ``body``; meta labels that are
    ambiguous inside an article (``时间:``, ``Date:``) count only in the header.
    """
    p = _patterns()
    m = _matchable(line)
    if not m:
        return "furniture"
    if p.footer.fullmatch(m):
        return "footer"
    if p.lines.fullmatch(m) or _is_breadcrumb(m):
        return "furniture"
    if p.label.match(m) and (zone == "header" or len(m) <= 60 or _URL.search(m)):
        return "meta"
    if len(m) <= 60 and p.short_marker.search(m):
        return "furniture"
    if len(m) <= 40 and p.header_label.match(m) and _DATEISH.search(m):
        return "meta"  # "时间: 2023-04-12" alone on a line is furniture wherever it stands
    if zone == "header":
        if p.header_label.match(m) or _is_nav(line, m):
            return "meta"
        if len(m) <= 100 and p.label_anywhere.search(m):
            return "meta"
    return "text"


def _same(a: str, b: str) -> bool:
    return _matchable(a) == _matchable(b)


def _title_like(line: str) -> bool:
    cjk = sum(1 for c in line if "\u3400" <= c <= "\u9fff")
    limit = 80 if cjk > len(line) / 3 else 220
    return 5 <= len(line) <= limit and not line.endswith(("。", ".", "；", ";", ":", "："))


def _expand(text: str) -> list[str | None]:
    """Lines of the capture with markup turned into paragraphs; None marks a blank line."""
    out: list[str | None] = []
    for raw in text.split("\n"):
        line = tidy_spaces(raw)
        if not line:
            out.append(None)
        elif has_markup(line):
            out.extend(fragment_paragraphs(line) or [None])
        elif _LONE_TAG.fullmatch(line):
            out.append(None)
        else:
            out.append(line)
    return out


def _scan_header(lines: list[str | None]) -> tuple[int, str | None, list[str]]:
    """Return where the body starts, the title and the header lines."""
    header: list[str] = []
    i, seen = 0, 0
    while i < len(lines) and seen < _HEADER_SCAN:
        line = lines[i]
        if line is not None:
            kind = classify(line, "header")
            short = len(line) < 5 and not line.endswith(_SENTENCE_END)
            if kind == "text" and not short:
                break
            header.append(line)
            seen += 1
        i += 1
    title = None
    if i < len(lines) and lines[i] is not None and _title_like(lines[i]):  # type: ignore[arg-type]
        title = lines[i]
        header.append(title)  # type: ignore[arg-type]
        i += 1
        while i < len(lines):
            line = lines[i]
            if line is not None:
                if not (_same(line, title) or classify(line, "header") != "text"):  # type: ignore[arg-type]
                    break
                header.append(line)
            i += 1
    return i, title, header


def _scan_body(lines: list[str | None], title: str | None) -> tuple[list[str], list[str]]:
    body: list[str] = []
    dropped: list[str] = []
    footer_started = False
    for line in lines:
        if line is None:
            continue
        if footer_started:
            dropped.append(line)
            continue
        kind = classify(line, "body")
        if kind == "footer" and body:
            footer_started = True
        if kind != "text" or (title and _same(line, title)):
            dropped.append(line)
            continue
        body.append(line)
    return body, dropped


def _drop_repeated_lead(paragraphs: list[str]) -> list[str]:
    """A lead shown twice (summary box, then the first paragraph) is kept once."""
    if len(paragraphs) >= 2:
        first = _matchable(paragraphs[0])
        for later in paragraphs[1:3]:
            if len(first) >= 10 and _matchable(later).startswith(first):
                return paragraphs[1:]
    return paragraphs


def clean_text_capture(text: str) -> Capture:
    """Split a capture into title, article paragraphs, and header/footer furniture."""
    lines = _expand(text)
    start, title, header = _scan_header(lines)
    body, footer = _scan_body(lines[start:], title)
    return Capture(title=title, paragraphs=_drop_repeated_lead(body), header_lines=header, footer_lines=footer)
