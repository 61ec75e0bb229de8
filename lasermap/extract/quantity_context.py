"""The words around a number that bound, sign or disqualify it.

:mod:`lasermap.extract.quantities` reads a number and what follows it; this
module looks at its surroundings: a currency sign before it (``US$``, ``RMB``),
a qualifier (超过, more than, 约, 近 — and verbs such as *exceeded* that set the
qualifier but stay outside the span), a range's lower bound (``10-20亿元``), a
minus sign or decrease word that makes a percentage negative, and the contexts
that make a number an identifier or a rank rather than a quantity
(``YLS-10000``, ``TruLaser 5030``, ``top 10``, ``第一期``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lasermap.extract.quantity_lexicon import Lexicon, Term
from lasermap.extract.quantity_numbers import parse_arabic

_HAN = re.compile(r"[\u3400-\u9fff]")
_PREV_TOKEN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9\-]*)[ \u00a0]$")
_RANGE_LEFT = re.compile(r"(?<![A-Za-z0-9.\-/:])(\d+(?:\.\d+)?)[ \u00a0]?(?:[-~～—–至到]|to)[ \u00a0]?$")
_FROM = re.compile(r"(?i:from|由|从|從)\s?$")
_MODEL_POWER = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,3}$")
_GLUE = frozenset("-_/.:#@=&?")
_NOT_RANK_BEFORE_QIAN = frozenset("目之此以提当當面眼空史跟向门門年月日事")
_ZH_MAGS = frozenset("十百千万萬亿億")
_VAGUE_BEFORE = frozenset("数數几幾")
_MID_ONLY = frozenset({"多", "余", "餘", "多个", "多個"})
_HAN_FOLLOWED = frozenset({"上下", "前后", "前後"})


@dataclass(slots=True)
class Cand:
    """A quantity being read: positions are in the shadow (same offsets as the text)."""

    start: int
    end: int
    value: float
    kind: str  # arabic | zh | en | pct
    core: str
    unit: str | None = None
    qualifier: str = "eq"
    counted_span: tuple[int, int] | None = None  # the counted noun, as offsets
    back_reference: bool = False  # '160 of them': counts what the previous count counted
    magnitude: float = 1.0
    bare: bool = False
    term: Term | None = None
    noun_adjacent: bool = True


def bare_qualified(s: str, start: int, lex: Lexicon) -> bool:
    """近百家, 上万人: a magnitude without digits is a figure only after a qualifier."""
    if start and s[start - 1] in _VAGUE_BEFORE:
        return False
    for q in lex.bare_qualifiers:
        if start >= len(q) and s.startswith(q, start - len(q)):
            before = s[start - len(q) - 1] if start > len(q) else ""
            return before not in _ZH_MAGS and before != "成"  # 成千上万 is an idiom, not 'over 10 000'
    return False


def prefix_currency(s: str, c: Cand, lex: Lexicon) -> str | None:
    """``US$1.2 billion``, ``RMB 2.3 billion``, ``人民币5亿``: a currency sign or code before the number."""
    hit = lex.prefix_currency_end.find(s, c.start)
    if hit is None:
        return None
    c.start = hit[0]
    return lex.prefix_currency.get(hit[1]) or lex.prefix_currency.get(hit[1].lower())


def currency_letter(s: str, c: Cand, lex: Lexicon) -> None:
    """``$300M`` / ``$1.2B`` / ``$5k``: a magnitude letter glued to a number after a currency sign."""
    ch = s[c.end : c.end + 1]
    if c.magnitude == 1.0 and ch in lex.currency_letters and not s[c.end + 1 : c.end + 2].isalnum():
        c.magnitude = lex.currency_letters[ch]
        c.value *= c.magnitude
        c.end += 1


def minus(s: str, c: Cand) -> None:
    """``-1.41%`` in a price table: a minus sign standing alone before the figure."""
    if c.kind != "arabic" or c.start == 0 or s[c.start - 1] not in "-−":
        return
    if c.start == 1 or s[c.start - 2] in " \u00a0\t(（\n":
        c.start -= 1
        c.value = -c.value


def range_lower_bound(s: str, c: Cand) -> None:
    """``10-20亿元`` / ``3至5家``: keep the lower bound (scaled like the upper one) with ``gt``."""
    rm = _RANGE_LEFT.search(s, max(0, c.start - 16), c.start)
    if rm is None or c.kind == "en" or _FROM.search(s, max(0, rm.start() - 6), rm.start()):
        return  # 'rose from 5 to 10 percent' is a change, not a range
    low = parse_arabic(rm.group(1))
    core = parse_arabic(c.core) if c.kind == "arabic" else None
    if not core or low >= core:
        return
    c.value *= low / core
    c.start, c.qualifier = rm.start(), "gt"


def prefix_qualifier(s: str, c: Cand, lex: Lexicon) -> None:
    """超过/more than/约/近 … before the number (or before its currency sign)."""
    if c.bare:
        for q, meaning in lex.bare_qualifiers.items():
            if s.startswith(q, c.start - len(q)) and c.start >= len(q):
                c.start, c.qualifier = c.start - len(q), meaning
                return
    hit = lex.qual_prefix_end.find(s, c.start, lex.fillers)
    if hit is None:
        return
    start, word = hit
    meaning = lex.qualifiers.get(word) or lex.qualifiers.get(word.lower())
    if meaning is None or (start and s[start - 1] in lex.qualifier_not_after.get(word, "")):
        return
    c.qualifier = meaning if c.qualifier == "eq" or meaning != "gt" else c.qualifier
    if word not in lex.verb_qualifiers:
        c.start = start


def allowed(s: str, c: Cand, num_start: int, lex: Lexicon) -> bool:
    """Ranks (第一, top 10, 前10名) and identifiers (YLS-10000, TruLaser 5030) are not quantities."""
    rk = lex.rank_end.find(s, c.start)
    if rk is not None and not (rk[1] == "前" and rk[0] and s[rk[0] - 1] in _NOT_RANK_BEFORE_QIAN):
        return False
    if num_start != c.start or num_start == 0:
        return True
    ch = s[num_start - 1]
    if c.unit == "W":
        return (
            not (ch.isascii() and ch.isalnum())
            or _MODEL_POWER.search(s, max(0, num_start - 5), num_start) is not None
        )
    if ch.isascii() and ch.isalnum():
        return False
    if ch in _GLUE and num_start >= 2 and s[num_start - 2].isascii() and s[num_start - 2].isalnum():
        return False
    tok = _PREV_TOKEN.search(s, max(0, num_start - 24), num_start)
    return tok is None or not _identifier_like(tok.group(1))


def _identifier_like(token: str) -> bool:
    """A model or code word: contains a digit, is all capitals, or is CamelCase (TruLaser)."""
    if any(ch.isdigit() for ch in token):
        return True
    letters = token.replace("-", "")
    if len(letters) >= 2 and letters.isupper():
        return True
    return any(a.islower() and b.isupper() for a, b in zip(letters, letters[1:], strict=False))


def suffix_qualifier(s: str, c: Cand, lex: Lexicon) -> None:
    """以上/左右/or more … after the quantity (多/余 were read between number and counter)."""
    sm = lex.qual_suffix_re.match(s, c.end)
    if sm is None:
        return
    word = sm.group().lstrip(" \u00a0")
    if (
        word in _MID_ONLY
        or word in lex.ignored_suffixes
        or (word in _HAN_FOLLOWED and _HAN.match(s, sm.end()))
    ):
        return
    meaning = lex.qualifiers.get(word) or lex.qualifiers.get(word.lower())
    if meaning is None:
        return
    if c.qualifier == "eq":
        c.qualifier = meaning
    if c.noun_adjacent:
        c.end = sm.end()


def sign(s: str, c: Cand, lex: Lexicon) -> None:
    """A percentage after 下降/减少/fell/down (or before less/lower/below) is a decrease."""
    before = lex.decline_before_end.find(s, c.start)
    after = lex.decline_after_re.match(s, c.end)
    if before is not None or after is not None:
        c.value = -abs(c.value)
