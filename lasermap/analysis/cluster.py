"""Cluster profile: the organizations of a place or park, by chain segment, with its headline figures.

An organization belongs to a cluster when the gazetteer puts its home there
(or anywhere below it: Bao'an is in Shenzhen), when its name starts with the
place (济南邦德激光), or when a sentence says it is based there (位于/落户/
based in) or in one of the cluster's parks. Each membership keeps how it was
found, so an analyst can tell a known fact from a sentence-level inference.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from lasermap.analysis.chain import segment_strengths
from lasermap.analysis.lookup import EntityRef, light_refs, lookup
from lasermap.analysis.places import descendants
from lasermap.analysis.profile import events, facts_summary
from lasermap.domain.taxonomy import load_chain

HEADLINE_ATTRIBUTES = (
    "enterprise_count", "output_value", "export_value", "revenue", "investment", "export_share", "growth_rate",
    "market_share", "project_count", "area", "member_count", "attendee_count",
)  # fmt: skip
ASSOCIATION_SUBTYPES = ("association", "alliance")
OTHER_GROUP = "other"


def find_cluster(q: Any, text: str) -> EntityRef:
    """A place or a park (industrial zone, high-tech zone) named ``text``."""
    return lookup(q, text, types=("place",), subtypes=("park",), what="place or park")


def sites(q: Any, ref: EntityRef) -> tuple[list[str], list[str]]:
    """(place ids, site ids): the place and everything below it, plus the parks homed there."""
    if ref.type != "place":
        return [], list(ref.members)
    places: set[str] = set()
    for m in ref.members:
        places |= descendants(m)
    parks = [pid for pid, home in q.parks() if home in places]
    merged = q.merged()
    parks += [raw for raw, canon in merged.items() if canon in parks]
    return sorted(places), sorted(places | set(parks))


def member_orgs(q: Any, ref: EntityRef) -> dict[str, dict[str, Any]]:
    """Canonical org id → how it is known to be in the cluster (home, name, or evidence sentences)."""
    places, site_ids = sites(q, ref)
    merged = q.merged()
    own = set(ref.members)
    found: dict[str, dict[str, Any]] = {}
    for eid, _pid, how in q.homed_in(places):
        canon = merged.get(eid, eid)
        if canon not in own:
            found.setdefault(canon, {"how": set(), "members": set(), "evidence": []})
            found[canon]["how"].add(how)
            found[canon]["members"].add(eid)
    for row in q.located_at(site_ids):
        canon = merged.get(row["org_id"], row["org_id"])
        if canon in own or row["org_id"] in site_ids:
            continue
        entry = found.setdefault(canon, {"how": set(), "members": set(), "evidence": []})
        entry["how"].add("sentence")
        entry["members"].add(row["org_id"])
        entry["evidence"].append(row)
    return found


def _segments_of(q: Any, orgs: dict[str, dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Canonical org → {segment: strength} for the organizations found in the cluster."""
    return segment_strengths(q, {m: c for c, e in orgs.items() for m in e["members"] | {c}})


def _org_entry(ref: EntityRef, info: dict[str, Any], docs: int, segs: dict[str, int]) -> dict[str, Any]:
    return {"id": ref.id, "name": ref.name, "name_zh": ref.name_zh, "subtype": ref.subtype, "documents": docs,
            "how": sorted(info["how"]), "segments": sorted(segs, key=lambda s: -segs[s]),
            "evidence": [{"doc_id": e["doc_id"], "site_id": e["site_id"]} for e in info["evidence"][:3]]}  # fmt: skip


def organizations(q: Any, ref: EntityRef, per_group: int = 12) -> dict[str, Any]:
    """The cluster's organizations grouped by chain segment, associations apart, most documented first."""
    found = member_orgs(q, ref)
    refs = light_refs(q, list(found))
    seg_map = _segments_of(q, found)
    doc_counts = q.doc_counts(sorted({m for e in found.values() for m in e["members"] | set()} | set(found)))
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    associations, others = [], []
    for cid, info in found.items():
        r = refs.get(cid)
        if r is None or r.type != "org":
            continue
        docs = sum(doc_counts.get(m, 0) for m in info["members"] | {cid})
        entry = _org_entry(r, info, docs, seg_map.get(cid, {}))
        if r.subtype in ASSOCIATION_SUBTYPES:
            associations.append(entry)
        elif entry["segments"] and r.subtype in ("company", "facility", "institute", "center"):
            for seg in entry["segments"]:
                groups[seg].append(entry)
        else:
            others.append(entry)
    chain = load_chain()
    order = {n.id: i for i, n in enumerate(chain.nodes)}
    by_segment = []
    for seg in sorted(groups, key=lambda s: order.get(s, 999)):
        items = sorted(groups[seg], key=lambda e: (-e["documents"], e["name"]))
        node = chain.by_id.get(seg)
        by_segment.append({"segment": seg, "name": node.name if node else seg, "name_zh": node.name_zh if node else None,
                           "tier": node.tier if node else "?", "count": len(items), "items": items[:per_group]})  # fmt: skip
    key = lambda e: (-e["documents"], e["name"])  # noqa: E731
    return {"total": len([c for c in found if c in refs and refs[c].type == "org"]), "by_segment": by_segment,
            "associations": sorted(associations, key=key), "others": sorted(others, key=key)[: per_group * 2]}  # fmt: skip


def _events(q: Any, ref: EntityRef, limit: int) -> dict[str, Any]:
    """Events held in the place or anywhere below it, or naming the park."""
    if ref.type != "place":
        return events(q, ref, limit)
    places, site_ids = sites(q, ref)
    parks = [s for s in site_ids if not s.startswith("place:")]
    total, rows = q.entity_events(parks or list(ref.members), places, limit)
    return {"total": total, "items": [{**r, "participants": json.loads(r["participants"] or "[]")} for r in rows]}


def cluster(q: Any, ref: EntityRef, limit: int = 15) -> dict[str, Any]:
    """The full cluster profile (plain dict)."""
    orgs = organizations(q, ref)
    headline = facts_summary(q, ref.members, set(HEADLINE_ATTRIBUTES))
    order = {a: i for i, a in enumerate(HEADLINE_ATTRIBUTES)}
    headline.sort(key=lambda f: order.get(f["attribute"], 99))
    org_ids = [e["id"] for g in orgs["by_segment"] for e in g["items"]] + [e["id"] for e in orgs["associations"]]
    member_ids = sorted({m for ms in q.members_of(sorted(set(org_ids))).values() for m in ms})
    people = q.people(member_ids, limit=limit) if member_ids else []
    return {"cluster": ref.as_dict(), "headline": headline, "organizations": orgs, "events": _events(q, ref, limit),
            "people": people, "documents": {"total": ref.documents, "recent": q.recent_docs(ref.members, limit)}}  # fmt: skip
