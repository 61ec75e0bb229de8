"""Annotation records attached to a :class:`~lasermap.doc.Document` by the extract stages.

Every annotation carries character offsets into ``Document.text`` (the cleaned
text in its original script), so a fact can always be shown in the sentence it
came from. Chinese is matched on the Simplified shadow and mapped back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """A name in the text and what it refers to (a gazetteer id when known)."""

    start: int
    end: int
    text: str
    type: str  # org | place | person | event
    subtype: str | None = None
    entity_id: str | None = None
    name: str = ""  # canonical English name where known, else the surface form
    name_zh: str | None = None
    method: str = "gazetteer"  # gazetteer | rule | declared-alias | coreference
    confidence: float = 1.0


@dataclass(slots=True)
class Quantity:
    """A number with its unit and qualifier, normalized to a base unit."""

    start: int
    end: int
    surface: str
    value: float
    unit: str  # CNY USD EUR TWD HKD JPY m2 W count %
    qualifier: str = "eq"  # eq | gt | lt | approx
    counted: str | None = None  # for counts: what is counted (enterprises, projects, 人 …)


@dataclass(slots=True)
class Fact:
    """A quantity attached to the entity it measures, with attribute and year."""

    subject_name: str
    attribute: str
    value: float
    unit: str
    qualifier: str
    year: int | None
    surface: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    subject_id: str | None = None
    subject_start: int | None = None
    subject_end: int | None = None


@dataclass(slots=True)
class Event:
    type: str  # conference meeting visit signing establishment unveiling groundbreaking opening production_start exhibition investment
    name: str
    date: str | None
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    place: str | None = None
    place_id: str | None = None
    participants: list[str] = field(default_factory=list)
    trigger: str = ""


@dataclass(slots=True)
class Person:
    name: str
    title: str | None
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    org_id: str | None = None
    org_name: str | None = None


@dataclass(slots=True)
class ChainTag:
    """An industry-chain segment the text mentions, with its evidence."""

    segment: str
    term: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


def to_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)
