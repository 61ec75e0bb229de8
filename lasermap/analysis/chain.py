"""Chain coverage: industry-chain segments × clusters, and the gaps each cluster has.

A cell counts the companies of a cluster active in a segment (gazetteer chain,
or chain terms in sentences naming the company). A gap is a segment a cluster
has no company in while at least half of the other clusters in the table do:
the question an investment-promotion office asks ("what do Wuhan and Suzhou
have that we lack?").
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from lasermap.analysis.lookup import EntityRef, light_refs
from lasermap.analysis.places import ancestors, children, cluster_level, descendants, place_name
from lasermap.domain.load import org_by_id
from lasermap.domain.taxonomy import load_chain

DEFAULT_COLUMNS = 8
NAMES_PER_CELL = 3


def _column_of(region: EntityRef | None) -> Any:
    """Function mapping a place id to its table column (city level, or the region's direct sub-place)."""
    if region is None:
        return cluster_level
    kids = set()
    for m in region.members:
        kids |= set(children(m))
    inside = set().union(*(descendants(k) for k in kids)) if kids else set()

    def column(pid: str) -> str | None:
        if pid not in inside:
            return None
        return next((p for p in (pid, *ancestors(pid)) if p in kids), None)

    return column


def _company_columns(q: Any, region: EntityRef | None) -> dict[str, set[str]]:
    """Column place id → canonical company ids located there (home or stated site, parks rolled up)."""
    column = _column_of(region)
    merged = q.merged()
    park_home = {pid: home for pid, home in q.parks() if home}
    out: dict[str, set[str]] = defaultdict(set)
    for eid, pid in q.company_homes():
        col = column(pid)
        if col:
            out[col].add(merged.get(eid, eid))
    for site, eid in q.company_sites():
        col = column(park_home.get(site, site)) if site.startswith(("place:", "org:")) else None
        if col:
            out[col].add(merged.get(eid, eid))
    return out


def _segment_strength(q: Any, companies: set[str]) -> dict[str, dict[str, int]]:
    """Canonical company → {segment: strength}; raw member rows are folded into their canonical id."""
    members = q.members_of(sorted(companies)) if len(companies) < 2000 else {c: [c] for c in companies}
    return segment_strengths(q, {m: c for c, ms in members.items() for m in ms})


def segment_strengths(q: Any, raw_to_canon: dict[str, str]) -> dict[str, dict[str, int]]:
    """Canonical org → {segment: strength}: the gazetteer's chain counts 1000, text evidence one per document."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for raw, canon in raw_to_canon.items():
        rec = org_by_id().get(raw)
        for seg in rec.chain if rec else ():
            out[canon][seg] = out[canon].get(seg, 0) + 1000
    for row in q.segments(sorted(raw_to_canon)):
        canon = raw_to_canon[row["entity_id"]]
        out[canon][row["segment"]] = out[canon].get(row["segment"], 0) + row["docs"]
    return out


def gaps(rows: list[dict[str, Any]], columns: list[str]) -> list[dict[str, Any]]:
    """Segments a column lacks that at least half of the other columns have (tier roots excluded)."""
    out = []
    if len(columns) < 2:
        return out
    for row in rows:
        if row["root"]:
            continue
        having = [c for c in columns if row["cells"][c]["count"] > 0]
        for col in columns:
            others = [c for c in having if c != col]
            if row["cells"][col]["count"] == 0 and len(others) >= math.ceil((len(columns) - 1) / 2):
                out.append({"column": col, "segment": row["segment"], "name": row["name"],
                            "present_in": others, "share": f"{len(others)}/{len(columns) - 1}"})  # fmt: skip
    return sorted(out, key=lambda g: (columns.index(g["column"]), -len(g["present_in"]), g["segment"]))


def chain_table(q: Any, region: EntityRef | None = None, n_columns: int = DEFAULT_COLUMNS) -> dict[str, Any]:
    """Segments (grouped by tier) × clusters with company counts, up to three names per cell, and gaps."""
    by_column = _company_columns(q, region)
    columns = sorted(by_column, key=lambda c: (-len(by_column[c]), c))
    if region is None:
        columns = columns[:n_columns]
    companies = set().union(*(by_column[c] for c in columns)) if columns else set()
    strength = _segment_strength(q, companies)
    refs = light_refs(q, companies)
    chain = load_chain()
    rows = []
    for node in chain.nodes:
        cells = {}
        for col in columns:
            here = [c for c in by_column[col] if node.id in strength.get(c, {}) and c in refs]
            here.sort(key=lambda c: (-strength[c][node.id], refs[c].name))
            cells[col] = {"count": len(here), "names": [refs[c].name for c in here[:NAMES_PER_CELL]]}
        if any(cell["count"] for cell in cells.values()):
            rows.append({"segment": node.id, "name": node.name, "name_zh": node.name_zh, "tier": node.tier,
                         "root": node.parent is None, "cells": cells})  # fmt: skip
    return {"region": region.as_dict() if region else None,
            "columns": [{"id": c, "name": place_name(c), "companies": len(by_column[c])} for c in columns],
            "rows": rows, "gaps": gaps(rows, columns)}  # fmt: skip
