"""``entities`` and ``facts``: what the extraction stages found across the store."""

from __future__ import annotations

import json

import click

from lasermap.cli import Context, cli
from lasermap.cli.annotations import _fmt_value

_Q = {"gt": ">", "lt": "<", "approx": "≈", "eq": "="}


@cli.command("entities")
@click.option("--type", "type_", type=click.Choice(["org", "place", "event", "person"]), help="Only this type.")
@click.option("--q", "query", help="Name contains this (any language, any surface form).")
@click.option("--limit", default=40, show_default=True, type=click.IntRange(1, 10000))
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.pass_obj
def entities_command(ctx: Context, type_: str | None, query: str | None, limit: int, as_json: bool) -> None:
    """Organizations, places and events found in the documents, most widely mentioned first."""
    store = ctx.open()
    try:
        rows = store.list_entities(type_, query, limit)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    click.echo(f"{len(rows)} entities" + (f" matching {query!r}" if query else ""))
    for r in rows:
        zh = f" / {r['name_zh']}" if r["name_zh"] and r["name_zh"] != r["name"] else ""
        kind = f"{r['type']}/{r['subtype']}" if r["subtype"] else str(r["type"])
        click.echo(f"  {click.style(str(r['id']), fg='green'):<30} {r['name']}{zh}  [{kind}; {r['documents']} docs, "
                   f"{r['mentions']} mentions]")  # fmt: skip


@cli.command("facts")
@click.option("--subject", help="Entity id or (part of) a name in any language.")
@click.option("--attribute", help="e.g. output_value, enterprise_count, investment, area.")
@click.option("--year", type=int, help="The year the fact refers to.")
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True, help="JSON output, with the source sentence of each fact.")
@click.pass_obj
def facts_command(ctx: Context, subject, attribute, year, limit: int, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    """Quantitative facts (subject · attribute · year · value), each traceable with `show DOC_ID`."""
    store = ctx.open()
    try:
        rows = store.list_facts(subject, attribute, year, limit)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    click.echo(f"{len(rows)} facts")
    for r in rows:
        year_s = r["year"] if r["year"] is not None else "—"
        value = _fmt_value(float(r["value"]), str(r["unit"]))  # type: ignore[arg-type]
        click.echo(f"  {r['subject_name']} · {r['attribute']} · {year_s} · {_Q.get(str(r['qualifier']), '')} {value}"
                   f"   {click.style(str(r['doc_id'])[:12], fg='green')} @{r['start']}-{r['end']}")  # fmt: skip
        click.echo(click.style(f"      “{str(r['sentence']).strip()}”", dim=True))
