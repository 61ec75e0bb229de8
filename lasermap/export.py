"""Exports. ``documents.jsonl`` is a public contract (see docs/export-format.md):
field names and meanings never change; new fields may be added."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from lasermap.store.base import Store, StoredDocument


def document_record(doc: StoredDocument) -> dict[str, Any]:
    """One line of ``documents.jsonl``."""
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
        "mentions": [],
        "facts": [],
        "events": [],
        "people": [],
        # additions beyond the contract
        "url": doc.url,
        "site": doc.site,
        "sources": doc.sources,
        "published_evidence": doc.published_evidence,
        "kind": doc.kind,
        "encoding": doc.encoding,
    }


def _records(store: Store) -> Iterator[dict[str, Any]]:
    for doc in store.iter_documents():
        yield document_record(doc)


def export_jsonl(store: Store, out_dir: str) -> dict[str, int]:
    """Write ``documents.jsonl`` into ``out_dir`` atomically; return counts per file."""
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "documents.jsonl")
    tmp = path + ".tmp"
    count = 0
    with open(tmp, "w", encoding="utf-8") as fh:
        for rec in _records(store):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            count += 1
    os.replace(tmp, path)
    return {"documents.jsonl": count}
