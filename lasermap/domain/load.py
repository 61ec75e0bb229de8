"""Loaders: parse each data file once, check every record's shape, cache the result.

Shape errors (a missing field, a bad id, a latitude of 370) are raised at load
time with the file and line, because no caller can do anything useful with a
half-valid gazetteer. Cross-file checks (does this ``place`` exist?) live in
``validate.py`` and run in the test suite, keeping start-up fast.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from lasermap.domain._io import DomainDataError, file_path, read_jsonl, read_tsv, split_list
from lasermap.domain.records import (
    ALIAS_FLAGS,
    ORG_SUBTYPES,
    ORG_TYPES,
    PLACE_LEVELS,
    WORLD_PLACE_KINDS,
    CountryRecord,
    OrgRecord,
    PlaceAlias,
    PlaceRecord,
    WorldPlaceRecord,
)

ORGS_FILE = "orgs.jsonl"
PLACES_FILE = "places.tsv"
PLACE_ALIASES_FILE = "place_aliases.tsv"
COUNTRIES_FILE = "countries.tsv"
WORLD_PLACES_FILE = "world_places.tsv"

PLACE_COLUMNS = ["id", "name_zh", "short_zh", "name_en", "short_en", "level", "kind", "parent", "lon", "lat", "note"]
ALIAS_COLUMNS = ["alias", "place", "lang", "form", "flag", "prefer"]
COUNTRY_COLUMNS = ["id", "iso2", "iso3", "name_en", "name_zh", "aliases", "demonyms", "needs_context"]
WORLD_PLACE_COLUMNS = ["id", "name_en", "name_zh", "kind", "country", "parent", "aliases", "lon", "lat", "needs_context"]

ORG_ID = re.compile(r"org:[a-z0-9][a-z0-9-]*")
PLACE_ID = re.compile(r"place:\d{6}(-[a-z][a-z-]*)?")
COUNTRY_ID = re.compile(r"country:[A-Z]{2}")
WORLD_PLACE_ID = re.compile(r"wplace:[a-z0-9][a-z0-9-]*")
ORG_KEYS = {
    "id", "type", "subtype", "name", "name_zh", "aliases", "place", "chain", "parent", "url", "note",
    "needs_context", "ambiguous_aliases",
}
EVENT_SUBTYPES = {"conference", "exhibition"}


def _fail(name: str, line: int, message: str) -> DomainDataError:
    return DomainDataError(file_path(name), line, message)


def _opt_str(obj: dict[str, Any], key: str, name: str, line: int) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(name, line, f"{key!r} must be a non-empty string when present")
    return value


def _str_list(obj: dict[str, Any], key: str, name: str, line: int) -> tuple[str, ...]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(name, line, f"{key!r} must be a list of non-empty strings")
    if len(set(value)) != len(value):
        raise _fail(name, line, f"{key!r} lists the same string twice")
    return tuple(value)


def _org_from(obj: dict[str, Any], line: int) -> OrgRecord:
    """One orgs.jsonl line → OrgRecord, or a DomainDataError naming the line."""
    unknown = set(obj) - ORG_KEYS
    if unknown:
        raise _fail(ORGS_FILE, line, f"unknown field(s) {sorted(unknown)}")
    oid = obj.get("id")
    if not isinstance(oid, str) or not ORG_ID.fullmatch(oid):
        raise _fail(ORGS_FILE, line, f"'id' must look like org:some-slug, got {oid!r}")
    name = _opt_str(obj, "name", ORGS_FILE, line)
    if name is None:
        raise _fail(ORGS_FILE, line, f"{oid}: 'name' is required")
    otype, subtype = obj.get("type"), obj.get("subtype")
    if otype not in ORG_TYPES or subtype not in ORG_SUBTYPES:
        raise _fail(ORGS_FILE, line, f"{oid}: bad type/subtype {otype!r}/{subtype!r}")
    if (otype == "event") != (subtype in EVENT_SUBTYPES):
        raise _fail(ORGS_FILE, line, f"{oid}: type 'event' goes with subtype conference/exhibition only")
    place = _opt_str(obj, "place", ORGS_FILE, line)
    if place and not (PLACE_ID.fullmatch(place) or COUNTRY_ID.fullmatch(place)):
        raise _fail(ORGS_FILE, line, f"{oid}: 'place' must be a place: or country: id, got {place!r}")
    aliases = _str_list(obj, "aliases", ORGS_FILE, line)
    name_zh = _opt_str(obj, "name_zh", ORGS_FILE, line)
    if name in aliases or (name_zh and name_zh in aliases):
        raise _fail(ORGS_FILE, line, f"{oid}: an alias repeats the canonical name")
    return OrgRecord(
        id=oid, type=otype, subtype=subtype, name=name, name_zh=name_zh, aliases=aliases, place=place,
        chain=_str_list(obj, "chain", ORGS_FILE, line), parent=_opt_str(obj, "parent", ORGS_FILE, line),
        url=_opt_str(obj, "url", ORGS_FILE, line), note=_opt_str(obj, "note", ORGS_FILE, line),
        needs_context=_str_list(obj, "needs_context", ORGS_FILE, line),
        ambiguous_aliases=_str_list(obj, "ambiguous_aliases", ORGS_FILE, line), line=line,
    )


def _unique(records: tuple[Any, ...], name: str) -> tuple[Any, ...]:
    """Reject a second record with an id already seen (ids are the join keys)."""
    seen: dict[str, int] = {}
    for rec in records:
        if rec.id in seen:
            raise _fail(name, rec.line, f"duplicate id {rec.id} (first on line {seen[rec.id]})")
        seen[rec.id] = rec.line
    return records


@functools.cache
def load_orgs() -> tuple[OrgRecord, ...]:
    """All organisations and recurring events from orgs.jsonl, in file order."""
    return _unique(tuple(_org_from(obj, line) for line, obj in read_jsonl(ORGS_FILE)), ORGS_FILE)


def _coord(row: dict[str, str], key: str, limit: float, line: int, name: str = PLACES_FILE) -> float:
    try:
        value = float(row[key])
    except ValueError:
        raise _fail(name, line, f"{row['id']}: {key} {row[key]!r} is not a number") from None
    if not -limit <= value <= limit:
        raise _fail(name, line, f"{row['id']}: {key} {value} out of range ±{limit}")
    return value


def _place_from(row: dict[str, str], line: int) -> PlaceRecord:
    """One places.tsv row → PlaceRecord, checking id, names, level and coordinates."""
    pid = row["id"]
    if not PLACE_ID.fullmatch(pid):
        raise _fail(PLACES_FILE, line, f"'id' must look like place:<adcode>, got {pid!r}")
    for key in ("name_zh", "short_zh", "name_en", "short_en", "kind"):
        if not row[key].strip():
            raise _fail(PLACES_FILE, line, f"{pid}: empty {key}")
    if row["level"] not in PLACE_LEVELS:
        raise _fail(PLACES_FILE, line, f"{pid}: level must be one of {sorted(PLACE_LEVELS)}")
    if row["parent"] and not PLACE_ID.fullmatch(row["parent"]):
        raise _fail(PLACES_FILE, line, f"{pid}: bad parent id {row['parent']!r}")
    if row["level"] != "province" and not row["parent"]:
        raise _fail(PLACES_FILE, line, f"{pid}: only provinces may lack a parent")
    return PlaceRecord(
        id=pid, name_zh=row["name_zh"], short_zh=row["short_zh"], name_en=row["name_en"],
        short_en=row["short_en"], level=row["level"], kind=row["kind"], parent=row["parent"] or None,
        lon=_coord(row, "lon", 180.0, line), lat=_coord(row, "lat", 90.0, line), note=row["note"], line=line,
    )


@functools.cache
def load_places() -> tuple[PlaceRecord, ...]:
    """Every place in places.tsv (provinces, cities, counties, hand-added units)."""
    return _unique(tuple(_place_from(row, line) for line, row in read_tsv(PLACES_FILE, PLACE_COLUMNS)), PLACES_FILE)


def _alias_from(row: dict[str, str], line: int) -> PlaceAlias:
    if not row["alias"].strip() or row["alias"] != row["alias"].strip():
        raise _fail(PLACE_ALIASES_FILE, line, f"empty or space-padded alias {row['alias']!r}")
    if not PLACE_ID.fullmatch(row["place"]):
        raise _fail(PLACE_ALIASES_FILE, line, f"bad place id {row['place']!r}")
    if row["flag"] not in ALIAS_FLAGS or row["prefer"] not in ("", "1"):
        raise _fail(PLACE_ALIASES_FILE, line, f"flag must be one of {sorted(ALIAS_FLAGS)}, prefer '' or '1'")
    return PlaceAlias(
        alias=row["alias"], place=row["place"], lang=row["lang"], form=row["form"], flag=row["flag"],
        prefer=row["prefer"] == "1", line=line,
    )


@functools.cache
def load_place_aliases() -> tuple[PlaceAlias, ...]:
    """Every (alias, place) pair from place_aliases.tsv."""
    return tuple(_alias_from(row, line) for line, row in read_tsv(PLACE_ALIASES_FILE, ALIAS_COLUMNS))


def _country_from(row: dict[str, str], line: int) -> CountryRecord:
    cid = row["id"]
    if not COUNTRY_ID.fullmatch(cid) or cid != f"country:{row['iso2']}":
        raise _fail(COUNTRIES_FILE, line, f"id must be country:<iso2>, got {cid!r} for {row['iso2']!r}")
    if not re.fullmatch(r"[A-Z]{3}", row["iso3"]):
        raise _fail(COUNTRIES_FILE, line, f"{cid}: iso3 must be three capital letters")
    if not row["name_en"].strip() or not row["name_zh"].strip():
        raise _fail(COUNTRIES_FILE, line, f"{cid}: empty name")
    return CountryRecord(
        id=cid, iso2=row["iso2"], iso3=row["iso3"], name_en=row["name_en"], name_zh=row["name_zh"],
        aliases=split_list(row["aliases"]), demonyms=split_list(row["demonyms"]),
        needs_context=split_list(row["needs_context"]), line=line,
    )


@functools.cache
def load_countries() -> tuple[CountryRecord, ...]:
    """The world's countries from countries.tsv."""
    return _unique(tuple(_country_from(row, line) for line, row in read_tsv(COUNTRIES_FILE, COUNTRY_COLUMNS)), COUNTRIES_FILE)


