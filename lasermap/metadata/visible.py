"""Publish dates printed on the page: candidates, their labels and their tiers.

A date on a page is a publish date only in a few positions, and this module
encodes those positions rather than any site's layout:

* tier 0 — in the header zone (headline to first paragraph) behind a publish
  or generic label (``发布时间:``, ``时间:``, ``Time:``, ``Post time:``),
* tier 1 — in the header zone on a short metadata line, with no label
  (``来源:XX 2015-06-03 我要评论``, a lone ``2022-02-13 09:57``),
* tier 2 — in the header zone behind an update label (``2005-04-05 06:40更新``),
* tier 3 — anywhere else, but only directly behind a strong publish label
  (``Post time: Mar-21-2024`` closing a capture, ``发表于 2005-9-15``).

Anything in a footer/comment container, on a copyright or ICP line, behind a
different label (报名日期, 成文日期, 截至) or in running text is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from functools import lru_cache

from lasermap.metadata.datestr import DateMatch, scan_dates, unix_to_date
from lasermap.metadata.page import Line, Page, is_body_line, is_breadcrumb, load_labels, weight

_STRIP = " \t:：;；,，.。|｜[]【】()（）<>《》@/\\-–—•·*#~=\"'"
_OTHER_LABEL = re.compile(r"(日期|时间|時間|日子|date|time)$", re.I)
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
#: Chinese sentence punctuation: a line with it is prose, and a date in prose is an event date.
_SENTENCE = re.compile(r"[，。；！？]")
#: A date followed by the end of a range: 6月18日-20日, June 18–20.
_RANGE = re.compile(r"\s*[-–~～至到]\s*\d")
#: Labels sit right next to their date: only this many characters either side are read.
_WINDOW = 48
#: A header line with at most this much text besides its dates counts as a metadata row.
_SHORT_LINE = 90


@dataclass(frozen=True, slots=True)
class Hit:
    """A chosen visible date."""

    ymd: tuple[int, int, int]
    evidence: str
    method: str


@dataclass(frozen=True, slots=True)
class _Cand:
    """A candidate, ordered by (tier, below-the-title first, distance, line, column)."""

    tier: int
    after: int
    dist: int
    index: int
    start: int
    ymd: tuple[int, int, int]
    evidence: str
    method: str


@dataclass(frozen=True, slots=True)
class _Labels:
    """Label lists from date_labels.json, lower-cased, longest first so 发布时间 wins over 时间."""

    publish: tuple[str, ...]
    weak: tuple[str, ...]
    update: tuple[str, ...]
    meta_line: tuple[str, ...]
    negative_line: tuple[str, ...]
    negative_near: tuple[str, ...]
    negative_after: tuple[str, ...]
    weekday: tuple[str, ...]
    suffix_publish: tuple[str, ...]
    suffix_update: tuple[str, ...]
    prefix_regex: tuple[re.Pattern[str], ...]
    label_prefixes: tuple[str, ...]


@lru_cache(maxsize=1)
def _labels() -> _Labels:
    raw = load_labels("date_labels.json")

    def words(key: str) -> tuple[str, ...]:
        return tuple(sorted((w.lower() for w in raw[key]), key=len, reverse=True))

    return _Labels(
        publish=words("publish"),
        weak=words("weak"),
        update=words("update"),
        meta_line=words("meta_line"),
        negative_line=words("negative_line"),
        negative_near=words("negative_near"),
        negative_after=words("negative_after"),
        weekday=words("weekday_markers"),
        suffix_publish=words("suffix_publish"),
        suffix_update=words("suffix_update"),
        prefix_regex=tuple(re.compile(p) for p in raw["publish_prefix_regex"]),
        label_prefixes=tuple(raw["publish_label_prefixes"]),
    )


def _ends_with_label(s: str, words: tuple[str, ...]) -> str | None:
    """The label ``s`` ends with, if it stands alone (not the tail of a longer word)."""
    for w in words:
        if s.endswith(w):
            before = s[: -len(w)][-1:] if len(s) > len(w) else ""
            if w[0].isascii() and w[0].isalpha():
                if before and (before.isalnum()):
                    continue
            return w
    return None


def prefix_label(before: str) -> str | None:
    """Classify the text right before a date: 'publish', 'weak', 'update', 'other' or None."""
    lab = _labels()
    s = before.rstrip(_STRIP).lower()
    if not s:
        return None
    if any(p.search(s) for p in lab.prefix_regex):
        return "publish"
    for kind, words in (("publish", lab.publish), ("update", lab.update), ("weak", lab.weak)):
        w = _ends_with_label(s, words)
        if w is None:
            continue
        head = s[: -len(w)]
        if _CJK_CHAR.match(w) and head[-1:] and _CJK_CHAR.match(head[-1:]):
            if kind == "weak" or not head.endswith(lab.label_prefixes):
                return "other"  # 报名日期, 新品发布时间: the date of something else
        return kind
    if _OTHER_LABEL.search(s):
        return "other"
    return None


def suffix_label(after: str) -> str | None:
    """'publish' for ``… 发布``/``… posted``, 'update' for ``…更新`` right after a date."""
    lab = _labels()
    s = after.lstrip(_STRIP).lower()
    if s.startswith(lab.suffix_publish):
        return "publish"
    if s.startswith(lab.suffix_update):
        return "update"
    return None


def _negative(line: str, m: DateMatch) -> bool:
    """Copyright/ICP/top-bar lines; an event or deadline word just before the date; a range
    (``18日-20日``, ``至``) or a venue right after it."""
    lab = _labels()
    low = line.lower()
    if any(w in low for w in lab.negative_line):
        return True
    near = low[max(0, m.start - 16) : m.start]
    if any(w in near for w in lab.negative_near):
        return True
    after = low[m.end : m.end + 20]
    return bool(_RANGE.match(after)) or any(w in after for w in lab.negative_after)


def _has_meta_words(line: str) -> bool:
    """来源/作者/阅读/By/Views on the line: a metadata row, where an unlabelled date is the publish date."""
    low = line.lower()
    for w in _labels().meta_line:
        if w.isascii():
            if re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low):
                return True
        elif w in low:
            return True
    return False


def _remainder_weight(line: str, found: list[DateMatch]) -> int:
    """How much text the line holds besides its dates."""
    rest = line
    for f in found:
        rest = rest.replace(f.text, " ")
    return weight(re.sub(r"\s+", "", rest))


_UNIX_AFTER_LABEL = re.compile(r"(?<!\d)(1\d{9}|1\d{12})(?!\d)")


def _line_dates(line: Line, tz: tzinfo | None) -> list[DateMatch]:
    """Calendar dates in the line, plus unix timestamps that directly follow a label."""
    found = scan_dates(line.text)
    for m in _UNIX_AFTER_LABEL.finditer(line.text):
        kind = prefix_label(line.text[max(0, m.start() - _WINDOW) : m.start()])
        ymd = unix_to_date(int(m.group(1)), tz) if kind in ("publish", "weak") else None
        if ymd:
            found.append(DateMatch(m.start(), m.end(), ymd, True, m.group(1)))
    return found


def _classify(page: Page, i: int, m: DateMatch, found: list[DateMatch]) -> tuple[int, str] | None:
    """(tier, method) for one date occurrence, or None when it cannot be the publish date."""
    line = page.lines[i]
    text = line.text
    if line.bad or _negative(text, m):
        return None
    before = text[max(0, m.start - _WINDOW) : m.start]
    label = prefix_label(before)
    if label is None and m.start < _WINDOW and not before.rstrip(_STRIP) and i > 0:
        prev = page.lines[i - 1].text
        if not scan_dates(prev):
            label = prefix_label(prev)  # label cell / value cell
    suffix = suffix_label(text[m.end : m.end + _WINDOW])
    if label == "other":
        return None
    in_header = i in page.header and not line.linked
    before_title = page.title_index is not None and i < page.title_index
    if in_header:
        if is_body_line(text) or _SENTENCE.search(text):
            # Prose: a date in a sentence is an event date, even in the header, unless a
            # publish label stands right before it.
            return (0, "label") if label == "publish" else None
        if label in ("publish", "weak") or suffix == "publish":
            return 0, "label"
        if label == "update" or suffix == "update":
            return 2, "label"
        short = _remainder_weight(text, found) <= _SHORT_LINE
        # Above the headline only a metadata row or a timestamp right on top of it counts:
        # portal top bars print today's date there.
        close_above = before_title and (
            (m.has_time or line.hinted) and i >= (page.title_index or 0) - 2 or _dateline(page, i)
        )
        if page.title_index is None and not (m.has_time or _near_meta(page, i)):
            return None  # no headline to anchor on: only a timestamp or a byline block is trusted
        if i != page.title_index and (_has_meta_words(text) or (short and (not before_title or close_above))):
            if before_title and _weekday(text) and not _dateline(page, i):
                return None
            return 1, "header-line"
        return None
    if label == "publish" and not line.linked:
        return 3, "label"
    return None


def _dateline(page: Page, i: int) -> bool:
    """A date alone on the line right under the breadcrumb trail: the page's own dateline
    (``首頁 > 財經`` / ``2022年6月22日 星期三`` / headline), unlike a portal's top bar."""
    return (
        i > 0
        and is_breadcrumb(page.lines[i - 1].text)
        and _remainder_weight(page.lines[i].text, scan_dates(page.lines[i].text)) <= 12
    )


