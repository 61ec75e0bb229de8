"""Loaders for the two JSON files: the industry-chain taxonomy and the quantity words.

JSON loses line numbers once parsed, so a bad node or entry is located by
searching the raw text for its id or first term: good enough to send an editor
to the right place, and it costs nothing when the file is valid.
"""

from __future__ import annotations

import functools
from typing import Any

from lasermap.domain._io import DomainDataError, file_path, read_json
from lasermap.domain.records import (
    CHAIN_TIERS,
    POSITIONS,
    QUALIFIER_MEANINGS,
    Chain,
    ChainNode,
    CountWord,
    Currency,
    Magnitude,
    Qualifier,
    Unit,
    Units,
)

CHAIN_FILE = "chain.json"
UNITS_FILE = "units.json"


def _line_of(name: str, needle: str) -> int:
    """First line of the file containing ``needle`` (0 if absent)."""
    for number, line in enumerate(file_path(name).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    return 0


def _fail(name: str, needle: str, message: str) -> DomainDataError:
    return DomainDataError(file_path(name), _line_of(name, needle), message)


def _terms(value: Any, name: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(t, str) and t.strip() for t in value):
        raise _fail(name, where, f"{where}: expected a non-empty list of non-empty strings")
    return tuple(value)


def _node(raw: Any) -> ChainNode:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"].startswith("chain:"):
        raise _fail(CHAIN_FILE, str(raw)[:30], f"node without a chain: id: {str(raw)[:60]}")
    nid = raw["id"]
    if raw.get("tier") not in CHAIN_TIERS:
        raise _fail(CHAIN_FILE, f'"{nid}"', f"{nid}: tier must be one of {CHAIN_TIERS}")
    for key in ("name", "name_zh"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(CHAIN_FILE, f'"{nid}"', f"{nid}: empty {key}")
    return ChainNode(
        id=nid, tier=raw["tier"], parent=raw.get("parent"), name=raw["name"], name_zh=raw["name_zh"],
        terms_en=_terms(raw.get("terms_en"), CHAIN_FILE, nid), terms_zh=_terms(raw.get("terms_zh"), CHAIN_FILE, nid),
        note=raw.get("note"),
    )


def _check_tree(nodes: tuple[ChainNode, ...], by_id: dict[str, ChainNode]) -> None:
    """Parents exist, stay within the tier, and never loop back."""
    for n in nodes:
        if n.parent is None:
            continue
        parent = by_id.get(n.parent)
        if parent is None:
            raise _fail(CHAIN_FILE, f'"{n.id}"', f"{n.id}: parent {n.parent} does not exist")
        if parent.tier != n.tier:
            raise _fail(CHAIN_FILE, f'"{n.id}"', f"{n.id}: parent {n.parent} is in tier {parent.tier}, not {n.tier}")
        seen = {n.id}
        while parent is not None:
            if parent.id in seen:
                raise _fail(CHAIN_FILE, f'"{n.id}"', f"{n.id}: parent chain loops")
            seen.add(parent.id)
            parent = by_id.get(parent.parent) if parent.parent else None


@functools.cache
def load_chain() -> Chain:
    """The industry-chain taxonomy: upstream → source → equipment → application."""
    data = read_json(CHAIN_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise DomainDataError(file_path(CHAIN_FILE), 1, "expected an object with a 'nodes' list")
    nodes = tuple(_node(raw) for raw in data["nodes"])
    by_id: dict[str, ChainNode] = {}
    for n in nodes:
        if n.id in by_id:
            raise _fail(CHAIN_FILE, f'"{n.id}"', f"duplicate id {n.id}")
        by_id[n.id] = n
    _check_tree(nodes, by_id)
    return Chain(tiers=CHAIN_TIERS, nodes=nodes, by_id=by_id)


def _positive(value: Any, where: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        raise _fail(UNITS_FILE, where, f"{where}: value must be a positive number, got {value!r}")
    return float(value)


def _qualifier(raw: dict[str, Any]) -> Qualifier:
    terms = _terms(raw.get("terms"), UNITS_FILE, "qualifier")
    where = f'"{terms[0]}"'
    if raw.get("meaning") not in QUALIFIER_MEANINGS or raw.get("position") not in POSITIONS:
        raise _fail(UNITS_FILE, where, f"qualifier {terms[0]!r}: meaning must be {sorted(QUALIFIER_MEANINGS)}, position {sorted(POSITIONS)}")
    return Qualifier(terms, raw["meaning"], raw["position"], raw.get("lang", ""), raw.get("inclusive"), raw.get("note"))


def _count_word(raw: dict[str, Any]) -> CountWord:
    """One counts entry → CountWord."""
    return CountWord(_terms(raw.get("terms"), UNITS_FILE, "counts"), raw.get("noun", ""), raw.get("lang", ""))


def _units_parts(data: dict[str, Any]) -> dict[str, Any]:
    """Convert every section of units.json; each helper raises with a located error."""
    return {
        "magnitudes": tuple(
            Magnitude(_terms(m.get("terms"), UNITS_FILE, "magnitude"), _positive(m.get("value"), f'"{m["terms"][0]}"'), m.get("lang", ""))
            for m in data["magnitudes"]
        ),
        "currencies": tuple(
            Currency(c["code"], c["name"], _terms(c.get("prefix"), UNITS_FILE, c["code"]), _terms(c.get("suffix"), UNITS_FILE, c["code"]), c.get("note"))
            for c in data["currencies"]
        ),
        "units": tuple(
            Unit(u["id"], u["dimension"], _positive(u.get("factor"), f'"{u["id"]}"'), _terms(u.get("terms"), UNITS_FILE, u["id"]), u.get("note"))
            for u in data["units"]
        ),
        "counts": tuple(_count_word(c) for c in data["counts"]),
        "qualifiers": tuple(_qualifier(q) for q in data["qualifiers"]),
    }


@functools.cache
def load_units() -> Units:
    """Magnitudes, numerals, currencies, units, counters, percent words and qualifiers."""
    data = read_json(UNITS_FILE)
    required = ("magnitudes", "numerals_zh", "currencies", "units", "counts", "percent", "qualifiers")
    missing = [k for k in required if k not in data] if isinstance(data, dict) else list(required)
    if missing:
        raise DomainDataError(file_path(UNITS_FILE), 1, f"missing section(s) {missing}")
    try:
        parts = _units_parts(data)
    except (KeyError, TypeError, IndexError) as exc:
        raise DomainDataError(file_path(UNITS_FILE), 0, f"malformed entry: {exc!r}") from exc
    numerals = data["numerals_zh"]
    if not all(isinstance(v, int) and v >= 0 for v in numerals.values()):
        raise _fail(UNITS_FILE, '"numerals_zh"', "numerals_zh values must be non-negative integers")
    pct = data["percent"]
    return Units(
        numerals_zh=dict(numerals), percent_prefix=tuple(pct.get("prefix", ())), percent_suffix=tuple(pct.get("suffix", ())),
        percent_points=tuple(pct.get("points", ())), excluded=dict(data.get("excluded", {})), **parts,
    )
