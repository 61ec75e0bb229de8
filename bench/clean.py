"""Cleaning benchmark: lasermap's HTML extractor against trafilatura and readability-lxml.

Why one script runs everything side by side: the project's acceptance criteria compare
our quality and speed with the peers *measured in the same run on the same machine*, so
the peers are always re-measured rather than quoted.

Scoring (see ``/work/shared/bench/README.md``):

* English (scrapinghub-aeb): the benchmark's own method, replicated from its
  ``evaluate.py``: ``\\w+`` tokens, 4-gram shingle multisets, tp/fp/fn normalised to sum 1
  per page, precision averaged over pages with output, recall over pages with gold, F1
  of the two averages.
* Chinese (cwced-zh): bag of characters after NFKC with white space removed; an empty
  output is recall 0 and is left out of the precision mean.
* Publish dates (cwced-zh): exact match at the gold's own precision (day for full dates,
  year for the few year-only golds), over pages whose gold is not ``UNKNOWN``; "invented"
  counts dates returned for ``UNKNOWN`` pages.

Speed is docs/s on one core over the already decoded pages: file reading, gunzip and
charset decoding are excluded so every extractor is timed on the same input (after one
untimed warm-up call each).

Usage (from the repository root)::

    .venv/bin/python bench/clean.py [--limit N] [--only en|zh] [--no-peers]
                                    [--per-page FILE] [--no-write]

``--per-page`` dumps per-page precision/recall (for failure inspection); ``--no-write``
leaves ``bench/results/clean.md`` untouched.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lasermap.clean.html_extract import extract_html  # noqa: E402
from lasermap.ingest.decode import decode_bytes  # noqa: E402

BENCH = Path("/work/shared/bench")
RESULTS = ROOT / "bench" / "results" / "clean.md"
_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
_SPACE_RE = re.compile(r"\s+")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")

Extractor = Callable[[str, str | None], str]


@dataclass(slots=True)
class Page:
    """One benchmark page: decoded HTML, gold body text and (cwced only) gold date."""

    key: str
    html: str
    gold: str
    url: str | None = None
    gold_date: str | None = None


@dataclass(slots=True)
class Run:
    """What one extractor produced on one corpus, with the time it took."""

    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


# ---------------------------------------------------------------- loading


def load_aeb(limit: int | None) -> list[Page]:
    """scrapinghub-aeb pages, decoded with the project's own decoder."""
    root = BENCH / "scrapinghub-aeb"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        raw = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        html, _ = decode_bytes(raw)
        pages.append(Page(key, html, truth[key].get("articleBody") or "", truth[key].get("url")))
    return pages


def load_cwced(limit: int | None) -> list[Page]:
    """cwced-zh pages with their gold text and gold date line."""
    root = BENCH / "cwced-zh"
    pages = []
    for path in sorted((root / "original").glob("*.html.gz"))[:limit]:
        key = path.name.split(".")[0]
        html, _ = decode_bytes(gzip.decompress(path.read_bytes()))
        gold = (root / "cleaned" / f"{key}.txt").read_text(encoding="utf-8")
        date = (root / "date" / f"{key}.txt").read_text(encoding="utf-8").strip()
        pages.append(Page(key, html, gold, None, date))
    return pages


# ---------------------------------------------------------------- scoring


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """4-gram token shingles exactly as the upstream ``_ngrams`` builds them (short
    texts give one shorter shingle, empty texts none)."""
    tokens = _TOKEN_RE.findall(text or "")
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def _normalised_counts(true: Counter, pred: Counter) -> tuple[float, float, float]:
    """tp/fp/fn over two multisets, normalised to sum 1 so long pages weigh no more."""
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    """Upstream precision_score, including its 1.0 for an exact empty match."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    """Upstream recall_score."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_en(pages: list[Page], outputs: dict[str, str]) -> tuple[float, float, float, dict]:
    """Upstream aeb metric: mean precision over pages with output, mean recall over pages
    with gold, F1 of the means. Returns (F1, P, R, per-page (P, R))."""
    counts = {p.key: _normalised_counts(_shingles(p.gold), _shingles(outputs.get(p.key, ""))) for p in pages}
    precs = [_precision(*c) for c in counts.values() if c[0] + c[1] > 0]
    recs = [_recall(*c) for c in counts.values() if c[0] + c[2] > 0]
    p = statistics.mean(precs) if precs else 0.0
    r = statistics.mean(recs) if recs else 0.0
    per_page = {k: (_precision(*c), _recall(*c)) for k, c in counts.items()}
    return _f1(p, r), p, r, per_page


