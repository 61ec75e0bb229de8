"""Named, recorded schema migrations for the SQLite store.

Each migration runs once, in order, inside a transaction, and its name is
recorded in ``schema_migrations``. Never edit a released migration: add one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit mid-migration."""
    for statement in script.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _m001_documents(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE documents (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            url TEXT, site TEXT, title TEXT, title_simplified TEXT,
            published TEXT, published_evidence TEXT, author TEXT,
            lang TEXT, script TEXT, encoding TEXT,
            text TEXT NOT NULL, text_simplified TEXT, simplified_offsets TEXT,
            duplicate_of TEXT, warnings TEXT,
            pipeline_version INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_lang ON documents(lang);
        CREATE INDEX documents_site ON documents(site);
        CREATE TABLE originals (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id),
            raw BLOB NOT NULL
        );
        CREATE TABLE document_sources (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            source TEXT NOT NULL,
            PRIMARY KEY (doc_id, source)
        ) WITHOUT ROWID;
        CREATE TABLE failures (
            source TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            first_seen TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE doc_fts USING fts5(
            title, body, content='', tokenize='porter unicode61 remove_diacritics 2'
        );
        """
    )


def _m002_annotations(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            subtype TEXT,
            name TEXT NOT NULL,
            name_zh TEXT,
            place_id TEXT,
            origin TEXT NOT NULL
        );
        CREATE INDEX entities_type ON entities(type, subtype);
        CREATE TABLE entity_names (
            entity_id TEXT NOT NULL REFERENCES entities(id),
            name TEXT NOT NULL,
            PRIMARY KEY (entity_id, name)
        ) WITHOUT ROWID;
        CREATE INDEX entity_names_name ON entity_names(name);
        CREATE TABLE mentions (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, end INTEGER NOT NULL,
            text TEXT NOT NULL, type TEXT NOT NULL, subtype TEXT,
            entity_id TEXT REFERENCES entities(id),
            method TEXT NOT NULL, confidence REAL NOT NULL,
            PRIMARY KEY (doc_id, start, end, type)
        ) WITHOUT ROWID;
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE facts (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            subject_id TEXT, subject_name TEXT NOT NULL,
            attribute TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL,
            qualifier TEXT NOT NULL, year INTEGER, surface TEXT NOT NULL,
            start INTEGER NOT NULL, end INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
            subject_start INTEGER, subject_end INTEGER
        );
        CREATE INDEX facts_doc ON facts(doc_id);
        CREATE INDEX facts_subject ON facts(subject_id, attribute, year);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            type TEXT NOT NULL, name TEXT NOT NULL, date TEXT,
            place TEXT, place_id TEXT, participants TEXT,
            start INTEGER NOT NULL, end INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
            trigger TEXT
        );
        CREATE INDEX events_doc ON events(doc_id);
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            name TEXT NOT NULL, title TEXT, org_id TEXT, org_name TEXT,
            start INTEGER NOT NULL, end INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL
        );
        CREATE INDEX people_doc ON people(doc_id);
        CREATE TABLE chain_tags (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            segment TEXT NOT NULL, term TEXT NOT NULL,
            start INTEGER NOT NULL, end INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
            PRIMARY KEY (doc_id, segment, start)
        ) WITHOUT ROWID;
        CREATE INDEX chain_tags_segment ON chain_tags(segment)
        """,
    )


def _m003_resolution(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE entity_canonical (
            entity_id TEXT PRIMARY KEY REFERENCES entities(id),
            canonical_id TEXT NOT NULL,
            reason TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX entity_canonical_canonical ON entity_canonical(canonical_id);
        CREATE TABLE entity_overrides (
            id INTEGER PRIMARY KEY,
            action TEXT NOT NULL CHECK (action IN ('merge', 'split', 'rename')),
            entity_a TEXT NOT NULL,
            entity_b TEXT,
            value TEXT,
            created_at TEXT NOT NULL,
            undone_at TEXT
        );
        CREATE TABLE entity_aliases (
            entity_id TEXT NOT NULL,
            alias TEXT NOT NULL,
            doc_id TEXT NOT NULL,
            PRIMARY KEY (entity_id, alias, doc_id)
        ) WITHOUT ROWID;
        ALTER TABLE documents ADD COLUMN signature BLOB;
        CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
        CREATE INDEX mentions_doc_type ON mentions(doc_id, type);
        CREATE INDEX facts_attr_year ON facts(attribute, year)
        """,
    )


def _m004_analysis(conn: sqlite3.Connection) -> None:
    """Derived tables for the analysis commands (profiles, clusters, partners, chain).

    They are keyed by raw entity ids, never canonical ones, so merges, splits and
    renames need no rebuild. Triggers only mark documents and entities dirty
    (one tiny insert per row, cheap at ingest); ``lasermap.analysis.index``
    recomputes the dirty ones before any analysis query.
    """
    _run_script(
        conn,
        """
        CREATE TABLE an_dirty_docs (doc_id TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE an_dirty_entities (entity_id TEXT PRIMARY KEY) WITHOUT ROWID;
        INSERT INTO an_dirty_docs SELECT id FROM documents;
        INSERT INTO an_dirty_entities SELECT id FROM entities;
        CREATE TRIGGER an_mentions_ins AFTER INSERT ON mentions BEGIN INSERT OR IGNORE INTO an_dirty_docs VALUES (NEW.doc_id); END;
        CREATE TRIGGER an_mentions_del AFTER DELETE ON mentions BEGIN INSERT OR IGNORE INTO an_dirty_docs VALUES (OLD.doc_id); END;
        CREATE TRIGGER an_events_ins AFTER INSERT ON events BEGIN INSERT OR IGNORE INTO an_dirty_docs VALUES (NEW.doc_id); END;
        CREATE TRIGGER an_events_del AFTER DELETE ON events BEGIN INSERT OR IGNORE INTO an_dirty_docs VALUES (OLD.doc_id); END;
        CREATE TRIGGER an_chain_ins AFTER INSERT ON chain_tags BEGIN INSERT OR IGNORE INTO an_dirty_docs VALUES (NEW.doc_id); END;
        CREATE TRIGGER an_chain_del AFTER DELETE ON chain_tags BEGIN INSERT OR IGNORE INTO an_dirty_docs VALUES (OLD.doc_id); END;
        CREATE TRIGGER an_documents_del AFTER DELETE ON documents BEGIN INSERT OR IGNORE INTO an_dirty_docs VALUES (OLD.id); END;
        CREATE TRIGGER an_entities_ins AFTER INSERT ON entities BEGIN INSERT OR IGNORE INTO an_dirty_entities VALUES (NEW.id); END;
        CREATE TRIGGER an_entity_names_ins AFTER INSERT ON entity_names BEGIN INSERT OR IGNORE INTO an_dirty_entities VALUES (NEW.entity_id); END;
        CREATE TABLE an_name_keys (key TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (key, entity_id)) WITHOUT ROWID;
        CREATE INDEX an_name_keys_entity ON an_name_keys(entity_id);
        CREATE TABLE an_entity_home (
            entity_id TEXT PRIMARY KEY, place_id TEXT, how TEXT
        ) WITHOUT ROWID;
        CREATE INDEX an_entity_home_place ON an_entity_home(place_id);
        CREATE TABLE an_chain (
            entity_id TEXT NOT NULL, segment TEXT NOT NULL, doc_id TEXT NOT NULL, n INTEGER NOT NULL,
            sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
            PRIMARY KEY (entity_id, segment, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX an_chain_doc ON an_chain(doc_id);
        CREATE TABLE an_entity_segments (
            entity_id TEXT NOT NULL, segment TEXT NOT NULL, docs INTEGER NOT NULL, doc_id TEXT NOT NULL,
            sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,
            PRIMARY KEY (entity_id, segment)
        ) WITHOUT ROWID;
        CREATE TABLE an_links (
            entity_a TEXT NOT NULL, entity_b TEXT NOT NULL, kind TEXT NOT NULL, doc_id TEXT NOT NULL,
            sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, cue TEXT,
            PRIMARY KEY (entity_a, entity_b, doc_id, sent_start)
        ) WITHOUT ROWID;
        CREATE INDEX an_links_doc ON an_links(doc_id);
        CREATE TABLE an_located (
            site_id TEXT NOT NULL, org_id TEXT NOT NULL, doc_id TEXT NOT NULL,
            sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, cue TEXT,
            PRIMARY KEY (site_id, org_id, doc_id, sent_start)
        ) WITHOUT ROWID;
        CREATE INDEX an_located_doc ON an_located(doc_id);
        CREATE INDEX an_located_org ON an_located(org_id);
        CREATE TABLE an_event_entities (
            entity_id TEXT NOT NULL, event_id INTEGER NOT NULL, role TEXT NOT NULL, doc_id TEXT NOT NULL,
            PRIMARY KEY (entity_id, event_id)
        ) WITHOUT ROWID;
        CREATE INDEX an_event_entities_doc ON an_event_entities(doc_id);
        CREATE TABLE an_entity_docs (
            entity_id TEXT NOT NULL, doc_id TEXT NOT NULL, n INTEGER NOT NULL, published TEXT,
            PRIMARY KEY (entity_id, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX an_entity_docs_recent ON an_entity_docs(entity_id, published);
        CREATE INDEX an_entity_docs_doc ON an_entity_docs(doc_id);
        CREATE INDEX an_entities_name_nocase ON entities(name COLLATE NOCASE);
        CREATE INDEX an_entity_names_nocase ON entity_names(name COLLATE NOCASE);
        CREATE INDEX people_org ON people(org_id);
        CREATE INDEX events_place ON events(place_id);
        CREATE INDEX facts_subject_values ON facts(subject_id, attribute, year, unit, qualifier, value, doc_id)
        """,
    )


def _m005_hints(conn: sqlite3.Connection) -> None:
    """Keep what the input said beside the page (a JSON Lines record's url, published, title),
    so that re-processing from the stored original gives the same answer."""
    _run_script(conn, "ALTER TABLE documents ADD COLUMN hints TEXT")


def _m006_doc_bands(conn: sqlite3.Connection) -> None:
    """LSH band keys per document, so reprint detection needs no in-memory index."""
    _run_script(
        conn,
        """
        CREATE TABLE doc_bands (
            band INTEGER NOT NULL,
            key INTEGER NOT NULL,
            doc_id TEXT NOT NULL,
            PRIMARY KEY (band, key, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX doc_bands_doc ON doc_bands(doc_id)
        """,
    )


MIGRATIONS: list[Migration] = [
    ("001_documents", _m001_documents),
    ("002_annotations", _m002_annotations),
    ("003_resolution", _m003_resolution),
    ("004_analysis", _m004_analysis),
    ("005_hints", _m005_hints),
    ("006_doc_bands", _m006_doc_bands),
]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations (``conn`` in autocommit mode); return the names applied now."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    applied: list[str] = []
    for name, func in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            func(conn)
            conn.execute(
                "INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(name)
    return applied
