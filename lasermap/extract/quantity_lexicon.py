"""The vocabulary of quantities, compiled once from ``units.json`` and ``attributes.json``.

Domain words live in data: ``units.json`` (a colleague's file) names magnitudes,
currencies, units, counters, percent signs and qualifiers; the
``quantity_supplement`` section of ``attributes.json`` adds what it lacks
(``mu``, ``兆`` in Taiwan amounts, ``所``/``篇``/``股`` counters, gt verbs such
as *exceeded*) and overrides the reading of 近/nearly (approx, as the gold
annotations read them). This module turns both into a few compiled regular
expressions so the scanner in :mod:`lasermap.extract.quantities` stays small.

Matching runs on a Simplified shadow of the text, but every Chinese term is
compiled in both scripts too, so a line OpenCC could not convert length-for-length
is still matched in its original characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lasermap.data_files import load_json
from lasermap.normalize.script import to_traditional

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Term:
    """What a word after (or before) a number makes of it."""

    kind: str  # currency | unit | percent | points | counter
    unit: str  # CNY USD … | m2 W m s J | % | pp | count
    factor: float = 1.0
    noun: str | None = None  # counters: the kind of thing counted
    needs_magnitude: tuple[str, ...] = ()  # 块 is money only as 块钱 or after 万/亿


class EndMatcher:
    """Finds the longest term that ends at a position — a fast ``(?:a|b|c)\\s?$`` search.

    The scanner asks "does a qualifier/currency/rank word end right before this
    number?" once per number; slicing by each distinct term length and probing a
    set is far quicker than a regular expression tried at every window offset.
    """

    def __init__(self, terms: list[str], boundary: bool = True, tails: tuple[str, ...] = ("",)) -> None:
        self.exact = set(terms)
        self.folded = {t.lower(): t for t in terms if _is_ci(t)}
        self.lengths = sorted({len(t) for t in terms}, reverse=True)
        self.last = {t[-1] for t in terms} | {t[-1].lower() for t in terms} | {t[-1].upper() for t in terms}
        self.boundary = boundary
        self.tails = tails  # optional words allowed between the term and the end (' by', '.')

    def find(self, s: str, end: int, fillers: str = "") -> tuple[int, str] | None:
        """``(start, term)`` of the longest term ending at ``end`` (one space or filler allowed)."""
        e = end - 1 if end and s[end - 1] in " \u00a0" else end
        hit = self._at(s, e)
        if hit is None and fillers and e and s[e - 1] in fillers:
            hit = self._at(s, e - 1)
        for tail in self.tails:
            if hit is None and s.startswith(tail, e - len(tail)):
                hit = self._at(s, e - len(tail))
        return hit

    def _at(self, s: str, e: int) -> tuple[int, str] | None:
        """Longest term ending exactly at ``e``; Latin terms must start at a word boundary."""
        if not e or s[e - 1] not in self.last:
            return None
        for n in self.lengths:
            if n > e:
                continue
            piece = s[e - n : e]
            term = piece if piece in self.exact else self.folded.get(piece.lower())
            if term is None:
                continue
            if (
                self.boundary
                and piece[0].isascii()
                and piece[0].isalpha()
                and e - n
                and s[e - n - 1].isascii()
                and s[e - n - 1].isalpha()
            ):
                continue
            return e - n, term
        return None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled patterns and look-up tables; built once by :func:`lexicon`."""

    tail_re: re.Pattern[str]
    tail_first: frozenset[str]  # first characters of every tail term: most numbers fail this cheap test
    terms: dict[str, Term]
    terms_ci: dict[str, Term]
    prefix_currency_end: EndMatcher
    prefix_currency: dict[str, str]
    qual_prefix_end: EndMatcher
    fillers: str
    qual_suffix_re: re.Pattern[str]
    qualifiers: dict[str, str]
    zh_magnitudes: dict[str, float]
    en_mag_re: re.Pattern[str]
    en_magnitudes: dict[str, float]
    trillion_before: tuple[str, ...]
    counter_block: dict[str, str]
    tenths_block: str
    en_count_nouns: frozenset[str]
    en_stop: frozenset[str]
    en_numbers: dict[str, int]
    bare_qualifiers: dict[str, str]
    rank_end: EndMatcher
    decline_before_end: EndMatcher
    decline_after_re: re.Pattern[str]
    class_after_re: re.Pattern[str]
    tw_markers: tuple[str, ...]
    tw_weak: tuple[str, ...]
    tw_weak_min: int
    zh_nouns_re: re.Pattern[str]
    money_cue_re: re.Pattern[str]
    qualifier_not_after: dict[str, str]
    verb_qualifiers: frozenset[str]
    currency_letters: dict[str, float]
    ignored_suffixes: frozenset[str]
    back_ref_re: re.Pattern[str]
    clause_end_counters: frozenset[str]
    number_of_re: re.Pattern[str]


