"""The store interface: the only way the rest of lasermap reads or writes data.

Interfaces (CLI, API, web) and jobs talk to a :class:`Store`; no SQL lives
outside ``lasermap.store``. A Postgres backend implements the same protocol.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from lasermap.doc import Document


@dataclass(slots=True)
class StoredDocument:
    """A document as stored: metadata, clean text and where it came from."""

    id: str
    source: str
    kind: str
    url: str | None
    site: str | None
    title: str | None
    published: str | None
    published_evidence: str | None
    author: str | None
    lang: str | None
    script: str | None
    encoding: str | None
    text: str
    text_simplified: str | None
    simplified_offsets: list[tuple[int, int]]
    duplicate_of: str | None
    warnings: list[str]
    ingested_at: str
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SearchFilters:
    lang: str | None = None
    site: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 10
    offset: int = 0


@dataclass(slots=True)
class SearchHit:
    document: StoredDocument
    score: float


@dataclass(slots=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    terms: tuple[str, ...]


@dataclass(slots=True)
class PutResult:
    added: int = 0
    already_stored: int = 0
    new_sources: int = 0


class Store(Protocol):
    """What every backend provides."""

    path: str

    def existing_ids(self, ids: Iterable[str]) -> set[str]: ...

    def put_documents(self, docs: Sequence[Document]) -> PutResult: ...

    def add_source(self, doc_id: str, source: str) -> bool: ...

    def record_failure(self, source: str, reason: str) -> None: ...

    def get_document(self, id_or_prefix: str) -> StoredDocument | None: ...

    def iter_documents(self) -> Iterator[StoredDocument]: ...

    def search(self, query: str, filters: SearchFilters) -> SearchResult: ...

    def annotations(self, doc_id: str) -> dict[str, list]: ...

    def list_entities(self, type_: str | None = None, query: str | None = None, limit: int = 50) -> list[dict[str, object]]: ...

    def iter_entities(self) -> Iterator[dict[str, object]]: ...

    def list_facts(
        self, subject: str | None = None, attribute: str | None = None, year: int | None = None, limit: int = 200
    ) -> list[dict[str, object]]: ...

    # re-processing and reprints
    def get_original(self, doc_id: str) -> bytes | None: ...

    def stale_documents(self, everything: bool = False) -> list[tuple[str, str, str, dict]]: ...

    def replace_document(self, doc: Document) -> None: ...

    def rebuild_reprints(self) -> int: ...

    def stories(self, limit: int = 20) -> list[tuple[str, str | None, list[str]]]: ...

    def copies_of(self, doc_id: str) -> list[str]: ...

    # entity resolution and curation
    def entity_rows(self) -> list: ...

    def overrides(self, include_undone: bool = False) -> list: ...

    def add_override(self, action: str, a: str, b: str | None = None, value: str | None = None) -> int: ...

    def undo_override(self, override_id: int) -> bool: ...

    def write_canonical(self, mapping: dict[str, tuple[str, str]]) -> int: ...

    def stats(self) -> dict[str, object]: ...

    def close(self) -> None: ...
