"""Ingest benchmark: end-to-end ``lasermap ingest`` throughput and peak memory, with peers.

Why it runs the real CLI in a subprocess: the acceptance criteria are about what a user gets
from ``lasermap ingest`` (file reading, the pipeline, dedup lookups, SQLite + FTS5 writes,
interpreter start-up) and about its memory staying flat while it streams 10k versus 100k
pages. An in-process loop would hide start-up, the store and any memory that only the CLI
path holds (the file inventory, the progress bar).

What it measures, all in one run on one machine so the numbers compare:

* ``lasermap ingest`` on 10k and 100k synthetic pages (``bench/synth.py``), each into a fresh
  SQLite database: wall time, docs/s, CPU time, peak RSS from ``/usr/bin/time -v`` (or
  ``wait4`` rusage), plus the summed RSS of the whole process tree sampled every 0.2 s.
* On a sample of the same pages (the first pages up to N HTML ones, with the text captures
  among them): ``trafilatura.extract`` alone and lxml parsing alone on the HTML subset, and
  lasermap on exactly that subset, for the ratio lasermap docs/s ÷ trafilatura docs/s.
* The in-process pipeline on the sample: per-document latency percentiles and a per-stage
  breakdown (read, each pipeline stage, store writes) showing where the time goes.
* The same ratio on the real benchmark pages in ``/work/shared/bench`` (English
  scrapinghub-aeb and Chinese cwced-zh).

Peers get pages already decoded to ``str`` (by lasermap's decoder, outside the timing), as in
``bench/clean.py``: that favours the peers, so the ratios are conservative.

Usage::

    .venv/bin/python bench/ingest.py [--sizes 10000,100000] [--workers 1] [--keep]
                                     [--out bench/results/ingest.md]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import platform
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402

BENCH = Path("/work/shared/bench")
REAL_SETS = (
    ("scrapinghub-aeb (en)", BENCH / "scrapinghub-aeb" / "html"),
    ("cwced-zh (zh)", BENCH / "cwced-zh" / "original"),
)
TIME_BIN = "/usr/bin/time"
SAMPLE_EVERY = 0.2
#: Peak RSS at 100k may exceed the 10k peak by this much and still count as "not growing":
#: the allowance covers sampling and allocator noise, not a per-document cost.
RSS_TOLERANCE = 0.05
MB = 1024 * 1024
#: Where the measured lasermap code lives: a snapshot of ROOT/lasermap taken at start (see
#: ``snapshot_source``), or the work tree itself with --no-snapshot.
SRC = ROOT


# ---------------------------------------------------------------- process-tree memory


def _children_map() -> dict[int, list[int]]:
    """Parent → children for every process (this kernel has no /proc/PID/task/*/children)."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(b")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_rss_bytes(root: int, skip_root: bool) -> int:
    """Summed resident memory of ``root``'s process tree (without ``root`` for /usr/bin/time)."""
    tree, total, stack = _children_map(), 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        stack.extend(tree.get(pid, ()))
        if skip_root and pid == root:
            continue
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
    return total


@dataclass(slots=True)
class Sample:
    t: float
    rss: int
    docs: int


class Sampler(threading.Thread):
    """Samples tree RSS every 0.2 s and, every 2 s, the documents committed so far (progress bar)."""

    def __init__(self, pid: int, skip_root: bool, db: Path, total: int, label: str):
        super().__init__(daemon=True)
        self.pid, self.skip_root, self.db = pid, skip_root, db
        self.samples: list[Sample] = []
        self.stop = threading.Event()
        self.bar = tqdm(total=total, unit="doc", desc=label, leave=True, file=sys.stderr)

    def _committed(self) -> int:
        try:
            with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=0.2) as conn:
                return int(conn.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0])
        except sqlite3.Error:
            return self.samples[-1].docs if self.samples else 0

    def run(self) -> None:
        start, docs, next_poll = time.perf_counter(), 0, 0.0
        while not self.stop.is_set():
            now = time.perf_counter() - start
            if now >= next_poll:
                docs, next_poll = self._committed(), now + 2.0
                self.bar.update(docs - self.bar.n)
            self.samples.append(Sample(now, tree_rss_bytes(self.pid, self.skip_root), docs))
            self.stop.wait(SAMPLE_EVERY)

    def finish(self, docs: int) -> None:
        self.stop.set()
        self.join()
        self.bar.update(docs - self.bar.n)
        self.bar.close()


# ---------------------------------------------------------------- the CLI run


@dataclass(slots=True)
class CliRun:
    """One ``lasermap ingest`` subprocess: timing, memory and what ended up in the store."""

    label: str
    files: int
    wall: float = 0.0
    user: float = 0.0
    sys: float = 0.0
    maxrss_time: int | None = None  # bytes, from /usr/bin/time -v
    maxrss_wait4: int = 0  # bytes, ru_maxrss of the waited child (largest single process)
    tree_peak: int = 0  # bytes, summed over the process tree, sampled
    samples: list[Sample] = field(default_factory=list)
    returncode: int = 0
    stored: int = 0
    failed: int = 0
    db_bytes: int = 0
    stderr_tail: str = ""
    load: float = 0.0  # 1-minute load average when the run ended

    @property
    def rate(self) -> float:
        return self.files / self.wall if self.wall else 0.0

    @property
    def cpu_rate(self) -> float:
        cpu = self.user + self.sys
        return self.files / cpu if cpu else 0.0

    @property
    def peak(self) -> int:
        """The RSS figure the acceptance check uses: /usr/bin/time's when present."""
        return self.maxrss_time if self.maxrss_time is not None else self.maxrss_wait4

    def rss_at(self, fraction: float) -> int | None:
        """Tree RSS when ``fraction`` of the documents had been committed (None if never seen)."""
        want = self.files * fraction
        hit = next((s for s in self.samples if s.docs >= want), None)
        return hit.rss if hit else None


def ingest_command(db: Path, folder: Path, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "lasermap",
        "--db",
        str(db),
        "ingest",
        "-q",
        "--workers",
        str(workers),
        str(folder),
    ]


def run_cli(label: str, folder: Path, db: Path, files: int, workers: int) -> CliRun:
    """Run the real CLI on ``folder`` into the fresh database ``db``, measuring the whole tree."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    use_time = os.access(TIME_BIN, os.X_OK)
    time_out = db.with_suffix(".time.txt")
    cmd = ingest_command(db, folder, workers)
    if use_time:
        cmd = [TIME_BIN, "-v", "-o", str(time_out), *cmd]
    run = CliRun(label, files)
    err_path = db.with_suffix(".stderr.txt")
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(SRC)}
        proc = subprocess.Popen(
            cmd, cwd=SRC, env=env, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL
        )
        sampler = Sampler(proc.pid, use_time, db, files, label)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        run.wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    run.returncode, run.user, run.sys = proc.returncode, usage.ru_utime, usage.ru_stime
    run.maxrss_wait4 = usage.ru_maxrss * 1024
    run.load = os.getloadavg()[0]
    if use_time:
        run.maxrss_time = _parse_time_v(time_out.read_text())
    _read_store(run, db)
    sampler.finish(run.stored)
    run.samples = sampler.samples
    run.tree_peak = max((s.rss for s in run.samples), default=0)
    run.stderr_tail = err_path.read_text(errors="replace")[-2000:]
    return run


def _parse_time_v(text: str) -> int | None:
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return int(m.group(1)) * 1024 if m else None


def _read_store(run: CliRun, db: Path) -> None:
    if not db.exists():
        return
    with sqlite3.connect(db) as conn:
        run.stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        run.failed = conn.execute("SELECT count(*) FROM failures").fetchone()[0]
    run.db_bytes = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())


# ---------------------------------------------------------------- corpora on disk


def generate(work: Path, sizes: Sequence[int], seed: int) -> tuple[dict[int, Path], synth.Summary]:
    """Generate the largest size once; smaller sizes are hard links to its first pages.

    The generator is deterministic per page index, so the first 10k pages of the 100k set are
    exactly the 10k set: both runs see the same mix.
    """
    top = max(sizes)
    folders = {top: work / f"pages-{top}"}
    summary = synth.write_folder(folders[top], top, seed, jobs=os.cpu_count() or 1)
    files = list_files(folders[top])
    for n in sorted(set(sizes) - {top}):
        folders[n] = work / f"pages-{n}"
        link_files(files[:n], folders[top], folders[n])
    return folders, summary


def list_files(folder: Path) -> list[Path]:
    """Files in the order ``lasermap ingest`` reads them (sorted subfolders, sorted names)."""
    out: list[Path] = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        out.extend(sorted(p for p in sub.iterdir() if p.is_file()))
    out.extend(sorted(p for p in folder.iterdir() if p.is_file()))
    return out


def link_files(files: Iterable[Path], src_root: Path, dest_root: Path) -> None:
    """Mirror ``files`` under ``dest_root`` as hard links (copies if linking fails)."""
    for path in files:
        dest = dest_root / path.relative_to(src_root)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copyfile(path, dest)


def real_pages(work: Path) -> list[tuple[str, Path, list[Path]]]:
    """Decompress the real benchmark pages into folders: (label, folder, files)."""
    out = []
    for label, src in REAL_SETS:
        dest = work / ("real-" + label.split()[0])
        dest.mkdir(parents=True, exist_ok=True)
        for gz in sorted(src.glob("*.html.gz")):
            (dest / gz.name[:-3]).write_bytes(gzip.decompress(gz.read_bytes()))
        out.append((label, dest, list_files(dest)))
    return out


# ---------------------------------------------------------------- in-process measurements


@dataclass(slots=True)
class PipelineStats:
    """The in-process pipeline over a sample: per-stage seconds, per-document latency, store cost."""

    stages: list[str]
    count: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, dict[str, float]] = field(default_factory=dict)  # kind -> part -> s
    latency: dict[str, list[float]] = field(default_factory=dict)  # kind -> per-doc pipeline s
    failures: dict[str, int] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # kind -> process CPU s over the stages
    cpu_parts: dict[str, dict[str, float]] = field(default_factory=dict)  # kind -> part -> CPU s
    cold_first: float = 0.0
    warmup: int = 0

    def add(self, kind: str, part: str, seconds: float, cpu: float) -> None:
        wall, used = self.seconds.setdefault(kind, {}), self.cpu_parts.setdefault(kind, {})
        wall[part] = wall.get(part, 0.0) + seconds
        used[part] = used.get(part, 0.0) + cpu


def measure_pipeline(files: Sequence[Path], db: Path, warmup: int = 20) -> PipelineStats:
    """Read, run every stage and store each sample file, timing every part separately.

    Latency is the sum of the stage times of one document (``Pipeline.__call__`` adds only a
    try/except per stage). The first document is timed cold (lazy dictionaries load then);
    ``warmup`` documents are then run once untimed so percentiles describe the steady state.
    """
    from lasermap.doc import Document
    from lasermap.ingest.sources import read_inputs
    from lasermap.jobs import BATCH
    from lasermap.pipeline.runner import default_pipeline
    from lasermap.store.sqlite import open_store

    pipeline = default_pipeline()
    stats = PipelineStats([s.name for s in pipeline.stages], warmup=warmup)
    docs = _timed_read(files, read_inputs, stats)
    start = time.perf_counter()
    _ = pipeline(docs[0])
    stats.cold_first = time.perf_counter() - start
    for doc in docs[1 : 1 + warmup]:
        pipeline(doc)
    done: list[Document] = []
    for doc in tqdm(docs, desc="pipeline (in-process)", unit="doc", file=sys.stderr):
        result = _timed_stages(pipeline.stages, doc, stats)
        if result is not None:
            done.append(result)
    store = open_store(str(db))
    try:
        for i in tqdm(range(0, len(done), BATCH), desc="store (in-process)", unit="batch", file=sys.stderr):
            batch = done[i : i + BATCH]
            start, cpu = time.perf_counter(), time.process_time()
            store.put_documents(batch)
            per_doc, cpu_per_doc = (
                (time.perf_counter() - start) / len(batch),
                (time.process_time() - cpu) / len(batch),
            )
            for d in batch:
                stats.add(d.kind, "store", per_doc, cpu_per_doc)
    finally:
        store.close()
    return stats


def _timed_read(files: Sequence[Path], read_inputs: Callable, stats: PipelineStats) -> list:  # type: ignore[type-arg]
    """Read the files as the CLI does (``read_inputs``), timing each document."""
    docs = []
    items = iter(read_inputs([str(f) for f in files]))
    while True:
        start, cpu = time.perf_counter(), time.process_time()
        item = next(items, None)
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        if item is None:
            return docs
        if isinstance(item, Exception):
            stats.failures["read"] = stats.failures.get("read", 0) + 1
            continue
        stats.add(item.kind, "read", elapsed, used)
        docs.append(item)


def _timed_stages(stages: Sequence, doc, stats: PipelineStats):  # type: ignore[no-untyped-def]
    kind, total, cpu = doc.kind, 0.0, time.process_time()
    for st in stages:
        start, used = time.perf_counter(), time.process_time()
        try:
            doc = st(doc)
        except Exception:  # counted, as the CLI would record a failure and go on
            stats.failures[kind] = stats.failures.get(kind, 0) + 1
            return None
        elapsed, used = time.perf_counter() - start, time.process_time() - used
        stats.add(kind, st.name, elapsed, used)
        total += elapsed
    stats.count[kind] = stats.count.get(kind, 0) + 1
    stats.cpu[kind] = stats.cpu.get(kind, 0.0) + time.process_time() - cpu
    stats.latency.setdefault(kind, []).append(total)
    return doc


@dataclass(slots=True)
class PeerRun:
    label: str
    pages: int
    seconds: float
    cpu: float = 0.0  # process CPU seconds: less sensitive than wall time to other load
    load: float = 0.0  # 1-minute load average when the run ended
    empty: int = 0
    errors: int = 0

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.pages / self.cpu if self.cpu else 0.0


def decode_for_peers(files: Sequence[Path]) -> list[str]:
    """Pages as ``str``, decoded by lasermap's decoder outside any timing (peers start from text)."""
    from lasermap.ingest.decode import decode_bytes

    return [decode_bytes(f.read_bytes())[0] for f in files]


def run_trafilatura(pages: Sequence[str], label: str) -> PeerRun:
    """``trafilatura.extract(html)`` with its defaults, one page at a time, one process."""
    import trafilatura

    return _time_peer(lambda html: trafilatura.extract(html), pages, label)


def _lxml_parse(html: str) -> object:
    import lxml.html

    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # a str with an XML encoding declaration: lxml wants bytes then
        return lxml.html.document_fromstring(html.encode("utf-8"))


def run_lxml(pages: Sequence[str], label: str) -> PeerRun:
    """``lxml.html.document_fromstring`` alone: the floor every lxml-based extractor pays."""
    return _time_peer(_lxml_parse, pages, label)


def _time_peer(func: Callable[[str], object], pages: Sequence[str], label: str, warmup: int = 3) -> PeerRun:
    for html in pages[:warmup]:  # imports and lazy set-up are not per-page costs
        func(html)
    run = PeerRun(label, len(pages), 0.0)
    for html in tqdm(pages, desc=label, unit="page", file=sys.stderr, leave=False):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            out = func(html)
        except Exception:
            run.errors += 1
            out = None
        run.seconds += time.perf_counter() - start
        run.cpu += time.process_time() - cpu
        run.empty += out is None or out == ""
    run.load = os.getloadavg()[0]
    return run


def run_inprocess_rate(files: Sequence[Path], label: str) -> PeerRun:
    """lasermap's read + pipeline (no store) in this process, for small sets where CLI start-up dominates."""
    from lasermap.ingest.sources import read_inputs
    from lasermap.pipeline.runner import default_pipeline

    pipeline = default_pipeline()
    docs = [d for d in read_inputs([str(f) for f in files]) if not isinstance(d, Exception)]
    for d in docs[:3]:
        pipeline(d)
    run = PeerRun(label, len(files), 0.0)
    start, cpu = time.perf_counter(), time.process_time()
    for doc in read_inputs([str(f) for f in files]):
        if isinstance(doc, Exception) or isinstance(next(pipeline.pipe([doc])), Exception):
            run.errors += 1
    run.seconds, run.cpu = time.perf_counter() - start, time.process_time() - cpu
    return run


def inventory_bytes(folder: Path) -> int:
    """Memory that ``lasermap.ingest.sources.inventory`` keeps for a folder (tracemalloc).

    Why: the CLI builds the whole file list before ingesting (for the progress total), so this
    part of its memory grows with the number of files however well the ingest itself streams.
    """
    import tracemalloc

    from lasermap.ingest.sources import inventory

    tracemalloc.start()
    try:
        inv = inventory([str(folder)])
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del inv
    return held


# ---------------------------------------------------------------- orchestration


@dataclass(slots=True)
class RealSet:
    """The peers and lasermap on one real benchmark set (medians of ``repeats`` runs)."""

    label: str
    pages: int
    cli: CliRun
    inprocess: PeerRun
    trafilatura: PeerRun
    lxml: PeerRun
    repeats: int


@dataclass(slots=True)
class Results:
    command: str
    workers: int
    env: dict[str, str]
    generation: synth.Summary
    startup: CliRun
    runs: dict[int, CliRun]
    sample_html: int = 0
    sample_text: int = 0
    pipeline: PipelineStats | None = None
    subset_cli: CliRun | None = None
    trafilatura: PeerRun | None = None
    lxml: PeerRun | None = None
    real: list[RealSet] = field(default_factory=list)
    inventory: dict[int, int] = field(default_factory=dict)  # size -> bytes held by the file list
    complete: bool = False


def _median_by_rate(runs: list, key: Callable = lambda r: r.rate):  # type: ignore[no-untyped-def,type-arg]
    return sorted(runs, key=key)[len(runs) // 2]


def measure_sample(
    res: Results, work: Path, pages_root: Path, files: list[Path], n_html: int, workers: int
) -> None:
    """Peers and the in-process pipeline on the first pages up to ``n_html`` HTML ones."""
    sample: list[Path] = []
    html: list[Path] = []
    for f in files:
        if len(html) >= n_html:
            break
        sample.append(f)
        if f.suffix == ".html":
            html.append(f)
    res.sample_html, res.sample_text = len(html), len(sample) - len(html)
    res.pipeline = measure_pipeline(sample, work / "db-inprocess.db")
    pages = decode_for_peers(html)
    res.trafilatura = run_trafilatura(pages, "trafilatura alone")
    res.lxml = run_lxml(pages, "lxml parse alone")
    subset = pages_root / "sample-html"
    link_files(html, files[0].parent.parent, subset)
    res.subset_cli = run_cli("ingest HTML subset", subset, work / "db-html-subset.db", len(html), workers)


def measure_real(work: Path, pages_root: Path, workers: int, repeats: int) -> list[RealSet]:
    """lasermap (CLI and in-process), trafilatura and lxml on the real benchmark pages."""
    out = []
    for label, folder, files in real_pages(pages_root):
        pages = decode_for_peers(files)
        clis = [
            run_cli(f"ingest {label} #{k + 1}", folder, work / f"db-real-{k}.db", len(files), workers)
            for k in range(repeats)
        ]
        inproc = [run_inprocess_rate(files, f"lasermap in-process {label}") for _ in range(repeats)]
        traf = [run_trafilatura(pages, f"trafilatura {label}") for _ in range(repeats)]
        lx = [run_lxml(pages, f"lxml {label}") for _ in range(repeats)]
        out.append(RealSet(label, len(files), _median_by_rate(clis), _median_by_rate(inproc),
                           _median_by_rate(traf), _median_by_rate(lx), repeats))  # fmt: skip
    return out


def source_fingerprint(root: Path) -> str:
    """Hash of the code and data under ``root/lasermap``, to name the version that was measured."""
    h = hashlib.sha256()
    for path in sorted((root / "lasermap").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def snapshot_source(work: Path) -> Path:
    """Copy lasermap into the work folder and measure that copy, CLI and in-process alike.

    Why: colleagues edit the tree during a 20-minute run; without a snapshot the 10k run, the
    100k run and the in-process sample could each measure different code, or hit a half-saved
    module.
    """
    dest = work / "src"
    shutil.copytree(ROOT / "lasermap", dest / "lasermap", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def environment(workers: int) -> dict[str, str]:
    """What a reader needs to judge the numbers: machine, versions, load, the measuring tool."""
    import lxml.etree
    import trafilatura

    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())  # fmt: skip
    import lasermap

    if not Path(lasermap.__file__).is_relative_to(SRC):
        raise RuntimeError(f"measuring {lasermap.__file__}, not the code under {SRC}")
    rev = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "machine": f"{os.cpu_count()} cores ({cpu}), {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB",
        "python": platform.python_version(),
        "lasermap": f"{rev}{' + uncommitted changes' if dirty else ''}; measured {'a snapshot of lasermap/ taken at start' if SRC != ROOT else 'the live tree'}, source fingerprint {source_fingerprint(SRC)}",
        "peers": f"trafilatura {trafilatura.__version__}, lxml {'.'.join(map(str, lxml.etree.LXML_VERSION))}",
        "rss": f"{TIME_BIN} -v (Maximum resident set size)"
        if os.access(TIME_BIN, os.X_OK)
        else "wait4() ru_maxrss",
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "workers": str(workers),
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", "unset")
        + " (when set, every CLI start compiles lasermap from source: part of the measured start-up)",
    }


def _note_tree_at_end(res: Results) -> None:
    end = source_fingerprint(ROOT)
    if end in res.env["lasermap"]:
        res.env["work_tree_at_end"] = f"{end}, unchanged during the run"
    elif SRC != ROOT:
        res.env["work_tree_at_end"] = (
            f"{end}: colleagues changed it during the run; every number is from the snapshot"
        )
    else:
        res.env["work_tree_at_end"] = (
            f"{end}: CHANGED during the run (--no-snapshot): parts measured different code"
        )


def run_all(
    args: argparse.Namespace, work: Path, pages_root: Path, save: Callable[[Results], None]
) -> Results:
    """Every measurement, quickest first, saving the report after each phase.

    Why this order: the largest size is the slowest part by far; if it is interrupted (a session
    limit, a kill), the report written so far still holds the smaller size, the peers, the
    real pages, latency and the stage breakdown.
    """
    folders, summary = generate(pages_root, args.sizes, args.seed)
    (pages_root / "empty").mkdir()
    env = environment(args.workers)
    env["inputs"] = f"pages in {pages_root} ({_fs_type(pages_root)}); databases in {work} ({_fs_type(work)})"
    startup = run_cli("start-up (empty folder)", pages_root / "empty", work / "db-empty.db", 0, args.workers)
    res = Results(_command_line(), args.workers, env, summary, startup, {})
    sizes = sorted(args.sizes)
    res.runs[sizes[0]] = run_cli(
        f"ingest {sizes[0]:,}", folders[sizes[0]], work / f"db-{sizes[0]}.db", sizes[0], args.workers
    )
    res.inventory[sizes[0]] = inventory_bytes(folders[sizes[0]])
    save(res)
    measure_sample(res, work, pages_root, list_files(folders[sizes[0]]), args.sample_html, args.workers)
    save(res)
    if not args.no_real:
        res.real = measure_real(work, pages_root, args.workers, args.repeats)
        save(res)
    for n in sizes[1:]:
        res.runs[n] = run_cli(f"ingest {n:,}", folders[n], work / f"db-{n}.db", n, args.workers)
        res.inventory[n] = inventory_bytes(folders[n])
        save(res)
    res.complete = True
    res.env["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    _note_tree_at_end(res)
    return res


def _command_line() -> str:
    return shlex.join([sys.executable, *sys.argv])


def _fs_type(path: Path) -> str:
    """File system type of ``path`` (tmpfs, ext4...), from /proc/mounts' longest matching mount point."""
    best, kind = "", "?"
    for line in Path("/proc/mounts").read_text().splitlines():
        _, point, fstype, *_ = line.split()
        if str(path.resolve()).startswith(point) and len(point) > len(best):
            best, kind = point, fstype
    return kind


def main(argv: list[str] | None = None) -> int:
    global SRC
    args = _parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lasermap-ingest-bench-", dir=args.workdir))
    pages_root = Path(tempfile.mkdtemp(prefix="lasermap-ingest-pages-", dir=args.pages_dir))
    print(f"databases: {work}; pages: {pages_root}", file=sys.stderr)
    try:
        if not args.no_snapshot:
            SRC = snapshot_source(work)
            sys.path.insert(0, str(SRC))
        args.out.parent.mkdir(parents=True, exist_ok=True)

        def save(res: Results) -> None:
            args.out.write_text(render(res), encoding="utf-8")

        res = run_all(args, work, pages_root, save)
        save(res)
        print(render(res))
        print(f"written to {args.out}", file=sys.stderr)
    finally:
        for folder in (work, pages_root):
            if args.keep:
                print(f"kept: {folder}", file=sys.stderr)
            else:
                shutil.rmtree(folder, ignore_errors=True)
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="document counts, comma-separated")
    ap.add_argument("--workers", type=int, default=1, help="lasermap ingest --workers")
    ap.add_argument("--seed", type=int, default=1, help="bench/synth.py seed")
    ap.add_argument("--sample-html", type=int, default=2000, help="HTML pages in the peer/latency sample")
    ap.add_argument(
        "--repeats", type=int, default=3, help="runs per measurement on the small real sets (median)"
    )
    ap.add_argument("--no-real", action="store_true", help="skip the /work/shared/bench pages")
    ap.add_argument(
        "--no-snapshot", action="store_true", help="measure the live tree instead of a copy taken at start"
    )
    ap.add_argument(
        "--pages-dir",
        default="/dev/shm" if os.access("/dev/shm", os.W_OK) else None,
        help="parent folder for the generated input pages (default /dev/shm: creating 100k small files on "
        "this VM's ext4 costs ~0.6 ms of kernel time each; databases stay on disk in --workdir)",
    )
    ap.add_argument("--keep", action="store_true", help="keep the generated pages and databases")
    ap.add_argument(
        "--workdir", default=None, help="parent of the temporary work folder (default: system temp)"
    )
    ap.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "ingest.md", help="markdown report"
    )
    args = ap.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if not args.sizes or min(args.sizes) <= 0:
        ap.error("--sizes needs positive integers")
    return args


# ---------------------------------------------------------------- report


def _mb(n: int | None) -> str:
    return "–" if n is None else f"{n / MB:.1f}"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def _pct(values: list[float], q: int) -> float:
    """Percentile ``q`` (1-99) with statistics' inclusive method; the value itself for one sample."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def render(res: Results) -> str:
    lines = [
        "# Ingest benchmark", "",
        "Generated by `bench/ingest.py`; re-run it rather than editing these numbers.", "",
        f"Command: `{res.command}`", "",
        *([] if res.complete else ["**⚠ Partial report: written while the run was still going (or after it was "
                                   "interrupted); sizes or sections not shown were not measured yet.**", ""]),
        *(f"- {k.replace('_', ' ')}: {v}" for k, v in res.env.items()), "",
        "## Synthetic corpus (`bench/synth.py`)", "",
        *(f"- {line}" for line in res.generation.lines()), "",
    ]  # fmt: skip
    lines += _render_runs(res)
    lines += _render_peers(res)
    lines += _render_real(res)
    lines += _render_latency(res)
    lines += _render_stages(res)
    return "\n".join(lines) + "\n"


def _render_runs(res: Results) -> list[str]:
    out = [
        f"## End-to-end `lasermap ingest` (CLI subprocess, fresh SQLite database each, --workers {res.workers})", "",
        "docs/s is wall-clock; docs per CPU-s uses the subprocess's user+sys time, which other load on the "
        "machine disturbs less. Peak RSS: `/usr/bin/time -v` (largest single process) and the summed RSS of the "
        f"process tree sampled every {SAMPLE_EVERY} s.", "",
        "| documents | wall s | docs/s | docs/s per core | user+sys s | docs per CPU-s | peak RSS MB (time -v) "
        "| peak RSS MB (tree, sampled) | tree RSS MB at 10% / 50% / 90% done | stored | failed | exit | DB MB | load at end |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    for run in [res.startup, *res.runs.values()]:
        marks = " / ".join(_mb(run.rss_at(f)) for f in (0.1, 0.5, 0.9)) if run.files else "–"
        out.append(
            f"| {run.label if not run.files else f'{run.files:,}'} | {run.wall:.2f} | {run.rate:.1f} | "
            f"{run.rate / res.workers:.1f} | {run.user + run.sys:.1f} | {run.cpu_rate:.1f} | {_mb(run.peak)} | "
            f"{_mb(run.tree_peak)} | {marks} | {run.stored:,} | {run.failed} | {run.returncode} | "
            f"{run.db_bytes / MB:.1f} | {run.load:.2f} |"
        )
    out += _rss_verdict(res)
    for run in res.runs.values():
        if run.returncode or run.stored != run.files:
            out += ["", f"⚠ {run.label}: exit {run.returncode}, stored {run.stored} of {run.files}; stderr tail:",
                    "```", run.stderr_tail.strip()[-1500:], "```"]  # fmt: skip
    return out + [""]


def _rss_verdict(res: Results) -> list[str]:
    sizes = sorted(res.runs)
    if len(sizes) < 2:
        return []
    small, big = res.runs[sizes[0]], res.runs[sizes[-1]]
    growth = big.peak - small.peak
    verdict = "PASS" if growth <= small.peak * RSS_TOLERANCE else "FAIL"
    out = [
        "", f"**Peak RSS {sizes[0]:,} → {sizes[-1]:,} documents: {_mb(small.peak)} → {_mb(big.peak)} MB "
        f"({growth / MB:+.1f} MB, {growth / small.peak:+.1%})**; sampled tree peak {_mb(small.tree_peak)} → "
        f"{_mb(big.tree_peak)} MB. Criterion \"does not grow\" (≤ +{RSS_TOLERANCE:.0%} allowed for noise): "
        f"**{verdict}**.",
    ]  # fmt: skip
    if res.inventory:
        inv_small, inv_big = res.inventory.get(sizes[0], 0), res.inventory.get(sizes[-1], 0)
        out += ["", f"- The file list `inventory()` builds before ingesting holds {_mb(inv_small)} MB for "
                f"{sizes[0]:,} files and {_mb(inv_big)} MB for {sizes[-1]:,} (tracemalloc, "
                f"{inv_big / sizes[-1]:.0f} B per file): {(inv_big - inv_small) / MB:+.1f} MB of the growth is "
                "this list, which grows with the number of files however well the ingest streams."]  # fmt: skip
    early, mid, late = (big.rss_at(f) for f in (0.1, 0.5, 0.9))
    if early and mid and late:
        per_k = (late - early) / (big.files * 0.8 / 1000)
        out.append(f"- During the {sizes[-1]:,} run: tree RSS {_mb(early)} MB at 10% of the documents, {_mb(mid)} "
                   f"at 50%, {_mb(late)} at 90% ({(late - early) / MB:+.1f} MB over the last 80%, "
                   f"{per_k / 1024:.1f} KB per 1,000 documents; {(late - mid) / MB:+.1f} MB from 50% to 90%).")  # fmt: skip
    return out


def _render_peers(res: Results) -> list[str]:
    if not (res.pipeline and res.trafilatura and res.lxml and res.subset_cli):
        return []
    st, traf, sub, lx = res.pipeline, res.trafilatura, res.subset_cli, res.lxml
    n_html = st.count.get("html", 0)
    html_s = sum(st.seconds.get("html", {}).get(p, 0.0) for p in ["read", *st.stages])
    inproc = n_html / html_s if html_s else 0.0
    inproc_cpu = n_html / st.cpu["html"] if st.cpu.get("html") else 0.0
    body = sub.wall - res.startup.wall
    excl = sub.files / body if body > 0 else 0.0
    ratio = sub.rate / traf.rate if traf.rate else 0.0
    out = [
        f"## Peers on the same pages (sample: first {res.sample_html + res.sample_text:,} synthetic pages = "
        f"{res.sample_html:,} HTML + {res.sample_text:,} text captures)", "",
        "trafilatura cannot read text captures, so every comparison is on the HTML subset. Peers get `str` "
        "pages decoded beforehand (not timed); lasermap reads and decodes the files itself.", "",
        "| measure (HTML subset) | pages | wall s | docs/s | docs per CPU-s | load at end |", "|---|---:|---:|---:|---:|---:|",
        f"| lasermap ingest CLI (fresh DB, incl. {res.startup.wall:.2f} s start-up) | {sub.files:,} | {sub.wall:.2f} | {sub.rate:.1f} | {sub.cpu_rate:.1f} | {sub.load:.2f} |",
        f"| lasermap ingest CLI, start-up subtracted | {sub.files:,} | {body:.2f} | {excl:.1f} | – | |",
        f"| lasermap in-process pipeline, no store (read + stages) | {n_html:,} | {html_s:.2f} | {inproc:.1f} | {inproc_cpu:.1f} (stages only) | |",
        f"| trafilatura.extract alone ({traf.empty} returned nothing, {traf.errors} raised) | {traf.pages:,} | {traf.seconds:.2f} | {traf.rate:.1f} | {traf.cpu_rate:.1f} | {traf.load:.2f} |",
        f"| lxml.html.document_fromstring alone | {lx.pages:,} | {lx.seconds:.2f} | {lx.rate:.1f} | {lx.cpu_rate:.1f} | {lx.load:.2f} |",
        "", f"**Ratio lasermap ingest ÷ trafilatura alone (HTML subset, CLI wall incl. start-up): {ratio:.3f}** "
        f"(acceptance ≥ 0.5: **{'PASS' if ratio >= 0.5 else 'FAIL'}**).", "",
        f"- start-up subtracted: {excl / traf.rate:.3f}; by CPU time (CLI user+sys vs trafilatura process time): "
        f"{sub.cpu_rate / traf.cpu_rate:.3f}; in-process pipeline without store: {inproc / traf.rate:.3f}",
        f"- lxml parse alone is {lx.rate / traf.rate:.1f}× trafilatura's rate: parsing is not where either spends its time",
    ]  # fmt: skip
    for n, run in res.runs.items():
        out.append(
            f"- whole mixed corpus ({n:,} docs, 60% HTML, 40% text) ÷ trafilatura on the HTML subset: "
            f"{run.rate / traf.rate:.3f} wall, {run.cpu_rate / traf.cpu_rate:.3f} CPU"
        )
    return out + [""]


def _render_real(res: Results) -> list[str]:
    if not res.real:
        return []
    out = [
        "## Real benchmark pages (`/work/shared/bench`, decompressed first)", "",
        f"Median of {res.real[0].repeats} runs each. With a few hundred pages the CLI's start-up "
        f"({res.startup.wall:.2f} s, measured on an empty folder) is a visible share, so it is also shown subtracted.", "",
        "| set | pages | CLI docs/s | CLI docs/s, start-up subtracted | CLI docs per CPU-s | in-process docs/s "
        "| trafilatura docs/s | trafilatura docs per CPU-s | lxml docs/s | ratio CLI ÷ trafilatura "
        "| ratio, start-up subtracted | ratio by CPU time | ratio in-process | stored / failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    for rs in res.real:
        t, body = rs.trafilatura.rate, rs.cli.wall - res.startup.wall
        excl = rs.pages / body if body > 0 else 0.0
        out.append(
            f"| {rs.label} | {rs.pages} | {rs.cli.rate:.1f} | {excl:.1f} | {rs.cli.cpu_rate:.1f} | "
            f"{rs.inprocess.rate:.1f} | {t:.1f} | {rs.trafilatura.cpu_rate:.1f} | {rs.lxml.rate:.1f} | "
            f"{rs.cli.rate / t:.3f} | {excl / t:.3f} | {rs.cli.cpu_rate / rs.trafilatura.cpu_rate:.3f} | "
            f"{rs.inprocess.rate / t:.3f} | {rs.cli.stored} / {rs.cli.failed} |"
        )
    return out + [""]


def _render_latency(res: Results) -> list[str]:
    st = res.pipeline
    if not st:
        return []
    out = [
        "## Per-document latency, in-process pipeline (`default_pipeline()` on `Document(raw=bytes)`)", "",
        f"Cold first document (lazy dictionaries load): {_ms(st.cold_first)} ms; then {st.warmup} documents warm-up, "
        "untimed. Failures: " + (", ".join(f"{k} {v}" for k, v in st.failures.items()) or "none") + ".", "",
        "| kind | docs | mean ms | p50 ms | p95 ms | p99 ms | max ms | docs/s (pipeline only) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    groups = {**st.latency, "all": [x for v in st.latency.values() for x in v]}
    for kind, values in groups.items():
        if not values:
            continue
        mean = statistics.fmean(values)
        out.append(
            f"| {kind} | {len(values):,} | {_ms(mean)} | {_ms(_pct(values, 50))} | {_ms(_pct(values, 95))} | "
            f"{_ms(_pct(values, 99))} | {_ms(max(values))} | {1 / mean:.1f} |"
        )
    return out + [""]


def _render_stages(res: Results) -> list[str]:
    st = res.pipeline
    if not st:
        return []
    parts = ["read", *st.stages, "store"]
    n = {k: st.count.get(k, 0) for k in ("html", "text")}
    total_n = sum(n.values()) or 1

    def per_doc(table: dict[str, dict[str, float]], part: str, kinds: Iterable[str]) -> float:
        return sum(table.get(k, {}).get(part, 0.0) for k in kinds) / max(sum(n[k] for k in kinds), 1)

    cpu = {p: per_doc(st.cpu_parts, p, n) for p in parts}
    wall = {p: per_doc(st.seconds, p, n) for p in parts}
    cpu_total, wall_total = sum(cpu.values()) or 1.0, sum(wall.values()) or 1.0
    out = [
        f"## Where the time goes (in-process, per stage, same {total_n:,}-page sample)", "",
        "CPU time per stage (`time.process_time`), which other load on the machine disturbs less than wall "
        "time; wall ms/doc beside it. `read` is `read_inputs` (open + read the file); `store` is "
        "`put_documents` in batches of 200 (SQLite rows, zlib'd original, FTS5 bigram index) into a fresh database.", "",
        "| part | HTML CPU ms/doc | text CPU ms/doc | all CPU ms/doc | share of CPU | all wall ms/doc |",
        "|---|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    for p in parts:
        cells = [_ms(per_doc(st.cpu_parts, p, [k])) if n[k] else "–" for k in ("html", "text")]
        out.append(
            f"| {p} | {cells[0]} | {cells[1]} | {_ms(cpu[p])} | {cpu[p] / cpu_total:.1%} | {_ms(wall[p])} |"
        )
    out.append(f"| **total** | | | **{_ms(cpu_total)}** | | **{_ms(wall_total)}** |")
    out += ["", f"In-process total {_ms(cpu_total)} CPU ms/doc (≈ {1 / cpu_total:.1f} docs per CPU-s). "
            "The CLI runs (same mix), per document:"]  # fmt: skip
    for size, run in res.runs.items():
        cli_cpu = (run.user + run.sys) / run.files
        out.append(
            f"- {size:,}: {_ms(cli_cpu)} CPU ms/doc ({_ms(run.wall / run.files)} wall); "
            f"{_ms(cli_cpu - cpu_total)} CPU ms/doc beyond the parts above, of which start-up is "
            f"{_ms((res.startup.user + res.startup.sys) / size)}; the rest is the CLI path's own work (dedup "
            "lookup per batch, one transaction per batch, the WAL checkpoints of a growing database) and noise."
        )
    return out + [""]


if __name__ == "__main__":
    sys.exit(main())
