"""Cross-document answers on the five seed pages: every gold link is one canonical entity naming every
document, the Jinan timeline keeps both years, and no two different seed entities are merged."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from lasermap.analysis import prepare
from lasermap.analysis.lookup import AnalysisError, candidates, lookup
from lasermap.store.sqlite import open_store
from tests.conftest import SEEDS, run_cli

GOLD = SEEDS / "gold"


def _gold(name: str) -> dict:
    if not (GOLD / name).exists():
        pytest.skip(f"{GOLD / name} is absent: these checks read ../shared/seeds, which is not in this checkout")
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(seeds_db: Path):  # type: ignore[no-untyped-def]
    s = open_store(str(seeds_db))
    yield s
    s.close()


def _stems(store, doc_ids: list[str]) -> set[str]:  # type: ignore[no-untyped-def]
    return {Path(d["source"]).stem for d in store.analysis().documents(doc_ids)}


def test_every_gold_link_is_one_canonical_entity_listing_every_document(seeds_db: Path, store) -> None:  # type: ignore[no-untyped-def]
    links = _gold("cross_document.json")["same_entity_across_documents"]
    assert len(links) == 8
    for link in links:
        res = run_cli("entity", link["canonical"], "--json", "--limit", "50", db=seeds_db)
        assert res.code == 0, (link["canonical"], res.err)
        profile = json.loads(res.out)
        docs = [d["id"] for d in profile["documents"]["recent"]]
        assert profile["documents"]["total"] == len(docs)
        assert set(link["documents"]) <= _stems(store, docs), (link["canonical"], profile["entity"]["id"])


def test_jinan_enterprise_count_timeline_has_both_years(seeds_db: Path) -> None:
    gold = _gold("cross_document.json")["timeline"][0]
    res = run_cli("timeline", gold["subject"], "--attribute", gold["attribute"], "--json", db=seeds_db)
    assert res.code == 0, res.err
    points = {(p["year"], p["qualifier"], p["value"]) for s in json.loads(res.out)["series"] for p in s["points"]}
    for want in gold["points"]:
        assert (want["year"], want["qualifier"], float(want["value"])) in points
    conflicts = json.loads(run_cli("conflicts", "--subject", "Jinan", "--json", db=seeds_db).out)
    assert not [c for c in conflicts if c["attribute"] == "enterprise_count"]  # 2023 and 2024 are two points


def _canonical_ids(q, entity: dict) -> set[str]:  # type: ignore[no-untyped-def]
    """The canonical id a gold entity resolves to (first name that names exactly one entity of its type)."""
    for name in (entity["canonical"], entity.get("canonical_zh"), *entity.get("names", [])):
        if not name:
            continue
        try:
            ref = lookup(q, name, types=(entity["type"],))
        except AnalysisError:
            continue
        return {ref.id}
    return set()


def test_no_false_merge_among_seed_entities(store) -> None:  # type: ignore[no-untyped-def]
    q = prepare(store, progress=False)
    gold = [e for f in sorted(GOLD.glob("0*.json")) for e in json.loads(f.read_text(encoding="utf-8"))["entities"]]
    if not gold:
        pytest.skip(f"no gold entity files in {GOLD}")
    found: dict[str, tuple[str, str]] = {}
    for e in gold:
        for cid in _canonical_ids(q, e):
            found.setdefault(e["canonical"], (cid, e["type"]))
    assert len(found) >= 30, f"only {len(found)} gold entities found in the store"
    for (name_a, (id_a, _ta)), (name_b, (id_b, _tb)) in combinations(sorted(found.items()), 2):
        assert id_a != id_b, f"{name_a!r} and {name_b!r} share canonical id {id_a}"


def test_shenzhen_stays_apart_from_the_link_and_its_associations(store) -> None:  # type: ignore[no-untyped-def]
    q = prepare(store, progress=False)
    shenzhen = lookup(q, "Shenzhen", types=("place",))
    assert shenzhen.id == "place:440300"
    others = set()
    for text in ("深中通道", "Shenzhen-Zhongshan Link", "深圳"):
        others |= {r.id for r in candidates(q, text) if r.type != "place"}
    named = [r["id"] for r in store.list_entities(type_="org", query="深圳", limit=200)]
    named += [r["id"] for r in store.list_entities(type_="org", query="Shenzhen", limit=200)]
    assert named, "the seeds name Shenzhen organizations"
    canon = q.canonical_of(named + sorted(others))
    assert shenzhen.id not in set(canon.values())
    places = {r.id for r in candidates(q, "Shenzhen")} | {shenzhen.id}
    orgs = set(q.canonical_of([r["id"] for r in store.list_entities(type_="org", limit=10000)]).values())
    assert not places & orgs, "a place shares a canonical id with an organization"
