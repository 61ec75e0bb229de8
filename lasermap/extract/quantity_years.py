"""Which year a quantity refers to, read from its sentence.

Rules (word lists in the ``years`` section of ``lasermap/data/attributes.json``):

1. A year in the quantity's own clause wins (``In 2018, …`` and ``到2025年,``
   are leading time phrases and belong to the clause after them; a year inside a
   name — *China Photonics Expo 2024* — counts as the clause's year).
2. A year right after a comparison word (同比2013年, 较上一财年, compared with
   2022, 去年同期) is the *base* of a comparison, not the fact's year — unless the
   quantity is the base value itself (较上一财年的42亿欧元). Years after 自/since
   open a cumulative range and are skipped too.
3. With no year of its own, a clause takes the nearest year of another clause
   in the sentence (a clause that only compares — 同比2020年的销售额增长了35% —
   continues the one before it). Full dates (2013年12月, March 25, 2021) in other
   clauses date an event there and do not spread.
4. Otherwise the publish year, then ``doc_year``, then None.

Relative years (去年, last year, 今年) count from the publish year (or
``doc_year`` for an undated page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lasermap.data_files import load_json
from lasermap.normalize.script import to_simplified, to_traditional

_SEP = re.compile(r"[，；;：:。！？!?\n]|,(?!\d{3}(?!\d))(?!\s?(?:19|20)\d{2}(?!\d))")
_ZH_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:/(\d{2}))?(?=\s?(?:年|财年|财政年度|年度))")
_EN_YEAR = re.compile(r"(?<![\d$€£¥.,\w])((?:19|20)\d{2})(?:/(\d{2}))?(?![\d\w%]|,\d|\.\d|\s?%)")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_ZH_DAY_AFTER = re.compile(
    r"\s?年?\s?(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s?月\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s?[日号]"
)
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_ZH_MONTH_AFTER = re.compile(r"\s?(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s?月")
_EN_DAY_NEAR = re.compile(
    rf"(?:(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+(?:{_MONTHS})[a-z]*\.?),?\s+$"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")
_NUMBER_AT = re.compile(r"\d[\d.,]*")
_PCT_AT = re.compile(r"[^\s\d]{0,12}?\s?\d[\d.,]*\s?(?:%|％|percent|per cent)")


@dataclass(frozen=True, slots=True)
class YearMention:
    start: int
    end: int
    year: int
    base: bool = False
    exact_day: bool = False  # 2013年12月5日, March 25, 2021: an event's date, which does not spread
    since: bool = False  # 自2002年, 2002年首次举办: a starting point, not the figure's year


@dataclass(frozen=True, slots=True)
class _Words:
    relative_re: re.Pattern[str]
    relative: dict[str, int]
    base_only: frozenset[str]
    base_re: re.Pattern[str]
    since_re: re.Pattern[str]
    since_after_re: re.Pattern[str]
    back_ref_re: re.Pattern[str]
    time_re: re.Pattern[str]


def _variants(words: list[str]) -> list[str]:
    """Words in both scripts (a sentence may stay Traditional)."""
    return [v for w in words for v in ({w, to_traditional(w)} if _CJK.search(w) else {w})]


def _alt(words: list[str]) -> str:
    """Longest-first alternation; English words only at word boundaries."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w)
        if w[0].isascii() and w[0].isalpha():
            p = r"(?<![a-z])" + p
        if w[-1].isascii() and w[-1].isalpha():
            p += r"(?![a-z])"
        parts.append(p)
    return "|".join(parts)


