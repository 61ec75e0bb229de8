"""The analysis commands on real databases built by the CLI: profiles, clusters, compare, chain, partners,
timeline, conflicts, curation and the Markdown report."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

EXAMPLES = ROOT / "lasermap" / "examples"


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 39 bundled examples, ingested once for the module (read-only tests share it)."""
    path = tmp_path_factory.mktemp("analysis") / "examples.db"
    res = run_cli("ingest", "-q", str(EXAMPLES), db=path)
    assert res.code == 0, res.err
    return path


def _json(db: Path, *args: str) -> object:
    res = run_cli(*args, "--json", db=db)
    assert res.code == 0, res.err
    return json.loads(res.out)


def test_company_profile_has_names_home_chain_facts_with_sources(examples_db: Path) -> None:
    p = _json(examples_db, "entity", "锐科激光")
    assert p["entity"]["id"] == "org:raycus" and "Raycus" in p["names"] and "锐科激光" in p["names"]
    assert p["home"]["id"] == "place:420100"
    fiber = next(s for s in p["chain"] if s["segment"] == "chain:fiber_laser")
    assert fiber["gazetteer"] and fiber["evidence"]["doc_id"] and "Raycus" in fiber["evidence"]["sentence"]
    revenue = next(f for f in p["facts"] if f["attribute"] == "revenue")
    value = revenue["years"][0]["values"][0]
    assert value["sources"] >= 1 and value["doc_ids"] and value["text"]
    assert p["documents"]["total"] >= 5 and all(d["id"] for d in p["documents"]["recent"])
    text = run_cli("entity", "Raycus", db=examples_db)
    assert text.code == 0 and "Industry chain" in text.out and "revenue" in text.out


def test_place_profile_found_by_every_language(examples_db: Path) -> None:
    ids = {_json(examples_db, "entity", name)["entity"]["id"] for name in ("Jinan", "济南", "濟南", "place:370100")}
    assert ids == {"place:370100"}


def test_unknown_and_ambiguous_names_are_one_line_errors(examples_db: Path) -> None:
    res = run_cli("entity", "no such laser maker", db=examples_db)
    assert res.code == 2 and "no entity named" in res.err and "Traceback" not in res.err
    res = run_cli("entity", "Laser", db=examples_db)
    assert res.code == 2 and "did you mean" in res.err and "org:raycus" in res.err


def test_cluster_wuhan_lists_its_companies_by_segment(examples_db: Path) -> None:
    c = _json(examples_db, "cluster", "Wuhan")
    names = {e["name"] for g in c["organizations"]["by_segment"] for e in g["items"]}
    assert {"Raycus", "HGTECH"} <= names
    fiber = next(g for g in c["organizations"]["by_segment"] if g["segment"] == "chain:fiber_laser")
    assert "Raycus" in [e["name"] for e in fiber["items"]]
    assert c["events"]["total"] > 0 and c["headline"]
    park = _json(examples_db, "cluster", "光谷")
    assert park["cluster"]["id"] == "org:east-lake-hitech-zone" and park["headline"]


def test_compare_shows_values_ranges_and_source_counts(examples_db: Path) -> None:
    t = _json(examples_db, "compare", "Jinan", "Wuhan", "Shenzhen", "--attribute", "output_value")
    ids = [e["id"] for e in t["entities"]]
    assert ids == ["place:370100", "place:420100", "place:440300"]
    rows = {r["year"]: r["cells"] for r in t["rows"]}
    jinan = rows[2023]["place:370100"]
    assert jinan["min"] == jinan["max"] == 15e9 and jinan["sources"] >= 3 and "src" in jinan["text"]
    assert rows[2015]["place:420100"]["max"] == 12e9 and rows[2023]["place:420100"] is None
    text = run_cli("compare", "Jinan", "Wuhan", "--attribute", "output_value", db=examples_db).out
    assert "2023" in text and "15 bn CNY" in text


def test_chain_table_has_rows_by_tier_and_explicit_gaps(examples_db: Path) -> None:
    t = _json(examples_db, "chain")
    cols = [c["id"] for c in t["columns"]]
    assert "place:420100" in cols and len(cols) >= 3
    assert {r["tier"] for r in t["rows"]} >= {"source", "equipment"}
    assert t["gaps"]
    rows = {r["segment"]: r for r in t["rows"]}
    for g in t["gaps"]:
        assert rows[g["segment"]]["cells"][g["column"]]["count"] == 0
        assert len(g["present_in"]) * 2 >= len(cols) - 1
    out = run_cli("chain", db=examples_db).out
    assert "Gaps (" in out and " lacks " in out
    region = _json(examples_db, "chain", "--region", "Guangdong")
    assert all(c["id"].startswith("place:44") for c in region["columns"])


