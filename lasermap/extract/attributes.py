"""What a quantity measures: the attribute of a fact, decided from cue words in its sentence.

Cue words live in ``lasermap/data/attributes.json`` (Simplified Chinese and
lower-case English); matching runs on a Simplified, lower-cased copy of the
sentence. The unit narrows the choice first (a percentage cannot be an
investment), then:

* counts are decided by the counted noun (企业 → enterprise_count, member →
  member_count, 项目 → project_count), refined by the words right after the
  figure (参展 → exhibitors, 签约 → signed projects) and only then by the wider
  sentence (参会/attracted → attendee_count, employs → employee_count);
* everything else takes the nearest cue, preferring cues in the same clause
  and before the figure (Chinese and English both put the topic first:
  产值达20亿元, *revenue of 1.5 billion yuan*); *weak* cues such as 占比/share
  only decide when nothing more specific is in the clause.

:func:`resolve_year` (which year a fact refers to) lives in
:mod:`lasermap.extract.quantity_years` and is re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from lasermap.annotations import Quantity
from lasermap.data_files import load_json
from lasermap.extract.quantity_years import clause_bounds, resolve_year
from lasermap.normalize.script import to_simplified, to_traditional

__all__ = ["classify_attribute", "resolve_year", "unit_kind"]

_MONEY = frozenset({"CNY", "USD", "EUR", "TWD", "HKD", "JPY", "GBP", "KRW", "CHF"})
_OTHER_UNITS = {"m": "other:length", "s": "other:duration", "J": "other:energy"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_AFTER_WINDOW = 12
_CROSS_CLAUSE = 40.0
_WEAK = 100.0


@dataclass(frozen=True, slots=True)
class _Cues:
    """Compiled cue vocabulary: one alternation per purpose, each hit mapped to its meaning."""

    attr_re: re.Pattern[str]
    attr_of: dict[str, tuple[str, str, bool]]  # cue → (attribute, unit kind, weak)
    noun_order: list[tuple[str, list[str]]]  # attribute → counted nouns, in priority order
    context_re: dict[str, re.Pattern[str]]
    defaults: dict[str, str]


def unit_kind(unit: str) -> str:
    """``money`` for currencies, else the unit itself (``%``, ``m2``, ``W``, ``count``, ``pp``)."""
    return "money" if unit in _MONEY else unit


def _variants(words: list[str]) -> list[str]:
    """Cue words in both scripts, for sentences OpenCC could not convert length-for-length."""
    out = []
    for w in words:
        out.append(w)
        if _CJK.search(w) and to_traditional(w) != w:
            out.append(to_traditional(w))
    return out


def _pattern(words: list[str]) -> str:
    """Longest-first alternation so '出口规模' wins over '规模' and 'overseas revenue' over 'revenue'."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w)
        if w[:1].isascii() and w[:1].isalpha():
            p = r"(?<![a-z])" + p
        if w[-1:].isascii() and w[-1:].isalpha():
            p += r"(?![a-z])"
        parts.append(p)
    return "|".join(parts)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    """Compile attributes.json once per process."""
    data = load_json("attributes.json")
    attr_of: dict[str, tuple[str, str, bool]] = {}
    for name, spec in data["attributes"].items():
        for key, weak in (("zh", False), ("en", False), ("zh_weak", True), ("en_weak", True)):
            for w in _variants(spec.get(key, [])):
                attr_of.setdefault(w, (name, spec["unit"], weak))
    nouns = [(name, _variants(spec["zh"]) + spec["en"]) for name, spec in data["count_nouns"].items()]
    ctx = {k: re.compile(_pattern(_variants(v["zh"]) + v["en"])) for k, v in data["contexts"].items()}
    return _Cues(re.compile(_pattern(list(attr_of))), attr_of, nouns, ctx, data["defaults"])


def _prepare(sentence: str) -> str:
    """Simplified, lower-cased copy with the same offsets (the original when OpenCC changes length)."""
    simp = to_simplified(sentence)
    return (simp if len(simp) == len(sentence) else sentence).lower()


