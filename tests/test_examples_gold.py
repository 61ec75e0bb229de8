"""The bundled examples against their gold files (foundation-level fields), and the demo command."""

from __future__ import annotations

from pathlib import Path

import pytest

from lasermap.store.sqlite import open_store
from tests.conftest import ROOT, run_cli
from tests.goldcheck import gold_key, load_golds, problems

EXAMPLES = ROOT / "lasermap" / "examples"
GOLD = ROOT / "tests" / "gold" / "examples"


@pytest.fixture(scope="module")
def example_docs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("examples") / "ex.db"
    res = run_cli("ingest", str(EXAMPLES), db=db)
    assert res.code == 0, res.err
    assert "skipped 1 files of unhandled types (README.md ×1)" in res.err
    store = open_store(str(db))
    try:
        return {gold_key(s): d for d in store.iter_documents() for s in d.sources}
    finally:
        store.close()


def test_every_example_has_gold_and_was_stored(example_docs: dict) -> None:
    golds = {g["document"] for g in load_golds(GOLD)}
    assert len(golds) >= 36
    assert golds == set(example_docs)


@pytest.mark.parametrize("gold", load_golds(GOLD), ids=lambda g: g["document"])
def test_example_matches_gold(gold: dict, example_docs: dict) -> None:
    assert problems(gold, example_docs[gold["document"]]) == []


def test_demo_runs_and_says_where_to_look(tmp_path: Path) -> None:
    res = run_cli("demo", "--db", str(tmp_path / "demo.db"))
    assert res.code == 0, res.err
    assert "Database: " + str(tmp_path / "demo.db") in res.out
    assert "documents match '激光'" in res.out and "39 documents" in res.out