def _both_scripts(terms: list[str]) -> list[str]:
    """Each Chinese term plus its Traditional form (a line may stay unconverted)."""
    out: list[str] = []
    for t in terms:
        out.append(t)
        if _CJK.search(t):
            trad = to_traditional(t)
            if trad != t:
                out.append(trad)
    return out


def _is_ci(term: str) -> bool:
    """Words of three letters or more match in any case; symbols (W, mW, MW, ha) do not."""
    return len(term) >= 3 and term.replace(" ", "").replace(".", "").isalpha() and term.isascii()


def _alt(terms: list[str], boundary: bool = True) -> str:
    """Longest-first alternation; Latin words get letter boundaries so 'W' never eats 'Ways'."""
    parts = []
    for t in sorted(set(terms), key=len, reverse=True):
        p = re.escape(t)
        if _is_ci(t):
            p = f"(?i:{p})"
        if boundary and t[-1].isascii() and t[-1].isalpha():
            p += r"(?![A-Za-z0-9])"
        if boundary and t[0].isascii() and t[0].isalpha():
            p = r"(?<![A-Za-z])" + p
        parts.append(p)
    return "|".join(parts)


def _add(terms: dict[str, Term], ci: dict[str, Term], words: list[str], term: Term) -> None:
    """Register words in both scripts; the first data entry for a word wins (longer lists come later)."""
    for w in _both_scripts(words):
        terms.setdefault(w, term)
        if _is_ci(w):
            ci.setdefault(w.lower(), term)


def _tail_terms(units: dict[str, Any], sup: dict[str, Any]) -> tuple[dict[str, Term], dict[str, Term]]:
    """Every word that may follow a number, mapped to what it makes of the number."""
    terms: dict[str, Term] = {}
    ci: dict[str, Term] = {}
    needs = sup.get("currency_suffix_needs_magnitude_or", {})
    for cur in sup.get("currencies", []) + units["currencies"]:
        for w in cur.get("suffix", []):
            _add(terms, ci, [w], Term("currency", cur["code"], needs_magnitude=tuple(needs.get(w, ()))))
    base = {"area": "m2", "power": "W", "length": "m", "time": "s", "energy": "J"}
    for u in sup.get("units", []) + units["units"]:
        _add(terms, ci, u["terms"], Term("unit", base[u["dimension"]], float(u["factor"])))
    pct = units["percent"]
    _add(terms, ci, pct["points"], Term("points", "pp"))
    _add(terms, ci, pct["suffix"], Term("percent", "%"))
    for c in sup.get("zh_counters", []) + units["counts"]:
        if c.get("lang", "zh") == "zh":
            _add(terms, ci, c["terms"], Term("counter", "count", noun=c["noun"]))
    return terms, ci


def _qualifiers(units: dict[str, Any], sup: dict[str, Any]) -> tuple[dict[str, str], list[str], list[str]]:
    """Qualifier word → meaning, plus prefix and suffix word lists; the supplement wins."""
    meaning: dict[str, str] = {}
    prefix: list[str] = []
    suffix: list[str] = []
    for q in units["qualifiers"] + sup.get("qualifiers", []):
        words = _both_scripts(q["terms"])
        for w in words:
            meaning[w.lower() if _is_ci(w) else w] = q["meaning"]
        (prefix if q["position"] == "prefix" else suffix).extend(words)
    return meaning, prefix, suffix


def _counter_block(sup: dict[str, Any]) -> dict[str, str]:
    """Last character of a counter/unit → characters that, following it, make it part of a word."""
    block = {k: v for k, v in sup["zh_counter_not_before"].items() if not k.startswith("_")}
    for c in sup.get("zh_counters", []):
        if c.get("not_before"):
            for t in c["terms"]:
                block[t[-1]] = c["not_before"]
    out = dict(block)
    for k, v in block.items():
        out[to_traditional(k)] = v + to_traditional(v)
    return out


def _zh_magnitudes(units: dict[str, Any]) -> dict[str, float]:
    """万 → 1e4 … from units.json (兆 is handled apart: its meaning depends on what follows)."""
    return {t: float(m["value"]) for m in units["magnitudes"] if m["lang"] == "zh" for t in m["terms"]}


def _word_list_re(words: list[str]) -> re.Pattern[str]:
    """Words that may directly follow a quantity (one optional space)."""
    return re.compile(f"\\s?(?:{_alt(_both_scripts(words))})")


def _money_cues(attrs: dict[str, Any]) -> re.Pattern[str]:
    """Chinese cue words of money attributes (产值, 投资 …): they make ``5亿`` an amount of money."""
    words = [w for a in attrs["attributes"].values() if a["unit"] == "money" for w in a["zh"]]
    return re.compile(_alt(_both_scripts(words)))


def _entries(d: dict[str, Any]) -> dict[str, Any]:
    """A data mapping without its ``_doc`` keys."""
    return {k: v for k, v in d.items() if not k.startswith("_")}


