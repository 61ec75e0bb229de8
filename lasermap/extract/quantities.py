"""Find numbers with units and qualifiers in news text and normalize them.

A quantity is a number that says what it counts or measures: a currency
(``32 billion yuan``, ``US$1.2 billion``, ``5億元``), a unit (``487 hectare``,
``100畝``, ``12 kW``), a percentage, or a counter/counted noun (``86家``,
``more than 300 laser enterprises``). A bare number is not one — that is how
years, dates, phone and ICP numbers, stock codes and image file names stay out
without a list of every such format.

Rules chosen for ambiguous cases (the "why" behind the code):

* ``近``/nearly/almost → ``approx`` (the gold annotations read 近55万人次 and
  *almost 2,000* as approximations; units.json says lt, attributes.json overrides).
* ``万瓦级`` (and any figure followed by 级 / -class) names a class, not an amount:
  no quantity. ``万瓦`` alone (首台万瓦光纤激光器) is 10 000 W.
* ``5亿`` without a currency is money only when a money cue (产值, 投资, 收入 …)
  stands before it in the same clause; the currency is then the text's yuan.
* ``元`` is CNY, except in Taiwan text (NT$, 新台幣, or the Taiwan word 雷射 at
  least twice), where it is TWD; callers that know the region pass ``yuan=``.
* A range ``10-20亿元`` is its lower bound with ``gt``.
* A percentage right after a decrease word (下降, 减少, fell, down …) is negative.
* English counted nouns: ``more than 200 international institutions`` is a
  count of 200 with ``counted`` = the noun phrase; the span covers the noun only
  when it follows the number directly (``10 projects``).
* Numbers glued to identifiers (``YLS-10000``, ``TruLaser 5030``, ``No. 5``,
  ``top 10``, ``第一期``) are not quantities — except a power written with W.
"""

from __future__ import annotations

import re

from lasermap.annotations import Quantity
from lasermap.extract.quantity_context import (
    Cand,
    allowed,
    bare_qualified,
    currency_letter,
    minus,
    prefix_currency,
    prefix_qualifier,
    range_lower_bound,
    sign,
    suffix_qualifier,
)
from lasermap.extract.quantity_lexicon import Lexicon, Term, lexicon
from lasermap.extract.quantity_numbers import (
    NUMBER_RE,
    clean_value,
    is_bare_magnitude,
    is_year_like,
    parse_arabic,
    parse_en,
    parse_zh,
)
from lasermap.normalize.script import to_simplified

_HAN = re.compile(r"[\u3400-\u9fff]")
_CLAUSE_END = re.compile(r"[，,。；;：:、！？!?\n]")
_EN_WORDS = re.compile(r"(?:[ \u00a0]+[A-Za-z][A-Za-z'\-]*){1,5}")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]|\.(?=\s)")
_YEAR_COUNTERS = frozenset("届屆台款场場季")
_MID_GT = frozenset("多余餘")
_ZH_MAGS = frozenset("十百千万萬亿億")
_BARE_YUAN = frozenset({"元", "块", "塊", "块钱", "塊錢"})
_NOUN_GLUE = frozenset("共有为為达達计計约約近超过過逾")  # 企业共33家, 企业约33家
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def find_quantities(text: str, *, yuan: str | None = None) -> list[Quantity]:
    """Every quantity in ``text``, non-overlapping and in order; offsets index ``text``.

    ``yuan`` forces the currency of a bare 元 (``"CNY"`` or ``"TWD"``); by
    default it is read from the text itself (see the module docstring).
    """
    if not text:
        return []
    lex = lexicon()
    shadow = _shadow(text)
    bare_yuan = yuan or _yuan_currency(text, lex)
    out: list[Quantity] = []
    pos = 0
    while (m := NUMBER_RE.search(shadow, pos)) is not None:
        cand, skip_to = _read(shadow, m, lex, bare_yuan)
        pos = max(skip_to, m.end())
        if cand is None or (out and cand.start < out[-1].end):
            continue
        if cand.counted_span is not None:
            counted: str | None = text[cand.counted_span[0] : cand.counted_span[1]]
        else:
            counted = _previous_counted(out, cand.start) if cand.back_reference else None
            if cand.back_reference and counted is None:
                continue
        value = clean_value(cand.value, cand.unit or "")
        out.append(
            Quantity(
                cand.start,
                cand.end,
                text[cand.start : cand.end],
                value,
                cand.unit or "",
                cand.qualifier,
                counted,
            )
        )
    return out


