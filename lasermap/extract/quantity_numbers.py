"""Reading the number itself: Arabic digits, Chinese numerals, English number words.

Kept apart from the scanner because each form has its own traps: thousands
commas (``960,000``) versus Chinese list commas, full-width digits, numerals
spelled in characters (``一千八百万``, read with ``cn2an``) and the bare
magnitude of ``近百家``/``万瓦`` that has no digit at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

import cn2an

#: One number as it can start a quantity. Digits come first so ``2万`` reads as
#: 2 followed by a magnitude, not as a Chinese numeral.
NUMBER_RE = re.compile(
    r"(?P<arabic>\d+(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<pct>百分之)"
    r"|(?P<zh>[零〇一二两兩三四五六七八九十百千万萬亿億壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+(?:[点點][零〇一二三四五六七八九]+)?)"
    r"|(?P<en>\b(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?i:one|two|three|four|five|six|seven|eight|nine))?(?![A-Za-z]))"
)

_ZH_DIGIT = re.compile(r"[零〇一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]")
_ZH_DIGIT_PAIR = re.compile(r"[一二两三四五六七八九][一二两三四五六七八九]")
_ZH_MAG_ONLY = re.compile(r"[十百千万萬亿億拾佰仟]+")
_TRAD_NUM = str.maketrans("兩萬億點貳參陸", "两万亿点贰叁陆")


def parse_arabic(s: str) -> float:
    """``960,000`` → 960000.0; full-width digits are read by ``float`` itself."""
    return float(s.replace(",", ""))


@lru_cache(maxsize=4096)
def parse_zh(s: str) -> float | None:
    """A Chinese numeral (``一千八百万``, ``三十五点五``) → its value; None when not a numeral.

    ``cn2an`` does the arithmetic; runs it rejects (``十二五``, a plan name) are
    not numbers. A magnitude alone (``百``, ``万``) is 1 × magnitude, which the
    caller only accepts behind a qualifier (``近百家``) or before 瓦 (``万瓦``).
    """
    s = s.translate(_TRAD_NUM)
    if _ZH_DIGIT_PAIR.search(s):
        return None  # 两三个, 七八个, 唯一一位: a vague range or two words, not a figure
    if _ZH_MAG_ONLY.fullmatch(s) and s[0] not in "十拾":
        value = 1.0
        for ch in s:
            value *= _MAG_CHARS[ch]
        return value
    try:
        value = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return float(value)


_MAG_CHARS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}  # fmt: skip


def is_bare_magnitude(s: str) -> bool:
    """True for ``百``/``万``/``千万``: a magnitude with no digit before it."""
    return not _ZH_DIGIT.search(s) and bool(_ZH_MAG_ONLY.fullmatch(s)) and s[0] not in "十拾"


_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip


def parse_en(s: str, words: dict[str, int]) -> float | None:
    """``twenty-five`` → 25.0 using the word table from the data file."""
    head, _, tail = s.lower().partition("-")
    if head not in words:
        return None
    return float(words[head] + (_EN_UNITS.get(tail, 0) if tail else 0))


def is_year_like(s: str) -> bool:
    """A plain 4-digit integer from 1900 to 2099: as likely a year as a count."""
    return len(s) == 4 and s.isdigit() and s[:2] in ("19", "20")


def clean_value(value: float, unit: str) -> float:
    """Remove float noise (1.587 × 1e9) and keep m² to cm precision (100 畝 → 66666.67)."""
    if unit == "m2":
        return round(value, 2)
    return float(f"{value:.12g}")
