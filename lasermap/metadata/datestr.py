"""Reading dates out of strings: one parser for every written form lasermap meets.

News pages write dates as ``2015-06-03``, ``2023年5月6日``, ``Mar-21-2024``,
``21 March 2024``, ``二〇一五年六月三日``, ISO timestamps with offsets and bare
unix seconds. :func:`scan_dates` finds every full (day-precision) date in a
line with its span, so callers can look at the words around it (labels,
copyright notices); :func:`parse_date_string` is the general entry point.

Deliberately strict: a numeric day/month order that cannot be decided
(``06/02/2022``) gives nothing rather than a guess, and years outside
1900–2100 are rejected, so that product numbers and phone numbers do not
turn into dates.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

#: China Standard Time: every Chinese-language page is read in this zone.
CHINA_TZ = timezone(timedelta(hours=8), "CST")

_MONTHS = dict(zip("jan feb mar apr may jun jul aug sep oct nov dec".split(), range(1, 13), strict=True))
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_Y = r"(?P<y>(?:19|20)\d{2})"
_TIME = r"(?:\s*(?:T|,|\s|-)\s*(?P<hh>[0-2]?\d)[:时時](?P<mi>[0-5]\d)(?::(?P<ss>[0-5]\d))?)?"
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0}

# Every pattern names its groups y/m/d (or mon for English month names) and an
# optional time; the lookarounds keep dates from being read inside longer numbers.
_FULL_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?<![\d.]){_Y}\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号號]?(?!\d){_TIME}",
        rf"(?<![\d./-]){_Y}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d-]){_TIME}",
        rf"(?<![\d./-]){_Y}/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})(?![\d/]){_TIME}",
        rf"(?<![\d./-]){_Y}\.(?P<m>\d{{1,2}})\.(?P<d>\d{{1,2}})(?![\d.]|\.\d){_TIME}",
        rf"(?<![a-z])(?P<mon>{_MON})\.?[\s-]+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|[\s-]+){_Y}(?!\d){_TIME}",
        rf"(?<![\d.]|\w)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?(?P<mon>{_MON})\.?,?[\s-]+{_Y}(?!\d){_TIME}",
        rf"(?<![\d.]){_Y}-(?P<mon>{_MON})-(?P<d>\d{{1,2}})(?!\d)",
        r"(?<![\d/.-])(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>(?:19|20)\d{2})(?![\d/.-])" + _TIME,
        r"(?P<cy>[〇○零一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,3})月(?P<cd>[一二三四五六七八九十]{1,3})[日号]",
    )
)
_PARTIAL_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?<![\d.]){_Y}\s*年\s*(?P<m>\d{{1,2}})\s*月(?!\s*\d)",
        rf"(?<![\d./-]){_Y}[-/.](?P<m>\d{{1,2}})(?![\d/.-])",
        rf"(?<![a-z])(?P<mon>{_MON})\.?,?\s+{_Y}(?!\d)",
        r"(?P<cy>[〇○零一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,3})月",
    )
)
_YEAR_MONTHDAY = re.compile(
    rf"(?<!\d)(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号號]|(?<![a-z])(?P<mon>{_MON})\.?\s+(?P<d2>\d{{1,2}})(?!\d)",
    re.IGNORECASE,
)
_ISO_TS = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[T ](?P<hh>\d{2}):(?P<mi>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?\s*"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|GMT)?\s*$",
    re.IGNORECASE,
)
_UNIX = re.compile(r"^\s*(?P<n>1\d{9}|1\d{12})\s*$")
_RELATIVE = (
    (re.compile(r"^\s*(今天|今日|today)\b", re.I), 0),
    (re.compile(r"^\s*(昨天|昨日|yesterday)\b", re.I), 1),
    (re.compile(r"^\s*前天"), 2),
)
_AGO = re.compile(
    r"(?P<n>\d{1,3})\s*(?P<u>分钟|分鐘|小时|小時|天|日|minutes?|hours?|days?)\s*(?:前|ago)", re.I
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One full date found in a string: where, what, and whether a time came with it."""

    start: int
    end: int
    ymd: tuple[int, int, int]
    has_time: bool
    text: str


def _valid(y: int, m: int, d: int | None) -> bool:
    if not (1900 <= y <= 2100 and 1 <= m <= 12):
        return False
    return d is None or 1 <= d <= calendar.monthrange(y, m)[1]