def _bar_list(row: dict[str, str], key: str, line: int) -> tuple[str, ...]:
    """A ``|``-separated cell of world_places.tsv (names there contain commas: "Washington, D.C.")."""
    cell = row[key]
    if not cell:
        return ()
    items = tuple(part.strip() for part in cell.split("|"))
    if not all(items):
        raise _fail(WORLD_PLACES_FILE, line, f"{row['id']}: empty item in {key} {cell!r}")
    if len(set(items)) != len(items):
        raise _fail(WORLD_PLACES_FILE, line, f"{row['id']}: {key} lists the same string twice")
    return items


def _world_place_from(row: dict[str, str], line: int) -> WorldPlaceRecord:
    """One world_places.tsv row → WorldPlaceRecord, checking id, kind, country/parent shape, names, coordinates."""
    pid = row["id"]
    if not WORLD_PLACE_ID.fullmatch(pid):
        raise _fail(WORLD_PLACES_FILE, line, f"'id' must look like wplace:some-slug, got {pid!r}")
    name_en = row["name_en"].strip()
    if not name_en or name_en != row["name_en"] or row["name_zh"] != row["name_zh"].strip():
        raise _fail(WORLD_PLACES_FILE, line, f"{pid}: empty or space-padded name")
    kind = row["kind"]
    if kind not in WORLD_PLACE_KINDS:
        raise _fail(WORLD_PLACES_FILE, line, f"{pid}: kind must be one of {sorted(WORLD_PLACE_KINDS)}, got {kind!r}")
    country = row["country"] or None
    if country is not None and not COUNTRY_ID.fullmatch(country):
        raise _fail(WORLD_PLACES_FILE, line, f"{pid}: 'country' must be a country: id, got {country!r}")
    if kind == "continent" and (country or row["parent"]):
        raise _fail(WORLD_PLACES_FILE, line, f"{pid}: a continent has neither country nor parent")
    if kind in ("city", "country_subdivision") and country is None:
        raise _fail(WORLD_PLACES_FILE, line, f"{pid}: a {kind} needs its country")
    parent = row["parent"] or None
    if parent is not None and not WORLD_PLACE_ID.fullmatch(parent):
        raise _fail(WORLD_PLACES_FILE, line, f"{pid}: 'parent' must be a wplace: id, got {parent!r}")
    aliases = _bar_list(row, "aliases", line)
    name_zh = row["name_zh"] or None
    if name_en in aliases or (name_zh and name_zh in aliases):
        raise _fail(WORLD_PLACES_FILE, line, f"{pid}: an alias repeats the canonical name")
    needs_context = _bar_list(row, "needs_context", line)
    head = (name_en, name_zh) if name_zh else (name_en,)
    stray = [form for form in needs_context if form not in head + aliases]
    if stray:
        raise _fail(WORLD_PLACES_FILE, line, f"{pid}: needs_context {stray} are not names of this place")
    return WorldPlaceRecord(
        id=pid, name_en=name_en, name_zh=name_zh, kind=kind, country=country, parent=parent, aliases=aliases,
        lon=_coord(row, "lon", 180.0, line, WORLD_PLACES_FILE), lat=_coord(row, "lat", 90.0, line, WORLD_PLACES_FILE),
        needs_context=needs_context, line=line,
    )


