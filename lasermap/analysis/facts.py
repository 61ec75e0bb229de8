"""Figures over time: timelines with every source, conflicts between sources, and comparisons.

Qualifiers are intervals, not decorations: "more than 300" and "320" can both
be true, "300" and "320" cannot. Two facts conflict only when their intervals
are disjoint, they share subject, attribute, year and unit, and they come from
different documents (a reprint, ``duplicate_of``, is the same document: it is
folded into the original's sources and never counted twice). Different years
are different points on a line, never a conflict.
"""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations
from typing import Any

from lasermap.analysis.lookup import EntityRef

QUALIFIER_SIGN = {"gt": ">", "lt": "<", "approx": "≈", "eq": ""}
EQ_TOLERANCE = 0.01
APPROX_TOLERANCE = 0.10
_CURRENCIES = ("CNY", "USD", "EUR", "TWD", "HKD", "JPY")


def interval(qualifier: str, value: float) -> tuple[float, float]:
    """The values a stated figure allows: ``eq`` ±1%, ``approx`` ±10%, ``gt``/``lt`` open-ended."""
    tol = max(abs(value) * EQ_TOLERANCE, 1e-9)
    if qualifier == "gt":
        return value - tol, math.inf
    if qualifier == "lt":
        return -math.inf, value + tol
    if qualifier == "approx":
        return value - abs(value) * APPROX_TOLERANCE, value + abs(value) * APPROX_TOLERANCE
    return value - tol, value + tol


def consistent(a: tuple[str, float], b: tuple[str, float]) -> bool:
    """Whether two (qualifier, value) statements can both hold."""
    (a0, a1), (b0, b1) = interval(*a), interval(*b)
    return a0 <= b1 and b0 <= a1


def fmt_number(value: float, unit: str = "") -> str:
    """Short human form: 15 bn CNY, 4.87 m m2, 320, 38.4 %."""
    a = abs(value)
    if a >= 1e12:
        s = f"{value / 1e12:.4g} tn"
    elif a >= 1e9:
        s = f"{value / 1e9:.4g} bn"
    elif a >= 1e6 and (unit in _CURRENCIES or a >= 1e7):
        s = f"{value / 1e6:.4g} m"
    else:
        s = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{s} {unit}".strip() if unit and unit != "count" else s


def fmt_fact(qualifier: str, value: float, unit: str) -> str:
    sign = QUALIFIER_SIGN.get(qualifier, "")
    return f"{sign} {fmt_number(value, unit)}".strip()


def _fold(rows: list[dict[str, Any]], duplicates: dict[str, str]) -> list[dict[str, Any]]:
    """Group fact rows into points; a duplicate document's fact becomes an extra copy of its original's source."""
    points: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        key = (r["attribute"], r["year"], r["unit"], r["qualifier"], round(float(r["value"]), 6))
        p = points.setdefault(key, {"attribute": r["attribute"], "year": r["year"], "unit": r["unit"],
                                    "qualifier": r["qualifier"], "value": float(r["value"]), "sources": {}})  # fmt: skip
        origin = r["duplicate_of"] or duplicates.get(r["doc_id"]) or r["doc_id"]
        src = p["sources"].get(origin)
        if src is None:
            p["sources"][origin] = _source(r, origin)
        elif r["doc_id"] != origin and r["doc_id"] not in src["copies"]:
            src["copies"].append(r["doc_id"])
        elif r["doc_id"] == origin and src["doc_id"] != origin:
            copies = [src["doc_id"], *src["copies"]]
            p["sources"][origin] = {**_source(r, origin), "copies": copies}
    out = []
    for p in points.values():
        p["sources"] = sorted(p["sources"].values(), key=lambda s: (s["published"] or "", s["doc_id"]))
        p["count"] = len(p["sources"])
        out.append(p)
    return out


def _source(r: dict[str, Any], origin: str) -> dict[str, Any]:
    return {"doc_id": r["doc_id"], "origin": origin, "published": r["published"], "title": r["title"],
            "surface": r["surface"], "start": r["start"], "end": r["end"],
            "sentence": " ".join(str(r["sentence"]).split()), "copies": []}  # fmt: skip


def timeline(q: Any, ref: EntityRef, attribute: str | None = None, limit: int = 5000) -> dict[str, Any]:
    """Every value of the subject by attribute and year, each with all its sources."""
    rows = q.fact_rows(ref.members, attribute=attribute, limit=limit)
    points = _fold(rows, q.duplicates())
    series: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in points:
        series[(p["attribute"], p["unit"])].append(p)
    out = []
    for (attr, unit), pts in sorted(series.items()):
        pts.sort(key=lambda p: (p["year"] is None, p["year"] or 0, -p["count"], p["value"]))
        out.append({"attribute": attr, "unit": unit, "points": pts})
    return {"subject": ref.as_dict(), "attribute": attribute, "series": out, "truncated": len(rows) >= limit}


