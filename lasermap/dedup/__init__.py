"""Reprint / near-duplicate detection.

Pure functions and an in-memory index, no storage: the ingest job computes a
:func:`signature` per document (from ``Document.text_simplified`` for Chinese,
``Document.text`` otherwise; :func:`doc_signature` does that choice), keeps the
bytes with the document, and builds a :class:`DuplicateIndex` over them to
find each reprint's canonical copy (:meth:`DuplicateIndex.groups`).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "DEFAULT_THRESHOLD": "cluster", "DuplicateIndex": "cluster", "canonical_key": "cluster",
    "NUM_PERM": "minhash", "SIGNATURE_VERSION": "minhash", "doc_signature": "minhash", "exact_jaccard": "minhash",
    "jaccard": "minhash", "shingles": "minhash", "signature": "minhash",
}  # fmt: skip
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Exports load on first use: datasketch pulls in scipy (half a second), which a command
    that never compares signatures should not pay for."""
    if name in _EXPORTS:
        return getattr(import_module(f"lasermap.dedup.{_EXPORTS[name]}"), name)
    raise AttributeError(name)
