"""Acceptance: every foundation-level gold field of the five seed pages holds after ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from lasermap.store.sqlite import open_store
from tests.conftest import SEEDS
from tests.goldcheck import gold_key, load_golds, problems

GOLDS = load_golds(SEEDS / "gold") if (SEEDS / "gold").exists() else []


@pytest.fixture(scope="module")
def stored(seeds_db: Path) -> dict:
    store = open_store(str(seeds_db))
    try:
        return {gold_key(s): d for d in store.iter_documents() for s in d.sources}
    finally:
        store.close()


@pytest.mark.parametrize("gold", GOLDS, ids=lambda g: g["document"][:3])
def test_seed_matches_gold(gold: dict, stored: dict) -> None:
    assert problems(gold, stored[gold["document"]]) == []


def test_all_seeds_and_only_seeds_were_ingested(stored: dict) -> None:
    assert {g["document"] for g in GOLDS} == set(stored) and len(stored) == 5
