"""Facts: each quantity attached to the entity it measures, with attribute and year.

The subject is chosen within the quantity's sentence, by what the attribute
usually measures (data/coreference.json ``preferred_subjects``: a count of
enterprises measures a place or park, revenue a company, attendance an event):
the nearest preferred mention before the quantity in its clause, then in its
sentence, then after it in the sentence ("launched by X"); phrases like
"the city" or 该基地 stand for the last entity of their kind named before
them. Failing all that, the nearest mention of any kind, then the document's
most-mentioned place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from lasermap.annotations import Event, Fact, Mention, Quantity, Sentence
from lasermap.data_files import load_json
from lasermap.extract.attributes import classify_attribute, resolve_year
from lasermap.extract.sentences import sentence_at
from lasermap.normalize.script import to_simplified

#: Units that make a business fact; wavelengths (m), pulse widths (s), energies (J) and
#: percentage points stay quantities but are not facts about an entity.
FACT_UNITS = frozenset({"CNY", "USD", "EUR", "TWD", "HKD", "JPY", "GBP", "KRW", "CHF", "m2", "W", "count", "%"})
_CLAUSE_BREAK = re.compile(r"[,，;；:：。!?！？]|\band\b|\bwhile\b|\bwhich\b")


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    name: str
    entity_id: str | None
    kinds: frozenset[str]


@lru_cache(maxsize=1)
def _coref() -> tuple[re.Pattern[str], dict[str, dict], dict[str, list[str]]]:
    data = load_json("coreference.json")
    phrases = {p.casefold(): kind for kind, spec in data["kinds"].items() for p in spec["phrases"]}
    alt = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<![a-z])(?:{alt})(?![a-z])", re.I)
    return pattern, data["kinds"], data["preferred_subjects"]


def _kinds_of(m: Mention) -> frozenset[str]:
    kinds = {m.type}
    if m.subtype:
        kinds.add(m.subtype)
    if m.subtype in ("facility", "park"):
        kinds.add("facility" if m.subtype == "facility" else "park")
    return frozenset(kinds)


def _candidates(mentions: list[Mention], events: list[Event]) -> list[Candidate]:
    """Named entities, plus extracted gatherings (a meeting has attendees; a signing is not a subject)."""
    gatherings = set(load_json("coreference.json")["gathering_event_types"])
    cands = [Candidate(m.start, m.end, m.name or m.text, m.entity_id, _kinds_of(m))
             for m in mentions if m.type in ("org", "place", "event")]  # fmt: skip
    cands += [Candidate(e.start, e.end, e.name, None, frozenset({"event", e.type}))
              for e in events if e.type in gatherings]  # fmt: skip
    return sorted(cands, key=lambda c: (c.start, -c.end))


def _resolve_coref(text: str, shadow: str, cands: list[Candidate]) -> list[Candidate]:
    """Coreference phrases as candidates standing for the last matching entity before them."""
    pattern, kinds, _ = _coref()
    out = []
    for m in pattern.finditer(shadow):
        spec = kinds[_kind_for(m.group().casefold())]
        subtypes = set(spec["subtypes"])
        prior = [c for c in cands if c.end <= m.start() and spec["type"] in c.kinds
                 and (not subtypes or c.kinds & subtypes)]  # fmt: skip
        if prior:
            ref = prior[-1]
            out.append(Candidate(m.start(), m.end(), ref.name, ref.entity_id, ref.kinds))
    return out


@lru_cache(maxsize=256)
def _kind_for(phrase: str) -> str:
    data = load_json("coreference.json")["kinds"]
    return next(k for k, spec in data.items() if phrase in (p.casefold() for p in spec["phrases"]))


def _clause_start(text: str, sent: Sentence, pos: int) -> int:
    start = sent.start
    for m in _CLAUSE_BREAK.finditer(text, sent.start, pos):
        start = m.end()
    return start


def _pick(
    cands: list[Candidate], q: Quantity, sent: Sentence, clause: int, prefer: list[str], prev_start: int,
    strict: bool = False,
) -> Candidate | None:
    """Preferred kinds first: this clause, this sentence before, after; then the sentence before (events only)."""
    in_sent = [c for c in cands if sent.start <= c.start and c.end <= sent.end and not (c.start <= q.start < c.end)]
    before = [c for c in in_sent if c.end <= q.start]
    after = [c for c in in_sent if c.start >= q.end]
    previous = [c for c in cands if prev_start <= c.start and c.end <= sent.start]
    for kind in prefer:
        for pool in ([c for c in before if c.start >= clause], before, after):
            hits = [c for c in pool if kind in c.kinds]
            if hits:
                return hits[-1] if pool is not after else hits[0]
        if kind == "event":
            hits = [c for c in previous if "event" in c.kinds]
            if hits:
                return hits[-1]
    if strict and prefer and any(k not in ("org", "place") for k in prefer[:1]):
        return None
    if before:
        return before[-1]
    return after[0] if after else None


_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|今年|去年|明年|前年|本年|this year|last year|next year", re.I)


def _fact_year(
    sentence: str, q_start: int, clause_start: int, attribute: str, subject: Candidate, events: list[Event],
    published: str | None, doc_year: int | None,
) -> int | None:
    """The year a fact refers to.

    Properties of a thing (area, power) have a year only when their own clause
    gives one. A fact about a gathering takes the gathering's year. A plan
    ("将实现", "will reach") takes only a current or future year it names.
    """
    data = load_json("coreference.json")
    if attribute in data["static_attributes"]:
        own = sentence[clause_start:q_start]
        return resolve_year(own, len(own), published, None) if _YEARISH.search(own) else None
    if "event" in subject.kinds:
        dated = [e.date for e in events if e.name == subject.name and e.date]
        if dated:
            return int(dated[0][:4])
    year = resolve_year(sentence, q_start, published, doc_year)
    folded = to_simplified(sentence).casefold()
    if any(m in folded for m in data["future_markers"]):
        base = int(published[:4]) if published else doc_year
        explicit = _YEARISH.search(sentence)
        if not explicit or (base is not None and year is not None and year < base):
            return None
    return year


def _backoff(cands: list[Candidate], q: Quantity, window_start: int, prefer: list[str]) -> Candidate | None:
    """Outside the sentence: the last preferred entity a few sentences back, else the most-named one.

    A results paragraph names the company once and then gives ten figures; the
    figures belong to the company, not to the city in the next clause.
    """
    for kind in prefer:
        if kind in ("place", "org"):
            continue  # too general to reach across sentences; the topic fallback handles places
        near = [c for c in cands if window_start <= c.start and c.end <= q.start and kind in c.kinds]
        if near:
            return near[-1]
        counts = Counter((c.entity_id, c.name) for c in cands if kind in c.kinds and c.entity_id)
        if counts:
            (eid, name), _ = counts.most_common(1)[0]
            kinds = next(c.kinds for c in cands if c.entity_id == eid)
            return Candidate(0, 0, name, eid, kinds)
    return None


def _topic(mentions: list[Mention]) -> Candidate | None:
    places = Counter((m.entity_id, m.name) for m in mentions if m.type == "place" and m.subtype != "country")
    if not places:
        return None
    (eid, name), _ = places.most_common(1)[0]
    return Candidate(0, 0, name, eid, frozenset({"place"}))


def find_facts(
    text: str, sentences: list[Sentence], mentions: list[Mention], events: list[Event], quantities: list[Quantity],
    published: str | None, doc_year: int | None,
) -> list[Fact]:
    """One fact per quantity that has a subject (a quantity with no subject anywhere is not a fact)."""
    shadow = to_simplified(text)
    shadow = shadow if len(shadow) == len(text) else text
    cands = _candidates(mentions, events)
    cands = sorted(cands + _resolve_coref(text, shadow, cands), key=lambda c: (c.start, -c.end))
    _, _, preferred = _coref()
    topic = _topic(mentions)
    facts = []
    starts = [s.start for s in sentences]
    for q in quantities:
        if q.unit not in FACT_UNITS:
            continue
        sent = sentence_at(sentences, q.start) or Sentence(q.start, q.end)
        sentence = text[sent.start : sent.end]
        attribute = classify_attribute(sentence, q.start - sent.start, q.end - sent.start, q)
        clause = _clause_start(shadow, sent, q.start)
        index = starts.index(sent.start) if sent.start in starts else 0
        prev_start = sentences[index - 1].start if index > 0 else sent.start
        prefer = preferred.get(attribute, [])
        subject = _pick(cands, q, sent, clause, prefer, prev_start, strict=True)
        if subject is None:
            window = sentences[max(0, index - load_json("coreference.json")["fallback_window"])].start
            subject = _backoff(cands, q, window, prefer) or _pick(cands, q, sent, clause, prefer, prev_start) or topic
        if subject is None:
            continue
        year = _fact_year(sentence, q.start - sent.start, clause - sent.start, attribute, subject, events,
                          published, doc_year)  # fmt: skip
        facts.append(Fact(
            subject_name=subject.name, attribute=attribute, value=q.value, unit=q.unit, qualifier=q.qualifier,
            year=year, surface=q.surface, start=q.start, end=q.end, sentence_start=sent.start,
            sentence_end=sent.end, subject_id=subject.entity_id,
            subject_start=subject.start if subject.end else None, subject_end=subject.end or None,
        ))  # fmt: skip
    return facts