def _number_fields(units: dict[str, Any], attrs: dict[str, Any], sup: dict[str, Any]) -> dict[str, Any]:
    """What may follow or precede a number: units, currencies, magnitudes, qualifiers."""
    terms, terms_ci = _tail_terms(units, sup)
    meaning, qprefix, qsuffix = _qualifiers(units, sup)
    cur = {p: c["code"] for c in sup.get("currencies", []) + units["currencies"] for p in c.get("prefix", [])}
    en_mags = {t: float(m["value"]) for m in units["magnitudes"] if m["lang"] == "en" for t in m["terms"]}
    trillion = next(m for m in sup["magnitudes"] if "兆" in m["terms"])
    return {
        "tail_re": re.compile(r"[ \u00a0\-]?(?:" + _alt(list(terms)) + ")"),
        "tail_first": frozenset(t[0] for t in terms)
        | frozenset(t[0].upper() for t in terms_ci)
        | frozenset(t[0].lower() for t in terms_ci),
        "terms": terms,
        "terms_ci": terms_ci,
        "prefix_currency_end": EndMatcher(list(cur), boundary=False),
        "prefix_currency": {**{k.lower(): v for k, v in cur.items()}, **cur},
        "qual_prefix_end": EndMatcher(qprefix),
        "fillers": "".join(sup.get("qualifier_fillers", [])),
        "qual_suffix_re": re.compile(r"[ \u00a0]?(?:" + _alt(qsuffix) + ")"),
        "qualifiers": meaning,
        "zh_magnitudes": _zh_magnitudes(units),
        "en_mag_re": re.compile(r"[ \u00a0\-]?(" + _alt(list(en_mags)) + ")"),
        "en_magnitudes": en_mags,
        "trillion_before": tuple(trillion["only_before"]),
        "bare_qualifiers": _entries(sup["bare_magnitude_qualifiers"]),
        "qualifier_not_after": _entries(sup["qualifier_not_after"]),
        "currency_letters": {k: float(v) for k, v in _entries(sup["currency_magnitude_letters"]).items()},
        "ignored_suffixes": frozenset(sup["suffix_qualifiers_ignored"]["terms"]),
        "verb_qualifiers": frozenset(_both_scripts(sup["verb_qualifiers"]["terms"])),
        "money_cue_re": _money_cues(attrs),
    }


def _context_fields(units: dict[str, Any], attrs: dict[str, Any], sup: dict[str, Any]) -> dict[str, Any]:
    """Counted nouns, ranks, decrease words, classes and the Taiwan markers."""
    rank, ctx, tw = sup["rank_before"], attrs["contexts"], sup["taiwan_yuan_markers"]
    nouns = [w for v in attrs["count_nouns"].values() for w in v["zh"] if len(w) > 1]
    en_nouns = [w for c in units["counts"] if c["lang"] == "en" for w in c["terms"]] + sup["en_count_nouns"]
    en_nouns += [w for v in attrs["count_nouns"].values() for w in v["en"] if w.endswith("s")]
    number_of = "|".join(re.escape(w) for w in sup["number_of"]["en"])
    return {
        "counter_block": _counter_block(sup),
        "tenths_block": sup["percent_tenths"]["not_before"],
        "en_count_nouns": frozenset(en_nouns),
        "en_stop": frozenset(sup["en_count_modifier_stop"]),
        "en_numbers": dict(sup["en_number_words"]),
        "rank_end": EndMatcher(rank["zh"] + rank["en"], tails=(".",)),
        "decline_before_end": EndMatcher(
            _both_scripts(ctx["decline_before"]["zh"]) + ctx["decline_before"]["en"], tails=(" by", " of")
        ),
        "decline_after_re": _word_list_re(ctx["decline_after"]["en"]),
        "class_after_re": re.compile("(?:" + _alt(sup["class_after"]["zh"] + sup["class_after"]["en"]) + ")"),
        "tw_markers": tuple(tw["terms"]),
        "tw_weak": tuple(tw["weak_terms"]),
        "tw_weak_min": int(tw["weak_min"]),
        "zh_nouns_re": re.compile(_alt(_both_scripts(nouns))),
        "clause_end_counters": frozenset(sup["counter_needs_clause_end"]["terms"]),
        "back_ref_re": re.compile(r"[ \u00a0](?:" + _alt(sup["back_reference"]["en"]) + ")"),
        "number_of_re": re.compile(rf"(?i:{number_of})((?:[ \u00a0][A-Za-z][A-Za-z'\-]*){{1,4}})"),
    }


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Compile the vocabulary (cached: data files are read once per process)."""
    units = load_json("units.json")
    attrs = load_json("attributes.json")
    sup = attrs["quantity_supplement"]
    return Lexicon(**_number_fields(units, attrs, sup), **_context_fields(units, attrs, sup))
