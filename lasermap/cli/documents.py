"""``search``, ``show``, ``stats`` and ``export``: read what the store holds."""

from __future__ import annotations

import json
import shutil

import click

from lasermap.cli import Context, cli
from lasermap.cli.annotations import highlight_mentions, print_annotations
from lasermap.snippets import make_snippet
from lasermap.store.base import SearchFilters, StoredDocument


def _width() -> int:
    return min(shutil.get_terminal_size((100, 20)).columns, 120)


def _highlight(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for s, e in spans:
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(click.style(text[s:e], fg="yellow", bold=True))
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _headline(doc: StoredDocument) -> str:
    bits = [doc.published or "no date", doc.lang or "?"]
    if doc.script:
        bits[-1] += f"-{doc.script}"
    if doc.site:
        bits.append(doc.site)
    title = doc.title or "(untitled)"
    room = _width() - 30
    if len(title) > room:
        title = title[: room - 1] + "…"
    return f"{click.style(doc.id[:12], fg='green')}  {title}  [{', '.join(bits)}]"


def print_search(store, query: str, *, limit: int = 10, filters: SearchFilters | None = None) -> None:  # type: ignore[no-untyped-def]
    filters = filters or SearchFilters(limit=limit)
    result = store.search(query, filters)
    click.echo(f"{result.total} documents match {query!r}" + (f" (showing {len(result.hits)})" if result.hits else ""))
    for hit in result.hits:
        snip = make_snippet(hit.document, result.terms, width=_width() - 6)
        click.echo(_headline(hit.document))
        click.echo("    " + _highlight(snip.text, snip.highlights))


@cli.command("search", context_settings={"ignore_unknown_options": True})
@click.argument("query")
@click.option("--lang", help="Only documents in this language (en, zh, …).")
@click.option("--site", help="Only documents from this site (host name).")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.pass_obj
def search_command(ctx: Context, query: str, lang, site, since, until, limit: int, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    """Full-text search. Chinese in either script, English words, "phrases", OR, -exclude.

    Examples: lasermap search 激光 · lasermap search "fiber laser" --lang en ·
    lasermap search 科技部调研 (finds Traditional 科技部調研 too)
    """
    filters = SearchFilters(lang=lang, site=site, since=since, until=until, limit=limit)
    store = ctx.open()
    try:
        if not as_json:
            print_search(store, query, filters=filters)
            return
        result = store.search(query, filters)
        hits = []
        for hit in result.hits:
            snip = make_snippet(hit.document, result.terms)
            d = hit.document
            hits.append({
                "id": d.id, "title": d.title, "published": d.published, "lang": d.lang, "script": d.script,
                "site": d.site, "source": d.source, "score": round(hit.score, 4),
                "snippet": snip.text, "highlights": snip.highlights,
            })  # fmt: skip
        click.echo(json.dumps({"query": query, "total": result.total, "hits": hits}, ensure_ascii=False, indent=1))
    finally:
        store.close()


@cli.command("show")
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True, help="JSON output (the export record).")
@click.option("--original", is_flag=True, help="Print the page exactly as it was ingested.")
@click.pass_obj
def show_command(ctx: Context, doc_id: str, as_json: bool, original: bool) -> None:
    """Show one document: metadata and clean text. DOC_ID may be an id prefix or a source path."""
    from lasermap.export import document_record

    store = ctx.open()
    try:
        doc = store.get_document(doc_id)
        if doc is None:
            raise click.UsageError(f"no document {doc_id!r} (or the prefix is ambiguous)")
        if original:
            raw = store.get_original(doc.id) or b""
            click.echo(raw.decode(doc.encoding or "utf-8", errors="replace"))
            return
        ann = store.annotations(doc.id)
        if as_json:
            click.echo(json.dumps(document_record(doc, ann), ensure_ascii=False, indent=1))
            return
        click.secho(doc.title or "(untitled)", bold=True)
        rows = [
            ("id", doc.id), ("published", doc.published or "—"), ("date from", doc.published_evidence or "—"),
            ("language", f"{doc.lang or '?'}{'-' + doc.script if doc.script else ''}"),
            ("author", doc.author or "—"), ("site", doc.site or "—"), ("url", doc.url or "—"),
            ("sources", ", ".join(doc.sources) or doc.source), ("encoding", doc.encoding or "—"),
        ]  # fmt: skip
        if doc.duplicate_of:
            rows.append(("reprint of", doc.duplicate_of))
        copies = store.copies_of(doc.id)
        if copies:
            rows.append(("reprints", ", ".join(copies)))
        for key, value in rows:
            click.echo(f"{click.style(key.rjust(10), fg='cyan')}  {value}")
        for note in doc.warnings:
            click.echo(f"{click.style('note'.rjust(10), fg='cyan')}  {note}")
        click.echo()
        click.echo(highlight_mentions(doc.text, ann["mentions"]))
        print_annotations(doc, ann)
    finally:
        store.close()


def print_stats(store) -> None:  # type: ignore[no-untyped-def]
    s = store.stats()
    first, last = s["date_range"]
    click.echo(f"{s['documents']} documents ({s['sources']} source paths), {s['with_date']} with a publish date"
               + (f", {first} … {last}" if first else ""))  # fmt: skip
    click.echo("languages: " + ", ".join(f"{k} {v}" for k, v in s["by_lang"].items())
               + ("; scripts: " + ", ".join(f"{k} {v}" for k, v in s["by_script"].items()) if s["by_script"] else ""))  # fmt: skip
    if s["top_sites"]:
        click.echo("top sites: " + ", ".join(f"{site} {n}" for site, n in s["top_sites"]))
    if s["failures"]:
        click.echo(f"{s['failures']} inputs failed; latest:")
        for source, reason in s["recent_failures"]:
            click.echo(f"  {source}: {reason}")


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@click.pass_obj
def stats_command(ctx: Context, as_json: bool) -> None:
    """Counts of documents, languages, scripts, dates, sites and failures."""
    store = ctx.open()
    try:
        if as_json:
            click.echo(json.dumps(store.stats(), ensure_ascii=False, indent=1, default=list))
        else:
            print_stats(store)
    finally:
        store.close()


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gexf"]), default="jsonl",
              show_default=True)  # fmt: skip
@click.option("--out", "out_dir", required=True, help="Folder to write into (created if missing).")
@click.pass_obj
def export_command(ctx: Context, fmt: str, out_dir: str) -> None:
    """Export the store.

    jsonl: documents.jsonl + entities.jsonl (docs/export-format.md); csv / parquet:
    documents, entities, facts, events tables; gexf: a graph of organizations,
    people, places and events for Gephi (lasermap.gexf).
    """
    import os

    from lasermap.export import export_jsonl
    from lasermap.exports.graph import export_gexf
    from lasermap.exports.tables import export_tables

    store = ctx.open()
    try:
        if fmt == "gexf":
            os.makedirs(out_dir, exist_ok=True)
            path = os.path.join(out_dir, "lasermap.gexf")
            counts = export_gexf(store, path)
            click.echo(f"wrote graph ({counts['nodes']} nodes, {counts['edges']} edges) to {path}")
            return
        counts = export_jsonl(store, out_dir) if fmt == "jsonl" else export_tables(store, out_dir, fmt)
    finally:
        store.close()
    for name, n in counts.items():
        click.echo(f"wrote {n} records to {os.path.join(out_dir, name)}")
