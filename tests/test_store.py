from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from lasermap.doc import Document
from lasermap.pipeline.runner import default_pipeline
from lasermap.store.base import SearchFilters
from lasermap.store.sqlite import open_store
from tests.conftest import run_cli

PAGE = "溫州激光產業集群調研\n\n近日,有關部門赴溫州調研激光與光電產業集群的建設情況,並考察了多家激光企業。\n"


def _doc(text: str, source: str = "a.txt") -> Document:
    return default_pipeline()(Document(source=source, raw=text.encode()))


def test_migrations_are_recorded_and_wal_is_on(db: Path) -> None:
    store = open_store(str(db))
    assert store.stats()["migrations"] == ["001_documents", "002_annotations", "003_resolution", "004_analysis", "005_hints", "006_doc_bands"]
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    store = open_store(str(db))  # reopening applies nothing twice
    assert store.stats()["migrations"] == ["001_documents", "002_annotations", "003_resolution", "004_analysis", "005_hints", "006_doc_bands"]
    store.close()


def test_same_content_from_two_paths_is_one_document_with_two_sources(db: Path) -> None:
    store = open_store(str(db))
    first = store.put_documents([_doc(PAGE, "x/a.txt")])
    second = store.put_documents([_doc(PAGE, "y/a.txt")])
    assert (first.added, second.added, second.already_stored) == (1, 0, 1)
    doc = next(store.iter_documents())
    assert doc.sources == ["x/a.txt", "y/a.txt"] and doc.script == "Hant"
    assert store.get_original(doc.id) == PAGE.encode()
    store.close()


def test_traditional_text_found_by_simplified_and_traditional_queries(db: Path) -> None:
    store = open_store(str(db))
    store.put_documents([_doc(PAGE)])
    for q in ("温州", "溫州", "产业集群", "激光企业", "光"):
        assert store.search(q, SearchFilters()).total == 1, q
    assert store.search("上海", SearchFilters()).total == 0
    store.close()


def test_show_and_export(db: Path, tmp_path: Path) -> None:
    store = open_store(str(db))
    store.put_documents([_doc(PAGE)])
    doc_id = next(store.iter_documents()).id
    store.close()
    shown = run_cli("show", doc_id[:6], db=db)
    assert shown.code == 0 and "溫州激光產業集群調研" in shown.out and "Hant" in shown.out
    assert run_cli("show", "--original", doc_id, db=db).out.strip() == PAGE.strip()
    assert run_cli("show", "nosuchid", db=db).code == 2
    res = run_cli("export", "--format", "jsonl", "--out", str(tmp_path / "out"), db=db)
    assert res.code == 0
    rec = json.loads((tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    for key in ("id", "source", "title", "published", "lang", "script", "author", "text", "text_simplified",
                "duplicate_of", "mentions", "facts", "events", "people"):  # fmt: skip
        assert key in rec, key
    assert rec["lang"] == "zh" and rec["script"] == "Hant" and "温州" in rec["text_simplified"]


def test_database_file_is_plain_sqlite(db: Path) -> None:
    open_store(str(db)).close()
    conn = sqlite3.connect(db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"documents", "document_sources", "originals", "failures", "doc_fts", "schema_migrations"} <= names
