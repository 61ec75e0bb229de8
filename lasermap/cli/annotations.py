"""Rendering a document's annotations in the terminal: highlighted mentions, facts with sentences."""

from __future__ import annotations

import click

from lasermap.store.base import StoredDocument

_COLOURS = {"org": "cyan", "place": "green", "event": "magenta", "person": "yellow"}


def highlight_mentions(text: str, mentions: list) -> str:
    """Colour each outermost mention by type (nested ones are inside their parent's colour)."""
    out, pos = [], 0
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start < pos:
            continue
        out.append(text[pos : m.start])
        out.append(click.style(text[m.start : m.end], fg=_COLOURS.get(m.type, "white"), underline=True))
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def _fmt_value(value: float, unit: str) -> str:
    if unit in ("CNY", "USD", "EUR", "TWD", "HKD", "JPY"):
        return f"{value:,.0f} {unit}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") + f" {unit}"


def print_annotations(doc: StoredDocument, ann: dict[str, list]) -> None:
    """Facts (with the sentence each came from), people, events and chain segments."""
    q = {"gt": "> ", "lt": "< ", "approx": "≈ ", "eq": ""}
    if ann["facts"]:
        click.secho(f"\nFacts ({len(ann['facts'])})", bold=True)
        for f in ann["facts"]:
            year = f.year if f.year is not None else "—"
            click.echo(f"  {f.subject_name} · {f.attribute} · {year} · {q.get(f.qualifier, '')}{_fmt_value(f.value, f.unit)}"
                       f"  [{f.surface}]")  # fmt: skip
            sentence = doc.text[f.sentence_start : f.sentence_end].replace("\n", " ")
            click.echo(click.style(f"      “{sentence}” @{f.start}-{f.end}", dim=True))
    if ann["people"]:
        click.secho(f"\nPeople ({len(ann['people'])})", bold=True)
        for p in ann["people"]:
            click.echo(f"  {p.name} — {p.title or '?'}" + (f", {p.org_name}" if p.org_name else ""))
    if ann["events"]:
        click.secho(f"\nEvents ({len(ann['events'])})", bold=True)
        for e in ann["events"]:
            click.echo(f"  {e.date or '—'}  {e.type}: {e.name}" + (f" @ {e.place}" if e.place else ""))
    if ann["chain_tags"]:
        segments = sorted({t.segment.split(":", 1)[-1] for t in ann["chain_tags"]})
        click.secho("\nIndustry chain: ", bold=True, nl=False)
        click.echo(", ".join(segments))