def _shadow(text: str) -> str:
    """Simplified copy with the same offsets; lines OpenCC changes in length stay original."""
    if not _HAN.search(text):
        return text
    simp = to_simplified(text)
    if len(simp) == len(text):
        return simp
    lines = text.split("\n")
    out = []
    for line in lines:
        s = to_simplified(line)
        out.append(s if len(s) == len(line) else line)
    return "\n".join(out)


def _previous_counted(out: list[Quantity], start: int) -> str | None:
    """What the last count within a few sentences counted, for ``160 of them``."""
    for q in reversed(out):
        if q.start < start - 300:
            break
        if q.unit == "count" and q.counted:
            return q.counted
    return None


def _yuan_currency(text: str, lex: Lexicon) -> str:
    """TWD when the text is from Taiwan (NT$, 新台幣, or 雷射 used repeatedly), else CNY."""
    if any(t in text for t in lex.tw_markers):
        return "TWD"
    if sum(text.count(t) for t in lex.tw_weak) >= lex.tw_weak_min:
        return "TWD"
    return "CNY"


def _read(s: str, m: re.Match[str], lex: Lexicon, bare_yuan: str) -> tuple[Cand | None, int]:
    """Read one quantity starting at number match ``m``; return it (or None) and where to resume."""
    cand = _core(s, m, lex)
    if cand is None:
        return None, m.end()
    if cand.kind != "pct":
        _magnitude(s, cand, lex)
        currency = prefix_currency(s, cand, lex)
        if currency is not None:
            currency_letter(s, cand, lex)
        if not _tail(s, cand, lex, bare_yuan):
            if currency is None:
                return None, m.end()
            cand.unit = currency
        elif currency and cand.term is not None and cand.term.kind == "currency":
            cand.unit = currency if cand.unit in ("CNY", "TWD") else cand.unit
    range_lower_bound(s, cand)
    minus(s, cand)
    prefix_qualifier(s, cand, lex)
    if not allowed(s, cand, m.start(), lex):
        return None, m.end()
    suffix_qualifier(s, cand, lex)
    if lex.class_after_re.match(s, cand.end):
        return None, cand.end
    if cand.unit == "%":
        sign(s, cand, lex)
    return cand, cand.end


def _core(s: str, m: re.Match[str], lex: Lexicon) -> Cand | None:
    """The number itself (and for 百分之 the number after it)."""
    kind = m.lastgroup or ""
    text = m.group()
    if kind == "arabic":
        if len(text) > 1 and text[0] == "0" and text[1].isdigit():
            return None  # 0577, 0821: codes, never amounts
        return Cand(m.start(), m.end(), parse_arabic(text), kind, text)
    if kind == "en":
        value = parse_en(text, lex.en_numbers)
        return None if value is None else Cand(m.start(), m.end(), value, kind, text)
    if kind == "zh":
        value = parse_zh(text)
        if value is None:
            return None
        mag = 1e8 if ("亿" in text or "億" in text) else 1e4 if ("万" in text or "萬" in text) else 1.0
        return Cand(m.start(), m.end(), value, kind, text, magnitude=mag, bare=is_bare_magnitude(text))
    nxt = NUMBER_RE.match(s, m.end())
    if nxt is None or nxt.lastgroup not in ("arabic", "zh"):
        return None
    value = parse_arabic(nxt.group()) if nxt.lastgroup == "arabic" else parse_zh(nxt.group())
    if value is None:
        return None
    return Cand(m.start(), nxt.end(), value, "pct", nxt.group(), unit="%", term=Term("percent", "%"))


def _magnitude(s: str, c: Cand, lex: Lexicon) -> None:
    """Multiply by 万/亿/兆/million…, allowing 多/余 around them (60余万, 2万多) and 1兆570亿."""
    p = c.end
    if p < len(s) and s[p] in _MID_GT and p + 1 < len(s) and s[p + 1] in _ZH_MAGS:
        c.qualifier, p = "gt", p + 1
    if c.kind == "arabic" or (c.kind == "zh" and not c.bare):
        p = _zh_magnitude_run(s, c, p, lex)
    if c.kind in ("arabic", "en") and c.magnitude == 1.0:
        mm = lex.en_mag_re.match(s, p)
        if mm:
            mag = lex.en_magnitudes.get(mm.group(1)) or lex.en_magnitudes.get(mm.group(1).lower(), 1.0)
            c.magnitude *= mag
            c.value *= mag
            p = mm.end()
    c.end = p


