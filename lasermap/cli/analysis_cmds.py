"""Analysis commands: entity (profile + curation), cluster, compare, chain, partners, timeline, conflicts, report."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from lasermap.cli import Context, cli


@contextmanager
def _analysis(ctx: Context) -> Iterator[tuple[Any, Any]]:
    """(store, fresh analysis queries); the store is closed on exit."""
    from lasermap.analysis import prepare

    store = ctx.open()
    try:
        yield store, prepare(store)
    finally:
        store.close()


def _emit(data: Any, as_json: bool, lines: Callable[[Any], list[str]]) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
    else:
        click.echo("\n".join(lines(data)))


_JSON = click.option("--json", "as_json", is_flag=True, help="JSON output.")


class _ProfileGroup(click.Group):
    """``entity NAME`` shows the profile; ``entity merge|split|rename|overrides|undo`` curate."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = next((a for a in args if not a.startswith("-")), None)
        if first is not None and first not in self.commands:
            args = ["profile", *args]
        return super().parse_args(ctx, args)


@cli.group("entity", cls=_ProfileGroup, invoke_without_command=False)
def entity_group() -> None:
    """Profile of one organization, place or event (names in every language, chain, facts, people, partners,
    events, sources); subcommands merge, split, rename, overrides and undo curate the entity resolution."""


@entity_group.command("profile")
@click.argument("name")
@click.option("--limit", default=15, show_default=True, type=click.IntRange(1, 1000), help="Items per section.")
@_JSON
@click.pass_obj
def entity_profile(ctx: Context, name: str, limit: int, as_json: bool) -> None:
    """NAME: canonical name, Chinese name, any surface form, entity id or name key."""
    from lasermap.analysis.lookup import lookup
    from lasermap.analysis.profile import profile
    from lasermap.analysis.render import profile_lines

    with _analysis(ctx) as (_store, q):
        data = profile(q, lookup(q, name), limit)
    _emit(data, as_json, profile_lines)


def _curate(ctx: Context, action: str, a: str, b: str | None = None, value: str | None = None) -> None:
    """Record one override and re-run resolution so every command sees it at once."""
    from lasermap.resolve.job import run_resolution

    with _analysis(ctx) as (store, q):
        ida, idb = _raw_id(q, a, action != "split"), (_raw_id(q, b) if b else None)
        if ida == idb:
            raise click.UsageError(f"{a!r} and {b!r} are already one entity ({ida})")
        oid = store.add_override(action, ida, idb, value)
        report = run_resolution(store)
        canon = q.canonical_of([ida])[ida]
    what = {"merge": f"merged {idb} into {ida}", "split": f"{ida} split from its group (now {canon})",
            "rename": f"{ida} renamed to {value!r}"}[action]  # fmt: skip
    click.echo(f"override #{oid}: {what}; {report.merged} ids folded into another ({report.overrides} overrides)")


def _raw_id(q: Any, text: str, canonical: bool = True) -> str:
    """An exact entity id as given, else the canonical id the name denotes."""
    from lasermap.analysis.lookup import lookup

    if q.entities([text]):
        return q.canonical_of([text])[text] if canonical else text
    return lookup(q, text).id


@entity_group.command("merge")
@click.argument("a")
@click.argument("b")
@click.pass_obj
def entity_merge(ctx: Context, a: str, b: str) -> None:
    """Merge entity B into A (A's id and name are kept); survives re-ingest and re-resolution."""
    _curate(ctx, "merge", a, b)


@entity_group.command("split")
@click.argument("a")
@click.pass_obj
def entity_split(ctx: Context, a: str) -> None:
    """Take A (an entity id) out of the group automatic resolution merged it into."""
    _curate(ctx, "split", a)


@entity_group.command("rename")
@click.argument("a")
@click.argument("new_name")
@click.pass_obj
def entity_rename(ctx: Context, a: str, new_name: str) -> None:
    """Show entity A under NEW_NAME everywhere."""
    _curate(ctx, "rename", a, value=new_name)


@entity_group.command("overrides")
@click.option("--all", "include_undone", is_flag=True, help="Include undone overrides.")
@_JSON
@click.pass_obj
def entity_overrides(ctx: Context, include_undone: bool, as_json: bool) -> None:
    """Curators' merges, splits and renames, with the ids `entity undo` takes."""
    store = ctx.open()
    try:
        rows = [{"id": o.id, "action": o.action, "a": o.entity_a, "b": o.entity_b, "value": o.value}
                for o in store.overrides(include_undone)]  # fmt: skip
    finally:
        store.close()
    _emit(rows, as_json, lambda rs: [f"#{r['id']:<4} {r['action']:<7} {r['a']}" + (f" ← {r['b']}" if r["b"] else "")
                                     + (f" → {r['value']!r}" if r["value"] else "") for r in rs] or ["no overrides"])  # fmt: skip


@entity_group.command("undo")
@click.argument("override_id", type=int)
@click.pass_obj
def entity_undo(ctx: Context, override_id: int) -> None:
    """Undo one override (by the id `entity overrides` lists) and re-run resolution."""
    from lasermap.resolve.job import run_resolution

    store = ctx.open()
    try:
        if not store.undo_override(override_id):
            raise click.UsageError(f"no active override #{override_id} (see `lasermap entity overrides`)")
        report = run_resolution(store)
    finally:
        store.close()
    click.echo(f"override #{override_id} undone; {report.merged} ids folded into another")


