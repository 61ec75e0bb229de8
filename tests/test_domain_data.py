"""The gazetteer data files: they validate, they are big enough, and key facts hold."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import lasermap.domain as domain
from lasermap.domain import DomainDataError


def test_validator_passes() -> None:
    counts = domain.validate_all()
    assert counts["orgs"] >= 320


def test_counts() -> None:
    places = domain.load_places()
    levels = [p.level for p in places]
    assert levels.count("province") >= 30
    assert levels.count("city") >= 300
    assert levels.count("district") + levels.count("county") >= 2800
    assert len(domain.load_countries()) >= 190
    assert len(domain.load_orgs()) >= 320


def test_jinan_coordinates() -> None:
    jinan = domain.place_by_id()["place:370100"]
    assert jinan.name_zh == "济南市" and jinan.name_en == "Jinan"
    assert abs(jinan.lon - 117.0) < 0.3 and abs(jinan.lat - 36.7) < 0.2


def _places_for(alias: str) -> set[str]:
    return {a.place for a in domain.place_alias_index().get(alias, ())}


def test_baoan_forms_resolve_to_one_district() -> None:
    ids = [_places_for(form) for form in ("宝安", "寶安", "Bao'an", "Baoan", "Bao-an", "宝安区")]
    assert all(found == {"place:440306"} for found in ids), ids
    assert domain.place_by_id()["place:440306"].name_en == "Bao'an District"


def test_shaanxi_is_not_shanxi() -> None:
    assert domain.place_by_id()["place:610000"].name_en == "Shaanxi"
    assert _places_for("陕西") == {"place:610000"}
    assert domain.place_by_id()["place:140000"].name_en == "Shanxi"


def test_ambiguous_short_names_are_flagged() -> None:
    taizhou = domain.place_alias_index()["Taizhou"]
    assert {a.place for a in taizhou} == {"place:331000", "place:321200"}
    assert all(a.flag == "ambiguous" for a in taizhou)
    assert all(a.flag == "ambiguous" for a in domain.place_alias_index()["朝阳"])


def test_traditional_place_forms() -> None:
    for trad, simp in (("溫州", "温州"), ("廣東", "广东"), ("東莞", "东莞"), ("武漢", "武汉")):
        assert _places_for(trad) == _places_for(simp) != set()


def test_known_mistranslations_resolve() -> None:
    index = domain.org_alias_index()
    assert index["Jinan Bond Laser"] == ("org:bodor",)
    assert index["省激协"] == ("org:gd-laser-association",)
    assert domain.org_by_id()["org:gd-laser-association"].name == "Guangdong Laser Industry Association"
    assert index["Provincial Exciting Association"] == ("org:gd-laser-association",)
    assert index["Pentium Laser"] == ("org:penta-laser",)
    assert index["British China Business Council"] == ("org:cbbc",)


def test_torch_center_parent_is_most() -> None:
    assert domain.org_by_id()["org:torch-center"].parent == "org:most"


def test_chain_has_all_four_tiers() -> None:
    chain = domain.load_chain()
    assert {n.tier for n in chain.nodes} == {"upstream", "source", "equipment", "application"}
    assert "激光切割" in chain.by_id["chain:cutting"].terms_zh
    assert [n.id for n in chain.ancestors("chain:battery")] == ["chain:new_energy", "chain:application"]


def test_units_magnitudes_and_qualifiers() -> None:
    units = domain.load_units()
    values = {t: m.value for m in units.magnitudes for t in m.terms}
    assert values["万"] == values["萬"] == 1e4 and values["亿"] == 1e8 and values["bn"] == 1e9
    meaning = {t: q.meaning for q in units.qualifiers for t in q.terms}
    assert meaning["逾"] == meaning["more than"] == "gt"
    assert meaning["约"] == meaning["about"] == "approx"
    assert meaning["不足"] == meaning["less than"] == "lt"
    mu = next(u for u in units.units if u.id == "area.mu")
    assert mu.factor == pytest.approx(666.6667)


def test_is_simplified() -> None:
    assert domain.is_simplified("济南市") and domain.is_simplified("乾县")
    assert not domain.is_simplified("濟南市")


def test_load_time_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    """Measured, not asserted: the brief wants it well under a second."""
    domain.clear_caches()
    start = time.perf_counter()
    domain.load_orgs(), domain.load_places(), domain.load_place_aliases(), domain.load_countries()
    domain.load_chain(), domain.load_units(), domain.org_alias_index(), domain.place_alias_index()
    elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(f"\n[domain data] cold load of all files: {elapsed * 1000:.0f} ms")


def test_bad_record_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = json.dumps({"id": "org:ok", "type": "org", "subtype": "company", "name": "OK Co", "aliases": []})
    bad = json.dumps({"id": "org:bad", "type": "org", "subtype": "company", "name": "", "aliases": []})
    (tmp_path / "orgs.jsonl").write_text(good + "\n" + bad + "\n", encoding="utf-8")
    monkeypatch.setattr("lasermap.domain._io.data_path", lambda name: str(tmp_path / name))
    domain.clear_caches()
    try:
        with pytest.raises(DomainDataError) as info:
            domain.load_orgs()
        assert info.value.line == 2
        assert str(info.value).startswith(f"{tmp_path / 'orgs.jsonl'}:2:")
    finally:
        domain.clear_caches()


# --- world_places.tsv: continents, regions, states/Länder and foreign cities --------------------------------

US_STATES = 50
GERMAN_LAENDER_AS_SUBDIVISIONS = 14  # Berlin and Hamburg are city-states, listed as cities


def _world_ids(form: str) -> tuple[str, ...]:
    from lasermap.domain.load import world_place_alias_index

    return world_place_alias_index().get(form, ())


def test_world_places_size_and_kinds() -> None:
    from lasermap.domain.load import load_world_places

    places = load_world_places()
    assert len(places) >= 400
    kinds = {p.kind for p in places}
    assert kinds == {"continent", "region", "country_subdivision", "city"}
    states = [p for p in places if p.kind == "country_subdivision" and p.country == "country:US"]
    laender = [p for p in places if p.kind == "country_subdivision" and p.country == "country:DE"]
    assert len(states) == US_STATES
    assert len(laender) == GERMAN_LAENDER_AS_SUBDIVISIONS
    assert {"wplace:berlin", "wplace:hamburg"} <= {p.id for p in places if p.country == "country:DE"}


def test_world_places_do_not_duplicate_hong_kong_macao_taiwan() -> None:
    """They live in places.tsv; a second record would split their mentions across two ids."""
    for form in ("Hong Kong", "香港", "Macao", "澳门", "Taiwan", "台湾", "Taipei", "Hsinchu", "Tainan", "Singapore"):
        assert _world_ids(form) == (), form


def test_munich_forms_share_one_id() -> None:
    ids = {_world_ids(form) for form in ("Munich", "München", "Muenchen", "慕尼黑")}
    assert ids == {("wplace:munich",)}


def test_pearl_river_delta_forms_share_one_id() -> None:
    ids = {_world_ids(form) for form in ("Pearl River Delta", "珠三角", "珠江三角洲")}
    assert ids == {("wplace:pearl-river-delta",)}
    assert _world_ids("长三角") == _world_ids("Yangtze River Delta") == ("wplace:yangtze-river-delta",)


def test_washington_dc_is_not_the_state() -> None:
    from lasermap.domain.load import world_place_by_id

    dc, state = _world_ids("Washington, D.C."), _world_ids("Washington")
    assert dc == ("wplace:washington-dc",) and state == ("wplace:washington-state",)
    by_id = world_place_by_id()
    assert "Washington" in by_id["wplace:washington-state"].needs_context
    assert by_id["wplace:washington-dc"].kind == "city" and by_id["wplace:washington-state"].kind == "country_subdivision"
    assert _world_ids("华盛顿特区") == dc and _world_ids("華盛頓特區") == dc


def test_world_place_context_lists_parents_then_country() -> None:
    from lasermap.domain.load import world_place_context

    assert world_place_context("wplace:oxford-ma") == ("wplace:massachusetts", "country:US")
    assert world_place_context("wplace:ditzingen") == ("wplace:baden-wuerttemberg", "country:DE")
    assert world_place_context("wplace:asia") == ()
    assert world_place_context("wplace:nowhere") == ()


def test_star_market_and_exchanges() -> None:
    index = domain.org_alias_index()
    assert index["科创板"] == index["STAR Market"] == ("org:star-market",)
    assert domain.org_by_id()["org:star-market"].parent == "org:sse"
    assert index["创业板"] == index["ChiNext"] == ("org:chinext",)
    assert "Municipal Party Committee" not in index  # the bare phrase names no one body


def test_new_org_kinds_exist() -> None:
    orgs = domain.org_by_id()
    assert orgs["org:messe-muenchen"].subtype == "company"
    assert orgs["org:sniec"].subtype == "venue"
    assert orgs["org:shenzhen-business-daily"].subtype == "media"
    assert orgs["org:nasdaq"].subtype == "exchange"
    assert orgs["org:bis"].parent == "org:us-doc"
    assert domain.org_alias_index()["中共济南市委"] == ("org:cpc-jinan",)


def test_world_place_gazetteer_entries() -> None:
    """Plain names match; a needs-context state name is emitted as ambiguous; a needs-context
    city name is left out (the matcher would keep an ambiguous city name unconditionally)."""
    from lasermap.extract.gazetteer_data import gazetteer_entries

    by_surface: dict[str, list[tuple[str, bool, str | None]]] = {}
    for e in gazetteer_entries():
        by_surface.setdefault(e.surface, []).append((e.entity_id, e.ambiguous, e.subtype))
    assert ("wplace:munich", False, "city") in by_surface["München"]
    assert ("wplace:pearl-river-delta", False, "region") in by_surface["珠三角"]
    assert ("wplace:washington-state", True, "state") in by_surface["Washington"]
    assert ("wplace:asia", False, "continent") in by_surface["亚洲"]
    assert [x[0] for x in by_surface["Oxford"]] == ["wplace:oxford"]
    assert "华盛顿" not in by_surface  # D.C. or the state or a person: a city name that needs context


def test_bad_world_place_row_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lasermap.domain import load

    header = "id\tname_en\tname_zh\tkind\tcountry\tparent\taliases\tlon\tlat\tneeds_context"
    good = "wplace:jena\tJena\t耶拿\tcity\tcountry:DE\t\t\t11.59\t50.93\t"
    bad = "wplace:reading\tReading\t\tcity\t\t\t\t-0.97\t51.45\t"  # a city needs its country
    (tmp_path / "world_places.tsv").write_text("# comment\n" + "\n".join([header, good, bad]) + "\n", encoding="utf-8")
    monkeypatch.setattr("lasermap.domain._io.data_path", lambda name: str(tmp_path / name))
    load.load_world_places.cache_clear()
    try:
        with pytest.raises(DomainDataError) as info:
            load.load_world_places()
        assert info.value.line == 4
        assert "needs its country" in str(info.value)
    finally:
        load.load_world_places.cache_clear()
        load.world_place_by_id.cache_clear()
        load.world_place_alias_index.cache_clear()
