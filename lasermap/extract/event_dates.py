"""Dates written next to events, resolved as precisely as the text allows.

An event's date is rarely written in full: ``On May 6``, ``今年6月30日``,
``近日``, ``last year``, ``10月``. Each expression is found with its span (the
one nearest the trigger wins) and resolved against the page's publish date;
without one, the dominant explicit year of the page (``doc_year``) stands in
for year-less dates, and otherwise the year is not guessed. The result keeps
the precision of the text: ``2024-06-30``, ``2015-06``, ``2024``.

Full English dates reuse :func:`lasermap.metadata.datestr.scan_dates`; the
partial and relative forms are local because they need spans and a base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from lasermap.metadata.datestr import scan_dates

_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_CN = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_PART = r"(?:\s*(?:上旬|中旬|下旬|初|底|末))?"  # 5月中旬: still May
_NOT_AT = r"\s*(?:之前|以前|前|之后|以后|后)"  # 2008年前 is a deadline, not a date
_REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
_REL_EN = {
    "last": -1,
    "this": 0,
    "next": 1,
    "earlier this": 0,
    "later this": 0,
    "early this": 0,
    "late last": -1,
}

_ZH = (
    (
        "since",
        re.compile(r"(?:自|从)?(?P<r>去年|前年)(?:以来|起)|(?:自|从)?(?P<y>(?:19|20)\d{2})\s*年(?:以来|起)"),
    ),
    (
        "abs",
        re.compile(
            rf"(?<!\d)(?P<y>(?:19|20)\d{{2}})\s*年(?:\s*(?P<m>{_N})\s*月(?:\s*(?P<d>{_N})\s*[日号])?{_PART})?(?!{_NOT_AT})"
        ),
    ),
    ("abs", re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")),
    (
        "rel",
        re.compile(
            rf"(?P<r>今年|本年|去年|上年|前年|明年)(?:\s*(?P<m>{_N})\s*月(?:\s*(?P<d>{_N})\s*[日号])?{_PART})?"
        ),
    ),
    ("md", re.compile(rf"(?<![\d年])(?P<m>{_N})\s*月(?:\s*(?P<d>{_N})\s*[日号])?{_PART}")),
    ("that", re.compile(r"当年|当天|当日|当月")),
    ("recent", re.compile(r"近日|日前|近期|本月|上月|今天|今日|昨天|昨日")),
)
_EN = (
    ("since", re.compile(r"\bsince\s+(?:(?P<r>last|this)\s+year|(?P<y>(?:19|20)\d{2}))\b", re.I)),
    ("abs", re.compile(rf"\b(?P<mon>{_MON})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b")),
    (
        "md",
        re.compile(rf"\b(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d{{2}})"),
    ),
    (
        "md",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\b(?!,?\s*(?:19|20)\d{{2}})"
        ),
    ),
    ("md", re.compile(rf"\b(?:in|during|by|until|early|late|mid-?)\s+(?P<mon>{_MON})\b(?!\s+\d)")),
    (
        "abs",
        re.compile(
            r"\b(?:in|during|by|from|until|of|early|late|mid-?|(?:the\s+)?(?:end|beginning|start|middle|first half|second half)\s+of)\s+(?:the\s+year\s+)?(?P<y>(?:19|20)\d{2})\b",
            re.I,
        ),
    ),
    ("abs", re.compile(r"^(?P<y>(?:19|20)\d{2}),")),
    (
        "rel",
        re.compile(r"\b(?P<r>earlier this|later this|early this|late last|last|this|next)\s+year\b", re.I),
    ),
    ("that", re.compile(r"\b(?:[Tt]hat (?:year|day|month)|the same day)\b")),
    (
        "recent",
        re.compile(
            r"\b(?:recently|this week|earlier this week|today|yesterday|this month|last month)\b", re.I
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression in a string; unknown parts are None, ``rel`` is a year offset."""

    start: int
    end: int
    kind: str  # abs | rel | md | recent | since | that ("that year": the year last written before it)
    year: int | None = None
    month: int | None = None
    day: int | None = None
    rel: int | None = None
    word: str = ""


