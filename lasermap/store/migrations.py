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


MIGRATIONS: list[Migration] = [
    ("001_documents", _m001_documents),
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
