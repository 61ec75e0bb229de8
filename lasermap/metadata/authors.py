"""Author extraction: who wrote the page, as the page itself says it.

Sources, by trust (the first tier with an answer wins):

0. an author label in the header zone (``作者:宝安先锋``, ``By Jeff Foust``),
1. a reporter byline, poster line or bare name row in the header zone
   (``光明日报记者 王建宏 张文攀``, ``由海姑娘张贴 @ …``, ``[ 黄宇 ]``),
2. machine metadata (``<meta name="author">``, JSON-LD ``author``) when it is a
   person's name rather than the site's name,
3. an author label elsewhere (``作者:宋怡 杨志华`` under the article),
4. a reporter byline elsewhere (``（记者 胡晓蓉）`` closing the text),
5. a poster line elsewhere (``ggjjzhzz 发表于 …``),
6. names in brackets closing a paragraph (``（姚峰 上海报道）``),
7. an editor (``责任编辑:魏喆``), only when the caller asks for editors: an
   editor answers for the page but did not write it,
8. ``来源:`` only when its value is a person's name (``来源: 尹娟``); a source
   that is an outlet (``來源:中國激光與光電產業集群``) is the publisher, not an
   author, which is also how the cwced gold reads it.

Several names are returned space-separated (``王建宏 张文攀``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lasermap.errors import LasermapError
from lasermap.metadata.author_markup import structured_author
from lasermap.metadata.datestr import scan_dates
from lasermap.metadata.names import (
    byline,
    clean_free_value,
    ends_cleanly,
    is_photo_credit,
    join_names,
    leading_names,
)
from lasermap.metadata.page import Page, build_page, is_body_line, load_labels

__all__ = ["find_author"]

#: How much of a label's value is read: names and their closers fit easily.
_VALUE = 80
_TAIL_BRACKET = re.compile(r"[（(]\s*([^()（）]{2,30}?)\s*[）)]\s*$")
_META_BRACKET = re.compile(r"[\[【]\s*([^\]】\[【]{2,16}?)\s*[\]】]")


def find_author(
    source_text: str, kind: str, url: str | None = None, *, include_editor: bool = False
) -> str | None:
    """The page's author(s) as shown on it, or None. Never raises.

    An editor (责任编辑) is not the author and is returned only with
    ``include_editor=True``, as a last resort (the cwced gold counts editors;
    lasermap's own example gold does not).
    """
    try:
        if not isinstance(source_text, str) or not source_text.strip():
            return None
        page = build_page(source_text, "html" if kind == "html" else "text")
        return _best(page, include_editor)
    except LasermapError:
        raise  # a broken data file is an installation fault, not an odd page
    except Exception:  # noqa: BLE001 - contract: odd input gives None, never an exception
        return None


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    """Label regexes compiled from author_labels.json, longest label first."""
    raw = load_labels("author_labels.json")

    def alt(words: list[str]) -> str:
        """Regex alternation, longest first so 本报记者 wins over 记者."""
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    start = r"(?:^|(?<=[\s\[【(（|｜·•□■>-]))"
    authors = [w for w in raw["author"] if w.lower() not in ("by", "文", "文/", "written by", "posted by")]
    return {
        "author": re.compile(rf"{start}(?:{alt(authors)})\s*[:：]\s*(.*)$", re.I),
        "wen": re.compile(r"(?:^|(?<=[\s\[【(（|｜]))文\s*[:：/]\s*(.*)$"),
        "by": re.compile(r"^[\s|｜·•—-]*(?:By|BY|by|Written by|Posted by|Story by|Words by)\s+(.*)$"),
        "by_time": re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s+by\s+(\S{1,30})"),
        "reporter": re.compile(rf"(?:{alt(raw['reporter'])})\s*[:：]?\s*(.*)$", re.I),
        "editor": re.compile(rf"(?:{alt(raw['editor'])})\s*[:：]\s*(.*)$", re.I),
        "source": re.compile(rf"{start}(?:{alt(raw['source'])})\s*[:：]\s*(.*)$", re.I),
        "poster": tuple(re.compile(p) for p in raw["poster"]),
    }


def _names(value: str, *, loose: bool = False) -> str | None:
    """Strict reading: well-formed personal names that end where a byline ends, space-joined."""
    names, rest = byline(value, loose=loose)
    return join_names(names) if names and ends_cleanly(rest) else None


def _author_value(page: Page, i: int, value: str) -> str | None:
    """Value of an explicit author label; an empty label cell takes the next line."""
    if not value.strip() and i + 1 < len(page.lines):
        value = page.lines[i + 1].text if len(page.lines[i + 1].text) <= 40 else ""
    if not value.strip():
        return None
    names, rest = byline(value)
    gloss = re.match(r"\s*[(（][A-Za-z .'-]+[)）]", rest)
    if names and not gloss and (not rest or not rest[0].isalnum()):
        return join_names(names)  # 赵婕 出自[…]: well-formed names, then another field
    return clean_free_value(value)


def _line_hits(page: Page, i: int) -> Iterator[tuple[str, str]]:
    """(kind, author) pairs found on line ``i``: kind names the label that carried it."""
    text = page.lines[i].text
    p = _patterns()
    # Patterns capture "the rest of the line"; a byline value is short, so only its head is read.
    for kind in ("author", "wen"):
        m = p[kind].search(text)
        if m:
            value = _author_value(page, i, m.group(1)[:_VALUE])
            if value:
                yield "author", value
    m = p["by"].search(text)
    if m:
        value = _names(m.group(1)[:_VALUE])
        if value:
            yield "author", value
    m = p["by_time"].search(text)
    if m:
        value = clean_free_value(m.group(1))
        if value:
            yield "poster", value
    for m in p["reporter"].finditer(text):
        bracketed = bool(re.search(r"[(（][^)）]*$", text[max(0, m.start() - 24) : m.start()]))
        head = m.group(1)[:_VALUE]
        value = _names(head, loose=bracketed)
        if value:
            photo = is_photo_credit(byline(head, loose=bracketed)[1])
            yield ("photo" if photo else "reporter"), value
    for pat in p["poster"]:
        m = pat.search(text)
        if m:
            value = clean_free_value(m.group("name"))
            if value:
                yield "poster", value
    m = p["editor"].search(text)
    if m:
        value = _names(m.group(1)[:_VALUE], loose=True)
        if value:
            yield "editor", value
    m = p["source"].search(text)
    if m:
        names, rest = byline(m.group(1)[:_VALUE], latin=False)
        if len(names) == 1 and ends_cleanly(rest):
            yield "source", names[0]


def _header_extras(page: Page, i: int) -> Iterator[str]:
    """Unlabelled bylines in the header: ``[ 黄宇 ]`` in a metadata row, a row holding only names."""
    text = page.lines[i].text
    for m in _META_BRACKET.finditer(text if scan_dates(text) else ""):
        names = leading_names(m.group(1))
        if names and " ".join(names).replace(" ", "") == re.sub(r"[\s、]", "", m.group(1)):
            yield " ".join(names)
    t = page.title_index
    if t is not None and t < i <= t + 3:
        names = leading_names(text)
        if names and re.sub(r"[\s、,，]", "", text) == "".join(names):
            yield " ".join(names)


_TIER_HEADER = {"author": 0, "reporter": 1, "poster": 1, "editor": 7, "source": 8, "photo": 9}
_TIER_ELSEWHERE = {"author": 3, "reporter": 4, "poster": 5, "editor": 7, "source": 8, "photo": 9}


def _best(page: Page, include_editor: bool) -> str | None:
    """Collect every candidate with its tier; the lowest tier, then nearest the headline, wins."""
    anchor = page.title_index if page.title_index is not None else (page.header.start if page.header else 0)
    cands: list[tuple[int, int, int, str]] = []
    structured = structured_author(page)
    if structured:
        cands.append((2, 0, 0, structured))
    for i, line in enumerate(page.lines):
        if line.bad or line.linked and len(line.text) < 8:
            continue
        in_header = i in page.header
        order = abs(i - anchor) if in_header else i
        for kind, value in _line_hits(page, i):
            tier = (_TIER_HEADER if in_header else _TIER_ELSEWHERE)[kind]
            cands.append((tier, 0 if in_header else 1, order, value))
        if in_header:
            cands.extend((1, 0, order, v) for v in _header_extras(page, i))
        elif page.body_index is not None and i >= page.body_index and _paragraph_end(page, i):
            m = _TAIL_BRACKET.search(line.text)
            if m and not re.search(r"[:：]", m.group(1)):
                value = _names(m.group(1))
                if value:
                    cands.append((6, 1, i, value))
    if not include_editor:
        cands = [c for c in cands if c[0] != _TIER_HEADER["editor"]]
    if not cands:
        return None
    return _merge_adjacent(cands, min(cands))


def _merge_adjacent(cands: list[tuple[int, int, int, str]], best: tuple[int, int, int, str]) -> str:
    """Bylines split over neighbouring header rows (本报实习生 …/本报记者 …) are one byline."""
    tier, zone, order, value = best
    if zone != 0 or tier > 1:
        return value
    names = value.split()
    for t, z, o, v in sorted(cands, key=lambda c: c[2]):
        if t == tier and z == 0 and o != order and abs(o - order) <= 2:
            names.extend(n for n in v.split() if n not in names)
    return " ".join(names)


def _paragraph_end(page: Page, i: int) -> bool:
    """A bracket closing running text, or a bracket alone right after it: ``…。（袁源）``."""
    if is_body_line(page.lines[i].text):
        return True
    if i == 0 or len(page.lines[i].text) > 24:
        return False
    prev = page.lines[i - 1].text
    return is_body_line(prev) or prev.endswith(("。", "！", "？", "!", "?", "”", '"'))
