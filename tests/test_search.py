"""Search acceptance on the seeds, and query handling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lasermap.errors import QueryError
from lasermap.store.query import parse_query
from tests.conftest import run_cli


def _search(db: Path, *args: str) -> dict:
    res = run_cli("search", *args, "--json", db=db)
    assert res.code == 0, res.err
    return json.loads(res.out)


def _stems(result: dict) -> set[str]:
    return {Path(h["source"]).stem[:3] for h in result["hits"]}


def test_two_character_chinese_word_finds_both_chinese_seeds(seeds_db: Path) -> None:
    assert _stems(_search(seeds_db, "激光")) == {"003", "004"}


def test_english_word(seeds_db: Path) -> None:
    assert _stems(_search(seeds_db, "Jinan")) == {"001", "002"}


def test_simplified_query_finds_traditional_text(seeds_db: Path) -> None:
    assert _stems(_search(seeds_db, "科技部调研")) == {"003"}
    hit = _search(seeds_db, "副局级调研员")["hits"][0]
    s, e = hit["highlights"][0]
    assert hit["snippet"][s:e] == "副局級調研員"  # highlighted in the page's own script


def test_filters(seeds_db: Path) -> None:
    assert _stems(_search(seeds_db, "laser", "--lang", "zh")) == set()
    assert _stems(_search(seeds_db, "laser", "--since", "2024-01-01")) == {"001"}
    assert _stems(_search(seeds_db, "激光", "--until", "2020-01-01")) == {"003"}


def test_malformed_query_is_a_message_not_a_trace(seeds_db: Path) -> None:
    for bad in ('"unclosed', "OR laser", "laser OR", "-laser"):
        res = run_cli("search", bad, db=seeds_db)
        assert res.code == 2, bad
        assert "Traceback" not in res.err and res.err.strip().count("\n") <= 1, res.err


def test_query_parser() -> None:
    assert parse_query("激光").fts == '"激光"'
    assert parse_query("产业集群").fts == '"产业 业集 集群"'
    assert parse_query("fiber OR 光纤").fts == '"fiber" OR "光纤"'
    assert parse_query('"laser cutting" -marking').fts == '"laser cutting" NOT "marking"'
    assert parse_query("光").fts == '"光"*'
    with pytest.raises(QueryError):
        parse_query("  ")
