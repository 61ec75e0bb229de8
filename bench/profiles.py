"""Latency of the analysis commands (entity, cluster, compare, chain) on a 100k-document database.

Why replicated: ingesting 100k synthetic pages with ``lasermap ingest --workers 2`` takes
about 76 minutes on this 2-core machine (7.6 min per 10k measured), so the 100k database is
built from a real ingest of ``--base-n`` synthetic pages (``bench/synth.py``) whose document and
annotation rows are then copied in SQL with new document ids until ``--n`` documents exist.
Entities are shared by the copies (as a real corpus names the same companies again); the
analysis index is rebuilt from scratch over all documents, which is timed too.

Each query is called in-process on the store, warm (one untimed call first), ``--runs`` times.

Usage::

    .venv/bin/python bench/profiles.py --work /tmp/lm-bench --n 100000 --base-n 10000 --out bench/results/profiles.md
    .venv/bin/python bench/profiles.py --db /tmp/lm-bench/bench100k.db --reindex --out bench/results/profiles.md
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lasermap.analysis import prepare  # noqa: E402
from lasermap.analysis.chain import chain_table  # noqa: E402
from lasermap.analysis.cluster import cluster, find_cluster  # noqa: E402
from lasermap.analysis.facts import compare  # noqa: E402
from lasermap.analysis.lookup import lookup, place_ref  # noqa: E402
from lasermap.analysis.profile import profile  # noqa: E402
from lasermap.store.sqlite import open_store  # noqa: E402

TARGET_MS = 200.0
_COPY = {
    "mentions": "doc_id || :suffix, start, end, text, type, subtype, entity_id, method, confidence",
    "facts": "NULL, doc_id || :suffix, subject_id, subject_name, attribute, value, unit, qualifier, year, surface, "
             "start, end, sentence_start, sentence_end, subject_start, subject_end",
    "events": "NULL, doc_id || :suffix, type, name, date, place, place_id, participants, start, end, "
              "sentence_start, sentence_end, trigger",
    "people": "NULL, doc_id || :suffix, name, title, org_id, org_name, start, end, sentence_start, sentence_end",
    "chain_tags": "doc_id || :suffix, segment, term, start, end, sentence_start, sentence_end",
}  # fmt: skip
_DOC_COLS = (
    "id, source, kind, url, site, title, title_simplified, published, published_evidence, author, lang, script, "
    "encoding, text, text_simplified, simplified_offsets, duplicate_of, warnings, pipeline_version, ingested_at"
)


def run(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - t


def build_base(work: Path, n: int) -> tuple[Path, float]:
    """Generate ``n`` synthetic pages and ingest them with the real CLI (workers 2)."""
    pages, db = work / f"pages{n}", work / f"base{n}.db"
    if db.exists():
        return db, 0.0
    if not pages.exists():
        run([sys.executable, str(ROOT / "bench" / "synth.py"), "--n", str(n), "--seed", "11", "--out", str(pages), "-q"])
    seconds = run([sys.executable, "-m", "lasermap", "--db", str(db), "ingest", "-q", "--workers", "2", str(pages)])
    return db, seconds


def replicate(base: Path, db: Path, n: int) -> float:
    """Copy the base database and its rows (new document ids ``<id>-rK``) until it holds ``n`` documents."""
    shutil.copy(base, db)
    store = open_store(str(db))
    conn = store.conn
    t = time.perf_counter()
    base_ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY seq")]
    copies = -(-n // len(base_ids)) - 1
    for k in range(1, copies + 1):
        want = min(len(base_ids), n - len(base_ids) * k)
        if want <= 0:
            break
        suffix = f"-r{k}"
        conn.execute("BEGIN")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS pick (id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM pick")
        conn.executemany("INSERT INTO pick VALUES (?)", [(i,) for i in base_ids[:want]])
        cols = ", ".join(f"{c.strip()} || :suffix" if c.strip() in ("id", "source") else c.strip()
                         for c in _DOC_COLS.split(","))  # fmt: skip
        conn.execute(f"INSERT INTO documents({_DOC_COLS}) SELECT {cols} FROM documents WHERE id IN pick",
                     {"suffix": suffix})  # fmt: skip
        conn.execute("INSERT INTO document_sources SELECT doc_id || :suffix, source || :suffix FROM document_sources "
                     "WHERE doc_id IN pick", {"suffix": suffix})  # fmt: skip
        for table, select in _COPY.items():
            conn.execute(f"INSERT INTO {table} SELECT {select} FROM {table} WHERE doc_id IN pick", {"suffix": suffix})
        conn.execute("COMMIT")
        print(f"  copy {k}/{copies}: {conn.execute('SELECT count(*) FROM documents').fetchone()[0]:,} documents",
              file=sys.stderr)  # fmt: skip
    store.close()
    return time.perf_counter() - t


def timed(func, runs: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    func()  # warm
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        func()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50": statistics.median(samples), "p95": p95, "max": samples[-1]}


def cases(q) -> list[tuple[str, str, object]]:  # type: ignore[no-untyped-def]
    """(command, argument, callable) of what is timed: the busiest subjects of the synthetic corpus."""
    out: list[tuple[str, str, object]] = []
    for name in ("Jinan", "Wuhan", "HGTECH", "Raycus"):
        out.append(("entity", name, lambda n=name: profile(q, lookup(q, n))))
    for name in ("Wuhan", "Jinan", "Shenzhen", "Optics Valley"):
        out.append(("cluster", name, lambda n=name: cluster(q, find_cluster(q, n))))
    names = ["Jinan", "Wuhan", "Shenzhen", "Suzhou"]
    for attr in ("output_value", "enterprise_count"):
        out.append(("compare", f"{' '.join(names)} --attribute {attr}",
                    lambda a=attr: compare(q, [lookup(q, n) for n in names], a)))  # fmt: skip
    out.append(("chain", "(top 8 clusters)", lambda: chain_table(q)))
    out.append(("chain", "--region Guangdong", lambda: chain_table(q, place_ref(q, "Guangdong"))))
    return out


def sizes(db: Path) -> dict[str, int]:
    store = open_store(str(db))
    q = store.conn.execute
    out = {t: q(f"SELECT count(*) FROM {t}").fetchone()[0] for t in
           ("documents", "entities", "mentions", "facts", "events", "people", "chain_tags", "an_chain", "an_links",
            "an_located", "an_event_entities", "an_entity_docs")}  # fmt: skip
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="reuse this database (skip building)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/lm-bench"), help="folder for pages and databases")
    ap.add_argument("--n", type=int, default=100_000, help="documents in the benchmark database")
    ap.add_argument("--base-n", type=int, default=10_000, help="synthetic pages really ingested")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--out", type=Path, help="write the Markdown results here")
    ap.add_argument("--reindex", action="store_true", help="rebuild the analysis index from scratch (timed)")
    args = ap.parse_args(argv)
    notes: list[str] = []
    db = args.db
    if db is None:
        args.work.mkdir(parents=True, exist_ok=True)
        base, ingest_s = build_base(args.work, args.base_n)
        notes.append(f"- base: {args.base_n:,} synthetic pages ingested by the CLI (--workers 2)"
                     + (f" in {ingest_s:.0f} s" if ingest_s else " (reused)"))  # fmt: skip
        db = args.work / f"bench{args.n // 1000}k.db"
        if not db.exists():
            notes.append(f"- replicated to {args.n:,} documents in SQL in {replicate(base, db, args.n):.0f} s")
    store = open_store(str(db))
    if args.reindex:
        store.analysis().mark_all_dirty()
    t = time.perf_counter()
    q = prepare(store, progress=True)
    what = "rebuilt from scratch (--reindex)" if args.reindex else "brought up to date"
    notes.append(f"- analysis index (migration 004 tables) {what} in {time.perf_counter() - t:.1f} s")
    results = [(cmd, arg, timed(func, args.runs)) for cmd, arg, func in cases(q)]
    store.close()
    report = render(db, sizes(db), notes, results, args.runs)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


def render(db: Path, counts: dict[str, int], notes: list[str], results: list, runs: int) -> str:  # type: ignore[type-arg]
    ok = all(r["p95"] <= TARGET_MS for _, _, r in results)
    lines = ["# Analysis latency benchmark", "", "Generated by `bench/profiles.py`; re-run it rather than editing.", "",
             f"- machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}; Python "
             f"{platform.python_version()}; SQLite file {db.stat().st_size / 1e9:.2f} GB",
             "- rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()), *notes,
             f"- each query: in-process on the store, warm, {runs} runs", "",
             "| command | argument | p50 ms | p95 ms | max ms | ≤ 200 ms (p95) |", "|---|---|---:|---:|---:|---|"]  # fmt: skip
    for cmd, arg, r in results:
        verdict = "yes" if r["p95"] <= TARGET_MS else "**no**"
        lines.append(f"| {cmd} | {arg} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | {verdict} |")
    lines += ["", f"Target ≤ {TARGET_MS:.0f} ms at p95: **{'PASS' if ok else 'FAIL'}**", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
