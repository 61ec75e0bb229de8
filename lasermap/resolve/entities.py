"""Entity resolution: which entity ids denote the same thing, across documents and languages.

Signals, strongest first: the gazetteer (a known entity has one id whatever the
language or alias); language-neutral name keys (``resolve.names.name_key``:
known names → ids, generic parts → tokens, legal forms dropped), so
``奔腾激光温州生产基地`` and ``Pentium Laser Wenzhou production base`` meet; and
aliases a text declares (``邦德激光(Bodor)``). Blocking is by (type, key), so a
place never merges with an organization named after it, and two different
gazetteer entities never merge automatically. Curators' overrides (merge,
split, rename) are applied last and survive any re-run, because the mapping is
recomputed from mentions plus overrides, never edited in place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lasermap.resolve.names import name_key


@dataclass(slots=True)
class EntityRow:
    id: str
    type: str
    name: str
    name_zh: str | None
    origin: str  # gazetteer | rule
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Override:
    id: int
    action: str  # merge | split | rename
    entity_a: str
    entity_b: str | None = None
    value: str | None = None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _keys(row: EntityRow) -> set[str]:
    keys = {name_key(n) for n in (row.name, row.name_zh, *row.names) if n}
    return {k for k in keys if len(k) >= 2}


def _blocks(rows: Iterable[EntityRow], excluded: set[str]) -> dict[tuple[str, str], list[EntityRow]]:
    blocks: dict[tuple[str, str], list[EntityRow]] = defaultdict(list)
    for row in rows:
        if row.id in excluded:
            continue
        for key in _keys(row):
            blocks[(row.type, key)].append(row)
    return blocks


def _canonical(members: list[str], by_id: dict[str, EntityRow], preferred: str | None) -> str:
    if preferred:
        return preferred
    known = sorted(m for m in members if by_id[m].origin == "gazetteer")
    return known[0] if known else min(members)


def resolve(rows: list[EntityRow], overrides: list[Override]) -> dict[str, tuple[str, str]]:
    """Map every entity id to ``(canonical id, reason)``."""
    by_id = {r.id: r for r in rows}
    uf = _UnionFind()
    reason: dict[str, str] = {}
    excluded = {o.entity_a for o in overrides if o.action == "split"}
    for (_type, key), members in _blocks(rows, excluded).items():
        known = {m.id for m in members if m.origin == "gazetteer"}
        if len(known) > 1:
            continue  # two known entities share a key: leave them (and the unknowns) apart
        for m in members[1:]:
            if uf.find(m.id) != uf.find(members[0].id):
                uf.union(members[0].id, m.id)
                reason.setdefault(m.id, f"same name key {key}")
                reason.setdefault(members[0].id, f"same name key {key}")
    for o in overrides:
        if o.action == "merge" and o.entity_b and o.entity_a in by_id and o.entity_b in by_id:
            uf.union(o.entity_a, o.entity_b)
            reason[o.entity_b] = f"merged by curator (override {o.id})"
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        groups[uf.find(r.id)].append(r.id)
    out: dict[str, tuple[str, str]] = {}
    merge_targets = {uf.find(o.entity_a): o.entity_a for o in overrides if o.action == "merge" and o.entity_a in by_id}
    for root, members in groups.items():
        canonical = _canonical(members, by_id, merge_targets.get(root))
        for m in members:
            out[m] = (canonical, "self" if m == canonical and len(members) == 1 else reason.get(m, "canonical"))
    return out


def display_names(overrides: list[Override]) -> dict[str, str]:
    """Curators' renames: entity id → the name to show (the latest rename wins)."""
    names: dict[str, str] = {}
    for o in overrides:
        if o.action == "rename" and o.value:
            names[o.entity_a] = o.value
    return names
