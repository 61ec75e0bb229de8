"""Reprint detection benchmark: the bundled examples and a synthetic 100k corpus.

Why synthetic: no labelled reprint corpus of laser news exists, and the sizes
that matter for speed and memory (100k documents) are far beyond the bundled
examples. The generator makes ~2 KB articles in English (Zipf-distributed
pseudo-words) and Chinese (Zipf-distributed words of 1-3 Han characters), each
about one of 200 topics whose stock phrases make up ~30% of its text, so that
unrelated articles about the same topic share many domain phrases, as real
ones do. 5% of the documents are near copies: a few words edited (0.5-3% of
the tokens), the source's leftover page furniture (0-2 header/footer lines)
replaced by another site's, sometimes the lead paragraph repeated, a third of
the Chinese copies converted to Traditional with OpenCC, and a fifth of the
copies made from another copy (reprint chains). Each document is generated
from its own seed, so the two worker processes rebuild sources on their own.

Scoring: a *pair* is two documents in the same group. Truth pairs are the pairs
inside each original-plus-copies family; found pairs are the pairs inside each
group of :meth:`DuplicateIndex.groups`. Recall is also given by the exact
shingle Jaccard of each copy to its source, because "near copy" has no single
definition and the edit rates above are a choice.

Usage (from the repository root)::

    .venv/bin/python bench/dedup.py [--n 100000] [--workers 2] [--threshold T]
                                    [--num-perm P] [--sweep] [--no-write]

``--sweep`` adds the parameter study (shingle sizes, thresholds, num_perm) on a
20k subset. Results go to ``bench/results/dedup.md`` unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import Pool, get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lasermap.dedup.cluster import DEFAULT_THRESHOLD, DuplicateIndex, lsh_params  # noqa: E402
from lasermap.dedup.minhash import CHAR_SHINGLE, NUM_PERM, WORD_SHINGLE, exact_jaccard, jaccard, signature  # noqa: E402
from lasermap.normalize.script import to_traditional  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "dedup.md"
EXAMPLES = ROOT / "lasermap" / "examples"
SEED = 7
TOPICS = 200
SITES = 50


# --------------------------------------------------------------------------- synthetic corpus


def _zipf_cum(n: int, s: float = 1.07) -> list[float]:
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank**s
        out.append(total)
    return out


class Vocab:
    """Word lists, topic phrases and site furniture shared by every document."""

    def __init__(self, seed: int = SEED) -> None:
        rng = random.Random(f"vocab:{seed}")
        letters = "etaoinshrdlcumwfgypbvkjxqz"
        self.en = list(dict.fromkeys("".join(rng.choices(letters, k=rng.randint(2, 10))) for _ in range(24000)))
        chars = [chr(c) for c in rng.sample(range(0x4E00, 0x9FA6), 3500)]
        char_cum = _zipf_cum(len(chars), 0.9)
        self.zh = list(dict.fromkeys("".join(rng.choices(chars, cum_weights=char_cum, k=rng.choice((1, 2, 2, 2, 3)))) for _ in range(24000)))
        self.cum = {"en": _zipf_cum(len(self.en)), "zh": _zipf_cum(len(self.zh))}
        self.topics = {lang: [[self._words(rng, lang, rng.randint(3, 8)) for _ in range(40)] for _ in range(TOPICS)] for lang in ("en", "zh")}
        self.furniture = {lang: [[self._line(rng, lang, rng.randint(6, 20)) for _ in range(4)] for _ in range(SITES)] for lang in ("en", "zh")}

    def _words(self, rng: random.Random, lang: str, k: int) -> list[str]:
        return rng.choices(self.en if lang == "en" else self.zh, cum_weights=self.cum[lang], k=k)

    def _line(self, rng: random.Random, lang: str, k: int) -> str:
        words = self._words(rng, lang, k)
        return " ".join(words).capitalize() + "." if lang == "en" else "".join(words) + "。"

    def paragraph(self, rng: random.Random, lang: str, topic: int, n_tokens: int) -> str:
        """About ``n_tokens`` words, ~30% of them from the topic's stock phrases."""
        out: list[str] = []
        while len(out) < n_tokens:
            if rng.random() < 0.24:
                out.extend(rng.choice(self.topics[lang][topic]))
            else:
                out.extend(self._words(rng, lang, 4))
        sep, stop = (" ", ", ") if lang == "en" else ("", ",")
        chunks = [sep.join(out[i : i + 9]) for i in range(0, len(out), 9)]
        return (stop.join(chunks) + (". " if lang == "en" else "。")).strip()


