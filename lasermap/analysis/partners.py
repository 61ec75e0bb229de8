"""Partners: organizations linked to one by signings, alliances, joint investment or shared events.

A link is a sentence naming both organizations with a cue (签约, 联盟, joint
venture, partnership …) or an event both take part in; the analysis index
stores them per raw id. Strength is the cue weight times the number of
documents, so a partnership reported by five outlets outranks one mention at a
trade fair.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from lasermap.analysis.index import LINK_WEIGHT
from lasermap.analysis.lookup import EntityRef, light_refs


def partners(q: Any, ref: EntityRef, limit: int = 25) -> list[dict[str, Any]]:
    """Linked organizations, strongest first, each with its link kinds and one evidence sentence."""
    merged = q.merged()
    own = set(ref.members)
    by_partner: dict[str, dict[str, Any]] = {}
    for row in q.links(ref.members):
        if row["entity_id"] in own:
            continue
        canon = merged.get(row["entity_id"], row["entity_id"])
        if canon == ref.id:
            continue
        p = by_partner.setdefault(canon, {"kinds": defaultdict(int), "score": 0, "docs": 0, "best": None})
        p["kinds"][row["kind"]] += row["docs"]
        p["score"] += LINK_WEIGHT.get(row["kind"], 1) * row["docs"]
        p["docs"] += row["docs"]
        if p["best"] is None or LINK_WEIGHT.get(row["kind"], 1) > LINK_WEIGHT.get(p["best"]["kind"], 1):
            p["best"] = row
    ranked = sorted(by_partner.items(), key=lambda kv: (-kv[1]["score"], -kv[1]["docs"], kv[0]))[:limit]
    refs = light_refs(q, [cid for cid, _ in ranked])
    spans = [(p["best"]["doc_id"], p["best"]["sent_start"], p["best"]["sent_end"]) for _, p in ranked]
    texts = q.sentences(spans)
    out = []
    for (cid, p), span in zip(ranked, spans, strict=True):
        r = refs.get(cid)
        out.append({
            "id": cid, "name": r.name if r else cid, "name_zh": r.name_zh if r else None,
            "subtype": r.subtype if r else None, "score": p["score"], "documents": p["docs"],
            "kinds": dict(sorted(p["kinds"].items(), key=lambda kv: -LINK_WEIGHT.get(kv[0], 1))),
            "evidence": {"doc_id": span[0], "kind": p["best"]["kind"], "cue": p["best"]["cue"],
                         "sentence": texts.get(span, "")},
        })  # fmt: skip
    return out
