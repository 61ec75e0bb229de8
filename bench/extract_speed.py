"""Ingest throughput with and without the extraction stages, beside trafilatura, in one run.

Issue acceptance: extraction costs at most as much as cleaning, and the foundation ingest
(decode → clean → metadata → normalize → language, stored with FTS) reaches at
least half of trafilatura-alone's docs/s on the same pages. Three page sets: synthetic pages
from ``bench/synth.py`` (HTML and text captures), and the real benchmark pages of
``../shared/bench`` (scrapinghub-aeb English, cwced-zh Chinese). Each ingest is the real CLI
(``python -m lasermap ingest -q``) into a fresh SQLite file, timed from process start to exit
(start-up included), one worker. trafilatura runs in-process on the decoded HTML pages only.

    python bench/extract_speed.py [--n 2000] [--out bench/results/extract_speed.md]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"


def _ingest_seconds(folder: Path, no_extract: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "lasermap", "--db", f"{tmp}/b.db", "ingest", "-q", str(folder)]
        if no_extract:
            cmd.append("--no-extract")
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=ROOT)
        return time.perf_counter() - t0


def _trafilatura_seconds(pages: list[Path]) -> float:
    import trafilatura

    from lasermap.ingest.decode import decode_bytes

    texts = [decode_bytes(p.read_bytes())[0] for p in pages]
    t0 = time.perf_counter()
    for t in texts:
        trafilatura.extract(t)
    return time.perf_counter() - t0


def _copy_real(src: Path, dst: Path) -> list[Path]:
    dst.mkdir(parents=True, exist_ok=True)
    out = []
    for f in sorted(src.glob("*.html.gz")):
        target = dst / f.name[:-3]
        target.write_bytes(gzip.decompress(f.read_bytes()))
        out.append(target)
    return out


def _row(name: str, folder: Path, html: list[Path], n: int) -> str:
    base = _ingest_seconds(folder, no_extract=True)
    full = _ingest_seconds(folder, no_extract=False)
    traf = _trafilatura_seconds(html) if html else float("nan")
    traf_rate = len(html) / traf if html else float("nan")
    extract_cost = (full - base) / n * 1000
    return (f"| {name} | {n} | {len(html)} | {n / base:.1f} | {n / full:.1f} | {base / n * 1000:.1f} | "
            f"{extract_cost:.1f} | {traf_rate:.1f} | {n / base / traf_rate:.2f} | {n / full / traf_rate:.2f} |")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="synthetic pages")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "extract_speed.md"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lm-xspeed-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    try:
        synth = work / "synth"
        subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), "--n", str(args.n), "--out", str(synth),
                        "--quiet"], check=True)  # fmt: skip
        synth_pages = sorted(p for p in synth.rglob("*") if p.is_file())
        html = [p for p in synth_pages if p.suffix in (".html", ".htm")]
        rows = [_row("synthetic (60% HTML)", synth, html, len(synth_pages))]
        for name, sub in (("scrapinghub-aeb (en)", "scrapinghub-aeb/html"), ("cwced-zh", "cwced-zh/original")):
            if (SHARED / sub).exists():
                pages = _copy_real(SHARED / sub, work / sub.replace("/", "_"))
                rows.append(_row(name, work / sub.replace("/", "_"), pages, len(pages)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        "# Ingest with and without extraction, beside trafilatura", "",
        f"Command: `python bench/extract_speed.py --n {args.n}`  ", f"Load average at end: {os.getloadavg()[0]:.2f} "
        "(2 cores; other work on the machine inflates every figure alike).", "",
        "| pages | docs | HTML docs | ingest docs/s, no extraction | ingest docs/s, full | foundation ms/doc | "
        "extraction ms/doc | trafilatura docs/s (HTML only) | ratio foundation ÷ trafilatura | ratio full ÷ trafilatura |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|", *rows, "",
        "Foundation = decode, clean, metadata, normalize, language, SQLite + FTS writes, CLI start-up. "
        "Extraction = fingerprint (reprints), sentences, mentions, chain, quantities, people, events, facts and their rows, plus resolution.",
    ]  # fmt: skip
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
