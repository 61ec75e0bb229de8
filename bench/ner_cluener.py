"""CLUENER2020 dev: lasermap's mention and people extraction scored as ORG / PER / LOC.

Mapping as in ../shared/design/nlp-options.md: ORG = company + organization +
government, PER = name, LOC = address; other CLUENER labels are not scored (a
prediction on them counts as a false positive). Strict = exact span and type;
overlap = same type and any overlap, one to one. Speed = characters per second
of the extraction functions alone (single process, after loading).

    python bench/ner_cluener.py [--limit N] [--out bench/results/ner_cluener.md]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "bench" / "cluener2020" / "dev.json"
GOLD_MAP = {"company": "ORG", "organization": "ORG", "government": "ORG", "name": "PER", "address": "LOC"}


def load(limit: int | None) -> list[tuple[str, set[tuple[int, int, str]]]]:
    rows = []
    with open(DEV, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            spans = set()
            for label, names in rec.get("label", {}).items():
                if label in GOLD_MAP:
                    for ranges in names.values():
                        for s, e in ranges:
                            spans.add((s, e + 1, GOLD_MAP[label]))
            rows.append((rec["text"], spans))
            if limit and len(rows) >= limit:
                break
    return rows


def _merge_adjacent(spans: list[tuple[int, int]]) -> set[tuple[int, int, str]]:
    """CLUENER labels an address to its finest level as one span (浙江省温州市瑞安市): touching
    place mentions are joined, as the rules baseline in ../shared/design/nlp-options.md did."""
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s == merged[-1][1]:
            merged[-1][1] = e
        elif not merged or s >= merged[-1][1]:
            merged.append([s, e])
    return {(s, e, "LOC") for s, e in merged}


def predict(text: str) -> set[tuple[int, int, str]]:
    from lasermap.extract.mentions import find_mentions
    from lasermap.extract.sentences import split_sentences
    from lasermap.normalize.script import to_simplified

    shadow = to_simplified(text)
    mentions = find_mentions(text, shadow if len(shadow) == len(text) else None)
    orgs = {(m.start, m.end, "ORG") for m in mentions if m.type in ("org", "event")}
    out = orgs | _merge_adjacent(sorted((m.start, m.end) for m in mentions if m.type == "place"))
    try:
        from lasermap.extract.people import find_people
    except ImportError:
        return out
    out |= {(p.start, p.end, "PER") for p in find_people(text, split_sentences(text), mentions)}
    return out


def score(rows, preds) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    table: dict[str, dict[str, float]] = {}
    for mode in ("strict", "overlap"):
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for (_, gold), pred in zip(rows, preds, strict=True):
            used: set[tuple[int, int, str]] = set()
            for g in gold:
                match = next((p for p in pred if p not in used and p[2] == g[2] and (
                    p[:2] == g[:2] if mode == "strict" else p[0] < g[1] and g[0] < p[1])), None)  # fmt: skip
                counts[g[2]][0 if match else 2] += 1
                if match:
                    used.add(match)
            for p in pred - used:
                counts[p[2]][1] += 1
        for label in ("ORG", "PER", "LOC", "ALL"):
            tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3)) if label == "ALL" else counts[label]
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / (tp + fn) if tp + fn else 0.0
            table[f"{mode}:{label}"] = {"P": prec, "R": rec, "F1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "ner_cluener.md"))
    args = ap.parse_args()
    if not DEV.exists():
        sys.exit(f"{DEV} not found: this benchmark reads ../shared/bench/cluener2020")
    rows = load(args.limit)
    predict("预热")  # load gazetteer and models before timing
    t0 = time.perf_counter()
    preds = [predict(text) for text, _ in rows]
    elapsed = time.perf_counter() - t0
    chars = sum(len(t) for t, _ in rows)
    table = score(rows, preds)
    lines = [
        "# CLUENER2020 dev — lasermap extraction as ORG / PER / LOC", "",
        f"Command: `python bench/ner_cluener.py{' --limit ' + str(args.limit) if args.limit else ''}`  ",
        f"{len(rows)} sentences, {chars:,} characters, {chars / elapsed:,.0f} chars/s ({len(rows) / elapsed:,.0f} sentences/s), "
        "single process.", "",
        "| mode | ORG P/R/F1 | PER P/R/F1 | LOC P/R/F1 | ALL F1 |", "|---|---|---|---|---|",
    ]  # fmt: skip
    for mode in ("strict", "overlap"):
        cells = [f"{table[f'{mode}:{lab}']['P']:.2f}/{table[f'{mode}:{lab}']['R']:.2f}/{table[f'{mode}:{lab}']['F1']:.2f}"
                 for lab in ("ORG", "PER", "LOC")]  # fmt: skip
        lines.append(f"| {mode} | {' | '.join(cells)} | {table[f'{mode}:ALL']['F1']:.3f} |")
    lines += ["", "Peers on the same split (../shared/bench/README.md): best offline package strict ALL F1 0.31; "
              "rjieba POS + organization-suffix rules 0.30."]  # fmt: skip
    report = "\n".join(lines) + "\n"
    Path(args.out).write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
