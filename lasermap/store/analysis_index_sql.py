"""Store side of the analysis index: read what a dirty document holds, write its derived rows.

The derived tables (``an_*``, migration 004) hold sentence-level relations that
plain SQL cannot compute (which organization a "based in" sentence locates,
which pairs a signing sentence links). Triggers mark documents and entities
dirty; ``lasermap.analysis.index`` reads them here, computes the rows in
Python, and writes them back in one transaction per batch.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

_DOC_TABLES = ("an_chain", "an_links", "an_located", "an_event_entities", "an_entity_docs")


def _marks(n: int) -> str:
    return ",".join("?" * n)


class IndexQueries:
    """Reading dirty work and writing derived rows; mixed into ``AnalysisQueries``."""

    conn: sqlite3.Connection

    # --- what is dirty ------------------------------------------------------
    def dirty_counts(self) -> tuple[int, int]:
        """(dirty documents, dirty entities): both 0 when the index is fresh (a two-row check)."""
        q = self.conn.execute
        docs = q("SELECT count(*) FROM (SELECT 1 FROM an_dirty_docs LIMIT 1000000)").fetchone()[0]
        ents = q("SELECT count(*) FROM (SELECT 1 FROM an_dirty_entities LIMIT 1000000)").fetchone()[0]
        return int(docs), int(ents)

    def is_fresh(self) -> bool:
        q = self.conn.execute
        return not q("SELECT 1 FROM an_dirty_docs LIMIT 1").fetchone() and not q(
            "SELECT 1 FROM an_dirty_entities LIMIT 1"
        ).fetchone()

    def mark_all_dirty(self) -> None:
        """Force a full rebuild of the analysis index on the next refresh (benchmarks, repairs)."""
        self.conn.execute("INSERT OR IGNORE INTO an_dirty_docs SELECT id FROM documents")
        self.conn.execute("INSERT OR IGNORE INTO an_dirty_entities SELECT id FROM entities")

    def dirty_doc_batch(self, limit: int) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT doc_id FROM an_dirty_docs LIMIT ?", (limit,))]

    def dirty_entity_batch(self, limit: int) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT entity_id FROM an_dirty_entities LIMIT ?", (limit,))]

    # --- reading a document's annotations ---------------------------------
    def index_inputs(self, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Text, date, mentions, events and chain tags of each existing document in ``doc_ids``."""
        q, marks = self.conn.execute, _marks(len(doc_ids))
        out: dict[str, dict[str, Any]] = {}
        for doc_id, text, published in q(f"SELECT id, text, published FROM documents WHERE id IN ({marks})", doc_ids):
            out[doc_id] = {"text": text, "published": published, "mentions": [], "events": [], "chain": []}
        for row in q(
            "SELECT m.doc_id, m.start, m.end, m.text, m.type, coalesce(m.subtype, e.subtype), m.entity_id, e.name, "
            f"e.name_zh FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id WHERE m.doc_id IN ({marks}) "
            "AND m.entity_id IS NOT NULL ORDER BY m.doc_id, m.start",
            doc_ids,
        ):
            if row[0] in out:
                out[row[0]]["mentions"].append(row[1:])
        for doc_id, eid, type_, participants, s0, s1 in q(
            f"SELECT doc_id, id, type, participants, sentence_start, sentence_end FROM events WHERE doc_id IN ({marks})",
            doc_ids,
        ):
            if doc_id in out:
                out[doc_id]["events"].append((eid, type_, json.loads(participants) if participants else [], s0, s1))
        for doc_id, segment, start, end, s0, s1 in q(
            f"SELECT doc_id, segment, start, end, sentence_start, sentence_end FROM chain_tags WHERE doc_id IN ({marks}) "
            "ORDER BY doc_id, start",
            doc_ids,
        ):
            if doc_id in out:
                out[doc_id]["chain"].append((segment, start, end, s0, s1))
        return out

    def entity_inputs(self, entity_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Type, origin and every name of each existing entity in ``entity_ids``."""
        q, marks = self.conn.execute, _marks(len(entity_ids))
        out: dict[str, dict[str, Any]] = {}
        for eid, type_, subtype, name, name_zh, origin in q(
            f"SELECT id, type, subtype, name, name_zh, origin FROM entities WHERE id IN ({marks})", entity_ids
        ):
            out[eid] = {"type": type_, "subtype": subtype, "name": name, "name_zh": name_zh, "origin": origin,
                        "names": [n for n in (name, name_zh) if n]}  # fmt: skip
        for eid, name in q(f"SELECT entity_id, name FROM entity_names WHERE entity_id IN ({marks})", entity_ids):
            if eid in out and name not in out[eid]["names"]:
                out[eid]["names"].append(name)
        return out

    # --- writing -----------------------------------------------------------
    def write_doc_rows(self, doc_ids: Sequence[str], rows: dict[str, list[tuple]]) -> set[str]:
        """Replace the derived rows of ``doc_ids``; return entities whose chain aggregates changed."""
        q, marks = self.conn.execute, _marks(len(doc_ids))
        touched = {r[0] for r in q(f"SELECT DISTINCT entity_id FROM an_chain WHERE doc_id IN ({marks})", doc_ids)}
        for table in _DOC_TABLES:
            q(f"DELETE FROM {table} WHERE doc_id IN ({marks})", doc_ids)
        ex = self.conn.executemany
        ex("INSERT OR IGNORE INTO an_chain VALUES (?,?,?,?,?,?)", rows["chain"])
        ex("INSERT OR REPLACE INTO an_links VALUES (?,?,?,?,?,?,?)", rows["links"])
        ex("INSERT OR IGNORE INTO an_located VALUES (?,?,?,?,?,?)", rows["located"])
        ex("INSERT OR IGNORE INTO an_event_entities VALUES (?,?,?,?)", rows["events"])
        ex("INSERT OR REPLACE INTO an_entity_docs VALUES (?,?,?,?)", rows["docs"])
        q(f"DELETE FROM an_dirty_docs WHERE doc_id IN ({marks})", doc_ids)
        touched.update(r[0] for r in rows["chain"])
        return touched

    def write_entity_rows(self, entity_ids: Sequence[str], keys: list[tuple[str, str]], homes: list[tuple]) -> None:
        """Replace the name keys and home places of ``entity_ids``."""
        q, marks = self.conn.execute, _marks(len(entity_ids))
        q(f"DELETE FROM an_name_keys WHERE entity_id IN ({marks})", entity_ids)
        q(f"DELETE FROM an_entity_home WHERE entity_id IN ({marks})", entity_ids)
        self.conn.executemany("INSERT OR IGNORE INTO an_name_keys(key, entity_id) VALUES (?, ?)", keys)
        self.conn.executemany("INSERT OR REPLACE INTO an_entity_home VALUES (?,?,?)", homes)
        q(f"DELETE FROM an_dirty_entities WHERE entity_id IN ({marks})", entity_ids)

    def rebuild_segments(self, entity_ids: Iterable[str]) -> None:
        """Recompute the per-entity segment aggregates (docs, one evidence) from ``an_chain``."""
        ids = sorted(set(entity_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = _marks(len(chunk))
            self.conn.execute(f"DELETE FROM an_entity_segments WHERE entity_id IN ({marks})", chunk)
            self.conn.execute(
                "INSERT INTO an_entity_segments(entity_id, segment, docs, doc_id, sent_start, sent_end) "
                "SELECT entity_id, segment, count(*), min(doc_id), sent_start, sent_end FROM an_chain "
                f"WHERE entity_id IN ({marks}) GROUP BY entity_id, segment",
                chunk,
            )

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        self.conn.execute("ROLLBACK")
