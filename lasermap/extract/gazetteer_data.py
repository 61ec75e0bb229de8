"""Gazetteer entries from the domain data: organizations, recurring events, places, countries.

Chinese surfaces are stored in Simplified (matching runs on the Simplified
shadow); English surfaces as written (matching case-folds them). Names that
are also ordinary words are left out or marked, so that "coherent light" is
not the company Coherent.
"""

from __future__ import annotations

from lasermap.domain.load import load_countries, load_orgs, load_place_aliases, load_places, load_world_places
from lasermap.extract.gazetteer import Entry
from lasermap.normalize.script import to_simplified

_LEVEL_SUBTYPE = {"province": "province", "city": "city", "district": "district", "county": "county"}
#: A county-level name without its suffix (宝安, Haidian, 资源) is too often a word or a person's name
#: to trust alone; it counts when the document also names its city or province.
_LOCAL_SUFFIX = ("区", "县", "市", "旗", "镇", "街道", " District", " County", " City", " Banner", " Subdistrict")


def _needs_parent(level: str, surface: str) -> bool:
    return level in ("district", "county") and not surface.endswith(_LOCAL_SUFFIX)


def _surface(name: str) -> str | None:
    name = name.strip()
    if not name:
        return None
    if not name.isascii():
        name = to_simplified(name)
        return name if len(name) >= 2 else None
    return name if len(name) >= 2 else None


def _org_entries() -> list[Entry]:
    out: list[Entry] = []
    for org in load_orgs():
        subtype = org.subtype
        for name in org.names():
            surface = _surface(name)
            if surface is None:
                continue
            ambiguous = name in org.ambiguous_aliases or name in org.needs_context
            out.append(Entry(surface, org.id, org.type, subtype, org.name, org.name_zh, ambiguous))
    return out


def _place_entries() -> list[Entry]:
    places = {p.id: p for p in load_places()}
    out: list[Entry] = []
    for alias in load_place_aliases():
        if alias.flag == "needs_context" or (alias.flag == "ambiguous" and not alias.prefer):
            continue
        place = places.get(alias.place)
        surface = _surface(alias.alias)
        if place is None or surface is None:
            continue
        ambiguous = alias.flag == "ambiguous" or _needs_parent(place.level, surface)
        out.append(
            Entry(surface, place.id, "place", _LEVEL_SUBTYPE.get(place.level, place.level), place.short_en,
                  place.short_zh, ambiguous)
        )  # fmt: skip
    for place in places.values():
        for name in {place.name_zh, place.short_zh, place.name_en, place.short_en}:
            surface = _surface(name)
            if surface:
                out.append(Entry(surface, place.id, "place", _LEVEL_SUBTYPE.get(place.level, place.level),
                                 place.short_en, place.short_zh, True))  # fmt: skip
    return out


def _country_entries() -> list[Entry]:
    out: list[Entry] = []
    for c in load_countries():
        for name in c.names():
            surface = _surface(name)
            if surface:
                out.append(Entry(surface, c.id, "place", "country", c.name_en, c.name_zh, name in c.needs_context))
    return out


#: world_places.tsv kind → mention subtype ("country_subdivision" reads "state": a US state, a German Land).
_WORLD_SUBTYPE = {"continent": "continent", "region": "region", "country_subdivision": "state", "city": "city"}


def _world_place_entries() -> list[Entry]:
    """Continents, regions, states and foreign cities; plain names before needs-context ones.

    A needs-context name is emitted as ambiguous, so the matcher keeps it only
    with support (the same place named plainly elsewhere). A city's ambiguous
    name would be kept unconditionally (the matcher trusts city names), so a
    needs-context city name is left out instead: "Oxford" stays the English
    city, never the Massachusetts town, until the matcher can check the state.
    A surface's first entry is the one the matcher uses, so plain entries go first.
    """
    plain: list[Entry] = []
    soft: list[Entry] = []
    for place in load_world_places():
        subtype = _WORLD_SUBTYPE[place.kind]
        context = {to_simplified(n) if not n.isascii() else n for n in place.needs_context}
        for name in place.names():
            surface = _surface(name)
            if surface is None:
                continue
            if surface in context or name in place.needs_context:
                if subtype == "city":
                    continue
                soft.append(Entry(surface, place.id, "place", subtype, place.name_en, place.name_zh, True))
            else:
                plain.append(Entry(surface, place.id, "place", subtype, place.name_en, place.name_zh, False))
    return plain + soft


def gazetteer_entries() -> list[Entry]:
    """Every entry; for one surface, organizations come first, then countries, Chinese places, world places."""
    entries = _org_entries() + _country_entries() + _place_entries() + _world_place_entries()
    # a surface listed both as an explicit alias and as a generated name keeps its explicit flag
    seen: dict[tuple[str, str], Entry] = {}
    for e in entries:
        key = (e.surface, e.entity_id)
        if key not in seen or (seen[key].ambiguous and not e.ambiguous):
            seen[key] = e
    return list(seen.values())
