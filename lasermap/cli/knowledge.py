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


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.option("--misses/--no-misses", default=True, show_default=True, help="List what was missed or wrong.")
@click.pass_obj
def eval_command(ctx: Context, gold_dir: str, as_json: bool, misses: bool) -> None:
    """Score the database against gold files: P/R/F1 for entities, people, events; quantity recall and accuracy."""
    from lasermap.evaluate import evaluate

    store = ctx.open()
    try:
        report = evaluate(store, gold_dir).as_dict()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    click.echo(f"{report['documents']} documents scored" +
               (f"; not in the database: {', '.join(report['missing_documents'])}" if report["missing_documents"] else ""))  # fmt: skip
    click.echo(f"{'type':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for kind, s in report["scores"].items():
        click.echo(f"{kind:<14}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    q = report["quantities"]
    click.echo(f"quantities: {q['gold']} gold; value+unit recall {q['value_unit_recall']:.3f}; "
               f"full-fact accuracy {q['full_fact_accuracy']:.3f}")  # fmt: skip
    if misses and report["misses"]:
        click.secho(f"\n{len(report['misses'])} misses:", bold=True)
        for line in report["misses"]:
            click.echo("  " + line)


@cli.command("resolve")
@click.pass_obj
def resolve_command(ctx: Context) -> None:
    """Recompute which entities are the same across documents and languages (runs after every ingest)."""
    from lasermap.resolve.job import run_resolution

    store = ctx.open()
    try:
        r = run_resolution(store)
    finally:
        store.close()
    click.echo(f"{r.entities} entities; {r.merged} folded into another entity; {r.overrides} curator overrides applied")


@cli.command("reprints")
@click.option("--rebuild", is_flag=True, help="Recompute every story from the stored signatures.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10000))
@click.pass_obj
def reprints_command(ctx: Context, rebuild: bool, limit: int) -> None:
    """Stories published more than once (reprints, Simplified/Traditional versions) and their copies."""
    store = ctx.open()
    try:
        if rebuild:
            click.echo(f"{store.rebuild_reprints()} documents marked as reprints")
        for original, title, copies in store.stories(limit):
            click.echo(f"{click.style(original[:12], fg='green')}  {title or '(untitled)'}  [{len(copies)} reprint(s): "
                       + ", ".join(c[:12] for c in copies) + "]")  # fmt: skip
    finally:
        store.close()
