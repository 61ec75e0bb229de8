"""Entity resolution and curation overrides, pure and through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from lasermap.resolve.entities import EntityRow, Override, resolve
from tests.conftest import run_cli


def _row(eid: str, name: str, type_: str = "org", origin: str = "rule", zh: str | None = None) -> EntityRow:
    return EntityRow(id=eid, type=type_, name=name, name_zh=zh, origin=origin, names=[name])


def test_same_key_merges_into_the_known_entity() -> None:
    rows = [_row("org:penta-laser", "Penta Laser", origin="gazetteer", zh="奔腾激光"),
            _row("org:~a", "奔騰激光有限公司"), _row("org:~b", "Penta Laser Co., Ltd.")]  # fmt: skip
    out = resolve(rows, [])
    assert out["org:~a"][0] == out["org:~b"][0] == "org:penta-laser"


def test_places_never_merge_with_organizations() -> None:
    rows = [_row("place:440300", "Shenzhen", type_="place", origin="gazetteer"), _row("org:~s", "Shenzhen")]
    out = resolve(rows, [])
    assert out["org:~s"][0] == "org:~s"


def test_overrides_merge_split_and_undo() -> None:
    rows = [_row("org:~a", "Alpha Photonics Group"), _row("org:~b", "Beta Lasers Group"), _row("org:~c", "Alpha Photonics")]
    merged = resolve(rows, [Override(1, "merge", "org:~b", "org:~a")])
    assert merged["org:~a"][0] == "org:~b" and merged["org:~c"][0] == "org:~b"
    split = resolve(rows, [Override(2, "split", "org:~c")])
    assert split["org:~c"][0] == "org:~c" and split["org:~a"][0] == "org:~a"


def test_resolution_runs_after_ingest_and_merges_across_documents(tmp_path: Path, db: Path) -> None:
    (tmp_path / "a.txt").write_text("Qilu news\n\n济南市光电产业促进会成立,首批会员超过50家企业,覆盖激光切割和激光焊接。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Qilu news 2\n\n濟南市光電產業促進會召開年會,會員企業代表出席。這是促進會成立以來的第二次年會。\n", encoding="utf-8")
    assert run_cli("ingest", str(tmp_path), db=db).code == 0
    ents = json.loads(run_cli("entities", "--q", "促进会", "--json", db=db).out)
    assert len(ents) == 1 and ents[0]["documents"] == 2


def test_reprocess_fills_extraction_and_keeps_curator_overrides(tmp_path: Path, db: Path) -> None:
    page = ("Wuhan news\n\nRaycus said on Monday that its Wuhan plant shipped more than 10,000 fiber lasers, "
            "and HGTECH opened a new welding line in the Optics Valley.\n")  # fmt: skip
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    assert run_cli("ingest", "--no-extract", str(tmp_path), db=db).code == 0
    assert json.loads(run_cli("entities", "--json", db=db).out) == []
    assert run_cli("reprocess", "--all", db=db).code == 0
    names = {e["id"] for e in json.loads(run_cli("entities", "--json", db=db).out)}
    assert {"org:raycus", "org:hgtech"} <= names
    assert run_cli("entity", "merge", "org:raycus", "org:hgtech", db=db).code == 0
    assert run_cli("reprocess", "--all", db=db).code == 0
    assert run_cli("ingest", str(tmp_path), db=db).code == 0
    merged = json.loads(run_cli("entity", "org:hgtech", "--json", db=db).out)
    assert merged["entity"]["id"] == "org:raycus" and "org:hgtech" in merged["entity"]["members"]
