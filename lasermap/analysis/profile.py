"""Entity profile: everything the store knows about one canonical entity, in every language, with sources.

All sections read the rows of every member id (what resolution and curators
merged), so a profile of ``Jinan`` gathers 济南 and 濟南 pages alike. Each
section is bounded and says how much it left out, so a profile stays fast and
readable for an entity named in 30,000 documents.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from lasermap.analysis.facts import fmt_fact
from lasermap.analysis.lookup import EntityRef
from lasermap.analysis.partners import partners
from lasermap.analysis.places import ancestors, place_name
from lasermap.domain.load import country_by_id, org_by_id, place_by_id
from lasermap.domain.taxonomy import load_chain

FACT_ATTRIBUTES, FACT_YEARS, FACT_VALUES = 12, 8, 3


def gazetteer_names(ids: list[str]) -> list[str]:
    """Names the gazetteer knows for these ids (canonical, Chinese, aliases)."""
    out: list[str] = []
    for i in ids:
        if (org := org_by_id().get(i)) is not None:
            out += org.names()
        elif (pl := place_by_id().get(i)) is not None:
            out += [pl.name_en, pl.name_zh, pl.short_zh, pl.short_en]
        elif (c := country_by_id().get(i)) is not None:
            out += [c.name_en, c.name_zh, *c.aliases]
    return list(dict.fromkeys(n for n in out if n))


def home(q: Any, ref: EntityRef) -> dict[str, Any] | None:
    """Where the entity is: its gazetteer or name-derived home (orgs), its parent places (places)."""
    if ref.type == "place":
        chain = ancestors(ref.id)
        return {"id": chain[0], "name": place_name(chain[0]), "how": "part of",
                "path": [place_name(p) for p in chain]} if chain else None  # fmt: skip
    homes = q.homes(ref.members)
    if not homes:
        return None
    pid, how = homes.get(ref.id) or next(iter(homes.values()))
    name = place_name(pid) if pid.startswith("place:") else country_by_id()[pid].name_en if pid in country_by_id() else pid
    return {"id": pid, "name": name, "how": how, "path": [place_name(p) for p in ancestors(pid)]}


def chain_segments(q: Any, ref: EntityRef) -> list[dict[str, Any]]:
    """Chain segments: the gazetteer's, then those named in sentences mentioning the entity, with evidence."""
    chain = load_chain()
    out: dict[str, dict[str, Any]] = {}
    for m in ref.members:
        if (org := org_by_id().get(m)) is not None:
            for seg in org.chain:
                out[seg] = {"segment": seg, "gazetteer": True, "docs": 0, "evidence": None}
    best: dict[str, dict[str, Any]] = {}
    for row in q.segments(ref.members):
        seg = out.setdefault(row["segment"], {"segment": row["segment"], "gazetteer": False, "docs": 0, "evidence": None})
        seg["docs"] += row["docs"]
        if row["segment"] not in best:
            best[row["segment"]] = row
    texts = q.sentences([(r["doc_id"], r["sent_start"], r["sent_end"]) for r in best.values()])
    for seg_id, r in best.items():
        out[seg_id]["evidence"] = {"doc_id": r["doc_id"], "sentence": texts.get((r["doc_id"], r["sent_start"], r["sent_end"]), "")}
    for seg in out.values():
        node = chain.by_id.get(seg["segment"])
        seg.update(name=node.name if node else seg["segment"], name_zh=node.name_zh if node else None,
                   tier=node.tier if node else "?")  # fmt: skip
    return sorted(out.values(), key=lambda s: (not s["gazetteer"], -s["docs"], s["segment"]))


def facts_summary(q: Any, ids: list[str], attributes: set[str] | None = None) -> list[dict[str, Any]]:
    """attribute → year → the most attested values, each with qualifier, source count and source doc ids."""
    by_attr: dict[str, dict[Any, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    weight: dict[str, int] = defaultdict(int)
    for p in q.fact_points(ids, distinct=False):
        if attributes is None or p["attribute"] in attributes:
            by_attr[p["attribute"]][p["year"]].append(p)
            weight[p["attribute"]] += p["docs"]
    dup = q.duplicates()
    out = []
    for attr in sorted(by_attr, key=lambda a: (a.startswith("other:"), -weight[a], a))[:FACT_ATTRIBUTES]:
        years = sorted(by_attr[attr], key=lambda y: (y is not None, y or 0), reverse=True)
        rows = []
        for year in years[:FACT_YEARS]:
            pts = sorted(by_attr[attr][year], key=lambda p: (-p["docs"], p["value"]))
            values = []
            for p in pts[:FACT_VALUES]:
                docs = q.point_docs(ids, p)
                origins = list(dict.fromkeys(dup.get(d, d) for d in docs))
                count = len(origins) if len(docs) < 50 else p["docs"]
                values.append({"qualifier": p["qualifier"], "value": p["value"], "unit": p["unit"],
                               "text": fmt_fact(p["qualifier"], p["value"], p["unit"]),
                               "sources": count, "doc_ids": origins[:5]})  # fmt: skip
            rows.append({"year": year, "values": values, "more_values": max(0, len(pts) - FACT_VALUES)})
        out.append({"attribute": attr, "years": rows, "more_years": max(0, len(years) - FACT_YEARS)})
    return out


def events(q: Any, ref: EntityRef, limit: int = 15) -> dict[str, Any]:
    place_ids = ref.members if ref.type == "place" else []
    total, rows = q.entity_events(ref.members, place_ids, limit)
    for r in rows:
        r["participants"] = json.loads(r["participants"]) if r["participants"] else []
    return {"total": total, "items": rows}


def profile(q: Any, ref: EntityRef, limit: int = 15) -> dict[str, Any]:
    """The full profile of a canonical entity (plain dict: the CLI prints it, ``--json`` dumps it)."""
    names = list(dict.fromkeys([ref.name, *([ref.name_zh] if ref.name_zh else []), *q.names(ref.members),
                                *gazetteer_names(ref.members)]))  # fmt: skip
    people = q.people(ref.members, limit=limit * 2) if ref.type == "org" else []
    return {
        "entity": ref.as_dict(),
        "names": names,
        "home": home(q, ref),
        "chain": chain_segments(q, ref),
        "facts": facts_summary(q, ref.members),
        "people": people,
        "related": partners(q, ref, limit=limit) if ref.type in ("org", "event") else [],
        "events": events(q, ref, limit),
        "documents": {"total": ref.documents, "recent": q.recent_docs(ref.members, limit)},
    }
