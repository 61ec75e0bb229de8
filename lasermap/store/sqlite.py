"""SQLite backend: one file, WAL mode, FTS5 over bigram tokens.

Only this process writes (as in Datasette, one writer); each batch of
documents goes in one transaction together with its full-text rows, so an
interrupted ingest leaves either a whole document or none of it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from lasermap.doc import PIPELINE_VERSION, Document
from lasermap.errors import QueryError, StoreError
from lasermap.resolve.entities import EntityRow, Override
from lasermap.store import reprint_sql, resolution_sql
from lasermap.store.analysis_sql import AnalysisQueries
from lasermap.store.annotation_rows import delete_annotations, insert_annotations, load_annotations
from lasermap.store.base import PutResult, SearchFilters, SearchHit, SearchResult, StoredDocument
from lasermap.store.migrations import migrate
from lasermap.store.query import parse_query
from lasermap.store.tokens import index_text

_DOC_COLUMNS = (
    "id, source, kind, url, site, title, published, published_evidence, author, lang, script, encoding, "
    "text, text_simplified, simplified_offsets, duplicate_of, warnings, ingested_at"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fts_row(title: str | None, title_simplified: str | None, text: str, text_simplified: str | None) -> tuple[str, str]:
    return index_text(title_simplified or title or ""), index_text(text_simplified or text)


class SQLiteStore:
    """The embedded default store."""

    def __init__(self, path: str):
        self.path = path
        try:
            parent = os.path.dirname(os.path.abspath(path))
            os.makedirs(parent, exist_ok=True)
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self.conn.execute("PRAGMA foreign_keys=ON")
            migrate(self.conn)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open database: {exc}") from exc

    # --- writing -------------------------------------------------------
    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
        return found

    def put_documents(self, docs: Sequence[Document]) -> PutResult:
        """Insert new documents and their sources in one transaction; known ids only gain sources."""
        result = PutResult()
        if not docs:
            return result
        now = _now()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            known = self.existing_ids(d.id for d in docs)
            for doc in docs:
                if doc.id in known:
                    result.already_stored += 1
                else:
                    self._insert(doc, now)
                    known.add(doc.id)
                    result.added += 1
                if self._insert_source(doc.id, doc.source):
                    result.new_sources += 1
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return result

    def _insert(self, doc: Document, now: str) -> None:
        cur = self.conn.execute(
            "INSERT INTO documents(id, source, kind, url, site, title, title_simplified, published, "
            "published_evidence, author, lang, script, encoding, text, text_simplified, simplified_offsets, "
            "duplicate_of, warnings, pipeline_version, ingested_at, hints, signature) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id, doc.source, doc.kind, doc.url, doc.site, doc.title, doc.title_simplified,
                doc.published, doc.published_evidence, doc.author, doc.lang, doc.script, doc.encoding,
                doc.text, doc.text_simplified, json.dumps(doc.simplified_offsets) if doc.simplified_offsets else None,
                None, json.dumps(doc.warnings, ensure_ascii=False) if doc.warnings else None,
                PIPELINE_VERSION, now, json.dumps(doc.hints, ensure_ascii=False) if doc.hints else None,
                doc.signature or None,
            ),
        )  # fmt: skip
        seq = cur.lastrowid
        self.conn.execute("INSERT INTO originals(doc_id, raw) VALUES (?, ?)", (doc.id, zlib.compress(doc.raw, 6)))
        title_tokens, body_tokens = _fts_row(doc.title, doc.title_simplified, doc.text, doc.text_simplified)
        self.conn.execute("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)", (seq, title_tokens, body_tokens))
        insert_annotations(self.conn, doc)
        reprint_sql.mark_reprints(self.conn, doc.id, doc.signature)

    def _insert_source(self, doc_id: str, source: str) -> bool:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO document_sources(doc_id, source) VALUES (?, ?)", (doc_id, source)
        )
        return cur.rowcount > 0

    def add_source(self, doc_id: str, source: str) -> bool:
        """Record one more place a stored document was found; False if already known."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            added = self._insert_source(doc_id, source)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return added

    def record_failure(self, source: str, reason: str) -> None:
        """Keep the first reason an input failed, so ``stats`` can list failures."""
        self.conn.execute(
            "INSERT OR IGNORE INTO failures(source, reason, first_seen) VALUES (?, ?, ?)", (source, reason, _now())
        )

    # --- reading -------------------------------------------------------
    def _row_to_doc(self, row: tuple) -> StoredDocument:
        (doc_id, source, kind, url, site, title, published, evidence, author, lang, script, encoding,
         text, text_simplified, offsets, duplicate_of, warnings, ingested_at) = row  # fmt: skip
        sources = [r[0] for r in self.conn.execute(
            "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY source", (doc_id,))]  # fmt: skip
        return StoredDocument(
            id=doc_id, source=source, kind=kind, url=url, site=site, title=title, published=published,
            published_evidence=evidence, author=author, lang=lang, script=script, encoding=encoding, text=text,
            text_simplified=text_simplified,
            simplified_offsets=[tuple(a) for a in json.loads(offsets)] if offsets else [],
            duplicate_of=duplicate_of, warnings=json.loads(warnings) if warnings else [],
            ingested_at=ingested_at, sources=sources,
        )  # fmt: skip

    def get_document(self, id_or_prefix: str) -> StoredDocument | None:
        """A document by id, unique id prefix (≥ 4 characters) or exact source path."""
        rows = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (id_or_prefix,)).fetchall()
        if not rows and len(id_or_prefix) >= 4:
            rows = self.conn.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE id LIKE ? LIMIT 2", (id_or_prefix + "%",)
            ).fetchall()
        if not rows:
            rows = self.conn.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN "
                "(SELECT doc_id FROM document_sources WHERE source = ?) LIMIT 2",
                (id_or_prefix,),
            ).fetchall()
        return self._row_to_doc(rows[0]) if len(rows) == 1 else None

    def annotations(self, doc_id: str) -> dict[str, list]:
        """Mentions, facts, events, people and chain tags stored for a document."""
        return load_annotations(self.conn, doc_id)

    def list_entities(
        self, type_: str | None = None, query: str | None = None, limit: int = 50
    ) -> list[dict[str, object]]:
        """Entities with their mention and document counts, most mentioned first."""
        where, params = ["1=1"], []
        if type_:
            where.append("e.type = ?")
            params.append(type_)
        if query:
            like = f"%{query.strip().casefold()}%"
            where.append(
                "(lower(e.name) LIKE ? OR e.name_zh LIKE ? OR e.id IN (SELECT entity_id FROM entity_names "
                "WHERE lower(name) LIKE ?))"
            )
            params += [like, like, like]
        rows = self.conn.execute(
            f"SELECT e.id, e.type, e.subtype, e.name, e.name_zh, e.origin, count(m.doc_id), count(DISTINCT m.doc_id) "
            f"FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id WHERE {' AND '.join(where)} "
            f"GROUP BY e.id ORDER BY count(DISTINCT m.doc_id) DESC, count(m.doc_id) DESC, e.name LIMIT ?",
            [*params, limit],
        ).fetchall()
        keys = ("id", "type", "subtype", "name", "name_zh", "origin", "mentions", "documents")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def list_facts(
        self, subject: str | None = None, attribute: str | None = None, year: int | None = None, limit: int = 200
    ) -> list[dict[str, object]]:
        """Facts with their document and source sentence; ``subject`` matches id, name or any surface name."""
        where, params = ["1=1"], []
        if subject:
            like = f"%{subject.strip().casefold()}%"
            where.append(
                "(f.subject_id = ? OR lower(f.subject_name) LIKE ? OR f.subject_id IN "
                "(SELECT id FROM entities WHERE lower(name) LIKE ? OR name_zh LIKE ?) OR f.subject_id IN "
                "(SELECT entity_id FROM entity_names WHERE lower(name) LIKE ?))"
            )
            params += [subject, like, like, like, like]
        if attribute:
            where.append("f.attribute = ?")
            params.append(attribute)
        if year is not None:
            where.append("f.year = ?")
            params.append(year)
        rows = self.conn.execute(
            "SELECT f.subject_id, f.subject_name, f.attribute, f.value, f.unit, f.qualifier, f.year, f.surface, "
            "f.start, f.end, f.doc_id, substr(d.text, f.sentence_start + 1, f.sentence_end - f.sentence_start), "
            f"d.published, d.title FROM facts f JOIN documents d ON d.id = f.doc_id WHERE {' AND '.join(where)} "
            "ORDER BY f.subject_name, f.attribute, f.year, d.published LIMIT ?",
            [*params, limit],
        ).fetchall()
        keys = ("subject_id", "subject_name", "attribute", "value", "unit", "qualifier", "year", "surface", "start",
                "end", "doc_id", "sentence", "published", "title")  # fmt: skip
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def iter_entities(self) -> Iterator[dict[str, object]]:
        """Every entity with all its surface names and the documents that mention it."""
        cur = self.conn.execute("SELECT id, type, subtype, name, name_zh FROM entities ORDER BY id")
        for eid, type_, subtype, name, name_zh in cur.fetchall():
            names = [r[0] for r in self.conn.execute(
                "SELECT name FROM entity_names WHERE entity_id = ? ORDER BY name", (eid,))]  # fmt: skip
            docs = [r[0] for r in self.conn.execute(
                "SELECT DISTINCT doc_id FROM mentions WHERE entity_id = ? ORDER BY doc_id", (eid,))]  # fmt: skip
            yield {"id": eid, "type": type_, "subtype": subtype, "name": name, "name_zh": name_zh,
                   "names": names, "documents": docs}  # fmt: skip

    # --- resolution ----------------------------------------------------
    def entity_rows(self) -> list[EntityRow]:
        return resolution_sql.entity_rows(self.conn)

    def overrides(self, include_undone: bool = False) -> list[Override]:
        return resolution_sql.overrides(self.conn, include_undone)

    def add_override(self, action: str, a: str, b: str | None = None, value: str | None = None) -> int:
        with self._transaction():
            return resolution_sql.add_override(self.conn, action, a, b, value)

    def undo_override(self, override_id: int) -> bool:
        with self._transaction():
            return resolution_sql.undo_override(self.conn, override_id)

    def write_canonical(self, mapping: dict[str, tuple[str, str]]) -> int:
        with self._transaction():
            return resolution_sql.write_canonical(self.conn, mapping)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def analysis(self) -> AnalysisQueries:
        """Queries of the analysis layer (profiles, clusters, partners, timeline) over this store."""
        return AnalysisQueries(self.conn)

    def rebuild_reprints(self) -> int:
        """Recompute every story from the stored signatures, one document at a time (flat memory)."""
        with self._transaction():
            reprint_sql.reset_reprints(self.conn)
            cur = self.conn.execute("SELECT id, signature FROM documents ORDER BY seq")
            for doc_id, sig in cur.fetchall():
                reprint_sql.mark_reprints(self.conn, doc_id, bytes(sig) if sig else b"")
        return int(self.conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0])

    def stories(self, limit: int = 20) -> list[tuple[str, str | None, list[str]]]:
        """Originals that have reprints, most reprinted first: (id, title, reprint ids)."""
        rows = self.conn.execute(
            "SELECT o.id, o.title, group_concat(d.id) FROM documents d JOIN documents o ON o.id = d.duplicate_of "
            "GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT ?", (limit,)
        ).fetchall()
        return [(i, t, sorted(c.split(","))) for i, t, c in rows]

    def copies_of(self, doc_id: str) -> list[str]:
        """Ids of the documents marked as reprints of ``doc_id``."""
        return [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE duplicate_of = ? ORDER BY id", (doc_id,))]

    def stale_documents(self, everything: bool = False) -> list[tuple[str, str, str, dict]]:
        """(id, source, kind, hints) of documents an older pipeline produced (or all of them)."""
        where = "" if everything else f"WHERE pipeline_version < {PIPELINE_VERSION}"
        rows = self.conn.execute(f"SELECT id, source, kind, hints FROM documents {where} ORDER BY seq").fetchall()
        return [(i, s, k, json.loads(h) if h else {}) for i, s, k, h in rows]

    def replace_document(self, doc: Document) -> None:
        """Re-processed output for a stored document: row, full-text entry and annotations replaced."""
        with self._transaction():
            row = self.conn.execute(
                "SELECT seq, title, title_simplified, text, text_simplified FROM documents WHERE id = ?", (doc.id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"cannot re-process {doc.id}: not stored")
            seq, old_tokens = row[0], _fts_row(row[1], row[2], row[3], row[4])
            self.conn.execute(
                "INSERT INTO doc_fts(doc_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)", (seq, *old_tokens)
            )
            self.conn.execute(
                "UPDATE documents SET url=?, site=?, title=?, title_simplified=?, published=?, published_evidence=?, "
                "author=?, lang=?, script=?, encoding=?, text=?, text_simplified=?, simplified_offsets=?, warnings=?, "
                "pipeline_version=?, signature=? WHERE id=?",
                (doc.url, doc.site, doc.title, doc.title_simplified, doc.published, doc.published_evidence, doc.author,
                 doc.lang, doc.script, doc.encoding, doc.text, doc.text_simplified,
                 json.dumps(doc.simplified_offsets) if doc.simplified_offsets else None,
                 json.dumps(doc.warnings, ensure_ascii=False) if doc.warnings else None, PIPELINE_VERSION,
                 doc.signature or None, doc.id),
            )  # fmt: skip
            new_tokens = _fts_row(doc.title, doc.title_simplified, doc.text, doc.text_simplified)
            self.conn.execute("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)", (seq, *new_tokens))
            delete_annotations(self.conn, doc.id)
            insert_annotations(self.conn, doc)
            reprint_sql.forget_reprints(self.conn, doc.id)
            reprint_sql.mark_reprints(self.conn, doc.id, doc.signature)

    def get_original(self, doc_id: str) -> bytes | None:
        row = self.conn.execute("SELECT raw FROM originals WHERE doc_id = ?", (doc_id,)).fetchone()
        return zlib.decompress(row[0]) if row else None

    def iter_documents(self) -> Iterator[StoredDocument]:
        cur = self.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY seq")
        while batch := cur.fetchmany(200):
            for row in batch:
                yield self._row_to_doc(row)

    def search(self, query: str, filters: SearchFilters) -> SearchResult:
        """Ranked full-text search (BM25, title weighted) with optional filters."""
        parsed = parse_query(query)
        where, params = ["doc_fts MATCH ?"], [parsed.fts]
        if filters.lang:
            where.append("d.lang = ?")
            params.append(filters.lang)
        if filters.site:
            where.append("(d.site = ? OR d.site LIKE ?)")
            params.extend([filters.site, "%." + filters.site])
        if filters.since:
            where.append("d.published >= ?")
            params.append(filters.since)
        if filters.until:
            where.append("d.published <= ?")
            params.append(filters.until)
        base = f"FROM doc_fts JOIN documents d ON d.seq = doc_fts.rowid WHERE {' AND '.join(where)}"
        try:
            total = self.conn.execute(f"SELECT count(*) {base}", params).fetchone()[0]
            cols = ", ".join("d." + c.strip() for c in _DOC_COLUMNS.split(","))
            rows = self.conn.execute(
                f"SELECT {cols}, bm25(doc_fts, 8.0, 1.0) AS score {base} ORDER BY score LIMIT ? OFFSET ?",
                [*params, filters.limit, filters.offset],
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"cannot search for {query!r}: {exc}") from exc
        hits = [SearchHit(self._row_to_doc(r[:-1]), -float(r[-1])) for r in rows]
        return SearchResult(hits=hits, total=total, terms=parsed.terms)

    def stats(self) -> dict[str, object]:
        q = self.conn.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "sources": q("SELECT count(*) FROM document_sources").fetchone()[0],
            "failures": q("SELECT count(*) FROM failures").fetchone()[0],
            "by_lang": dict(q("SELECT coalesce(lang,'?'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC")),
            "by_script": dict(q("SELECT script, count(*) FROM documents WHERE script IS NOT NULL GROUP BY 1")),
            "by_kind": dict(q("SELECT kind, count(*) FROM documents GROUP BY 1")),
            "with_date": q("SELECT count(*) FROM documents WHERE published IS NOT NULL").fetchone()[0],
            "date_range": tuple(q("SELECT min(published), max(published) FROM documents").fetchone()),
            "top_sites": q(
                "SELECT site, count(*) FROM documents WHERE site IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 5"
            ).fetchall(),
            "recent_failures": q("SELECT source, reason FROM failures ORDER BY first_seen DESC LIMIT 5").fetchall(),
            "migrations": [r[0] for r in q("SELECT name FROM schema_migrations ORDER BY name")],
        }

    def close(self) -> None:
        self.conn.close()


def open_store(path: str) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``path``."""
    return SQLiteStore(path)
