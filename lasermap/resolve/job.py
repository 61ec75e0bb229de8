"""Corpus-level resolution run: read entities and overrides, write the canonical mapping."""

from __future__ import annotations

from dataclasses import dataclass

from lasermap.resolve.entities import resolve


@dataclass(slots=True)
class ResolveReport:
    entities: int
    merged: int
    overrides: int


def run_resolution(store) -> ResolveReport:  # type: ignore[no-untyped-def]
    """Recompute which entity ids are the same entity (cheap: names are keyed once, cached)."""
    rows = store.entity_rows()
    overrides = store.overrides()
    mapping = resolve(rows, overrides)
    merged = store.write_canonical(mapping)
    return ResolveReport(entities=len(rows), merged=merged, overrides=len(overrides))