def _num(s: str | None) -> int | None:
    """Arabic or Chinese numerals up to 31 (十二, 二十三)."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    return _CN.get(s)


def _mon(s: str | None) -> int | None:
    return _MONTHS.get(s[:3].lower()) if s else None


def _from_match(kind: str, m: re.Match[str]) -> DateExpr | None:
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else None
    mo = _mon(g.get("mon")) or _num(g.get("m"))
    d = _num(g.get("d"))
    rel = None
    if g.get("r"):
        r = g["r"].lower()
        rel = _REL_YEAR.get(g["r"], _REL_EN.get(r, -2 if r == "前年" else None))
        if kind == "since" and rel is None:
            rel = -1 if r in ("last", "去年") else 0
    if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    return DateExpr(m.start(), m.end(), kind, y, mo, d, rel, m.group())


def scan(s: str, zh: bool) -> list[DateExpr]:
    """Every date expression in ``s``, left to right, without overlaps (earlier patterns win)."""
    found: list[DateExpr] = []
    if not zh:
        for f in scan_dates(s):
            found.append(DateExpr(f.start, f.end, "abs", f.ymd[0], f.ymd[1], f.ymd[2], word=f.text))
    for kind, pat in _ZH if zh else _EN:
        for m in pat.finditer(s):
            if any(m.start() < e.end and e.start < m.end() for e in found):
                continue
            expr = _from_match(kind, m)
            if expr:
                found.append(expr)
    return sorted(found, key=lambda e: e.start)


def _fmt(y: int, m: int | None, d: int | None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_published(published: str | None) -> date | None:
    """The publish date as a ``date`` (None when absent or not ISO)."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def resolve(
    e: DateExpr, published: date | None, doc_year: int | None, planned: bool = False, prev: str | None = None
) -> str | None:
    """The expression as an ISO date string of the right precision, or None when the year is unknowable.

    ``prev`` is the date written last before the expression, which is what
    当年 / 当天 / "that year" mean (not the publish date).
    """
    if e.kind == "that":
        keep = 4 if e.word.endswith(("年", "year")) else 7 if e.word.endswith(("月", "month")) else 10
        return prev[:keep] if prev and len(prev) >= keep else None
    if e.kind == "recent":
        return _recent(e.word, published, doc_year)
    if e.year is not None:
        return _fmt(e.year, e.month, e.day)
    base = published.year if published else doc_year
    if base is None:
        return None
    if e.rel is not None:
        return _fmt(base + e.rel, e.month, e.day)
    if e.month is None:
        return None
    y = base
    if published and not planned:
        try:
            written = date(y, e.month, e.day or 1)
        except ValueError:
            return None
        if written > published + timedelta(days=183):
            y -= 1  # "Dec 28" in a January article is last December; "10月" in June is still ahead
    return _fmt(y, e.month, e.day)


def _recent(word: str, published: date | None, doc_year: int | None) -> str | None:
    """近日/recently → the publish month; 今天/昨天 → the day; no publish date → the page's year."""
    if published is None:
        return f"{doc_year:04d}" if doc_year else None
    w = word.lower()
    if w in ("今天", "今日", "today"):
        return published.isoformat()
    if w in ("昨天", "昨日", "yesterday"):
        return (published - timedelta(days=1)).isoformat()
    if w in ("上月", "last month"):
        prev = published.replace(day=1) - timedelta(days=1)
        return _fmt(prev.year, prev.month, None)
    return _fmt(published.year, published.month, None)


def name_year(name: str) -> int | None:
    """The edition year written in an event name (``2023 World …``, ``… 2024``, ``2023年…``)."""
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", name)
    return int(m.group(1)) if m else None
