"""The one record that flows through every pipeline stage.

Like spaCy's ``Doc``, a :class:`Document` is the spine of lasermap: each stage
reads some of its fields and returns a copy with other fields filled in. The
record never loses the original: ``raw`` keeps the bytes as read, ``source_text``
the decoded page, and cleaned or normalized forms sit beside them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

from lasermap.annotations import ChainTag, Event, Fact, Mention, Person, Quantity, Sentence

#: Bumped when a stage changes what it writes, so stored documents can be
#: recognised as produced by an older pipeline and re-processed.
PIPELINE_VERSION = 4


def make_doc_id(raw: bytes) -> str:
    """Content-derived id: the same bytes always give the same id, so a
    re-ingest of an unchanged page is a no-op wherever it is found."""
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(slots=True)
class Document:
    """A page on its way from bytes to clean, annotated text.

    Fields are grouped by the stage that writes them. ``kind`` is the input
    format: ``html`` for markup, ``text`` for text captures of pages.
    """

    # --- input (set by the reader) ---
    source: str
    raw: bytes
    kind: str = "text"
    hints: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    # --- decode ---
    encoding: str | None = None
    source_text: str = ""
    # --- clean ---
    text: str = ""
    title: str | None = None
    header_lines: list[str] = field(default_factory=list)
    footer_lines: list[str] = field(default_factory=list)
    # --- metadata ---
    url: str | None = None
    site: str | None = None
    published: str | None = None
    published_evidence: str | None = None
    author: str | None = None
    # --- normalize ---
    lang: str | None = None
    script: str | None = None
    text_simplified: str | None = None
    title_simplified: str | None = None
    simplified_offsets: list[tuple[int, int]] = field(default_factory=list)
    # --- fingerprint ---
    signature: bytes = b""
    # --- extract ---
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    chain_tags: list[ChainTag] = field(default_factory=list)
    doc_year: int | None = None
    # --- bookkeeping ---
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = make_doc_id(self.raw)

    def evolve(self, **changes: Any) -> Document:
        """Return a copy with ``changes`` applied; stages never mutate their input."""
        return dataclasses.replace(self, **changes)

    def paragraphs(self) -> list[str]:
        """The cleaned text split into paragraphs (blank-line separated)."""
        return [p for p in self.text.split("\n\n") if p.strip()]


FIELD_NAMES = frozenset(f.name for f in dataclasses.fields(Document))
INPUT_FIELDS = frozenset({"source", "raw", "kind", "hints", "id"})
