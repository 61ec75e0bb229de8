"""Reprint / near-duplicate detection.

Pure functions and an in-memory index, no storage: the ingest job computes a
:func:`signature` per document (from ``Document.text_simplified`` for Chinese,
``Document.text`` otherwise; :func:`doc_signature` does that choice), keeps the
bytes with the document, and builds a :class:`DuplicateIndex` over them to
find each reprint's canonical copy (:meth:`DuplicateIndex.groups`).
"""

from __future__ import annotations

from lasermap.dedup.cluster import DEFAULT_THRESHOLD, DuplicateIndex, canonical_key
from lasermap.dedup.minhash import (
    NUM_PERM,
    SIGNATURE_VERSION,
    doc_signature,
    exact_jaccard,
    jaccard,
    shingles,
    signature,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "NUM_PERM",
    "SIGNATURE_VERSION",
    "DuplicateIndex",
    "canonical_key",
    "doc_signature",
    "exact_jaccard",
    "jaccard",
    "shingles",
    "signature",
]
