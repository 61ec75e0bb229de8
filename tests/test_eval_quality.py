"""Extraction quality floors: `lasermap eval` on the seeds (acceptance) and on the bundled examples.

Floors sit a little under what the pipeline reaches today, so a regression fails the build;
raise them as quality improves, never lower them without saying why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, need_shared, run_cli

SEED_FLOORS = {"org": ("recall", 0.90), "place": ("recall", 0.90), "person": ("recall", 0.80)}
EXAMPLE_FLOORS = {
    "org": {"precision": 0.82, "recall": 0.72},
    "place": {"precision": 0.85, "recall": 0.88},
    "person": {"precision": 0.90, "recall": 0.80},
    "event": {"precision": 0.90, "recall": 0.33},
    "event_mention": {"precision": 0.50, "recall": 0.24},
}


def _eval(db: Path, gold: Path) -> dict:
    res = run_cli("eval", str(gold), "--json", db=db)
    assert res.code == 0, res.err
    return json.loads(res.out)


def test_seed_acceptance_floors(seeds_db: Path) -> None:
    need_shared(SEEDS)
    report = _eval(seeds_db, SEEDS / "gold")
    assert report["documents"] == 5
    for kind, (metric, floor) in SEED_FLOORS.items():
        assert report["scores"][kind][metric] >= floor, (kind, report["scores"][kind])
    assert report["quantities"]["value_unit_recall"] >= 0.95
    assert report["quantities"]["full_fact_accuracy"] >= 0.80


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ex-eval") / "ex.db"
    assert run_cli("ingest", str(ROOT / "lasermap" / "examples"), db=db).code == 0
    return db


def test_bundled_examples_quality_floors(examples_db: Path) -> None:
    report = _eval(examples_db, ROOT / "tests" / "gold" / "examples")
    assert report["documents"] == 39
    for kind, floors in EXAMPLE_FLOORS.items():
        for metric, floor in floors.items():
            assert report["scores"][kind][metric] >= floor, (kind, metric, report["scores"][kind])
    assert report["quantities"]["value_unit_recall"] >= 0.92
    assert report["quantities"]["full_fact_accuracy"] >= 0.50


def test_every_fact_traces_to_its_sentence(examples_db: Path, tmp_path: Path) -> None:
    """Each fact's offsets point at its surface in the document text, inside its sentence."""
    assert run_cli("export", "--format", "jsonl", "--out", str(tmp_path), db=examples_db).code == 0
    n = 0
    for line in (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for f in doc["facts"]:
            assert doc["text"][f["start"] : f["end"]] == f["surface"]
            assert f["surface"] in f["sentence"] and f["sentence"] in doc["text"]
            n += 1
        for m in doc["mentions"]:
            assert doc["text"][m["start"] : m["end"]] == m["text"]
    assert n > 100
    listed = json.loads(run_cli("facts", "--json", "--limit", "5000", db=examples_db).out)
    assert len(listed) == n
