"""Rebuild every story from stored signatures (after a change of shingling parameters, say)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class DedupReport:
    duplicates: int


def run_dedup(store) -> DedupReport:  # type: ignore[no-untyped-def]
    """Recompute reprint groups document by document, in storage order, with flat memory."""
    return DedupReport(duplicates=store.rebuild_reprints())
