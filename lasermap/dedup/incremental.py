"""Incremental reprint detection backed by the store: band keys in, canonical copies out.

The in-memory :class:`~lasermap.dedup.cluster.DuplicateIndex` needs every
signature at once (about 1.6 KB a document); a crawl-sized store cannot hold
that in memory on every ingest. Here each document's LSH band keys are stored
(``doc_bands``), a new document finds its candidates with indexed lookups,
candidates are verified on their stored signatures, and the group's original
is re-chosen with the same rule (:func:`~lasermap.dedup.cluster.canonical_key`).
Memory stays flat however large the store grows; the result does not depend on
arrival order because the original is always the rule's choice.
"""

from __future__ import annotations

import hashlib

import numpy as np

from lasermap.dedup.cluster import DEFAULT_THRESHOLD, canonical_key, lsh_params
from lasermap.dedup.minhash import NUM_PERM, hashvalues


def band_keys(signature: bytes, threshold: float = DEFAULT_THRESHOLD) -> list[tuple[int, int]]:
    """(band, 64-bit key) pairs of a signature; empty for the empty signature."""
    hv = hashvalues(signature, NUM_PERM) if signature else None
    if hv is None:
        return []
    bands, rows = lsh_params(threshold, NUM_PERM)
    out = []
    for b in range(bands):
        digest = hashlib.blake2b(hv[b * rows : (b + 1) * rows].tobytes(), digest_size=8).digest()
        out.append((b, int.from_bytes(digest, "big", signed=True)))
    return out


def similar(a: bytes, b: bytes, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """Estimated Jaccard of two signatures at or above ``threshold``."""
    ha, hb = hashvalues(a, NUM_PERM), hashvalues(b, NUM_PERM)
    if ha is None or hb is None:
        return False
    return float(np.mean(ha == hb)) >= threshold


def original_of(members: list[tuple[str, str | None, int]]) -> str:
    """The group's original among (id, published, length): earliest date, then longest, then smallest id."""
    return min(members, key=lambda m: canonical_key(*m))[0]