@dataclass(frozen=True, slots=True)
class Spec:
    """How document ``i`` is made: an original, or a copy of ``source``."""

    lang: str
    topic: int
    site: int
    source: int | None
    published: str | None


class Corpus:
    """Deterministic synthetic corpus of ``n`` documents, ``dup_rate`` of them copies."""

    def __init__(self, n: int, dup_rate: float = 0.05, seed: int = SEED) -> None:
        self.n, self.seed, self.vocab = n, seed, Vocab(seed)
        rng = random.Random(f"corpus:{seed}")
        copies = set(rng.sample(range(n), int(n * dup_rate)))
        originals = [i for i in range(n) if i not in copies]
        self.specs: list[Spec] = []
        for _ in range(n):
            lang = "en" if rng.random() < 0.5 else "zh"
            date = f"20{rng.randint(10, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 27):02d}"
            spec = Spec(lang, rng.randrange(TOPICS), rng.randrange(SITES), None, date)
            self.specs.append(spec)
        earlier_copies: list[int] = []
        for i in sorted(copies):
            pool = earlier_copies if earlier_copies and rng.random() < 0.2 else originals
            src = rng.choice(pool)
            s = self.specs[src]
            pub = None if rng.random() < 0.1 or not s.published else _later(s.published, rng.randint(0, 3))
            self.specs[i] = Spec(s.lang, s.topic, rng.randrange(SITES), src, pub)
            earlier_copies.append(i)

    def root(self, i: int) -> int:
        while (src := self.specs[i].source) is not None:
            i = src
        return i

    def body(self, i: int) -> list[str]:
        """The paragraphs of document ``i`` without furniture."""
        spec = self.specs[i]
        rng = random.Random(f"doc:{self.seed}:{i}")
        if spec.source is None:
            n_par = rng.randint(4, 7)
            return [self.vocab.paragraph(rng, spec.lang, spec.topic, 330 // n_par) for _ in range(n_par)]
        return self._edit(self.body(spec.source), rng, spec.lang)

    def _edit(self, paras: list[str], rng: random.Random, lang: str) -> list[str]:
        """A few changed, dropped or inserted words; sometimes the lead repeated."""
        toks = [p.split(" ") if lang == "en" else _zh_tokens(p) for p in paras]
        total = sum(len(t) for t in toks)
        for _ in range(max(1, int(total * rng.uniform(0.005, 0.03)))):
            t = rng.choice(toks)
            k = rng.randrange(len(t))
            op = rng.random()
            new = self.vocab._words(rng, lang, 1)[0]
            if op < 0.6:
                t[k] = new
            elif op < 0.8 and len(t) > 1:
                del t[k]
            else:
                t.insert(k, new)
        out = [" ".join(t) if lang == "en" else "".join(t) for t in toks]
        if rng.random() < 0.3:
            out.insert(1, out[0])
        return out

    def text(self, i: int) -> str:
        spec = self.specs[i]
        rng = random.Random(f"furn:{self.seed}:{i}")
        lines = self.vocab.furniture[spec.lang][spec.site]
        head = rng.sample(lines[:2], rng.randint(0, 2))
        foot = rng.sample(lines[2:], rng.randint(0, 2))
        text = "\n\n".join([*head, *self.body(i), *foot])
        if spec.lang == "zh" and spec.source is not None and rng.random() < 1 / 3:
            text = to_traditional(text)
        return text

    def families(self) -> list[list[int]]:
        """Each original with its copies (families of one left out)."""
        fam: dict[int, list[int]] = defaultdict(list)
        for i in range(self.n):
            fam[self.root(i)].append(i)
        return [sorted(m) for m in fam.values() if len(m) > 1]

    def truth_pairs(self) -> set[tuple[int, int]]:
        return {p for members in self.families() for p in itertools.combinations(members, 2)}


def _later(date: str, days: int) -> str:
    y, m, d = (int(x) for x in date.split("-"))
    return f"{y:04d}-{m:02d}-{min(d + days, 28):02d}"


def _zh_tokens(p: str) -> list[str]:
    return [p[i : i + 2] for i in range(0, len(p), 2)]


# --------------------------------------------------------------------------- workers

_CORPUS: Corpus | None = None


def _init(n: int, dup_rate: float) -> None:
    global _CORPUS
    _CORPUS = Corpus(n, dup_rate)


def _sign_chunk(args: tuple[list[int], int]) -> list[tuple[int, bytes, int, float | None]]:
    """Signatures (and, for copies, exact Jaccard to the source) of a chunk."""
    ids, num_perm = args
    assert _CORPUS is not None
    out = []
    for i in ids:
        text = _CORPUS.text(i)
        src = _CORPUS.specs[i].source
        ej = exact_jaccard(text, _CORPUS.text(src)) if src is not None else None
        out.append((i, signature(text, num_perm=num_perm), len(text), ej))
    return out


def sign_corpus(n: int, dup_rate: float, num_perm: int, workers: int) -> tuple[list, float]:
    chunks = [(list(range(s, min(s + 500, n))), num_perm) for s in range(0, n, 500)]
    t0 = time.perf_counter()
    with Pool(workers, initializer=_init, initargs=(n, dup_rate)) as pool:
        rows = [r for chunk in pool.imap(_sign_chunk, chunks) for r in chunk]
    return rows, time.perf_counter() - t0


# --------------------------------------------------------------------------- measuring


def memory_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process. VmHWM rather than ru_maxrss:
    the latter survives exec, so a spawned child would report its parent's peak."""
    with open("/proc/self/status") as fh:
        fields = dict(line.split(":", 1) for line in fh)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


@dataclass
class RunResult:
    backend: str
    n: int
    threshold: float
    num_perm: int
    bands: tuple[int, int]
    sign_s: float
    build_s: float
    group_s: float
    rss_before: float
    rss_after: float
    peak: float
    precision: float
    recall: float
    found: int
    truth: int
    canonical_ok: tuple[int, int, int]
    recall_by_j: list[tuple[float, str, int, int]]
    false_j: list[float]


def _index_job(path: str, threshold: float, num_perm: int, backend: str) -> dict:
    """Runs in a fresh (spawned) process so that its RSS is the index's own:
    interpreter + datasketch + the signatures, then the index and the groups."""
    import pickle

    with open(path, "rb") as fh:
        items = pickle.load(fh)
    lsh_params(threshold, num_perm)  # the one-off parameter search is not index work
    rss_base = memory_mb()[0]
    t0 = time.perf_counter()
    index = DuplicateIndex(items, threshold=threshold, num_perm=num_perm, backend=backend)
    t1 = time.perf_counter()
    groups = index.groups()
    t2 = time.perf_counter()
    after, peak = memory_mb()
    return {"build": t1 - t0, "group": t2 - t1, "base": rss_base, "after": after, "peak": peak, "groups": groups, "pairs": index.pairs()}


def run(corpus: Corpus, rows: list, sign_s: float, threshold: float, num_perm: int, backend: str = "compact") -> RunResult:
    """Build the index over the signatures in a child process, group, and score against the truth."""
    import pickle
    import tempfile

    items = [(f"d{i:06d}", sig, corpus.specs[i].published, length) for i, sig, length, _ in rows]
    with tempfile.NamedTemporaryFile(suffix=".pkl") as tmp:
        pickle.dump(items, tmp)
        tmp.flush()
        del items
        with get_context("spawn").Pool(1) as pool:
            job = pool.apply(_index_job, (tmp.name, threshold, num_perm, backend))
    found = {(int(a[1:]), int(b[1:])) for a, b in job["pairs"]}
    truth = corpus.truth_pairs()
    tp = len(found & truth)
    lengths = {i: length for i, _, length, _ in rows}
    sigs = {i: sig for i, sig, _, _ in rows}
    false_j = sorted((jaccard(sigs[a], sigs[b]) for a, b in found - truth), reverse=True)[:5]
    return RunResult(
        backend, corpus.n, threshold, num_perm, lsh_params(threshold, num_perm), sign_s, job["build"], job["group"],
        job["base"], job["after"], job["peak"], tp / len(found) if found else 1.0, tp / len(truth) if truth else 1.0,
        len(found), len(truth), _canonical_ok(corpus, job["groups"], lengths), _recall_by_j(corpus, rows, found), false_j,
    )


def _canonical_ok(corpus: Corpus, groups: dict[str, str], lengths: dict[int, int]) -> tuple[int, int, int]:
    """Of the families found whole: how many got the canonical copy the rule says
    (earliest date, then longest text, then smallest id), how many got the true
    original, and how many there are."""
    right = original = whole = 0
    for fam in corpus.families():
        canons = {groups.get(f"d{j:06d}", f"d{j:06d}") for j in fam}
        if len(canons) != 1:
            continue
        whole += 1
        specs = corpus.specs
        best = min(fam, key=lambda j: (0 if specs[j].published else 1, specs[j].published or "", -lengths[j], j))
        right += canons == {f"d{best:06d}"}
        original += canons == {f"d{corpus.root(fam[0]):06d}"}
    return right, original, whole


def _recall_by_j(corpus: Corpus, rows: list, found: set[tuple[int, int]]) -> list[tuple[float, str, int, int]]:
    """Recall of copy→source pairs, binned by their exact shingle Jaccard."""
    lows, labels = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9], ["< 0.5", "0.5-0.6", "0.6-0.7", "0.7-0.8", "0.8-0.9", ">= 0.9"]
    bins = {label: [0, 0] for label in labels}
    for i, _, _, ej in rows:
        src = corpus.specs[i].source
        if src is not None:
            label = labels[bisect.bisect_right(lows, ej) - 1]
            bins[label][0] += 1
            bins[label][1] += (min(i, src), max(i, src)) in found
    return [(low, label, *bins[label]) for low, label in zip(lows, labels, strict=True)]


# --------------------------------------------------------------------------- examples


def examples() -> dict:
    """Story A pairs vs the most similar unrelated pair among the bundled examples."""
    from lasermap.ingest.sources import inventory, read_inputs
    from lasermap.pipeline.runner import default_pipeline

    docs = [d for d in default_pipeline().pipe(read_inputs(inventory([str(EXAMPLES)]).files)) if not isinstance(d, Exception)]
    texts = {Path(d.source).name: d.text_simplified or d.text for d in docs}
    sigs = {name: signature(t) for name, t in texts.items()}
    index = DuplicateIndex((Path(d.source).name, sigs[Path(d.source).name], d.published, len(d.text)) for d in docs)
    story, other = [], []
    for a, b in itertools.combinations(sorted(texts), 2):
        row = (jaccard(sigs[a], sigs[b]), exact_jaccard(texts[a], texts[b]), a, b)
        (story if a.startswith("story_a") and b.startswith("story_a") else other).append(row)
    other.sort(reverse=True)
    return {"docs": len(docs), "story": story, "other": other[:3], "clusters": index.clusters(), "raw": _raw_captures(texts)}


def _raw_captures(texts: dict[str, str]) -> list[tuple[float, float, str, str]]:
    """Story A as if the cleaner had removed nothing from the two text captures
    (furniture, repeated lead, image names kept; only ruby pinyin stripped)."""
    from lasermap.normalize.pinyin import strip_ruby_pinyin

    raw = {f"raw {n}": strip_ruby_pinyin((EXAMPLES / n).read_text(encoding="utf-8"))[0]
           for n in ("story_a_reprint_zh_hans_guangbohui_2023.txt", "story_a_zh_hant_guangbohui_2023.txt")}
    raw["cleaned story_a_zh_hans_guangbohui_2023.html"] = texts["story_a_zh_hans_guangbohui_2023.html"]
    return [(jaccard(signature(raw[a]), signature(raw[b])), exact_jaccard(raw[a], raw[b]), a, b) for a, b in itertools.combinations(raw, 2)]


def sign_speed(corpus: Corpus, n: int = 1000) -> dict[str, float]:
    """Milliseconds per :func:`signature` call on one core, by language (text generation excluded)."""
    out = {}
    for lang in ("zh", "en"):
        texts = [corpus.text(i) for i in range(corpus.n) if corpus.specs[i].lang == lang][:n]
        t0 = time.perf_counter()
        for t in texts:
            signature(t)
        out[lang] = (time.perf_counter() - t0) / len(texts) * 1000
    return out


def shingle_study(corpus: Corpus, n_pairs: int = 600) -> list[tuple[str, int, list[float], list[float]]]:
    """Exact Jaccard of copy pairs and of unrelated same-topic pairs for several shingle sizes."""
    rng = random.Random(11)
    copies = [i for i in range(corpus.n) if corpus.specs[i].source is not None]
    by_topic: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i in range(corpus.n):
        if corpus.specs[i].source is None:
            by_topic[(corpus.specs[i].lang, corpus.specs[i].topic)].append(i)
    out = []
    for lang in ("zh", "en"):
        cs = [i for i in copies if corpus.specs[i].lang == lang][:n_pairs]
        unrel = [tuple(rng.sample(v, 2)) for k, v in sorted(by_topic.items()) if k[0] == lang and len(v) > 1][:n_pairs]
        texts = {i: corpus.text(i) for i in {*cs, *(corpus.specs[i].source for i in cs), *itertools.chain(*unrel)}}
        for k in ((3, 4, 5, 6, 8) if lang == "zh" else (2, 3, 4, 5)):
            kw = {"char_k": k} if lang == "zh" else {"word_k": k}
            true_j = sorted(exact_jaccard(texts[i], texts[corpus.specs[i].source], **kw) for i in cs)
            false_j = sorted(exact_jaccard(texts[a], texts[b], **kw) for a, b in unrel)
            out.append((lang, k, true_j, false_j))
    return out


# --------------------------------------------------------------------------- report


def _q(xs: list[float], q: float) -> float:
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def report_lines(args: argparse.Namespace, ex: dict, speed: dict[str, float], main: RunResult, other: RunResult | None, sweep: list[RunResult], study: list) -> Iterator[str]:
    flags = (" --sweep" if args.sweep else "") + (" --compare" if args.compare else "")
    yield f"""# Reprint / near-duplicate detection

Command: `.venv/bin/python bench/dedup.py --n {args.n} --workers {args.workers}{flags}`

Parameters: character {CHAR_SHINGLE}-grams (CJK-heavy text) / word {WORD_SHINGLE}-grams (other text), num_perm {main.num_perm}, \
threshold {main.threshold} (estimated Jaccard), LSH {main.bands[0]} bands x {main.bands[1]} rows. Why these: the docstrings of \
`lasermap/dedup/minhash.py` and `lasermap/dedup/cluster.py`, from the tables below. Machine: 2 cores, shared with other \
work while this ran; treat wall-clock times as rough.

## Bundled examples (default pipeline → signature of `text_simplified` or `text`)

| pair | estimated J | exact J |
| --- | --- | --- |"""
    for est, exact, a, b in ex["story"]:
        yield f"| {a} ~ {b} | {est:.3f} | {exact:.3f} |"
    for est, exact, a, b in ex["other"]:
        yield f"| unrelated: {a} ~ {b} | {est:.3f} | {exact:.3f} |"
    for est, exact, a, b in ex["raw"]:
        yield f"| uncleaned worst case: {a} ~ {b} | {est:.3f} | {exact:.3f} |"
    yield ""
    yield f"{ex['docs']} documents; groups found: " + "; ".join(" + ".join(c) for c in ex["clusters"])
    yield ""
    yield from _run_lines(main)
    yield f"`signature()` alone, one core: {speed['zh']:.2f} ms per Chinese text, {speed['en']:.2f} ms per English text (~2.6 KB each)."
    yield ""
    if other:
        yield from _compare_lines(main, other)
    if study:
        yield from _study_lines(study)
    if sweep:
        yield from _sweep_lines(sweep)


def _run_lines(r: RunResult) -> Iterator[str]:
    right, original, whole = r.canonical_ok
    false_j = ", ".join(f"{j:.3f}" for j in r.false_j) or "none"
    yield f"""## Synthetic corpus: {r.n:,} documents, 5% near copies ({r.backend} band table)

| measure | value |
| --- | --- |
| signatures (generation + exact J of copies included, 2 processes) | {r.sign_s:.1f} s |
| index build ({r.n:,} adds: LSH query + verify + insert) | {r.build_s:.1f} s |
| grouping (`groups()`) | {r.group_s:.2f} s |
| index process RSS before the build (interpreter, datasketch, {r.n:,} signatures) | {r.rss_before:.0f} MB |
| index process RSS after build + groups | {r.rss_after:.0f} MB (index ≈ {r.rss_after - r.rss_before:.0f} MB) |
| index process peak RSS | {r.peak:.0f} MB |
| pair precision | {r.precision:.4f} ({r.found:,} found pairs) |
| pair recall | {r.recall:.4f} ({r.truth:,} truth pairs) |
| canonical copy as the rule says, of families found whole | {right}/{whole} |
| canonical copy is the true original (copies dated 0-3 days later or undated) | {original}/{whole} |
| highest estimated J of a false pair | {false_j} |

Recall of copy → direct source pairs by their exact shingle Jaccard:

| exact J | copies | found | recall |
| --- | --- | --- | --- |"""
    for _, label, n, hit in r.recall_by_j:
        yield f"| {label} | {n} | {hit} | {hit / n if n else float('nan'):.3f} |"
    yield ""


def _compare_lines(a: RunResult, b: RunResult) -> Iterator[str]:
    yield """### Band table: compact (default) vs datasketch `MinHashLSH` (same signatures, same bands)

| backend | build s | group s | index MB (RSS growth) | peak RSS MB | precision | recall |
| --- | --- | --- | --- | --- | --- | --- |"""
    for r in (a, b):
        yield (f"| {r.backend} | {r.build_s:.1f} | {r.group_s:.2f} | {r.rss_after - r.rss_before:.0f} | {r.peak:.0f} | "
               f"{r.precision:.4f} | {r.recall:.4f} |")
    yield ""


def _study_lines(study: list) -> Iterator[str]:
    yield """## Shingle size (exact Jaccard, synthetic pairs)

| lang | k | copy pairs: min / 5th pct / median | unrelated same-topic pairs: median / max |
| --- | --- | --- | --- |"""
    for lang, k, tj, fj in study:
        unit = "chars" if lang == "zh" else "words"
        yield f"| {lang} | {k} {unit} | {tj[0]:.3f} / {_q(tj, 0.05):.3f} / {statistics.median(tj):.3f} | {statistics.median(fj):.3f} / {fj[-1]:.3f} |"
    yield ""


def _sweep_lines(sweep: list[RunResult]) -> Iterator[str]:
    yield f"""## Threshold and num_perm ({sweep[0].n:,}-document subset)

| num_perm | threshold | bands x rows | build s | index MB | precision | recall | recall, exact J ≥ threshold + 0.05 |
| --- | --- | --- | --- | --- | --- | --- | --- |"""
    for r in sweep:
        hi = [(n, hit) for low, _, n, hit in r.recall_by_j if low >= r.threshold + 0.05 - 1e-9]
        n, hit = sum(x[0] for x in hi), sum(x[1] for x in hi)
        yield (f"| {r.num_perm} | {r.threshold} | {r.bands[0]} x {r.bands[1]} | {r.build_s:.1f} | {r.rss_after - r.rss_before:.0f} | "
               f"{r.precision:.4f} | {r.recall:.4f} | {hit / n if n else float('nan'):.3f} |")
    yield ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--num-perm", type=int, default=NUM_PERM)
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--sweep-n", type=int, default=20_000)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--compare", action="store_true", help="also build the index on datasketch's MinHashLSH")
    args = ap.parse_args()
    ex = examples()
    corpus = Corpus(args.n)
    speed = sign_speed(corpus)
    rows, sign_s = sign_corpus(args.n, 0.05, args.num_perm, args.workers)
    result = run(corpus, rows, sign_s, args.threshold, args.num_perm)
    print(f"compact index: {result.build_s:.1f} s", file=sys.stderr)
    other = run(corpus, rows, sign_s, args.threshold, args.num_perm, "datasketch") if args.compare else None
    del rows
    sweep, study = [], []
    if args.sweep:
        sub = Corpus(args.sweep_n)
        study = shingle_study(sub)
        for num_perm in (64, 128, 256):
            sub_rows, s = sign_corpus(sub.n, 0.05, num_perm, args.workers)
            print(f"sweep: num_perm {num_perm} signed in {s:.0f} s", file=sys.stderr)
            for t in (0.5, 0.6, 0.7, 0.8, 0.9):
                sweep.append(run(sub, sub_rows, s, t, num_perm))
    lines = list(report_lines(args, ex, speed, result, other, sweep, study))
    print("\n".join(lines))
    if not args.no_write:
        RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
