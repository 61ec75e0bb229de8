"""Publish-date extraction: the date a page says it was published, or nothing.

Sources in order of trust, the first that answers wins:

1. explicit publish-date meta tags (``article:published_time``, ``PubDate`` …),
2. JSON-LD ``datePublished``,
3. ``<time pubdate>`` / ``itemprop=datePublished`` elements,
4. a date printed in the page's header zone, between the headline and the
   first paragraph (labelled ``发布时间:`` / ``Time:`` first, then a date on a
   short metadata line such as ``来源:XX 2015-06-03``),
5. a date behind a strong publish label anywhere else (``Post time: …`` at
   the end of a capture, ``发表于 …`` under a blog post),
6. the URL (``/2021/07/01/``, ``t20210701_``) when the caller knows it.

What is *not* a source matters as much: copyright spans, ICP lines, the
"today is" date in portal top bars, event dates in the article text
(``今年6月30日``, ``On May 6, the 2023 …``) and other labelled dates
(报名日期, 成文日期) are all ignored, so a page without a publish date gets
None instead of a plausible-looking invention. Dates are given in the site's
local calendar: Chinese pages are read in China time (UTC+8).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from lxml import etree

from lasermap.errors import LasermapError
from lasermap.metadata.datestr import (
    CHINA_TZ,
    normalise,
    parse_date_string,
    parse_iso_timestamp,
    scan_dates,
    unix_to_date,
)
from lasermap.metadata.datestr import iso as _iso
from lasermap.metadata.page import Page, build_page, load_labels
from lasermap.metadata.visible import visible_date, yearless_label

__all__ = ["DateFinding", "find_publish_date", "parse_date_string"]


@dataclass(frozen=True, slots=True)
class DateFinding:
    """A publish date with the evidence it was read from, so a reviewer can check it."""

    date: str
    evidence: str
    method: str


def find_publish_date(source_text: str, kind: str, url: str | None = None) -> DateFinding | None:
    """The page's publish date as 'YYYY-MM-DD' with evidence, or None when the page shows none.

    ``kind`` is 'html' for markup or 'text' for a text capture. Never raises:
    metadata is optional, and an odd page must not stop the pipeline.
    """
    try:
        return _find(source_text, kind, url)
    except LasermapError:
        raise  # a broken data file is an installation fault, not an odd page
    except Exception:  # noqa: BLE001 - contract: odd input gives None, never an exception
        return None


def _find(source_text: str, kind: str, url: str | None) -> DateFinding | None:
    """Structured sources, then the visible header, then scripts, then the URL (module docstring)."""
    if not isinstance(source_text, str) or not source_text.strip():
        return _from_url(url) if url else None
    page = build_page(source_text, "html" if kind == "html" else "text")
    tz = CHINA_TZ if page.chinese else None
    structured = None
    if page.tree is not None:
        structured = _from_meta(page, tz) or _from_jsonld(page, tz) or _from_time_tags(page, tz)
    hit = visible_date(page, tz, _today())
    shown = DateFinding(_iso(hit.ymd), hit.evidence, hit.method) if hit else None
    if structured is not None:
        finding, value = structured
        return _local_day(finding, value, shown, url) if tz is None else finding
    if shown is not None:
        return shown
    found = None
    if page.tree is not None:
        found = _from_script(source_text, tz) or _from_yearless(page, source_text, tz)
    if found is None and url:
        found = _from_url(url)
    return found


_UTC_STAMP = re.compile(r"T?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:Z|[+-]00:?00|UTC|GMT)?\W*$", re.I)


def _local_day(
    structured: DateFinding, value: str, shown: DateFinding | None, url: str | None
) -> DateFinding:
    """On a non-Chinese page whose local zone is unknown, a UTC (or zone-less) timestamp can
    fall on the next or previous day; a date the site printed itself (header, URL) that is
    exactly one day off is the site's local date, so it wins."""
    if not _UTC_STAMP.search(value.strip()):
        return structured
    for local in (shown, _from_url(url) if url else None):
        if (
            local is not None
            and abs((date.fromisoformat(local.date) - date.fromisoformat(structured.date)).days) == 1
        ):
            return local
    return structured


def _today() -> date:
    """Today, used only to reject dates in the future (a page cannot be published tomorrow)."""
    return date.today()


def _plausible(ymd: tuple[int, int, int] | None) -> bool:
    """Machine dates before 1990 are placeholders (1970-01-01 from a zero timestamp); future ones are errors."""
    if ymd is None:
        return False
    try:
        return date(*ymd) <= _today() + timedelta(days=1) and ymd[0] >= 1990
    except ValueError:
        return False


def read_machine_date(value: str, tz: tzinfo | None) -> tuple[int, int, int] | None:
    """A date from a machine-readable value: ISO timestamp, plain date, unix seconds or 20210701."""
    value = normalise(value or "").strip()
    if not value:
        return None
    ymd = parse_iso_timestamp(value, tz)
    if ymd is None and re.fullmatch(r"1\d{9}|1\d{12}", value):
        ymd = unix_to_date(int(value), tz)
    if ymd is None and re.fullmatch(r"(19|20)\d{6}", value):
        parsed = parse_date_string(f"{value[:4]}-{value[4:6]}-{value[6:]}")
        ymd = parsed if parsed and parsed[1] and parsed[2] else None  # type: ignore[assignment]
    if ymd is None:
        found = scan_dates(value[:60])
        ymd = found[0].ymd if found else None
    return ymd if _plausible(ymd) else None


#: A structured finding and the machine value it was read from (needed to judge its time zone).
Structured = tuple[DateFinding, str]


