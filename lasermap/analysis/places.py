"""Place hierarchy helpers over the gazetteer: descendants, ancestors, names for prefix matching.

Clusters are administrative units plus everything below them (a company in
Bao'an belongs to Shenzhen's cluster), so every cluster query expands a place
into its descendants through the ``parent`` links of ``places.tsv``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from lasermap.domain.load import load_place_aliases, place_by_id

LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 2, "subdistrict": 3}


@cache
def _children() -> dict[str, tuple[str, ...]]:
    kids: dict[str, list[str]] = defaultdict(list)
    for p in place_by_id().values():
        if p.parent:
            kids[p.parent].append(p.id)
    return {k: tuple(sorted(v)) for k, v in kids.items()}


def children(place_id: str) -> tuple[str, ...]:
    """Direct sub-places of a place (cities of a province, districts of a city)."""
    return _children().get(place_id, ())


@cache
def descendants(place_id: str) -> frozenset[str]:
    """The place itself and every place below it."""
    out, stack = {place_id}, [place_id]
    while stack:
        for kid in _children().get(stack.pop(), ()):
            if kid not in out:
                out.add(kid)
                stack.append(kid)
    return frozenset(out)


def ancestors(place_id: str) -> list[str]:
    """Parent, grandparent … of a place (empty for a province or an unknown id)."""
    out: list[str] = []
    node = place_by_id().get(place_id)
    while node is not None and node.parent and node.parent not in out:
        out.append(node.parent)
        node = place_by_id().get(node.parent)
    return out


def cluster_level(place_id: str) -> str | None:
    """The city-level unit a place belongs to (itself for a city or a municipality), for rolling up counts."""
    places = place_by_id()
    for pid in (place_id, *ancestors(place_id)):
        rec = places.get(pid)
        if rec and (rec.level == "city" or rec.kind in ("municipality", "sar")):
            return pid
    return None


def place_name(place_id: str) -> str:
    rec = place_by_id().get(place_id)
    return rec.short_en if rec else place_id


@cache
def _prefix_index() -> dict[str, str]:
    """Unambiguous place names (zh ≥ 2 characters, en ≥ 4 letters) → place id, for name-prefix homes.

    When one name denotes several places, the highest level wins if it is the
    only place at that level (中山 → Zhongshan city, not a district of Dalian);
    otherwise the name is dropped.
    """
    cands: dict[str, set[str]] = defaultdict(set)
    for p in place_by_id().values():
        for name in (p.name_zh, p.short_zh, p.name_en, p.short_en):
            if name and (len(name) >= 2 if not name.isascii() else len(name) >= 4):
                cands[name.casefold()].add(p.id)
    for a in load_place_aliases():
        if not a.flag and (len(a.alias) >= 2 if not a.alias.isascii() else len(a.alias) >= 4):
            cands[a.alias.casefold()].add(a.place)
    out: dict[str, str] = {}
    places = place_by_id()
    for name, ids in cands.items():
        ranked = sorted((LEVEL_RANK.get(places[i].level, 9), i) for i in ids if i in places)
        if ranked and (len(ranked) == 1 or ranked[0][0] < ranked[1][0]):
            out[name] = ranked[0][1]
    return out


_WORD_END = re.compile(r"[^a-z0-9']")


def home_by_name_prefix(name: str) -> str | None:
    """The place a name starts with (``济南邦德激光`` → Jinan, ``Wuhan Hi-Tech Zone`` → Wuhan), longest first."""
    s = name.strip().casefold()
    index = _prefix_index()
    for length in range(min(len(s), 24), 1, -1):
        head = s[:length]
        pid = index.get(head)
        if pid is None:
            continue
        if head.isascii() and length < len(s) and not _WORD_END.match(s[length]):
            continue  # "Jinanxyz" is not Jinan
        if length == len(s):
            return None  # the name is the place itself
        return pid
    return None