@functools.cache
def load_world_places() -> tuple[WorldPlaceRecord, ...]:
    """Continents, world and Chinese economic regions, states/Länder and foreign cities, in file order."""
    rows = read_tsv(WORLD_PLACES_FILE, WORLD_PLACE_COLUMNS)
    return _unique(tuple(_world_place_from(row, line) for line, row in rows), WORLD_PLACES_FILE)


@functools.cache
def world_place_by_id() -> dict[str, WorldPlaceRecord]:
    """World places keyed by id (wplace:munich)."""
    return {p.id: p for p in load_world_places()}


@functools.cache
def world_place_alias_index() -> dict[str, tuple[str, ...]]:
    """Surface form (as written, not folded) → ids of the world places it names, several when shared."""
    index: dict[str, list[str]] = {}
    for place in load_world_places():
        for form in place.names():
            ids = index.setdefault(form, [])
            if place.id not in ids:
                ids.append(place.id)
    return {k: tuple(v) for k, v in index.items()}


def world_place_context(place_id: str) -> tuple[str, ...]:
    """Ids whose plain mention in the same document supports a needs-context world place name.

    Its ancestors (state, region, continent) then its country, nearest first:
    "Washington" is the state when the text also names the United States.
    Empty for an unknown id.
    """
    places = world_place_by_id()
    chain: list[WorldPlaceRecord] = []
    node = places.get(place_id)
    while node is not None and node not in chain:
        chain.append(node)
        node = places.get(node.parent) if node.parent else None
    ancestors = [p.id for p in chain[1:]]
    countries = [p.country for p in chain if p.country]
    return tuple(dict.fromkeys(ancestors + countries))


@functools.cache
def org_by_id() -> dict[str, OrgRecord]:
    """Organisations keyed by id."""
    return {o.id: o for o in load_orgs()}


@functools.cache
def place_by_id() -> dict[str, PlaceRecord]:
    """Places keyed by id."""
    return {p.id: p for p in load_places()}


@functools.cache
def country_by_id() -> dict[str, CountryRecord]:
    """Countries keyed by id (country:DE)."""
    return {c.id: c for c in load_countries()}


@functools.cache
def place_alias_index() -> dict[str, tuple[PlaceAlias, ...]]:
    """Alias string → every PlaceAlias row for it (several when ambiguous)."""
    index: dict[str, list[PlaceAlias]] = {}
    for row in load_place_aliases():
        index.setdefault(row.alias, []).append(row)
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def org_alias_index() -> dict[str, tuple[str, ...]]:
    """Surface form (name, name_zh or alias) → ids of the organisations it names."""
    index: dict[str, list[str]] = {}
    for org in load_orgs():
        for form in org.names():
            ids = index.setdefault(form, [])
            if org.id not in ids:
                ids.append(org.id)
    return {k: tuple(v) for k, v in index.items()}