def _char_bag(text: str) -> Counter[str]:
    """Multiset of characters after NFKC, white space removed (the cwced metric)."""
    return Counter(_SPACE_RE.sub("", unicodedata.normalize("NFKC", text or "")))


def score_zh(pages: list[Page], outputs: dict[str, str]) -> tuple[float, float, float, int, dict]:
    """Character-bag metric: returns (F1, P, R, empty outputs, per-page (P, R))."""
    precs, recs, empty, per_page = [], [], 0, {}
    for page in pages:
        gold, pred = _char_bag(page.gold), _char_bag(outputs.get(page.key, ""))
        n_pred, n_gold = sum(pred.values()), sum(gold.values())
        overlap = sum((gold & pred).values())
        if n_pred == 0:
            empty += 1
            recs.append(0.0)
            per_page[page.key] = (0.0, 0.0)
            continue
        precs.append(overlap / n_pred)
        recs.append(overlap / n_gold if n_gold else 1.0)
        per_page[page.key] = (precs[-1], recs[-1])
    p = statistics.mean(precs) if precs else 0.0
    r = statistics.mean(recs) if recs else 0.0
    return _f1(p, r), p, r, empty, per_page


def _date_key(value: str | None) -> tuple[str, ...] | None:
    """'2005-5-7 21:23' → ('2005', '05', '07'); a bare year stays a 1-tuple."""
    if not value:
        return None
    m = _DATE_RE.match(value.strip())
    if not m:
        return None
    return tuple(p.zfill(2) if i else p for i, p in enumerate(m.groups()) if p)


def score_dates(pages: list[Page], found: dict[str, str | None]) -> tuple[float, int, int]:
    """(accuracy over dated golds, number of dated golds, invented dates on UNKNOWN golds)."""
    hits = dated = invented = 0
    for page in pages:
        pred = _date_key(found.get(page.key))
        if page.gold_date == "UNKNOWN":
            invented += pred is not None
            continue
        gold = _date_key(page.gold_date)
        if gold is None:
            continue
        dated += 1
        hits += pred is not None and pred[: len(gold)] == gold
    return (hits / dated if dated else 0.0), dated, invented


# ---------------------------------------------------------------- extractors


_BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr td th blockquote pre section article table ul ol dd dt".split())


def _tree_text(root) -> str:
    """Visible text of an lxml subtree with a line break at every block boundary, so
    words from adjacent blocks never fuse into one token (what html_text does for the
    upstream benchmark's readability runner; html_text is not installed here)."""
    from lxml import etree

    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if tag not in ("script", "style"):
                parts.append(el.text or "")
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if el is not root:
                parts.append(el.tail or "")
    return "\n".join(line.strip() for line in "".join(parts).splitlines() if line.strip())


def run_lasermap(html: str, url: str | None) -> str:
    """Our extractor; paragraphs joined by blank lines as the clean stage does."""
    return "\n\n".join(extract_html(html, url).paragraphs)