def test_partners_come_with_evidence_sentences(examples_db: Path) -> None:
    d = _json(examples_db, "partners", "YOFC")
    top = {p["name"]: p for p in d["partners"]}
    assert "Penta Laser" in top
    ev = top["Penta Laser"]["evidence"]
    assert ev["doc_id"] and ev["sentence"] and ev["kind"] in ("signing", "acquisition", "investment")
    assert d["partners"][0]["score"] >= d["partners"][-1]["score"]


def test_timeline_lists_every_source(examples_db: Path) -> None:
    t = _json(examples_db, "timeline", "Jinan", "--attribute", "enterprise_count")
    points = [(p["year"], p["qualifier"], p["value"], p["count"]) for s in t["series"] for p in s["points"]]
    assert (2023, "gt", 320.0, 4) in points
    p = next(p for s in t["series"] for p in s["points"] if p["year"] == 2023 and p["value"] == 320)
    assert all(src["sentence"] and src["doc_id"] and src["published"] for src in p["sources"])


PAGES = {
    "a.txt": "Wenzhou laser industry keeps growing\n\nWenzhou had 150 laser enterprises in 2023, according to the city science bureau.\n",
    "b.txt": "温州激光产业调查\n\n2023年，温州共有激光企业180家，产业规模持续扩大。\n",
    "c.txt": "Wenzhou laser cluster in 2024\n\nBy 2024, Wenzhou had more than 200 laser enterprises.\n",
    "d.txt": "Wenzhou laser report\n\nWenzhou had more than 140 laser enterprises in 2023.\n",
}


def test_conflicts_find_a_planted_disagreement_but_not_different_years(tmp_path: Path, db: Path) -> None:
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run_cli("ingest", "-q", str(tmp_path), db=db).code == 0
    rows = _json(db, "conflicts", "--subject", "温州")
    assert len(rows) == 1, rows  # 150 vs 180 in 2023; "> 140" agrees with both; 2024 is another point
    c = rows[0]
    assert (c["attribute"], c["year"]) == ("enterprise_count", 2023)
    assert {c["a"]["value"], c["b"]["value"]} == {150.0, 180.0}
    assert "150" in c["a"]["source"]["sentence"] and "180" in c["b"]["source"]["sentence"]
    assert c["a"]["source"]["doc_id"] != c["b"]["source"]["doc_id"]
    assert "1 conflict" in run_cli("conflicts", db=db).out


def test_merge_survives_reingest_and_resolution_and_undo_restores(tmp_path: Path, examples_db: Path) -> None:
    db = tmp_path / "curated.db"
    shutil.copy(examples_db, db)
    a, b = "org:hglaser", "org:hgtech"
    assert _json(db, "entity", b)["entity"]["id"] == b
    res = run_cli("entity", "merge", a, b, db=db)
    assert res.code == 0 and "override #1" in res.out, res.err
    merged = _json(db, "entity", "HGTECH")["entity"]
    assert merged["id"] == a and set(merged["members"]) >= {a, b}
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "n.txt").write_text("华工科技新闻\n\n华工科技2024年在武汉发布新品。\n", encoding="utf-8")
    assert run_cli("ingest", "-q", str(EXAMPLES), str(tmp_path / "new"), db=db).code == 0
    assert run_cli("resolve", db=db).code == 0
    assert _json(db, "entity", "华工科技")["entity"]["id"] == a
    assert run_cli("entity", "rename", a, "HG Laser Group", db=db).code == 0
    assert _json(db, "entity", a)["entity"]["name"] == "HG Laser Group"
    listed = _json(db, "entity", "overrides")
    assert [o["action"] for o in listed] == ["merge", "rename"]
    assert run_cli("entity", "undo", "1", db=db).code == 0
    assert _json(db, "entity", b)["entity"]["id"] == b
    assert run_cli("entity", "undo", "1", db=db).code == 2


def test_report_writes_markdown_and_svg_deterministically(tmp_path: Path, examples_db: Path) -> None:
    out = tmp_path / "jinan.md"
    res = run_cli("report", "Jinan", "--format", "md", "--out", str(out), db=examples_db)
    assert res.code == 0, res.err
    md, svg = out.read_text(encoding="utf-8"), out.with_suffix(".svg")
    assert ET.parse(svg).getroot().tag.endswith("svg")
    assert "](jinan.svg)" in md and "## Headline figures" in md and "## Sources" in md
    assert "enterprise_count" in md and "Bodor Laser" in md and "\n1. " in md
    first = (md, svg.read_bytes())
    run_cli("report", "Jinan", "--out", str(out), db=examples_db)
    assert (out.read_text(encoding="utf-8"), svg.read_bytes()) == first
