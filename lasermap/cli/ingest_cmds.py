"""``ingest`` and ``demo``: get pages into the store."""

from __future__ import annotations

import os
import shutil
import sys
from importlib import resources

import click
from tqdm import tqdm

from lasermap.cli import Context, cli
from lasermap.ingest.sources import inventory
from lasermap.jobs import IngestReport, ingest


def run_ingest(
    ctx: Context, paths: list[str], *, workers: int, quiet: bool, stages: tuple[str, ...] | None = None
) -> IngestReport:
    """Ingest ``paths`` with a progress bar and one error line per failed input."""
    inv = inventory(paths)
    for path in inv.missing:
        click.echo(f"error: {path}: no such file or folder", err=True)
    if inv.skipped and not quiet:
        kinds = ", ".join(f"{ext} ×{n}" for ext, n in inv.skipped.most_common())
        click.echo(f"skipped {sum(inv.skipped.values())} files of unhandled types ({kinds})", err=True)
    store = ctx.open()
    bar = tqdm(total=None if inv.has_records else inv.count, unit="doc", disable=quiet or None, file=sys.stderr,
               leave=False)  # fmt: skip

    def on_error(source: str, reason: str) -> None:
        tqdm.write(f"error: {source}: {reason}", file=sys.stderr)

    try:
        report = ingest(store, inv.files, workers=workers, stages=stages, on_error=on_error, on_progress=bar.update)
    finally:
        bar.close()
        store.close()
    for path in inv.missing:
        report.failed.append((path, "no such file or folder"))
    return report


def _summary(report: IngestReport, db: str) -> str:
    parts = [f"{report.added} added", f"{report.unchanged} already stored"]
    if report.new_sources:
        parts.append(f"{report.new_sources} new source paths")
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    return f"{report.read} inputs: " + ", ".join(parts) + f" → {db}"


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--workers", "-j", default=1, show_default=True, help="Processes for the per-document stages.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary; errors are still printed.")
@click.option("--no-extract", is_flag=True, help="Only clean and store (entities and facts come with `reprocess`).")
@click.pass_context
def ingest_command(click_ctx: click.Context, paths: tuple[str, ...], workers: int, quiet: bool, no_extract: bool) -> None:
    """Ingest pages: files, folders (recursive), .jsonl records, or - for stdin.

    Handles .html/.htm, .txt/.md text captures, .jsonl records with 'html' or
    'text' (and optional url, published, title), and gzip versions of them.
    Re-ingesting unchanged input changes nothing. Exit status 1 when some
    inputs failed; the others are stored.
    """
    ctx: Context = click_ctx.obj
    from lasermap.pipeline.runner import FOUNDATION_STAGES

    stages = FOUNDATION_STAGES if no_extract else None
    report = run_ingest(ctx, list(paths), workers=workers, quiet=quiet, stages=stages)
    if not quiet:
        click.echo(_summary(report, ctx.db), err=True)
    if report.failed:
        click_ctx.exit(1)


def examples_dir() -> str:
    return str(resources.files("lasermap") / "examples")


@cli.command("demo")
@click.option("--db", "demo_db", default="lasermap-demo.db", show_default=True, help="Demo database (recreated).")
@click.pass_obj
def demo_command(ctx: Context, demo_db: str) -> None:
    """Ingest the bundled example articles into a fresh database and show what it holds."""
    from lasermap.cli.documents import print_search, print_stats

    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(demo_db + suffix):
            os.remove(demo_db + suffix)
    demo_ctx = Context(demo_db)
    click.secho(f"Ingesting the bundled examples from {examples_dir()}", bold=True)
    report = run_ingest(demo_ctx, [examples_dir()], workers=1, quiet=False)
    click.echo(_summary(report, demo_db))
    store = demo_ctx.open()
    try:
        print_stats(store)
        for query in ("激光", "Jinan", "光谷", "laser cluster"):
            click.secho(f"\n$ lasermap --db {demo_db} search {query!r} --limit 3", fg="cyan")
            print_search(store, query, limit=3)
        click.secho(f"\n$ lasermap --db {demo_db} entities --type org --limit 5", fg="cyan")
        for e in store.list_entities("org", None, 5):
            zh = f" / {e['name_zh']}" if e["name_zh"] and e["name_zh"] != e["name"] else ""
            click.echo(f"  {e['name']}{zh}  [{e['documents']} docs]")
    finally:
        store.close()
    width = shutil.get_terminal_size((100, 20)).columns
    click.echo("\n" + "─" * min(width, 72))
    click.secho(f"Database: {os.path.abspath(demo_db)}", bold=True)
    click.echo(f"Try:  lasermap --db {demo_db} search 科技部调研")
    click.echo(f"      lasermap --db {demo_db} show <id>      (an id from the results above)")
    click.echo(f"      lasermap --db {demo_db} entity Jinan          (profile: names, facts by year, sources)")
    click.echo(f"      lasermap --db {demo_db} cluster Wuhan         (companies by chain segment, figures)")
    click.echo(f"      lasermap --db {demo_db} facts --subject Jinan")
    click.echo(f"      lasermap --db {demo_db} export --format jsonl --out lasermap-export")


@cli.command("reprocess")
@click.option("--all", "everything", is_flag=True, help="Every document, not only those an older pipeline made.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.pass_obj
def reprocess_command(ctx: Context, everything: bool, quiet: bool) -> None:
    """Run the current pipeline again over the stored originals (after an upgrade, or after --no-extract)."""
    from lasermap.jobs import reprocess

    store = ctx.open()
    bar = tqdm(unit="doc", disable=quiet or None, file=sys.stderr, leave=False)
    try:
        report = reprocess(store, everything=everything, on_progress=bar.update,
                           on_error=lambda s, r: tqdm.write(f"error: {s}: {r}", file=sys.stderr))  # fmt: skip
    finally:
        bar.close()
        store.close()
    if not quiet:
        click.echo(f"{report.added} documents re-processed" + (f", {len(report.failed)} failed" if report.failed else ""))