def run_trafilatura(html: str, url: str | None) -> str:
    """trafilatura exactly as the upstream benchmark runs it."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def run_readability(html: str, url: str | None) -> str:
    """readability-lxml as the upstream benchmark runs it: summary, then its text."""
    import lxml.html
    from readability import Document

    try:
        summary = Document(html).summary(html_partial=True)
    except Exception:  # readability raises on some empty/odd pages
        return ""
    return _tree_text(lxml.html.fromstring(summary)) if summary.strip() else ""


def run_lxml(html: str, url: str | None) -> str:
    """Speed floor: the same lxml parse our extractor starts with, nothing else."""
    from lxml import etree

    parser = etree.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    try:
        etree.fromstring(html.encode("utf-8", "replace"), parser)
    except Exception:  # an empty page: nothing to time
        pass
    return ""


def timed(name: str, func: Extractor, pages: list[Page], corpus: str) -> Run:
    """Run ``func`` over ``pages``; only the call itself is timed, after one untimed
    warm-up call (lazy initialisation inside a library is not per-page cost)."""
    run = Run()
    if pages:
        func(pages[0].html, pages[0].url)
    for page in tqdm(pages, desc=f"{name:<16} {corpus}", leave=False, file=sys.stderr):
        start = time.perf_counter()
        run.outputs[page.key] = func(page.html, page.url)
        run.seconds += time.perf_counter() - start
    return run


# ---------------------------------------------------------------- dates


def lasermap_dates(pages: list[Page]) -> dict[str, str | None] | None:
    """Dates from ``lasermap.metadata.dates`` (written by another engineer), or None if
    that module does not exist yet."""
    try:
        from lasermap.metadata.dates import find_publish_date
    except ImportError:
        return None
    out: dict[str, str | None] = {}
    for page in pages:
        finding = find_publish_date(page.html, "html", page.url)
        out[page.key] = finding.date if finding is not None else None
    return out


def trafilatura_dates(pages: list[Page]) -> dict[str, str | None]:
    """trafilatura's metadata date (its own htmldate settings)."""
    import trafilatura

    out: dict[str, str | None] = {}
    for page in pages:
        doc = trafilatura.bare_extraction(page.html, with_metadata=True, include_comments=False)
        out[page.key] = getattr(doc, "date", None) if doc is not None else None
    return out


def htmldate_dates(pages: list[Page]) -> dict[str, str | None]:
    """htmldate asked for the original publication date (not the last update), the
    setting that reproduces the README's figure."""
    from htmldate import find_date

    out: dict[str, str | None] = {}
    for page in pages:
        try:
            out[page.key] = find_date(page.html, original_date=True)
        except Exception:
            out[page.key] = None
    return out


# ---------------------------------------------------------------- report


