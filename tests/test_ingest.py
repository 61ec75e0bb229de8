"""Ingest behaviour with real files, a real database and real processes."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli

ARTICLE = (
    "Laser news {n}\n\nThe laser cluster number {n} reported {n} new companies this year, officials said, "
    "as fiber laser makers expanded their plants and exports kept rising.\n"
)


def _dump(db: Path) -> list:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'doc_fts%' ORDER BY 1")]
        return [(t, sorted(map(repr, conn.execute(f"SELECT * FROM {t}")))) for t in tables]
    finally:
        conn.close()


def _write_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(ARTICLE.format(n=i), encoding="utf-8")


def test_reingest_changes_nothing(tmp_path: Path, db: Path) -> None:
    _write_corpus(tmp_path / "pages", 12)
    assert run_cli("ingest", str(tmp_path / "pages"), db=db).code == 0
    before = _dump(db)
    res = run_cli("ingest", str(tmp_path / "pages"), db=db)
    assert res.code == 0 and "12 already stored" in res.err
    assert _dump(db) == before


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path: Path, db: Path) -> None:
    pages = tmp_path / "mixed"
    _write_corpus(pages, 3)
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (pages / "garbage.txt").write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x85]) * 400)
    (pages / "furniture.txt").write_text("Home > News\n\nShare:\n\nCopyright 2024\n", encoding="utf-8")
    (pages / "broken.html.gz").write_bytes(b"not gzip at all")
    (pages / "records.jsonl").write_text('{"text": "' + ARTICLE.format(n=99).replace("\n", "\\n") + '"}\n{oops\n', encoding="utf-8")
    (pages / "notes.json").write_text("{}", encoding="utf-8")
    unreadable = pages / "locked.txt"
    unreadable.write_text("x", encoding="utf-8")
    unreadable.chmod(0)
    res = run_cli("ingest", str(pages), str(tmp_path / "missing.html"), db=db)
    assert res.code == 1
    errors = [line for line in res.err.splitlines() if line.startswith("error: ")]
    named = {line.split(": ")[1] for line in errors}
    expected = {"empty.txt", "binary.html", "garbage.txt", "furniture.txt", "broken.html.gz", "records.jsonl#2", "missing.html"}
    if os.geteuid() != 0:  # root reads a chmod-0 file anyway
        expected.add("locked.txt")
    assert {Path(n).name for n in named} >= expected, res.err
    assert all(line.count("\n") == 0 and len(line.split(": ", 2)) == 3 for line in errors)
    assert "skipped 1 files of unhandled types (.json ×1)" in res.err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] >= 4
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_stdin_and_gzip_and_jsonl_hints(tmp_path: Path, db: Path) -> None:
    page = "<html><head><title>Raycus expands - Example News</title></head><body><article><h1>Raycus expands</h1>" + "<p>Wuhan-based Raycus opened a new fiber laser plant, adding capacity for high-power lasers used in cutting and welding.</p>" * 3 + "</article></body></html>"
    gz = tmp_path / "p.html.gz"
    gz.write_bytes(gzip.compress(page.encode()))
    rec = {"html": page.replace("Raycus", "Raycus Fiber"), "url": "https://news.example.com/2024/05/01/raycus", "published": "2024-05-01", "title": "Given title"}
    assert run_cli("ingest", str(gz), db=db).code == 0
    assert run_cli("ingest", "-", db=db, stdin=(json.dumps(rec) + "\n").encode()).code == 0
    out = json.loads(run_cli("search", "Raycus", "--json", db=db).out)
    assert out["total"] == 2
    given = [h for h in out["hits"] if h["title"] == "Given title"][0]
    assert given["published"] == "2024-05-01" and given["site"] == "news.example.com"


def test_killed_ingest_resumes_without_duplicates(tmp_path: Path, db: Path) -> None:
    pages = tmp_path / "many"
    _write_corpus(pages, 1500)
    proc = subprocess.Popen(
        [sys.executable, "-m", "lasermap", "--db", str(db), "ingest", "-q", str(pages)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 200:
                break
    if proc.poll() is not None:
        pytest.fail("ingest finished before it could be killed; make the corpus larger")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    partial = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < partial < 1500
    conn.close()
    res = run_cli("ingest", "-q", str(pages), db=db)
    assert res.code == 0, res.err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (1500, 1500)
    assert conn.execute("SELECT count(*) FROM document_sources").fetchone()[0] == 1500
    assert conn.execute("SELECT count(*) FROM originals").fetchone()[0] == 1500
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    hits = json.loads(run_cli("search", "cluster", "--json", "--limit", "1", db=db).out)["total"]
    assert hits == 1500