def _near_meta(page: Page, i: int) -> bool:
    """The line or one of its neighbours is a metadata row (来源, 记者, 作者 …)."""
    return any(_has_meta_words(page.lines[j].text) for j in range(max(0, i - 2), min(len(page.lines), i + 3)))


def _weekday(text: str) -> bool:
    """星期四 next to a date above the headline marks a portal's "today" bar."""
    return any(w in text for w in _labels().weekday)


def visible_date(page: Page, tz: tzinfo | None, today: date) -> Hit | None:
    """The best visible publish-date candidate, by tier, then nearness to the headline."""
    cands = list(_candidates(page, tz, today))
    if len({c.ymd for c in cands if c.tier == 1}) >= 3:
        # Many different unlabelled dates below the title: a list of articles, not one article.
        cands = [c for c in cands if c.tier != 1]
    if not cands:
        return None
    best = min(cands, key=lambda c: (c.tier, c.after, c.dist, c.index, c.start))
    return Hit(best.ymd, best.evidence, best.method)


def _candidates(page: Page, tz: tzinfo | None, today: date) -> Iterator[_Cand]:
    """Every date occurrence that may be the publish date, with its tier."""
    anchor = page.title_index if page.title_index is not None else (page.header.start if page.header else 0)
    limit = today + timedelta(days=1)
    for i, line in enumerate(page.lines):
        found = _line_dates(line, tz)
        for m in found:
            try:
                if date(*m.ymd) > limit or m.ymd[0] < 1990:
                    continue
            except ValueError:
                continue
            cls = _classify(page, i, m, found)
            if cls is None:
                continue
            tier, method = cls
            method = "unix" if m.text.isdigit() else method
            dist = abs(i - anchor) if tier < 3 else i
            yield _Cand(tier, 0 if i >= anchor else 1, dist, i, m.start, m.ymd, line.text[:200], method)


_YEARLESS = re.compile(
    r"(?<![\d./-])(?:(?P<yy>\d{2})-)?(?P<m>\d{1,2})(?:-|/|月)(?P<d>\d{1,2})日?(?=\s*\d{1,2}:\d{2}|\s|$|\D)"
)


def yearless_label(page: Page) -> tuple[int | None, int, int, str] | None:
    """(two-digit year or None, month, day, line) of a labelled header date printed without a
    full year (``发布时间:09-30 22:46``, ``18-03-08 23:16``).

    Only the label makes such a string a date; the year must come from elsewhere on the page.
    """
    for i in page.header:
        line = page.lines[i]
        if line.bad or line.linked or scan_dates(line.text):
            continue
        for m in _YEARLESS.finditer(line.text):
            if prefix_label(line.text[max(0, m.start() - _WINDOW) : m.start()]) in ("publish", "weak"):
                mo, d = int(m["m"]), int(m["d"])
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    return (int(m["yy"]) if m["yy"] else None), mo, d, line.text[:200]
    return None