def _fmt(value: float | int | str | None, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _measure(name: str, func: Extractor, corpora: dict[str, list[Page]], per_page: dict) -> dict[str, object]:
    """Quality and speed of one extractor on every selected corpus."""
    row: dict[str, object] = {}
    for corpus, pages in corpora.items():
        run = timed(name, func, pages, corpus)
        row[f"dps_{corpus}"] = len(pages) / run.seconds if run.seconds else None
        if corpus == "en":
            f1, p, r, pages_pr = score_en(pages, run.outputs)
        else:
            f1, p, r, empty, pages_pr = score_zh(pages, run.outputs)
            row["empty"] = empty
        row.update({f"f1_{corpus}": f1, f"p_{corpus}": p, f"r_{corpus}": r})
        per_page.setdefault(name, {})[corpus] = pages_pr
    return row


def _date_columns(rows: dict[str, dict], pages: list[Page], peers: bool) -> None:
    """Add publish-date accuracy / invented dates for lasermap and, with peers, trafilatura
    metadata and htmldate."""
    sources: dict[str, Callable[[list[Page]], dict | None]] = {"lasermap": lasermap_dates}
    if peers:
        sources.update({"trafilatura": trafilatura_dates, "htmldate": htmldate_dates})
    for name, finder in sources.items():
        found = finder(pages)
        row = rows.setdefault(name, {})
        if found is None:
            row["date_acc"] = row["invented"] = "n/a"
            continue
        acc, dated, invented = score_dates(pages, found)
        row["date_acc"], row["invented"], row["dated"] = acc, invented, dated


COLUMNS = [
    ("EN F1", "f1_en"),
    ("EN P", "p_en"),
    ("EN R", "r_en"),
    ("ZH char F1", "f1_zh"),
    ("ZH P", "p_zh"),
    ("ZH R", "r_zh"),
    ("ZH empty", "empty"),
    ("docs/s EN", "dps_en"),
    ("docs/s ZH", "dps_zh"),
    ("ZH date acc", "date_acc"),
    ("ZH invented dates", "invented"),
]


def render(rows: dict[str, dict], corpora: dict[str, list[Page]], command: str) -> str:
    """Markdown table plus the facts needed to reproduce it."""
    lines = [
        "| extractor | " + " | ".join(c for c, _ in COLUMNS) + " |",
        "| --- |" + " --- |" * len(COLUMNS),
    ]
    for name, row in rows.items():
        cells = [_fmt(row.get(key), 1 if key.startswith("dps") else 3) for _, key in COLUMNS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    sizes = ", ".join(f"{k}: {len(v)} pages" for k, v in corpora.items())
    ratios = []
    for corpus in corpora:
        ours, theirs = rows.get("lasermap", {}).get(f"dps_{corpus}"), rows.get("trafilatura", {}).get(f"dps_{corpus}")
        if ours and theirs:
            ratios.append(f"{corpus.upper()} {theirs / ours:.2f}×")
    dated = next((r["dated"] for r in rows.values() if "dated" in r), None)
    notes = [
        "",
        f"Pages: {sizes}" + (f"; {dated} cwced pages with a gold date" if dated else "") + ".",
        "docs/s: one process, one core, decoded text in, file reading/gunzip/decoding excluded."
        + (f" lasermap time per page relative to trafilatura's: {', '.join(ratios)}." if ratios else ""),
        "Dates: exact match at the gold's precision; invented = a date returned where gold is UNKNOWN. "
        "lasermap = lasermap.metadata.dates.find_publish_date; htmldate with original_date=True.",
        _versions(),
        "",
        f"Command (from the repository root): `{command}`",
    ]
    return "\n".join(lines + notes) + "\n"


def _python_path() -> str:
    """The interpreter as it would be typed from the repository root."""
    exe = Path(sys.executable)
    try:
        return str(exe.relative_to(ROOT))
    except ValueError:
        return str(exe)


def _versions() -> str:
    """Library versions and machine, so figures can be compared across runs."""
    import os
    import platform
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for dist in ("lxml", "trafilatura", "readability-lxml", "htmldate"):
        try:
            found.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            found.append(f"{dist} absent")
    return f"Python {platform.python_version()}, {', '.join(found)}; {os.cpu_count()} CPUs ({platform.machine()})."


def main(argv: list[str] | None = None) -> int:
    """Run every extractor on every selected corpus, print the table, write it to
    bench/results/clean.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each corpus")
    parser.add_argument("--only", choices=("en", "zh"), help="run one corpus")
    parser.add_argument("--no-peers", action="store_true", help="skip trafilatura, readability and htmldate")
    parser.add_argument("--per-page", type=Path, help="write per-page precision/recall as JSON here")
    parser.add_argument("--no-write", action="store_true", help="do not overwrite bench/results/clean.md")
    args = parser.parse_args(argv)
    if not BENCH.exists():
        print(f"benchmark data not found at {BENCH}", file=sys.stderr)
        return 2

    corpora: dict[str, list[Page]] = {}
    if args.only in (None, "en"):
        corpora["en"] = load_aeb(args.limit)
    if args.only in (None, "zh"):
        corpora["zh"] = load_cwced(args.limit)

    extractors: dict[str, Extractor] = {"lasermap": run_lasermap}
    if not args.no_peers:
        import readability  # noqa: F401  (imported before timing starts)
        import trafilatura  # noqa: F401

        extractors.update({"trafilatura": run_trafilatura, "readability-lxml": run_readability})
    extractors["lxml parse alone"] = run_lxml

    rows: dict[str, dict] = {}
    per_page: dict = {}
    for name, func in extractors.items():
        rows[name] = _measure(name, func, corpora, per_page)
    for name in ("lxml parse alone",):
        for key in ("f1_en", "p_en", "r_en", "f1_zh", "p_zh", "r_zh", "empty"):
            rows[name].pop(key, None)
    if "zh" in corpora:
        _date_columns(rows, corpora["zh"], not args.no_peers)

    command = " ".join([_python_path(), "bench/clean.py", *(argv if argv is not None else sys.argv[1:])])
    report = render(rows, corpora, command)
    print(report)
    if args.per_page:
        args.per_page.write_text(json.dumps(per_page, indent=1))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text("# Cleaning benchmark\n\n" + report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