def _from_meta(page: Page, tz: tzinfo | None) -> Structured | None:
    """The most trusted publish-date meta tag present (the list order in date_labels.json)."""
    names = load_labels("date_labels.json")["meta_names_publish"]
    by_key: dict[str, tuple[str, str]] = {}
    for key, content, raw in page.meta:
        by_key.setdefault(key, (content, raw))
    for name in names:
        if name in by_key:
            content, raw = by_key[name]
            ymd = read_machine_date(content, tz)
            if ymd:
                return DateFinding(_iso(ymd), raw, "meta"), content
    return None


def _jsonld_values(node: Any, keys: tuple[str, ...], depth: int = 0) -> Iterator[str]:
    """Every string under one of ``keys`` in a JSON-LD document, depth-first."""
    if depth > 12:
        return
    if isinstance(node, dict):
        if str(node.get("@type", "")).lower() in ("comment", "review", "answer"):
            return
        for k in keys:
            v = node.get(k)
            if isinstance(v, str):
                yield v
        for v in node.values():
            if isinstance(v, (dict, list)):
                yield from _jsonld_values(v, keys, depth + 1)
    elif isinstance(node, list):
        for v in node:
            yield from _jsonld_values(v, keys, depth + 1)


def _from_jsonld(page: Page, tz: tzinfo | None) -> Structured | None:
    """``datePublished`` from JSON-LD (dateCreated only when no datePublished anywhere)."""
    for key in load_labels("date_labels.json")["jsonld_keys"]:
        for doc in page.jsonld:
            for value in _jsonld_values(doc, (key,)):
                ymd = read_machine_date(value, tz)
                if ymd:
                    evidence = json.dumps({key: value}, ensure_ascii=False)
                    return DateFinding(_iso(ymd), evidence, "jsonld"), value
    return None


_TIME_XPATH = (
    "//*[@itemprop='datePublished']"
    " | //time[@pubdate]"
    " | //*[self::time or self::abbr or self::span][contains(concat(' ', normalize-space(@class), ' '), ' published ')"
    " or contains(@class, 'pubdate') or contains(@class, 'publish-date') or contains(@class, 'entry-date')"
    " or contains(@class, 'post-date') or contains(@class, 'date-published')]"
)


def _from_time_tags(page: Page, tz: tzinfo | None) -> Structured | None:
    """Elements that mark up the publish date for machines: itemprop, pubdate, hAtom 'published'."""
    try:
        elements = page.tree.xpath(_TIME_XPATH)
    except Exception:  # noqa: BLE001 - lxml raises several types on odd trees
        return None
    for el in elements[:20]:
        for value in (el.get("datetime"), el.get("content"), el.get("title"), el.text_content()[:80]):
            if value:
                ymd = read_machine_date(value, tz)
                if ymd:
                    raw = etree.tostring(el, encoding="unicode", with_tail=False)[:200]
                    return DateFinding(_iso(ymd), raw, "time-tag"), value
    return None


@lru_cache(maxsize=1)
def _script_pattern() -> re.Pattern[str]:
    """``var ct = "1731340800"`` / ``publish_time: '2019-09-08 11:42:03'`` for the keys in date_labels.json."""
    keys = "|".join(re.escape(k) for k in load_labels("date_labels.json")["script_keys"])
    return re.compile(rf"""(?<![\w.$])(?:var\s+)?["']?(?:{keys})["']?\s*[:=]\s*["']?([^"',;<>\n]{{6,40}})""")


def _from_script(source: str, tz: tzinfo | None) -> DateFinding | None:
    """A publish time that only scripts carry (client-rendered pages), if they agree on one date."""
    dates: dict[tuple[int, int, int], str] = {}
    for m in _script_pattern().finditer(source):
        ymd = read_machine_date(m.group(1).strip(), tz)
        if ymd:
            dates.setdefault(ymd, m.group(0).strip())
        if len(dates) > 1:
            return None  # a list page: many items, many dates, none of them the page's
    if len(dates) == 1:
        ymd, evidence = next(iter(dates.items()))
        return DateFinding(_iso(ymd), evidence[:200], "script")
    return None


_MACHINE_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})[ T]\d{2}:\d{2}")


def _from_yearless(page: Page, source: str, tz: tzinfo | None) -> DateFinding | None:
    """A year-less labelled header date, completed with the year of the page's one machine
    timestamp (meta or script) that has the same month and day."""
    hit = yearless_label(page)
    if hit is None:
        return None
    yy, mo, d, evidence = hit
    years = {
        int(m.group(1))
        for m in _MACHINE_DATE.finditer(source)
        if (int(m.group(2)), int(m.group(3))) == (mo, d) and (yy is None or int(m.group(1)) % 100 == yy)
    }
    if len(years) != 1:
        return None
    ymd = (years.pop(), mo, d)
    return DateFinding(_iso(ymd), evidence, "label+year") if _plausible(ymd) else None


_URL_PATTERNS = (
    re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[_.-])"),
    re.compile(r"(?:/|^|[_=-]|(?<=/)t)((?:19|20)\d{2})(\d{2})(\d{2})(?:/|_|\.|-|$)"),
    re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/"),
)


def _from_url(url: str) -> DateFinding | None:
    """A full date in the URL path; year-month alone (``/2021-07/``) is not enough."""
    try:
        path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    except (AttributeError, TypeError):
        return None
    for pat in _URL_PATTERNS:
        for m in pat.finditer(path):
            ymd = read_machine_date(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", None)
            if ymd:
                return DateFinding(_iso(ymd), url, "url")
    return None