def _cn_number(s: str) -> int | None:
    """Chinese numerals as used in dates: 二〇一五 (digit by digit), 十二, 二十三."""
    if not s:
        return None
    if len(s) == 4 and all(c in _CN_DIGITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGITS.get(tens, 0) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    if len(s) == 1 and s in _CN_DIGITS:
        return _CN_DIGITS[s]
    return None


def _ymd_from(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    """Turn a match of any pattern above into (year, month, day), or None if invalid/ambiguous."""
    g = m.groupdict()
    if g.get("cy"):
        y, mo, d = _cn_number(g["cy"]), _cn_number(g["cm"]), _cn_number(g.get("cd") or "")
        if y is None or mo is None:
            return None
        return (y, mo, d) if _valid(y, mo, d) else None
    y = int(g["y"])
    if g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            mo, d = b, a
        elif b > 12 >= a:
            mo, d = a, b
        elif a == b:
            mo, d = a, b
        else:
            return None  # 06/02/2022: day-first or month-first cannot be told apart
    else:
        mo = _MONTHS[g["mon"][:3].lower()] if g.get("mon") else int(g["m"])
        d = int(g["d"]) if g.get("d") else None
    return (y, mo, d) if _valid(y, mo, d) else None


def normalise(s: str) -> str:
    """NFKC (full-width digits and colons become ASCII) and no-break spaces as spaces."""
    return unicodedata.normalize("NFKC", s).replace("\u3000", " ")


def scan_dates(line: str) -> list[DateMatch]:
    """Every full date in ``line`` (already normalised), left to right, without overlaps."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pat in _FULL_PATTERNS:
        for m in pat.finditer(line):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            ymd = _ymd_from(m)
            if ymd is None or ymd[2] is None:
                continue
            has_time = bool(m.groupdict().get("hh"))
            found.append(DateMatch(m.start(), m.end(), (ymd[0], ymd[1], ymd[2]), has_time, m.group(0)))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def parse_iso_timestamp(s: str, tz: tzinfo | None = None) -> tuple[int, int, int] | None:
    """An ISO-8601 timestamp as a calendar date.

    With ``tz`` the instant is converted to that zone (a ``Z`` timestamp on a
    Chinese site is read in China time); without it, the date is the one
    written, which is the site's own local date whenever an offset is given.
    """
    m = _ISO_TS.match(normalise(s))
    if not m:
        return None
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    off = (m["tz"] or "").upper()
    if tz is None or not off:
        return (y, mo, d)
    if off in ("Z", "UTC", "GMT"):
        offset = timedelta(0)
    else:
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    try:
        instant = datetime(y, mo, d, int(m["hh"]), int(m["mi"]), int(m["ss"] or 0), tzinfo=timezone(offset))
    except ValueError:
        return None
    local = instant.astimezone(tz)
    return (local.year, local.month, local.day)


def unix_to_date(n: int, tz: tzinfo | None = None) -> tuple[int, int, int] | None:
    """Unix seconds (or milliseconds) as a date in ``tz`` (UTC when not given)."""
    if n > 10**12:
        n //= 1000
    if not (946684800 <= n <= 4102444800):  # 2000-01-01 .. 2100-01-01
        return None
    dt = datetime.fromtimestamp(n, tz=tz or UTC)
    return (dt.year, dt.month, dt.day)


def _relative(s: str, base: date) -> tuple[int, int, int] | None:
    """今天 / 昨天 / 3小时前 / 2 days ago, counted back from ``base``."""
    for pat, days in _RELATIVE:
        if pat.search(s):
            d = base - timedelta(days=days)
            return (d.year, d.month, d.day)
    m = _AGO.search(s)
    if m:
        n, unit = int(m["n"]), m["u"].lower()
        days = n if unit[0] in "天日d" else 0
        d = base - timedelta(days=days)
        return (d.year, d.month, d.day)
    return None


def parse_date_string(
    s: str, *, base: date | None = None, tz: tzinfo | None = None
) -> tuple[int, int | None, int | None] | None:
    """The first date written in ``s`` as ``(year, month, day)``; month/day None when not written.

    ``base`` resolves dates without a year (``5月6日``, ``May 6``) and relative
    ones (``昨天``, ``3 days ago``); without it those give None, because a
    guessed year is a wrong date as often as not. ``tz`` is the zone in which
    unix timestamps and offset-carrying ISO timestamps are read: pass
    :data:`CHINA_TZ` for Chinese pages (a bare unix time is UTC otherwise).
    Never raises.
    """
    try:
        return _parse(s, base, tz)
    except (ValueError, TypeError, OverflowError, KeyError, AttributeError):
        return None


def _parse(s: str, base: date | None, tz: tzinfo | None) -> tuple[int, int | None, int | None] | None:
    if not isinstance(s, str) or not s.strip():
        return None
    s = normalise(s)[:500]
    m = _UNIX.match(s)
    if m:
        return unix_to_date(int(m["n"]), tz)
    iso = parse_iso_timestamp(s, tz)
    if iso:
        return iso
    found = scan_dates(s)
    if found:
        return found[0].ymd
    for pat in _PARTIAL_PATTERNS:
        pm = pat.search(s)
        if pm:
            ymd = _ymd_from(pm)
            if ymd:
                return (ymd[0], ymd[1], None)
    if base is not None:
        return _without_year(s, base)
    return None


def _without_year(s: str, base: date) -> tuple[int, int, int] | None:
    """Month-day and relative dates, placed in ``base``'s year (or the year before, if that is in the future)."""
    rel = _relative(s, base)
    if rel:
        return rel
    m = _YEAR_MONTHDAY.search(s)
    if not m:
        return None
    if m["mon"]:
        mo, d = _MONTHS[m["mon"][:3].lower()], int(m["d2"])
    else:
        mo, d = int(m["m"]), int(m["d"])
    y = base.year
    if not _valid(y, mo, d):
        return None
    if date(y, mo, d) > base + timedelta(days=1):
        y -= 1
    return (y, mo, d) if _valid(y, mo, d) else None


def iso(ymd: tuple[int, int, int]) -> str:
    """``(2024, 3, 21)`` → ``'2024-03-21'``."""
    return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"
