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
from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled patterns and look-up tables; built once by :func:`lexicon`."""

    tail_re: re.Pattern[str]
    terms: dict[str, Term]
    terms_ci: dict[str, Term]
    prefix_currency_re: re.Pattern[str]
    prefix_currency: dict[str, str]
    qual_prefix_re: re.Pattern[str]
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
    rank_re: re.Pattern[str]
    decline_before_re: re.Pattern[str]
    decline_after_re: re.Pattern[str]
    class_after_re: re.Pattern[str]
    tw_markers: tuple[str, ...]
    tw_weak: tuple[str, ...]
    tw_weak_min: int
    zh_nouns_re: re.Pattern[str]
    money_cue_re: re.Pattern[str]
    extra: dict[str, Any] = field(default_factory=dict)


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
            p += r"(?![A-Za-z])"
        if boundary and t[0].isascii() and t[0].isalpha():
            p = r"(?<![A-Za-z])" + p
        parts.append(p)
    return "|".join(parts)


def _add(terms: dict[str, Term], ci: dict[str, Term], words: list[str], term: Term) -> None:
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
    return {t: float(m["value"]) for m in units["magnitudes"] if m["lang"] == "zh" for t in m["terms"]}


def _word_list_re(words: list[str], anchor_end: bool) -> re.Pattern[str]:
    body = _alt(_both_scripts(words))
    if anchor_end:
        return re.compile(f"(?:{body})(?:\\s(?i:by|of))?\\s?$")
    return re.compile(f"\\s?(?:{body})")


def _money_cues(attrs: dict[str, Any]) -> re.Pattern[str]:
    """Chinese cue words of money attributes (产值, 投资 …): they make ``5亿`` an amount of money."""
    words = [w for a in attrs["attributes"].values() if a["unit"] == "money" for w in a["zh"]]
    return re.compile(_alt(_both_scripts(words)))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Compile the vocabulary (cached: data files are read once per process)."""
    units = load_json("units.json")
    attrs = load_json("attributes.json")
    sup = attrs["quantity_supplement"]
    terms, terms_ci = _tail_terms(units, sup)
    meaning, qprefix, qsuffix = _qualifiers(units, sup)
    fillers = "".join(sup.get("qualifier_fillers", []))
    cur_prefix = {p: c["code"] for c in sup.get("currencies", []) + units["currencies"] for p in c.get("prefix", [])}
    en_mags = {t: float(m["value"]) for m in units["magnitudes"] if m["lang"] == "en" for t in m["terms"]}
    trillion = next(m for m in sup["magnitudes"] if "兆" in m["terms"])
    rank = sup["rank_before"]
    ctx = attrs["contexts"]
    tw = sup["taiwan_yuan_markers"]
    nouns = [w for v in attrs["count_nouns"].values() for w in v["zh"] if len(w) > 1 or w in "人"]
    return Lexicon(
        tail_re=re.compile(r"[ \u00a0\-]?(?:" + _alt(list(terms)) + ")"),
        terms=terms,
        terms_ci=terms_ci,
        prefix_currency_re=re.compile("(?:" + _alt(list(cur_prefix), boundary=False) + r")[ \u00a0]?$"),
        prefix_currency=cur_prefix,
        qual_prefix_re=re.compile("(?:" + _alt(qprefix) + f")[{fillers}]?[ \\u00a0]?$"),
        qual_suffix_re=re.compile(r"[ \u00a0]?(?:" + _alt(qsuffix) + ")"),
        qualifiers=meaning,
        zh_magnitudes=_zh_magnitudes(units),
        en_mag_re=re.compile(r"[ \u00a0\-]?(" + _alt(list(en_mags)) + ")"),
        en_magnitudes=en_mags,
        trillion_before=tuple(trillion["only_before"]),
        counter_block=_counter_block(sup),
        tenths_block=sup["percent_tenths"]["not_before"],
        en_count_nouns=frozenset(
            [w for c in units["counts"] if c["lang"] == "en" for w in c["terms"]]
            + sup["en_count_nouns"]
            + [w for v in attrs["count_nouns"].values() for w in v["en"] if w.endswith("s")]
        ),
        en_stop=frozenset(sup["en_count_modifier_stop"]),
        en_numbers=dict(sup["en_number_words"]),
        bare_qualifiers={k: v for k, v in sup["bare_magnitude_qualifiers"].items() if not k.startswith("_")},
        rank_re=re.compile("(?:" + _alt(rank["zh"] + rank["en"]) + r")\.?[ \u00a0]?$"),
        decline_before_re=_word_list_re(ctx["decline_before"]["zh"] + ctx["decline_before"]["en"], True),
        decline_after_re=_word_list_re(ctx["decline_after"]["en"], False),
        class_after_re=re.compile("(?:" + _alt(sup["class_after"]["zh"] + sup["class_after"]["en"]) + ")"),
        tw_markers=tuple(tw["terms"]),
        tw_weak=tuple(tw["weak_terms"]),
        tw_weak_min=int(tw["weak_min"]),
        zh_nouns_re=re.compile(_alt(_both_scripts(nouns))),
        money_cue_re=_money_cues(attrs),
    )
