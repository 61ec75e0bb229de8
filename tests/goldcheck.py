"""Compare stored documents with gold files (the foundation-level fields)."""

from __future__ import annotations

import json
from pathlib import Path

from lasermap.evaluate import gold_key
from lasermap.normalize.script import to_simplified
from lasermap.store.base import StoredDocument

__all__ = ["gold_key", "load_golds", "problems"]

FIELDS = ("title", "published", "lang", "script", "author")


def load_golds(folder: Path) -> list[dict]:
    """Per-document gold files (``cross_document.json`` and the like have no ``document`` key)."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    return [g for g in golds if isinstance(g, dict) and "document" in g]


def problems(gold: dict, doc: StoredDocument) -> list[str]:
    """Every gold field that does not hold, as readable lines (empty = all good)."""
    out = []
    for key in FIELDS:
        if key in gold and getattr(doc, key) != gold[key]:
            out.append(f"{key}: got {getattr(doc, key)!r}, want {gold[key]!r}")
    for junk in gold.get("boilerplate_absent", []) + gold.get("pinyin_artifacts_absent", []):
        if junk in doc.text:
            out.append(f"furniture left in text: {junk!r}")
    for want in gold.get("text_contains", []):
        if want not in doc.text:
            out.append(f"text lacks {want!r}")
    for want in gold.get("text_contains_simplified", []):
        if want not in (doc.text_simplified or ""):
            out.append(f"simplified text lacks {want!r}")
    lead = gold.get("lead_paragraph_at_most_once")
    if lead and doc.text.count(lead) > 1:
        out.append("lead paragraph repeated")
    if "title_lines_in_text_at_most" in gold and doc.text.count(gold["title"]) > gold["title_lines_in_text_at_most"]:
        out.append("title repeated in text")
    if gold.get("title_simplified") and to_simplified(doc.title or "") != gold["title_simplified"]:
        out.append(f"simplified title {to_simplified(doc.title or '')!r}")
    return out