def _zh_magnitude_run(s: str, c: Cand, p: int, lex: Lexicon) -> int:
    """Chinese magnitudes after digits, including compounds such as 1兆570亿 and 3亿5000万."""
    mag, q = _mag_at(s, p, lex)
    if q == p:
        return p
    total = c.value * mag
    c.magnitude = mag
    while (d := _DIGITS.match(s, q)) is not None:
        mag2, q2 = _mag_at(s, d.end(), lex)
        if q2 == d.end() or mag2 >= mag:
            break
        total += parse_arabic(d.group()) * mag2
        mag, q = mag2, q2
    c.value = total
    return q


def _mag_at(s: str, p: int, lex: Lexicon) -> tuple[float, int]:
    """The product of the magnitude characters at ``p`` (万亿 = 10^12) and where they end."""
    mag, q = 1.0, p
    while q < len(s) and (s[q] in _ZH_MAGS or (s[q] == "兆" and _trillion(s, q, lex))):
        mag *= 1e12 if s[q] == "兆" else lex.zh_magnitudes[s[q]]
        q += 1
    return mag, q


def _trillion(s: str, q: int, lex: Lexicon) -> bool:
    """兆 is 10^12 only before 元/亿/a currency or more digits (Taiwan amounts); 兆瓦 is MW."""
    rest = s[q + 1 : q + 4]
    return rest[:1].isdigit() or any(rest.startswith(t) for t in lex.trillion_before)


def _tail(s: str, c: Cand, lex: Lexicon, bare_yuan: str) -> bool:
    """What follows the number: a unit, currency, percent, counter or counted noun."""
    p = c.end
    if p < len(s) and s[p] in _MID_GT and c.kind != "en":
        c.qualifier, p = "gt", p + 1
    elif s.startswith("+", p) or s.startswith("-plus", p):
        c.qualifier, p = "gt", p + (1 if s[p] == "+" else 5)
    if c.kind != "en" and s.startswith("成", p) and c.value < 10 and not _blocked_tenths(s, p + 1, lex):
        c.value, c.unit, c.end = c.value * 10, "%", p + 1
        return True
    q = p + 1 if s[p : p + 1] in (" ", "\u00a0", "-") else p
    tm = lex.tail_re.match(s, p) if s[q : q + 1] in lex.tail_first else None
    term = _lookup(tm.group(), lex) if tm else None
    if tm is not None and term is not None and _term_fits(s, c, term, tm, lex):
        _apply_term(s, c, term, tm, bare_yuan)
        return True
    if c.kind in ("arabic", "en") and (_english_count(s, c, p, lex) or _implied_count(s, c, p, lex)):
        return True
    if c.magnitude >= 1e4 and c.kind != "en" and _money_context(s, c.start, lex):
        c.unit, c.end = bare_yuan, p
        return True
    return False


def _lookup(matched: str, lex: Lexicon) -> Term | None:
    """The term for a tail match: exact case first (MW ≠ mW), then folded for words (Yuan, RMB)."""
    word = matched.lstrip(" \u00a0-")
    return lex.terms.get(word) or lex.terms_ci.get(word.lower())


def _blocked_tenths(s: str, p: int, lex: Lexicon) -> bool:
    """成 after a numeral is tenths (七成) unless it starts a word (一成不变, 三成立)."""
    return p < len(s) and s[p] in lex.tenths_block


def _term_fits(s: str, c: Cand, term: Term, tm: re.Match[str], lex: Lexicon) -> bool:
    """Reject a term that is really the start of a word (2008台北, 3位于) or misused."""
    word = tm.group().lstrip(" \u00a0-")
    nxt = s[tm.end() : tm.end() + 1]
    if nxt and nxt in lex.counter_block.get(word[-1], ""):
        return False
    if (
        term.needs_magnitude
        and c.magnitude == 1.0
        and not any(s.startswith(w, tm.end() - len(word)) for w in term.needs_magnitude)
    ):
        return False
    if c.bare and not ((term.unit == "W" and c.value >= 1e4) or bare_qualified(s, c.start, lex)):
        return False
    if term.kind == "counter":
        if (c.kind == "zh" and c.value < 2) or c.value == 0:
            return False
        if word in lex.clause_end_counters and _HAN.match(s, tm.end()):
            return False
        if is_year_like(c.core) and word[-1] in _YEAR_COUNTERS:
            return False
    if tm.group()[:1] in " \u00a0-" and _HAN.match(word):
        return tm.group()[:1] != "-"
    return True