def classify_attribute(sentence: str, q_start: int, q_end: int, quantity: Quantity) -> str:
    """The attribute a quantity measures, e.g. ``output_value`` or ``other:country_count``.

    ``q_start``/``q_end`` are the quantity's offsets within ``sentence``.
    """
    kind = unit_kind(quantity.unit)
    if kind in _OTHER_UNITS:
        return _OTHER_UNITS[kind]
    if kind == "W":
        return "power"
    s = _prepare(sentence)
    cues = _cues()
    if kind == "count":
        return _count_attribute(s, q_start, q_end, quantity, cues)
    best = _nearest_cue(s, q_start, q_end, kind, cues)
    return best or cues.defaults.get(kind, f"other:{kind}")


def _nearest_cue(s: str, q_start: int, q_end: int, kind: str, cues: _Cues) -> str | None:
    """The attribute of the closest compatible cue, same clause and before the figure preferred."""
    lo, hi = clause_bounds(s, q_start)
    best: tuple[float, str] | None = None
    for m_start, m_end, word in _cue_matches(s, cues.attr_re):
        name, unit, weak = cues.attr_of.get(word, ("", "", False))
        if unit != kind or (q_start <= m_start < q_end):
            continue
        if m_end <= q_start:
            dist = float(q_start - m_end)
        else:
            dist = (m_start - q_end) * 1.5 + 4
        if not (lo <= m_start and m_end <= hi):
            dist += _CROSS_CLAUSE
        if weak:
            dist += _WEAK
        if best is None or dist < best[0]:
            best = (dist, name)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _cue_automaton() -> ahocorasick.Automaton:
    """All attribute cue words in one Aho-Corasick automaton (one pass per sentence, not one regex
    alternative per word: this was the facts stage's hot spot)."""
    auto = ahocorasick.Automaton()
    for word in _cues().attr_of:
        auto.add_word(word, word)
    auto.make_automaton()
    return auto


@lru_cache(maxsize=256)
def _cue_matches(s: str, pattern: re.Pattern[str]) -> tuple[tuple[int, int, str], ...]:
    """Cue words of a sentence, leftmost-longest and non-overlapping like the ``pattern`` alternation,
    found once for all the figures in it."""
    del pattern  # kept in the signature: the automaton holds the same words
    hits: dict[int, str] = {}
    for end, word in _cue_automaton().iter(s):
        start = end - len(word) + 1
        if word[:1].isascii() and word[:1].isalpha() and start > 0 and "a" <= s[start - 1] <= "z":
            continue
        if word[-1:].isascii() and word[-1:].isalpha() and end + 1 < len(s) and "a" <= s[end + 1] <= "z":
            continue
        if len(word) > len(hits.get(start, "")):
            hits[start] = word
    out: list[tuple[int, int, str]] = []
    pos = 0
    for start in sorted(hits):
        if start >= pos:
            out.append((start, start + len(hits[start]), hits[start]))
            pos = start + len(hits[start])
    return tuple(out)


def _count_attribute(s: str, q_start: int, q_end: int, quantity: Quantity, cues: _Cues) -> str:
    """Counts: the counted noun first, then the words right after, then the sentence."""
    counted = _prepare(quantity.counted or "")
    base = _noun_attribute(counted, cues) or _noun_attribute(s[q_end : q_end + _AFTER_WINDOW], cues)
    after = s[q_end : q_end + _AFTER_WINDOW + len(counted)]
    if base in ("enterprise_count", "other:organization_count", None):
        if cues.context_re["exhibition"].search(s):
            return "other:exhibitor_count"
        if cues.context_re["signing"].search(after):
            return "project_count"
    if base in ("other:organization_count", "other:person_count", None):
        if cues.context_re["attendance"].search(s):
            return "attendee_count"
    if base in ("other:person_count", None):
        if cues.context_re["employment"].search(s):
            return "other:employee_count"
        if cues.context_re["membership"].search(s):
            return "member_count"
    return base or cues.defaults["count"]


def _noun_attribute(counted: str, cues: _Cues) -> str | None:
    """The first attribute (in data order) one of whose nouns occurs in the counted phrase."""
    if not counted:
        return None
    for name, words in cues.noun_order:
        for w in words:
            if w not in counted:
                continue
            if (len(w) == 1 and counted != w) or (
                w.isascii() and not re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", counted)
            ):
                continue  # 家 alone, not inside 国家/专家; 'member' as a word
            return name
    return None