def conflicts_for(q: Any, ref: EntityRef, attribute: str, year: int, unit: str) -> list[dict[str, Any]]:
    """Pairs of statements about one subject/attribute/year/unit that cannot both hold, from different documents."""
    rows = [r for r in q.fact_rows(ref.members, attribute=attribute, year=year) if r["unit"] == unit]
    points = _fold(rows, q.duplicates())
    out = []
    for a, b in combinations(sorted(points, key=lambda p: (p["value"], p["qualifier"])), 2):
        if consistent((a["qualifier"], a["value"]), (b["qualifier"], b["value"])):
            continue
        pair = _distinct_sources(a["sources"], b["sources"])
        if pair is None:
            continue  # both figures only ever stated by the same document
        out.append({"subject": ref.as_dict(), "attribute": attribute, "year": year, "unit": unit,
                    "a": {"qualifier": a["qualifier"], "value": a["value"], "count": a["count"], "source": pair[0]},
                    "b": {"qualifier": b["qualifier"], "value": b["value"], "count": b["count"], "source": pair[1]}})  # fmt: skip
    return out


def _distinct_sources(sa: list[dict], sb: list[dict]) -> tuple[dict, dict] | None:
    """A source stating only the first figure and one stating only the second, or None.

    A document stating both (machine tools 3.0 bn, lasers 2.1 bn) is describing
    two quantities, not disagreeing with itself or with its reprint.
    """
    oa, ob = {s["origin"] for s in sa}, {s["origin"] for s in sb}
    only_a = [s for s in sa if s["origin"] not in ob]
    only_b = [s for s in sb if s["origin"] not in oa]
    return (only_a[0], only_b[0]) if only_a and only_b else None


def conflicts(q: Any, refs: list[EntityRef] | None, entity_ref: Any, limit: int = 200) -> list[dict[str, Any]]:
    """Conflicting figures, for the given subjects or the whole store (``entity_ref`` builds a ref from an id)."""
    ids = [m for r in refs for m in r.members] if refs is not None else None
    out: list[dict[str, Any]] = []
    cache: dict[str, EntityRef] = {r.id: r for r in refs or []}
    for canonical, attribute, year, unit in q.conflict_candidates(ids, limit * 5):
        ref = cache.get(canonical) or cache.setdefault(canonical, entity_ref(q, canonical, with_docs=False))
        out += conflicts_for(q, ref, attribute, year, unit)
        if len(out) >= limit:
            break
    return out[:limit]


def compare(q: Any, refs: list[EntityRef], attribute: str) -> dict[str, Any]:
    """Year × entity table of one attribute: one value, or the range and number of sources when they differ."""
    table: dict[int | None, dict[str, dict[str, Any]]] = defaultdict(dict)
    units: dict[str, int] = defaultdict(int)
    for ref in refs:
        by_year: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
        for p in q.fact_points(ref.members, attribute):
            by_year[p["year"]].append(p)
            units[p["unit"]] += p["docs"]
        for year, pts in by_year.items():
            table[year][ref.id] = _cell(pts)
    unit = max(units, key=lambda u: units[u]) if units else ""
    years = sorted(table, key=lambda y: (y is None, y or 0))
    rows = [{"year": y, "cells": {r.id: table[y].get(r.id) for r in refs}} for y in years]
    return {"attribute": attribute, "unit": unit, "entities": [r.as_dict() for r in refs], "rows": rows}


def _cell(points: list[dict[str, Any]]) -> dict[str, Any]:
    """One compare cell: the dominant unit's statements summarised (value, or range and source count)."""
    unit_docs: dict[str, int] = defaultdict(int)
    for p in points:
        unit_docs[p["unit"]] += p["docs"]
    unit = max(unit_docs, key=lambda u: unit_docs[u])
    pts = [p for p in points if p["unit"] == unit]
    values = [float(p["value"]) for p in pts]
    sources = sum(p["docs"] for p in pts)
    if len(pts) == 1 or min(values) == max(values):
        best = max(pts, key=lambda p: (p["docs"], p["qualifier"] == "eq"))
        text = fmt_fact(best["qualifier"], float(best["value"]), unit)
    else:
        quals = {p["qualifier"] for p in pts}
        sign = QUALIFIER_SIGN[quals.pop()] + " " if len(quals) == 1 and quals != {"eq"} else ""
        text = f"{sign}{fmt_number(min(values))}–{fmt_number(max(values), unit)}".strip()
    if sources > 1:
        text += f" ({sources} src)"
    return {"text": text, "unit": unit, "min": min(values), "max": max(values), "sources": sources,
            "statements": [{"qualifier": p["qualifier"], "value": p["value"], "docs": p["docs"]} for p in pts],
            "other_units": sorted(u for u in unit_docs if u != unit)}  # fmt: skip