@lru_cache(maxsize=1)
def _words() -> _Words:
    """Compile the year word lists of attributes.json once per process."""
    y: dict[str, Any] = load_json("attributes.json")["years"]
    rel = {k: int(v) for k, v in y["relative"].items()}
    base = _variants(y["base_before"]["zh"]) + y["base_before"]["en"]
    since = _variants(y["since"]["zh"]) + y["since"]["en"]
    time = _variants(y["time_words"]["zh"]) + y["time_words"]["en"]
    return _Words(
        relative_re=re.compile(_alt(list(rel))),
        relative=rel,
        base_only=frozenset(y["relative_base_only"]),
        base_re=re.compile(rf"(?:{_alt(base)})(?:\s+(?:in|the|that of|those of))?\s*的?\s*$"),
        since_re=re.compile(rf"(?:{_alt(since)})\s*$"),
        since_after_re=re.compile(
            r"\s?年?\s?(?:" + _alt(_variants(y["since_after"]["zh"]) + y["since_after"]["en"]) + ")"
        ),
        back_ref_re=re.compile(_alt(_variants(y["back_reference"]))),
        time_re=re.compile(_alt(time)),
    )


def _prepare(sentence: str) -> str:
    """Simplified, lower-cased copy with the same offsets (the original if OpenCC changes length)."""
    simp = to_simplified(sentence)
    return (simp if len(simp) == len(sentence) else sentence).lower()


def _pub_year(published: str | None) -> int | None:
    """The year of a 'YYYY-MM-DD' publish date."""
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


def _mentions(s: str, ref: int | None) -> list[YearMention]:
    """Every year expression in the prepared sentence, flagged as base, exact day or starting point."""
    w = _words()
    found: list[tuple[int, int, int, bool]] = []  # start, end, year, exact_day
    for m in _ISO_DATE.finditer(s):
        found.append((m.start(), m.end(), int(m.group(1)), True))
    for rx in (_ZH_YEAR, _EN_YEAR):
        for m in rx.finditer(s):
            if any(a <= m.start() < b for a, b, _, _ in found):
                continue
            year = int(m.group(1)) if not m.group(2) else int(m.group(1)[:2] + m.group(2))
            day = bool(_ZH_DAY_AFTER.match(s, m.end())) or bool(
                _EN_DAY_NEAR.search(s, max(0, m.start() - 20), m.start())
            )
            found.append((m.start(), m.end(), year, day))
    if ref is not None:
        for m in w.relative_re.finditer(s):
            # 去年10月 dates an event there; unlike "2013年12月" it never sets a whole period
            day = bool(_ZH_DAY_AFTER.match(s, m.end()) or _ZH_MONTH_AFTER.match(s, m.end()))
            found.append((m.start(), m.end(), ref + w.relative[to_simplified(m.group())], day))
    out = []
    for start, end, year, day in sorted(_drop_quantities(s, found)):
        since = bool(w.since_re.search(s, max(0, start - 8), start) or w.since_after_re.match(s, end))
        base = s[start:end] in w.base_only or bool(w.base_re.search(s, max(0, start - 16), start))
        out.append(YearMention(start, end, year, base, day, since))
    return out


def _drop_quantities(s: str, found: list[tuple[int, int, int, bool]]) -> list[tuple[int, int, int, bool]]:
    """'2000 employees' or '2000人' is a count, not a year."""
    if not found:
        return found
    spans = _quantity_spans(s)
    return [f for f in found if not any(a <= f[0] < b for a, b in spans)]


@lru_cache(maxsize=512)
def _quantity_spans(s: str) -> tuple[tuple[int, int], ...]:
    """Quantity spans of a prepared sentence; cached because every figure in it asks again."""
    from lasermap.extract.quantities import find_quantities

    return tuple((q.start, q.end) for q in find_quantities(s))


def _segments(s: str) -> list[tuple[int, int]]:
    """Raw clause spans between clause punctuation (a thousands comma is not one)."""
    out, lo = [], 0
    for m in _SEP.finditer(s):
        out.append((lo, m.start()))
        lo = m.end()
    out.append((lo, len(s)))
    return out


