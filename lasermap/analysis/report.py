"""The Markdown cluster report: figures over time (table + SVG chart), organizations, events, people, sources.

Deterministic on purpose: no timestamps, every list sorted, so a report can be
diffed between two database snapshots to see what the news added. Every figure
cites numbered sources that resolve to a document id (``lasermap show ID``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lasermap.analysis.cluster import cluster
from lasermap.analysis.lookup import EntityRef
from lasermap.analysis.svg import line_chart


class _Sources:
    """Numbered source list: the first citation of a document gets the next number."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def cite(self, doc_ids: list[str]) -> str:
        nums = []
        for d in doc_ids:
            if d not in self.order:
                self.order.append(d)
            nums.append(self.order.index(d) + 1)
        return "".join(f"[{n}]" for n in sorted(set(nums)))


def _md(text: Any) -> str:
    return str(text if text is not None else "—").replace("|", "\\|").replace("\n", " ")


def _headline(data: dict[str, Any], src: _Sources) -> tuple[list[str], list[tuple[str, list[tuple[int, float]]]]]:
    lines = ["## Headline figures", ""]
    series: list[tuple[str, list[tuple[int, float]]]] = []
    if not data["headline"]:
        return [*lines, "No figures stated for this cluster yet.", ""], series
    lines += ["| figure | year | value | sources |", "|---|---:|---:|---|"]
    for fact in data["headline"]:
        pts: list[tuple[int, float]] = []
        for row in fact["years"]:
            for v in row["values"]:
                lines.append(f"| {_md(fact['attribute'])} | {_md(row['year'])} | {_md(v['text'])} | "
                             f"{src.cite(v['doc_ids'])} ({v['sources']}) |")  # fmt: skip
            if row["year"] is not None and row["values"]:
                pts.append((row["year"], float(row["values"][0]["value"])))
        if pts and not fact["attribute"].startswith("other:"):
            series.append((fact["attribute"], sorted(pts)))
    return [*lines, ""], series


def _organizations(data: dict[str, Any], src: _Sources) -> list[str]:
    orgs = data["organizations"]
    lines = ["## Organizations by chain segment", "", f"{orgs['total']} organizations located in the cluster.", ""]
    for group in orgs["by_segment"]:
        lines.append(f"### {group['name']} / {group['name_zh']} ({group['tier']}, {group['count']})")
        lines.append("")
        for e in group["items"]:
            zh = f" / {e['name_zh']}" if e["name_zh"] and e["name_zh"] != e["name"] else ""
            cite = src.cite([x["doc_id"] for x in e["evidence"]]) if e["evidence"] else ""
            lines.append(f"- {_md(e['name'])}{_md(zh) if zh else ''} — {e['documents']} docs; via {', '.join(e['how'])} {cite}".rstrip())
        lines.append("")
    for title, key in (("Associations and alliances", "associations"), ("Other institutions", "others")):
        if orgs[key]:
            lines += [f"### {title}", ""]
            lines += [f"- {_md(e['name'])} ({e['subtype']}, {e['documents']} docs)" for e in orgs[key]]
            lines.append("")
    return lines


def _events_people(data: dict[str, Any], src: _Sources) -> list[str]:
    ev = data["events"]
    lines = ["## Events", ""]
    if not ev["items"]:
        lines.append("No events recorded.")
    for e in ev["items"]:
        lines.append(f"- {_md(e['date'])} — {_md(e['type'])}: {_md(e['name'])}" + (f" @ {_md(e['place'])}" if e["place"] else "")
                     + f" {src.cite([e['doc_id']])}")  # fmt: skip
    if ev["total"] > len(ev["items"]):
        lines.append(f"- … and {ev['total'] - len(ev['items'])} more")
    lines += ["", "## People", ""]
    if not data["people"]:
        lines.append("No people recorded for the cluster's organizations.")
    for p in data["people"]:
        lines.append(f"- {_md(p['name'])} — {_md(p['title'])} {src.cite([p['doc_id']])}")
    return [*lines, ""]


def _source_list(q: Any, src: _Sources) -> list[str]:
    lines = ["## Sources", ""]
    docs = {d["id"]: d for d in q.documents(src.order)}
    for i, doc_id in enumerate(src.order, start=1):
        d = docs.get(doc_id, {})
        where = d.get("url") or d.get("site") or d.get("source") or ""
        lines.append(f"{i}. {_md(d.get('title'))} — {_md(d.get('published'))} — {_md(where)} — `{doc_id}`")
    return [*lines, ""]


def render(q: Any, ref: EntityRef, chart_name: str | None) -> tuple[str, str]:
    """(Markdown, SVG) of the cluster report; the Markdown links the chart by ``chart_name`` (None: not written)."""
    data = cluster(q, ref, limit=20)
    src = _Sources()
    title = ref.label()
    head = [f"# Laser cluster report: {title}", "",
            f"Cluster `{ref.id}` ({ref.subtype or ref.type}); {ref.documents} documents mention it. "
            "Figures cite the numbered sources below; `lasermap show DOC_ID` opens any of them.", ""]  # fmt: skip
    figures, series = _headline(data, src)
    chart = line_chart(f"{ref.name}: headline figures (each scaled to its maximum)", series)
    link = f"![Headline figures over time]({chart_name})" if chart_name else "_(chart: use --out FILE to write it)_"
    body = [*head, *figures, link, ""]
    body += _organizations(data, src) + _events_people(data, src) + _source_list(q, src)
    return "\n".join(body).rstrip() + "\n", chart


def write_report(q: Any, ref: EntityRef, out: Path) -> tuple[Path, Path]:
    """Write the report and its chart (``<stem>.svg`` beside it); return both paths."""
    chart_path = out.with_suffix(".svg")
    markdown, svg = render(q, ref, chart_path.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    chart_path.write_text(svg, encoding="utf-8")
    return out, chart_path