@cli.command("cluster")
@click.argument("place_or_park")
@click.option("--limit", default=15, show_default=True, type=click.IntRange(1, 1000))
@_JSON
@click.pass_obj
def cluster_command(ctx: Context, place_or_park: str, limit: int, as_json: bool) -> None:
    """A place's or park's laser cluster: organizations by chain segment, headline figures, events."""
    from lasermap.analysis.cluster import cluster, find_cluster
    from lasermap.analysis.render import cluster_lines

    with _analysis(ctx) as (_store, q):
        data = cluster(q, find_cluster(q, place_or_park), limit)
    _emit(data, as_json, cluster_lines)


@cli.command("compare")
@click.argument("names", nargs=-1, required=True)
@click.option("--attribute", required=True, help="e.g. output_value, enterprise_count, revenue.")
@_JSON
@click.pass_obj
def compare_command(ctx: Context, names: tuple[str, ...], attribute: str, as_json: bool) -> None:
    """Year × entity table of one attribute (several sources: range and count)."""
    from lasermap.analysis.facts import compare
    from lasermap.analysis.lookup import lookup
    from lasermap.analysis.render import compare_lines

    with _analysis(ctx) as (_store, q):
        data = compare(q, [lookup(q, n) for n in names], attribute)
    _emit(data, as_json, compare_lines)


@cli.command("chain")
@click.option("--region", help="Compare the sub-places of this province or city instead of the top clusters.")
@click.option("--columns", default=8, show_default=True, type=click.IntRange(2, 30), help="Clusters to compare.")
@_JSON
@click.pass_obj
def chain_command(ctx: Context, region: str | None, columns: int, as_json: bool) -> None:
    """Chain segments × clusters with company counts, and each cluster's gaps."""
    from lasermap.analysis.chain import chain_table
    from lasermap.analysis.lookup import place_ref
    from lasermap.analysis.render import chain_lines

    with _analysis(ctx) as (_store, q):
        ref = place_ref(q, region) if region else None
        data = chain_table(q, ref, columns)
    _emit(data, as_json, chain_lines)


@cli.command("partners")
@click.argument("name")
@click.option("--limit", default=25, show_default=True, type=click.IntRange(1, 1000))
@_JSON
@click.pass_obj
def partners_command(ctx: Context, name: str, limit: int, as_json: bool) -> None:
    """Organizations linked by signings, alliances, joint investment or shared events, strongest first."""
    from lasermap.analysis.lookup import lookup
    from lasermap.analysis.partners import partners
    from lasermap.analysis.render import partner_lines

    with _analysis(ctx) as (_store, q):
        ref = lookup(q, name)
        data = {"entity": ref.as_dict(), "partners": partners(q, ref, limit)}
    _emit(data, as_json, lambda d: [f"{d['entity']['name']} ({d['entity']['id']})"]
          + (partner_lines(d["partners"]) or ["no partners found"]))  # fmt: skip


@cli.command("timeline")
@click.argument("subject")
@click.option("--attribute", help="Only this attribute.")
@_JSON
@click.pass_obj
def timeline_command(ctx: Context, subject: str, attribute: str | None, as_json: bool) -> None:
    """Values by year with every source (reprints folded into their original)."""
    from lasermap.analysis.facts import timeline
    from lasermap.analysis.lookup import lookup
    from lasermap.analysis.render import timeline_lines

    with _analysis(ctx) as (_store, q):
        data = timeline(q, lookup(q, subject), attribute)
    _emit(data, as_json, timeline_lines)


@cli.command("conflicts")
@click.option("--subject", help="Only this subject (name or id).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100000))
@_JSON
@click.pass_obj
def conflicts_command(ctx: Context, subject: str | None, limit: int, as_json: bool) -> None:
    """Figures for the same subject, attribute and year that cannot all be true, from different documents."""
    from lasermap.analysis.facts import conflicts
    from lasermap.analysis.lookup import entity_ref, lookup
    from lasermap.analysis.render import conflict_lines

    with _analysis(ctx) as (_store, q):
        refs = [lookup(q, subject)] if subject else None
        data = conflicts(q, refs, entity_ref, limit)
    _emit(data, as_json, conflict_lines)


@cli.command("report")
@click.argument("cluster_name")
@click.option("--format", "fmt", type=click.Choice(["md"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File (default: stdout; chart beside).")
@click.pass_obj
def report_command(ctx: Context, cluster_name: str, fmt: str, out: Path | None) -> None:
    """A Markdown cluster report with an SVG chart, organizations, events, people and numbered sources."""
    from lasermap.analysis.cluster import find_cluster
    from lasermap.analysis.report import render, write_report

    with _analysis(ctx) as (_store, q):
        ref = find_cluster(q, cluster_name)
        if out is None:
            markdown, _svg = render(q, ref, None)
            click.echo(markdown, nl=False)
            return
        md_path, svg_path = write_report(q, ref, out)
    click.echo(f"wrote {md_path} and {svg_path}")