def _is_time_phrase(s: str, lo: int, hi: int, mentions: list[YearMention]) -> bool:
    """'In 2018' / '到2025年' / '截至2023年6月30日': only a time expression, so it scopes the next clause."""
    inside = [m for m in mentions if lo <= m.start < hi]
    if not inside:
        return False
    rest = list(s[lo:hi])
    for m in inside:
        rest[m.start - lo : m.end - lo] = [" "] * (m.end - m.start)
    text = _words().time_re.sub(" ", "".join(rest))
    text = re.sub(r"[\d\s,.年]", "", text)
    return len(text) <= 2


def clauses(s: str, mentions: list[YearMention] | None = None) -> list[tuple[int, int]]:
    """Clause spans of a prepared sentence; a leading time phrase joins the clause after it."""
    mentions = _mentions(s, None) if mentions is None else mentions
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for lo, hi in _segments(s):
        if carry is not None:
            lo, carry = carry, None
        if _is_time_phrase(s, lo, hi, mentions):
            carry = lo
            continue
        out.append((lo, hi))
    if carry is not None:
        out.append((carry, len(s)))
    return out


def clause_bounds(s: str, pos: int, mentions: list[YearMention] | None = None) -> tuple[int, int]:
    """The clause of a prepared sentence that contains offset ``pos``."""
    spans = clauses(s, mentions)
    for lo, hi in spans:
        if lo <= pos <= hi:
            return lo, hi
    return 0, len(s)


def resolve_year(sentence: str, q_start: int, published: str | None, doc_year: int | None) -> int | None:
    """The year the quantity at ``q_start`` refers to (see the module docstring for the rules)."""
    pub = _pub_year(published)
    ref = pub if pub is not None else doc_year
    s = _prepare(sentence)
    mentions = _mentions(s, ref)
    lo, hi = clause_bounds(s, q_start, mentions)
    inside = [m for m in mentions if lo <= m.start < hi]
    base_value = _base_value_year(s, q_start, inside)
    if base_value is not None:
        return base_value
    own = [m for m in inside if not m.base and not m.since]
    if own:
        return min(own, key=lambda m: abs(m.start - q_start)).year
    back = _words().back_ref_re.search(s, lo, hi)
    if back is not None:
        earlier = [m for m in mentions if m.end <= back.start() and not m.base]
        if earlier:
            return earlier[-1].year
    return _from_other_clauses(s, mentions, lo, hi, inside) or ref


def _base_value_year(s: str, q_start: int, inside: list[YearMention]) -> int | None:
    """较上一财年(创纪录)的56亿欧元 / 4.2 billion euros booked a year earlier: the quantity *is* the base."""
    if _PCT_AT.match(s, q_start):
        return None
    for m in inside:
        gap = s[m.end : q_start]
        if (
            m.base
            and 0 <= len(gap) <= 8
            and not _DIGIT.search(gap)
            and (gap.endswith("的") or not gap.strip())
        ):
            return m.year
    number = _NUMBER_AT.search(s, q_start)
    if number is None:
        return None
    for m in inside:
        gap = s[number.end() : m.start]
        if m.base and 0 < len(gap) <= 30 and not _DIGIT.search(gap):
            return m.year
    return None


def _from_other_clauses(
    s: str, mentions: list[YearMention], lo: int, hi: int, inside: list[YearMention]
) -> int | None:
    """Nearest usable year elsewhere in the sentence: before the clause first, after it only when
    the clause is not a comparison. A sentence-opening time phrase (2018年1月,) covers it all."""
    usable = [m for m in mentions if not (lo <= m.start < hi) and not m.base and not m.since]
    before = [m for m in usable if m.end <= lo and not m.exact_day]
    if before:
        return before[-1].year
    after = [m for m in usable if m.start >= hi and not m.exact_day]
    if after and not any(m.base for m in inside):
        return after[0].year
    first = _segments(s)[0]
    if first[1] <= lo and _is_time_phrase(s, first[0], first[1], mentions):
        lead = [m for m in usable if m.start < first[1]]
        if lead:
            return lead[0].year
    return None
