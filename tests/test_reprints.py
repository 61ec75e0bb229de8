"""Acceptance: one article in three forms (Simplified HTML, a Simplified reprint with other furniture,
a Traditional capture) becomes one story with three sources, and its facts count once."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from tests.conftest import ROOT, run_cli

STORY = sorted((ROOT / "lasermap" / "examples").glob("story_a_*"))


def test_three_forms_are_one_story(tmp_path: Path, db: Path) -> None:
    assert len(STORY) == 3
    for f in STORY:
        shutil.copy(f, tmp_path / f.name)
    shutil.copy(ROOT / "lasermap" / "examples" / "en_trumpf_fy2023.txt", tmp_path)  # an unrelated page
    assert run_cli("ingest", str(tmp_path), db=db).code == 0
    rows = sqlite3.connect(db).execute("SELECT id, duplicate_of, source FROM documents").fetchall()
    story = [r for r in rows if "story_a" in r[2]]
    originals = {r[0] for r in story if r[1] is None}
    assert len(originals) == 1
    original = originals.pop()
    assert all(r[1] == original for r in story if r[0] != original)
    assert [r for r in rows if "trumpf" in r[2]][0][1] is None
    shown = run_cli("show", original, db=db).out
    assert "reprints" in shown and all(r[0] in shown for r in story if r[0] != original)
    timeline = json.loads(run_cli("timeline", "OVC EXPO", "--attribute", "attendee_count", "--json", db=db).out)
    points = [p for s in timeline["series"] for p in s["points"] if p["year"] == 2023 and p["value"] == 15000]
    assert len(points) == 1 and points[0]["count"] == 1
    assert len(points[0]["sources"][0]["copies"]) == 2
    exported = tmp_path / "out"
    assert run_cli("export", "--format", "jsonl", "--out", str(exported), db=db).code == 0
    dup = [json.loads(x)["duplicate_of"] for x in (exported / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert dup.count(original) == 2


def test_story_does_not_depend_on_arrival_order(tmp_path: Path) -> None:
    originals = set()
    for order in (STORY, list(reversed(STORY))):
        db = tmp_path / f"{len(originals)}.db"
        for f in order:
            assert run_cli("ingest", str(f), db=db).code == 0
        conn = sqlite3.connect(db)
        originals |= {r[0] for r in conn.execute("SELECT id FROM documents WHERE duplicate_of IS NULL")}
        assert conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0] == 2
        assert run_cli("reprints", "--rebuild", db=db).code == 0
        assert conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0] == 2
    assert len(originals) == 1
