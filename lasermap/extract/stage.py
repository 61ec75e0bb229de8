"""Extract stages: sentences, mentions, chain segments (and, as their modules land,
quantities, people, events, facts). Each is a small pure function of the record."""

from __future__ import annotations

import re
from collections import Counter

from lasermap.doc import Document
from lasermap.extract.chain import find_chain_tags
from lasermap.extract.mentions import find_mentions
from lasermap.extract.sentences import split_sentences
from lasermap.pipeline.stage import stage

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def dominant_year(text: str) -> int | None:
    """The most frequent explicit year in ``text`` (latest on ties): the year of an undated page."""
    counts = Counter(int(y) for y in _YEAR.findall(text) if 1980 <= int(y) <= 2100)
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


@stage("sentences", reads=("text", "published"), writes=("sentences", "doc_year"))
def sentences(doc: Document) -> Document:
    year = int(doc.published[:4]) if doc.published else dominant_year(doc.text)
    return doc.evolve(sentences=split_sentences(doc.text), doc_year=year)


@stage("mentions", reads=("text", "text_simplified", "simplified_offsets"), writes=("mentions",))
def mentions(doc: Document) -> Document:
    return doc.evolve(mentions=find_mentions(doc.text, doc.text_simplified, doc.simplified_offsets))


@stage("chain", reads=("text", "text_simplified", "simplified_offsets", "sentences"), writes=("chain_tags",))
def chain(doc: Document) -> Document:
    return doc.evolve(chain_tags=find_chain_tags(doc.text, doc.text_simplified, doc.simplified_offsets, doc.sentences))


@stage("quantities", reads=("text",), writes=("quantities",))
def quantities(doc: Document) -> Document:
    from lasermap.extract.quantities import find_quantities

    return doc.evolve(quantities=find_quantities(doc.text))


@stage("people", reads=("text", "sentences", "mentions"), writes=("people",))
def people(doc: Document) -> Document:
    from lasermap.extract.people import find_people

    return doc.evolve(people=find_people(doc.text, doc.sentences, doc.mentions))


@stage("events", reads=("text", "sentences", "mentions", "published", "doc_year"), writes=("events",))
def events(doc: Document) -> Document:
    from lasermap.extract.events import find_events

    return doc.evolve(events=find_events(doc.text, doc.sentences, doc.mentions, doc.published, doc.doc_year))


@stage(
    "facts",
    reads=("text", "sentences", "mentions", "events", "quantities", "published", "doc_year"),
    writes=("facts",),
)
def facts(doc: Document) -> Document:
    from lasermap.extract.facts import find_facts

    found = find_facts(doc.text, doc.sentences, doc.mentions, doc.events, doc.quantities, doc.published, doc.doc_year)
    return doc.evolve(facts=found)
