"""Cross-file checks: every reference resolves and no surface form is silently ambiguous.

Load-time parsing already rejects malformed records; what it cannot see is a
``place`` that names no place, a parent loop, or two organisations sharing an
alias nobody flagged. Those mistakes would surface as wrong links in the
knowledge base, far from their cause, so the test suite runs ``validate_all``.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable

from lasermap.domain._io import DomainDataError, file_path
from lasermap.domain.load import (
    COUNTRIES_FILE,
    ORGS_FILE,
    PLACE_ALIASES_FILE,
    PLACES_FILE,
    WORLD_PLACES_FILE,
    country_by_id,
    load_countries,
    load_orgs,
    load_place_aliases,
    load_places,
    load_world_places,
    org_by_id,
    place_by_id,
    world_place_by_id,
)
from lasermap.domain.taxonomy import CHAIN_FILE, UNITS_FILE, load_chain, load_units

# Characters that t2s folds although they are standard Simplified in proper names
# (乾县, 乾安县 keep 乾; t2s would write 干).
SIMPLIFIED_NAME_CHARS = frozenset("乾")
# Rough box around China incl. the South China Sea islands: catches swapped lon/lat.
CHINA_LON, CHINA_LAT = (73.0, 136.0), (3.0, 54.0)


@functools.cache
def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def is_simplified(text: str) -> bool:
    """True when OpenCC t2s leaves ``text`` unchanged (bar the SIMPLIFIED_NAME_CHARS)."""
    converted = _t2s()(text)
    if converted == text:
        return True
    if len(converted) != len(text):
        return False
    return all(a == b or a in SIMPLIFIED_NAME_CHARS for a, b in zip(text, converted, strict=True))


def alias_key(text: str) -> str:
    """The form two aliases must not share: Simplified, case-folded, spaces squeezed."""
    return " ".join(_t2s()(text).casefold().split())


def _problem(name: str, line: int, message: str) -> DomainDataError:
    return DomainDataError(file_path(name), line, message)


def _org_refs(chain_ids: set[str]) -> Iterable[DomainDataError]:
    orgs, places, countries = org_by_id(), place_by_id(), country_by_id()
    for org in load_orgs():
        if org.parent and org.parent not in orgs:
            yield _problem(ORGS_FILE, org.line, f"{org.id}: parent {org.parent} does not exist")
        if org.place and org.place not in places and org.place not in countries:
            yield _problem(ORGS_FILE, org.line, f"{org.id}: place {org.place} does not exist")
        for cid in org.chain:
            if cid not in chain_ids:
                yield _problem(ORGS_FILE, org.line, f"{org.id}: chain segment {cid} does not exist")
        if org.name_zh and not is_simplified(org.name_zh):
            yield _problem(ORGS_FILE, org.line, f"{org.id}: name_zh {org.name_zh!r} is not Simplified Chinese")
        seen = {org.id}
        parent = orgs.get(org.parent) if org.parent else None
        while parent is not None:
            if parent.id in seen:
                yield _problem(ORGS_FILE, org.line, f"{org.id}: parent chain loops")
                break
            seen.add(parent.id)
            parent = orgs.get(parent.parent) if parent.parent else None


def _org_aliases(place_forms: set[str]) -> Iterable[DomainDataError]:
    """Shared forms must be flagged on every record; place names must be flagged too."""
    owners: dict[str, list[tuple[str, int, bool]]] = defaultdict(list)
    for org in load_orgs():
        flagged = {alias_key(a) for a in org.ambiguous_aliases}
        context = {alias_key(a) for a in org.needs_context}
        for form in set(org.names()):
            key = alias_key(form)
            owners[key].append((org.id, org.line, key in flagged))
            if len(form) < 2 or (len(form) == 2 and form.isascii() and not form.isupper()):
                yield _problem(ORGS_FILE, org.line, f"{org.id}: alias {form!r} is too short to match safely")
            if key in place_forms and key not in context and key not in flagged:
                yield _problem(ORGS_FILE, org.line, f"{org.id}: alias {form!r} is also a place name; list it in needs_context")
    for key, users in owners.items():
        ids = {u[0] for u in users}
        if len(ids) > 1 and not all(u[2] for u in users):
            line = min(u[1] for u in users)
            yield _problem(ORGS_FILE, line, f"alias {key!r} names {sorted(ids)}; list it in ambiguous_aliases of each")


def _place_checks() -> Iterable[DomainDataError]:
    places = place_by_id()
    for p in load_places():
        if p.parent and p.parent not in places:
            yield _problem(PLACES_FILE, p.line, f"{p.id}: parent {p.parent} does not exist")
        for text in (p.name_zh, p.short_zh):
            if not is_simplified(text):
                yield _problem(PLACES_FILE, p.line, f"{p.id}: {text!r} is not Simplified Chinese")
        in_china = CHINA_LON[0] <= p.lon <= CHINA_LON[1] and CHINA_LAT[0] <= p.lat <= CHINA_LAT[1]
        if not in_china:
            yield _problem(PLACES_FILE, p.line, f"{p.id}: ({p.lon}, {p.lat}) lies outside China (lon/lat swapped?)")
    targets: dict[str, set[str]] = defaultdict(set)
    for a in load_place_aliases():
        targets[a.alias].add(a.place)
        if a.place not in places:
            yield _problem(PLACE_ALIASES_FILE, a.line, f"alias {a.alias!r}: place {a.place} does not exist")
    for a in load_place_aliases():
        if len(targets[a.alias]) > 1 and a.flag != "ambiguous":
            yield _problem(PLACE_ALIASES_FILE, a.line, f"alias {a.alias!r} names {len(targets[a.alias])} places but is not flagged ambiguous")


def _country_checks() -> Iterable[DomainDataError]:
    owners: dict[str, set[str]] = defaultdict(set)
    lines: dict[str, int] = {}
    context: set[str] = set()
    for c in load_countries():
        if not is_simplified(c.name_zh):
            yield _problem(COUNTRIES_FILE, c.line, f"{c.id}: name_zh {c.name_zh!r} is not Simplified Chinese")
        context |= {alias_key(x) for x in c.needs_context}
        for form in c.names():
            owners[alias_key(form)].add(c.id)
            lines.setdefault(alias_key(form), c.line)
    for key, ids in owners.items():
        if len(ids) > 1 and key not in context:
            yield _problem(COUNTRIES_FILE, lines[key], f"{key!r} names {sorted(ids)}; list it in needs_context")


def _world_place_refs() -> Iterable[DomainDataError]:
    """Country and parent ids resolve, parents are containers of the same country, no loops, Simplified names."""
    places, countries = world_place_by_id(), country_by_id()
    for p in load_world_places():
        if p.country and p.country not in countries:
            yield _problem(WORLD_PLACES_FILE, p.line, f"{p.id}: country {p.country} does not exist")
        if p.name_zh and not is_simplified(p.name_zh):
            yield _problem(WORLD_PLACES_FILE, p.line, f"{p.id}: name_zh {p.name_zh!r} is not Simplified Chinese")
        parent = places.get(p.parent) if p.parent else None
        if p.parent and parent is None:
            yield _problem(WORLD_PLACES_FILE, p.line, f"{p.id}: parent {p.parent} does not exist")
        if parent is not None:
            if parent.kind == "city":
                yield _problem(WORLD_PLACES_FILE, p.line, f"{p.id}: parent {parent.id} is a city")
            if parent.country and parent.country != p.country:
                yield _problem(WORLD_PLACES_FILE, p.line, f"{p.id}: parent {parent.id} lies in {parent.country}")
        seen = {p.id}
        while parent is not None:
            if parent.id in seen:
                yield _problem(WORLD_PLACES_FILE, p.line, f"{p.id}: parent chain loops")
                break
            seen.add(parent.id)
            parent = places.get(parent.parent) if parent.parent else None


def _world_place_forms(other_places: set[str], country_forms: set[str]) -> Iterable[DomainDataError]:
    """A form two world places share, or one a country or a Chinese place already has, must need context.

    Of the world places sharing a form, one may keep it plain: that is the
    default reading (Oxford in England; Oxford in Massachusetts needs context).
    """
    plain_owners: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for p in load_world_places():
        context = {alias_key(x) for x in p.needs_context}
        done: set[str] = set()
        for form in p.names():
            key = alias_key(form)
            if key in done:
                continue  # a Traditional form folds onto its Simplified one
            done.add(key)
            if len(form) < 2 or (len(form) == 2 and form.isascii() and not form.isupper()):
                yield _problem(WORLD_PLACES_FILE, p.line, f"{p.id}: name {form!r} is too short to match safely")
            if key in context:
                continue
            plain_owners[key].append((p.id, p.line))
            if key in other_places:
                yield _problem(WORLD_PLACES_FILE, p.line, f"{p.id}: {form!r} is also a Chinese place; list it in needs_context")
            if key in country_forms:
                yield _problem(WORLD_PLACES_FILE, p.line, f"{p.id}: {form!r} is also a country; list it in needs_context")
    for key, users in plain_owners.items():
        if len(users) > 1:
            line = min(u[1] for u in users)
            ids = sorted(u[0] for u in users)
            yield _problem(WORLD_PLACES_FILE, line, f"{key!r} names {ids}; all but one must list it in needs_context")


def _org_world_overlap() -> Iterable[DomainDataError]:
    """An organisation name that is also a world place name must need context on one side at least.

    Which side keeps it plain is the default reading: "Hamamatsu" is the company,
    "Livermore" the city (the laboratory lists it in needs_context).
    """
    world: dict[str, tuple[str, bool]] = {}
    for p in load_world_places():
        context = {alias_key(x) for x in p.needs_context}
        for form in p.names():
            key = alias_key(form)
            if key not in world or key not in context:
                world[key] = (p.id, key in context)
    for org in load_orgs():
        soft = {alias_key(x) for x in org.needs_context + org.ambiguous_aliases}
        for form in org.names():
            key = alias_key(form)
            if key in world and not world[key][1] and key not in soft:
                yield _problem(ORGS_FILE, org.line, f"{org.id}: {form!r} is also {world[key][0]}; one of them must list it in needs_context")


def _chain_and_unit_checks() -> Iterable[DomainDataError]:
    chain = load_chain()
    if {n.tier for n in chain.nodes} != set(chain.tiers):
        yield _problem(CHAIN_FILE, 0, f"every tier needs nodes: {chain.tiers}")
    term_owner: dict[str, str] = {}
    for n in chain.nodes:
        for term in n.terms_en + n.terms_zh:
            key = alias_key(term)
            if term_owner.setdefault(key, n.id) != n.id:
                yield _problem(CHAIN_FILE, 0, f"term {term!r} signals both {term_owner[key]} and {n.id}")
    currency_owner: dict[str, str] = {}
    for cur in load_units().currencies:
        for term in cur.prefix + cur.suffix:
            if currency_owner.setdefault(term, cur.code) != cur.code:
                yield _problem(UNITS_FILE, 0, f"currency word {term!r} used by {currency_owner[term]} and {cur.code}")


def find_problems() -> list[DomainDataError]:
    """Every cross-file problem, each naming its file and line; empty when all is well."""
    chain_ids = set(load_chain().by_id)
    place_forms = {alias_key(a.alias) for a in load_place_aliases() if a.form != "exonym"}
    problems: list[DomainDataError] = []
    problems += _org_refs(chain_ids)
    problems += _org_aliases(place_forms)
    problems += _place_checks()
    problems += _country_checks()
    problems += _world_place_refs()
    china_forms = {alias_key(a.alias) for a in load_place_aliases()}
    china_forms |= {alias_key(n) for p in load_places() for n in (p.name_zh, p.short_zh, p.name_en, p.short_en)}
    country_forms = {alias_key(n) for c in load_countries() for n in c.names()}
    problems += _world_place_forms(china_forms, country_forms)
    problems += _org_world_overlap()
    problems += _chain_and_unit_checks()
    return problems


def validate_all() -> dict[str, int]:
    """Load every file, run every check; raise DomainDataError listing all problems.

    Returns record counts so callers (tests, a CLI) can report what was checked.
    """
    problems = find_problems()
    if problems:
        first = problems[0]
        listing = "\n".join(str(p) for p in problems[:50])
        more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
        raise DomainDataError(first.path, first.line, f"{len(problems)} problem(s):\n{listing}{more}")
    return {
        "orgs": len(load_orgs()),
        "places": len(load_places()),
        "place_aliases": len(load_place_aliases()),
        "countries": len(load_countries()),
        "world_places": len(load_world_places()),
        "chain_nodes": len(load_chain().nodes),
        "qualifiers": len(load_units().qualifiers),
    }
