"""Exports. ``documents.jsonl`` and ``entities.jsonl`` are a public contract (docs/export-format.md):
field names and meanings never change; new fields may be added."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any

from lasermap.store.base import Store, StoredDocument


def _mentions(ann: dict[str, list]) -> list[dict[str, Any]]:
    return [{"entity_id": m.entity_id, "type": m.type, "text": m.text, "start": m.start, "end": m.end,
             "name": m.name, "subtype": m.subtype, "method": m.method} for m in ann.get("mentions", [])]  # fmt: skip


def _facts(doc: StoredDocument, ann: dict[str, list]) -> list[dict[str, Any]]:
    return [{"subject_id": f.subject_id, "subject_name": f.subject_name, "attribute": f.attribute, "value": f.value,
             "unit": f.unit, "qualifier": f.qualifier, "year": f.year, "surface": f.surface,
             "sentence": doc.text[f.sentence_start:f.sentence_end], "start": f.start, "end": f.end}
            for f in ann.get("facts", [])]  # fmt: skip


def _events(ann: dict[str, list]) -> list[dict[str, Any]]:
    return [{"type": e.type, "name": e.name, "date": e.date, "place": e.place, "participants": e.participants,
             "place_id": e.place_id, "start": e.start, "end": e.end} for e in ann.get("events", [])]  # fmt: skip


def _people(ann: dict[str, list]) -> list[dict[str, Any]]:
    return [{"name": p.name, "title": p.title, "org_id": p.org_id, "org_name": p.org_name, "start": p.start,
             "end": p.end} for p in ann.get("people", [])]  # fmt: skip


def document_record(doc: StoredDocument, ann: dict[str, list] | None = None) -> dict[str, Any]:
    """One line of ``documents.jsonl``."""
    ann = ann or {}
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "published": doc.published,
        "lang": doc.lang,
        "script": doc.script,
        "author": doc.author,
        "text": doc.text,
        "text_simplified": doc.text_simplified,
        "duplicate_of": doc.duplicate_of,
        "mentions": _mentions(ann),
        "facts": _facts(doc, ann),
        "events": _events(ann),
        "people": _people(ann),
        # additions beyond the contract
        "chain_segments": sorted({t.segment for t in ann.get("chain_tags", [])}),
        "url": doc.url,
        "site": doc.site,
        "sources": doc.sources,
        "published_evidence": doc.published_evidence,
        "kind": doc.kind,
        "encoding": doc.encoding,
    }


def _write_lines(path: str, records: Iterable[dict[str, Any]]) -> int:
    tmp = path + ".tmp"
    count = 0
    with open(tmp, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            count += 1
    os.replace(tmp, path)
    return count


def export_jsonl(store: Store, out_dir: str) -> dict[str, int]:
    """Write ``documents.jsonl`` and ``entities.jsonl`` into ``out_dir`` atomically; return counts."""
    os.makedirs(out_dir, exist_ok=True)
    docs = (document_record(d, store.annotations(d.id)) for d in store.iter_documents())
    counts = {"documents.jsonl": _write_lines(os.path.join(out_dir, "documents.jsonl"), docs)}
    counts["entities.jsonl"] = _write_lines(os.path.join(out_dir, "entities.jsonl"), store.iter_entities())
    return counts
