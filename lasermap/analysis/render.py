"""Terminal renderings of the analysis results: plain lines that fit the terminal width.

Kept apart from the click commands so the commands stay wiring only, and so
the same text can be checked in tests without a terminal.
"""

from __future__ import annotations

import shutil
import unicodedata
from typing import Any

from lasermap.analysis.facts import fmt_fact


def width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))


def cells(s: str) -> int:
    """Terminal columns of a string (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def clip(s: str, n: int) -> str:
    """Cut ``s`` to ``n`` terminal columns, with an ellipsis when cut."""
    text = str(s)
    lead = text[: len(text) - len(text.lstrip(" "))]
    s = lead + " ".join(text.split())
    if cells(s) <= n:
        return s
    out, used = [], 0
    for c in s:
        w = cells(c)
        if used + w > n - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def pad(s: str, n: int) -> str:
    s = clip(s, n)
    return s + " " * (n - cells(s))


def _quote(sentence: str, doc_id: str, indent: int = 6) -> str:
    return " " * indent + clip(f"“{sentence}” [{doc_id[:12]}]", width() - indent)


def profile_lines(p: dict[str, Any]) -> list[str]:
    """The entity profile, section by section."""
    e, w = p["entity"], width()
    kind = f"{e['type']}/{e['subtype']}" if e["subtype"] else e["type"]
    out = [f"{e['name']}" + (f" / {e['name_zh']}" if e["name_zh"] and e["name_zh"] != e["name"] else ""),
           f"  {e['id']}  [{kind}; {e['documents']} documents" +
           (f"; merged from {len(e['members'])} ids" if len(e["members"]) > 1 else "") + "]",
           clip("  names: " + " · ".join(p["names"]), w)]  # fmt: skip
    if p["home"]:
        h = p["home"]
        out.append(f"  located: {h['name']}" + (f", {', '.join(h['path'])}" if h["path"] else "") + f"  ({h['how']})")
    if p["chain"]:
        out.append("\nIndustry chain")
        for s in p["chain"][:12]:
            src = "gazetteer" + (f" + {s['docs']} docs" if s["docs"] else "") if s["gazetteer"] else f"{s['docs']} docs"
            out.append(f"  {pad(s['name'], 44)} {s['tier']:<11} {src}")
            if s["evidence"]:
                out.append(_quote(s["evidence"]["sentence"], s["evidence"]["doc_id"]))
    out += fact_summary_lines(p["facts"])
    if p["people"]:
        out.append("\nPeople")
        out += [clip(f"  {r['name']} — {r['title'] or '?'}  ({r['docs']} docs, {r['doc_id'][:12]})", w)
                for r in p["people"]]  # fmt: skip
    out += partner_lines(p["related"], "Related organizations", evidence=False)
    out += event_lines(p["events"])
    out += doc_lines(p["documents"])
    return out


def fact_summary_lines(facts: list[dict[str, Any]], title: str = "Facts") -> list[str]:
    if not facts:
        return []
    out = [f"\n{title} (value · sources · documents)"]
    for f in facts:
        out.append(f"  {f['attribute']}")
        for row in f["years"]:
            vals = "; ".join(f"{v['text']} ×{v['sources']} ({', '.join(d[:8] for d in v['doc_ids'][:3])})"
                             for v in row["values"])  # fmt: skip
            more = f"; +{row['more_values']} other values" if row["more_values"] else ""
            out.append(clip(f"    {row['year'] if row['year'] is not None else '—'}: {vals}{more}", width()))
        if f["more_years"]:
            out.append(f"    … {f['more_years']} earlier years")
    return out


def partner_lines(rows: list[dict[str, Any]], title: str = "Partners", evidence: bool = True) -> list[str]:
    if not rows:
        return []
    out = [f"\n{title}"]
    for r in rows:
        kinds = ", ".join(f"{k} ×{n}" for k, n in r["kinds"].items())
        out.append(clip(f"  {pad(r['name'], 36)} {kinds}  (score {r['score']})", width()))
        if evidence and r["evidence"]["sentence"]:
            out.append(_quote(r["evidence"]["sentence"], r["evidence"]["doc_id"]))
    return out


def event_lines(events: dict[str, Any]) -> list[str]:
    if not events["items"]:
        return []
    out = [f"\nEvents ({events['total']})"]
    for e in events["items"]:
        place = f" @ {e['place']}" if e["place"] else ""
        out.append(clip(f"  {e['date'] or '—':<10} {e['type']}: {e['name']}{place}  [{e['doc_id'][:12]}]", width()))
    return out


def doc_lines(docs: dict[str, Any]) -> list[str]:
    out = [f"\nSources ({docs['total']} documents; newest {len(docs['recent'])})"]
    for d in docs["recent"]:
        out.append(clip(f"  {d['id'][:12]}  {d['published'] or '—':<10}  {d['title'] or d['source']}", width()))
    return out


def cluster_lines(c: dict[str, Any]) -> list[str]:
    e, orgs = c["cluster"], c["organizations"]
    out = [f"Cluster: {e['name']}" + (f" / {e['name_zh']}" if e["name_zh"] else "") + f"  ({e['id']}, {e['documents']} documents)"]
    out += fact_summary_lines(c["headline"], "Headline figures")
    out.append(f"\nOrganizations ({orgs['total']}) by chain segment")
    for g in orgs["by_segment"]:
        names = ", ".join(f"{x['name']}" for x in g["items"][:8])
        out.append(clip(f"  {pad(g['name'], 34)} {g['count']:>3}  {names}", width()))
    if orgs["associations"]:
        out.append(clip("  Associations/alliances: " + ", ".join(x["name"] for x in orgs["associations"]), width()))
    if orgs["others"]:
        out.append(clip("  Other institutions: " + ", ".join(x["name"] for x in orgs["others"]), width()))
    out += event_lines(c["events"])
    if c["people"]:
        out.append("\nPeople")
        out += [clip(f"  {p['name']} — {p['title'] or '?'}  [{p['doc_id'][:12]}]", width()) for p in c["people"]]
    return out + doc_lines(c["documents"])


def compare_lines(t: dict[str, Any]) -> list[str]:
    ents = t["entities"]
    col = max(14, min(28, (width() - 8) // max(1, len(ents))))
    out = [f"{t['attribute']} ({t['unit']})", "year    " + "".join(pad(e["name"], col) for e in ents)]
    for row in t["rows"]:
        year = str(row["year"]) if row["year"] is not None else "—"
        vals = "".join(pad(row["cells"][e["id"]]["text"] if row["cells"][e["id"]] else "·", col) for e in ents)
        out.append(f"{year:<8}{vals}")
    if not t["rows"]:
        out.append("(no figures for this attribute)")
    return out


def chain_lines(t: dict[str, Any]) -> list[str]:
    cols = t["columns"]
    if not cols:
        return ["No located companies yet: ingest more pages."]
    name_w = 30
    col_w = max(5, min(14, (width() - name_w - 2) // len(cols)))
    out = [pad("segment", name_w) + "".join(pad(c["name"], col_w) for c in cols)]
    tier = None
    for r in t["rows"]:
        if r["tier"] != tier:
            tier = r["tier"]
            out.append(f"[{tier}]")
        cells_ = "".join(pad(str(r["cells"][c["id"]]["count"] or "·"), col_w) for c in cols)
        out.append(pad(("  " if not r["root"] else "") + r["name"], name_w) + cells_)
    names = {c["id"]: c["name"] for c in cols}
    out.append(f"\nGaps ({len(t['gaps'])}): segments a cluster lacks that at least half of the others have")
    for g in t["gaps"]:
        out.append(clip(f"  {names[g['column']]} lacks {g['name']} (present in {g['share']}: "
                        f"{', '.join(names[c] for c in g['present_in'])})", width()))  # fmt: skip
    return out


def timeline_lines(t: dict[str, Any]) -> list[str]:
    s = t["subject"]
    out = [f"{s['name']} ({s['id']})"]
    for series in t["series"]:
        out.append(f"\n{series['attribute']} ({series['unit']})")
        for p in series["points"]:
            year = p["year"] if p["year"] is not None else "—"
            out.append(f"  {year}: {fmt_fact(p['qualifier'], p['value'], p['unit'])}  ({p['count']} source(s))")
            for src in p["sources"]:
                copies = f" (+{len(src['copies'])} duplicate(s))" if src["copies"] else ""
                out.append(clip(f"    {src['doc_id'][:12]} {src['published'] or '—'} [{src['surface']}]{copies}", width()))
                out.append(_quote(src["sentence"], src["doc_id"], indent=8))
    if not t["series"]:
        out.append("(no figures)")
    return out


def conflict_lines(rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return ["No conflicting figures."]
    out = [f"{len(rows)} conflict(s)"]
    for c in rows:
        out.append(f"\n{c['subject']['name']} · {c['attribute']} · {c['year']}")
        for side in ("a", "b"):
            x = c[side]
            out.append(f"  {fmt_fact(x['qualifier'], x['value'], c['unit'])}  ({x['count']} source(s))")
            out.append(_quote(x["source"]["sentence"], x["source"]["doc_id"]))
    return out