def _apply_term(s: str, c: Cand, term: Term, tm: re.Match[str], bare_yuan: str) -> None:
    """Normalize by the unit's factor; a bare 元 takes the text's yuan (CNY or TWD)."""
    word = tm.group().lstrip(" \u00a0-")
    c.term, c.end = term, tm.end()
    c.value *= term.factor
    if term.kind == "currency":
        c.unit = bare_yuan if word in _BARE_YUAN else term.unit
    elif term.kind == "counter":
        c.unit = "count"
        c.counted_span = _zh_counted(s, c, tm, word, lexicon())
    else:
        c.unit = term.unit


def _zh_counted(s: str, c: Cand, tm: re.Match[str], word: str, lex: Lexicon) -> tuple[int, int]:
    """The noun a Chinese counter counts: after it (86家链上企业), before the number (企业33家), or the counter."""
    stop = _CLAUSE_END.search(s, tm.end(), min(len(s), tm.end() + 10))
    hi = stop.start() if stop else min(len(s), tm.end() + 8)
    inner = lex.zh_nouns_re.search(s, tm.end() - len(word), tm.end())
    if inner and len(inner.group()) > 1:
        return (inner.start(), inner.end())
    after = lex.zh_nouns_re.search(s, tm.end(), hi)
    if after:
        return (after.start(), after.end())
    near = [
        b
        for b in lex.zh_nouns_re.finditer(s, max(0, c.start - 6), c.start)
        if set(s[b.end() : c.start]) <= _NOUN_GLUE
    ]
    if near:
        return (near[-1].start(), near[-1].end())
    return (tm.end() - len(word), tm.end())


def _english_count(s: str, c: Cand, p: int, lex: Lexicon) -> bool:
    """``more than 300 laser enterprises``: a number, up to four modifiers, then a counted noun."""
    wm = _EN_WORDS.match(s, p)
    if wm is None:
        return False
    words = list(_EN_WORD.finditer(s, p, wm.end()))
    for i, w in enumerate(words):
        low = w.group().lower()
        if low in lex.en_count_nouns:
            if is_year_like(c.core) and lex.qual_prefix_end.find(s, c.start, lex.fillers) is None:
                return False  # '2019 deals' is a year; 'more than 2000 employees' is a count
            if c.kind == "en" and c.value < 2:
                return False
            c.unit, c.noun_adjacent = "count", i == 0
            c.counted_span = (words[0].start(), w.end())
            c.end = w.end() if i == 0 else p
            return True
        if low in lex.en_stop or (low == "and" and i == 0):
            return False
    return False


def _implied_count(s: str, c: Cand, p: int, lex: Lexicon) -> bool:
    """A bare English number that still counts: ``160 of them`` (the previous count's noun) or
    ``the number of enterprises … has reached 127,000``."""
    if is_year_like(c.core):
        return False
    if lex.back_ref_re.match(s, p):
        c.unit, c.back_reference, c.end = "count", True, p
        return True
    if "umber of" not in s[max(0, c.start - 120) : c.start]:
        return False
    stops = list(_SENTENCE_END.finditer(s, max(0, c.start - 120), c.start))
    lo = stops[-1].end() if stops else max(0, c.start - 120)
    for nm in lex.number_of_re.finditer(s, lo, c.start):
        for w in _EN_WORD.finditer(s, nm.start(1), nm.end(1)):
            if w.group().lower() in lex.en_count_nouns:
                c.unit, c.counted_span, c.end = "count", (nm.start(1) + 1, w.end()), p
                return True
    return False


def _money_context(s: str, start: int, lex: Lexicon) -> bool:
    """5亿 without a currency is money when a money cue (产值, 投资 …) precedes it in the clause."""
    lo = max(0, start - 16)
    cuts = list(_CLAUSE_END.finditer(s, lo, start))
    if cuts:
        lo = cuts[-1].end()
    return lex.money_cue_re.search(s, lo, start) is not None
