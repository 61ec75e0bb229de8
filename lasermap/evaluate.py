"""Score the store against gold annotation files (the format of ``../shared/seeds/README.md``).

Entities, people and events: precision, recall and F1 per type, matching names
across languages with :func:`lasermap.resolve.names.name_key` (so ``Jinan`` =
``济南`` and a Traditional name = its Simplified form). Quantities: value+unit
recall (the value within 0.5 %), and full-fact accuracy — subject, attribute,
qualifier and year all right — over the gold facts. Every miss is listed.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lasermap.resolve.names import name_key
from lasermap.store.base import Store


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}  # fmt: skip


@dataclass
class Report:
    documents: int = 0
    missing_documents: list[str] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    quantity_found: int = 0
    quantity_correct: int = 0
    quantity_total: int = 0
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        total = self.quantity_total or 1
        return {
            "documents": self.documents, "missing_documents": self.missing_documents,
            "scores": {k: v.as_dict() for k, v in sorted(self.scores.items())},
            "quantities": {"gold": self.quantity_total, "value_unit_recall": round(self.quantity_found / total, 3),
                           "full_fact_accuracy": round(self.quantity_correct / total, 3)},
            "misses": self.misses,
        }  # fmt: skip


def gold_key(source: str) -> str:
    """``dir/a.txt`` → ``a``; ``dir/more.jsonl#2`` → ``more#2`` (a gold file's ``document``)."""
    base = os.path.basename(source)
    if "#" in base:
        name, line = base.rsplit("#", 1)
        return f"{name.split('.')[0]}#{line}"
    return base.split(".")[0]


def _keys(names: list[str | None]) -> set[str]:
    return {k for k in (name_key(n) for n in names if n) if k}


_TYPE_GROUP = {"org": ("org", "event"), "event": ("event", "org"), "place": ("place",)}


def _predicted_entities(ann: dict[str, list]) -> dict[tuple[str, str], set[str]]:
    """(type, entity id or surface) → the name keys of every form it has in the document."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in ann["mentions"]:
        out[(m.type, m.entity_id or m.text)] |= _keys([m.text, m.name, m.name_zh])
    return out


def _score_entities(gold: dict, ann: dict[str, list], report: Report, doc: str) -> None:
    predicted = _predicted_entities(ann)
    matched: set[tuple[str, str]] = set()
    for g in gold.get("entities", []):
        gkeys = _keys([g.get("canonical"), g.get("canonical_zh"), *g.get("names", [])])
        hits = [p for p, keys in predicted.items() if p[0] in _TYPE_GROUP.get(g["type"], (g["type"],)) and keys & gkeys]
        score = report.scores[g["type"]]
        if hits:
            score.tp += 1
            matched.update(hits)
        else:
            score.fn += 1
            report.misses.append(f"{doc}: {g['type']} not found: {g['canonical']}")
    for p in predicted:
        if p not in matched and p[0] in ("org", "place", "event"):
            report.scores[p[0]].fp += 1


def _score_people(gold: dict, ann: dict[str, list], report: Report, doc: str) -> None:
    pred = {name_key(p.name): p for p in ann["people"]}
    score = report.scores["person"]
    for g in gold.get("people", []):
        if name_key(g["name"]) in pred:
            score.tp += 1
            pred.pop(name_key(g["name"]))
        else:
            score.fn += 1
            report.misses.append(f"{doc}: person not found: {g['name']} ({g.get('title')})")
    score.fp += len(pred)


def _score_events(gold: dict, ann: dict[str, list], report: Report, doc: str) -> None:
    pred = list(ann["events"])
    score = report.scores["event_mention"]
    for g in gold.get("events", []):
        hit = next((e for e in pred if e.type == g["type"] and (e.date or "") == (g.get("date") or "")), None)
        if hit is not None:
            score.tp += 1
            pred.remove(hit)
        else:
            score.fn += 1
            report.misses.append(f"{doc}: event not found: {g['type']} {g.get('date')} {g['name']}")
    score.fp += len(pred)


def _subject_ok(gold_keys: set[str], fact: Any, names_of: dict[str, set[str]]) -> bool:
    keys = _keys([fact.subject_name]) | names_of.get(fact.subject_id or "", set())
    return bool(gold_keys & keys)


def _gold_subject_keys(gold: dict, subject: str) -> set[str]:
    """The gold subject's name and, when the gold lists it as an entity, all that entity's names."""
    for e in gold.get("entities", []):
        if e.get("canonical") == subject:
            return _keys([subject, e.get("canonical_zh"), *e.get("names", [])])
    return _keys([subject])


def _score_quantities(gold: dict, ann: dict[str, list], report: Report, doc: str) -> None:
    facts = list(ann["facts"])
    names_of: dict[str, set[str]] = defaultdict(set)
    for m in ann["mentions"]:
        if m.entity_id:
            names_of[m.entity_id] |= _keys([m.text, m.name, m.name_zh])
    for g in gold.get("quantities", []):
        report.quantity_total += 1
        value = float(g["value"])
        cands = [f for f in facts if f.unit == g["unit"] and abs(f.value - value) <= abs(value) * 0.005 + 0.01]
        if not cands:
            report.misses.append(f"{doc}: quantity not found: {g['surface']} ({g['attribute']})")
            continue
        report.quantity_found += 1
        best = next((f for f in cands if f.attribute == g["attribute"]), cands[0])
        facts.remove(best)
        wrong = [k for k, ok in (("subject", _subject_ok(_gold_subject_keys(gold, g["subject"]), best, names_of)),
                                 ("attribute", best.attribute == g["attribute"]),
                                 ("qualifier", best.qualifier == g["qualifier"]),
                                 ("year", best.year == g.get("year"))) if not ok]  # fmt: skip
        if wrong:
            report.misses.append(
                f"{doc}: fact {g['surface']!r} wrong {', '.join(wrong)}: got {best.subject_name} · {best.attribute} · "
                f"{best.qualifier} · {best.year}; want {g['subject']} · {g['attribute']} · {g['qualifier']} · {g.get('year')}"
            )
        else:
            report.quantity_correct += 1


def evaluate(store: Store, gold_dir: str) -> Report:
    """Score every document that has a gold file in ``gold_dir``."""
    golds = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "document" in data:
            golds.append(data)
    by_key = {gold_key(s): d for d in store.iter_documents() for s in d.sources}
    report = Report()
    for gold in golds:
        doc = by_key.get(gold["document"])
        if doc is None:
            report.missing_documents.append(gold["document"])
            continue
        report.documents += 1
        ann = store.annotations(doc.id)
        name = gold["document"]
        _score_entities(gold, ann, report, name)
        _score_people(gold, ann, report, name)
        _score_events(gold, ann, report, name)
        _score_quantities(gold, ann, report, name)
    return report
