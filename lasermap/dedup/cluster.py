"""Group reprints: LSH banding over signatures, union-find over verified pairs.

Why banding and then a check: comparing every pair is quadratic (5·10⁹ pairs
at 100k documents). Banding cuts each signature into ``b`` bands of ``r``
hash values and hands back, per query, only the documents that agree with it
on at least one whole band; the (b, r) split comes from
:class:`datasketch.MinHashLSH`'s optimiser, weighted towards recall because
every candidate is then checked: it is kept only if the MinHash estimate of
its Jaccard similarity is at or above the threshold.

Why our own band table by default: datasketch's in-memory ``MinHashLSH``
keeps a Python ``set`` per bucket and a bytes key per (document, band), about
370 bytes each. At the default threshold (25 bands) its index grew by 949 MB
for 100k documents (28 s); the compact table below keeps a sorted ``uint64``
key and an ``int32`` row per (document, band), 12 bytes, plus a small Python
buffer of recent additions that is merged in every few thousand documents:
160 MB in all (most of it the hash values kept for verification), 23 s, the
same pairs. ``backend="datasketch"`` keeps ``MinHashLSH`` itself, for
comparison (``bench/dedup.py --compare`` measures both).

Why union-find: reprints of reprints are common (site C copies site B, which
copied A, and changes its own furniture), so a pair may fall below the
threshold while both are close to a third copy. Groups are the connected
components of the verified pairs, which also makes them independent of the
order in which documents are added.

The canonical copy of a group is its *original*: the earliest known publish
date (a known date beats an unknown one: it is the only evidence of order we
have), then the longest text (reprints more often cut than add body text),
then the smallest id, so the choice is deterministic.

Why the threshold is 0.6 and not 0.8 (measured, ``bench/results/dedup.md``):
unrelated articles, even about the same topic and city, stay at or below 0.09
(bundled examples and synthetic same-topic pairs alike), while reprints fall
well below 0.8 as soon as some furniture survives cleaning: 0.64-0.75 for the
story A text captures with nothing removed, 0.75 for a reprint with one header
line, one footer line and four changed words (``tests/test_dedup.py``), 0.66
and up for synthetic copies. At 0.8 the synthetic recall was 0.44, at 0.7
0.93, at 0.6 0.997, with no false pair at any of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from lasermap.dedup.minhash import NUM_PERM, SEED, hashvalues

#: Estimated Jaccard at or above which two documents are reprints of each other.
DEFAULT_THRESHOLD = 0.6
#: LSH tuning weights (false positive, false negative): candidates are verified
#: afterwards, so a missed pair costs far more than an extra candidate.
LSH_WEIGHTS = (0.1, 0.9)
#: Recent band keys kept in a Python dict before they are merged into the arrays.
_PENDING_MAX = 65536

Item = tuple[str, bytes, str | None, int]


@lru_cache(maxsize=16)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for ``threshold``, computed once per process.

    datasketch finds them by numeric integration over every (bands, rows)
    split, which takes a noticeable fraction of a second.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
    return lsh.b, lsh.r


def canonical_key(doc_id: str, published: str | None, length: int) -> tuple[int, str, int, str]:
    """Sort key that puts the original first (see the module docstring).

    Dates are compared as ISO strings (``YYYY-MM-DD`` or a prefix of it).
    """
    return (0 if published else 1, published or "", -length, doc_id)


class _CompactBands:
    """Band keys in one sorted ``uint64`` array (band number in the top byte)
    with the row of each entry beside it, and a dict of recent entries."""

    _MULT = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, bands: int, rows: int) -> None:
        self.bands, self.rows = bands, rows
        self._keys = np.empty(0, dtype=np.uint64)
        self._rows = np.empty(0, dtype=np.int32)
        self._pending: dict[int, list[int]] = {}
        self._pending_n = 0
        self._tag = np.arange(bands, dtype=np.uint64) << np.uint64(56)

    def keys(self, hv: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: an FNV-style mix of the band's values."""
        block = hv[: self.bands * self.rows].reshape(self.bands, self.rows).astype(np.uint64)
        h = np.zeros(self.bands, dtype=np.uint64)
        for j in range(self.rows):
            h = (h ^ block[:, j]) * self._MULT
        h ^= h >> np.uint64(29)
        return (h >> np.uint64(8)) | self._tag

    def insert(self, row: int, hv: np.ndarray) -> None:
        for k in self.keys(hv).tolist():
            self._pending.setdefault(k, []).append(row)
        self._pending_n += self.bands
        if self._pending_n >= _PENDING_MAX:
            self._merge()

    def candidates(self, hv: np.ndarray) -> set[int]:
        q = self.keys(hv)
        lo = np.searchsorted(self._keys, q, "left")
        hi = np.searchsorted(self._keys, q, "right")
        found: set[int] = set()
        for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
            if b > a:
                found.update(self._rows[a:b].tolist())
        for k in q.tolist():
            found.update(self._pending.get(k, ()))
        return found

    def _merge(self) -> None:
        """Merge the pending entries into the sorted arrays: O(n) per merge."""
        if not self._pending:
            return
        pk = np.fromiter((k for k, v in self._pending.items() for _ in v), dtype=np.uint64, count=self._pending_n)
        pr = np.fromiter((r for v in self._pending.values() for r in v), dtype=np.int32, count=self._pending_n)
        order = np.argsort(pk, kind="stable")
        pk, pr = pk[order], pr[order]
        at = np.searchsorted(self._keys, pk, "right")
        self._keys = np.insert(self._keys, at, pk)
        self._rows = np.insert(self._rows, at, pr)
        self._pending, self._pending_n = {}, 0


class _DatasketchBands:
    """The same interface over :class:`datasketch.MinHashLSH` (for comparison)."""

    def __init__(self, bands: int, rows: int, num_perm: int) -> None:
        self._lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows))

    @staticmethod
    def _mh(hv: np.ndarray) -> LeanMinHash:
        return LeanMinHash(seed=SEED, hashvalues=hv, scheme="affine32")

    def insert(self, row: int, hv: np.ndarray) -> None:
        self._lsh.insert(row, self._mh(hv), check_duplication=False)

    def candidates(self, hv: np.ndarray) -> set[int]:
        return set(self._lsh.query(self._mh(hv)))


class DuplicateIndex:
    """Append-only index of document signatures that groups reprints.

    Build it from ``(doc_id, signature, published, length)`` tuples, or call
    :meth:`add` one document at a time as they are ingested. An empty
    signature (a text too short to judge) is recorded but never matched.
    ``published`` is an ISO date or ``None``; ``length`` is the text length
    used to break date ties. ``threshold`` is the estimated Jaccard a pair
    needs; ``num_perm`` must be the one the signatures were made with.
    """

    def __init__(
        self,
        items: Iterable[Item] = (),
        *,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = NUM_PERM,
        backend: str = "compact",
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        bands, rows = lsh_params(threshold, num_perm)
        if backend == "compact":
            self._bands: _CompactBands | _DatasketchBands = _CompactBands(bands, rows)
        elif backend == "datasketch":
            self._bands = _DatasketchBands(bands, rows, num_perm)
        else:
            raise ValueError(f"unknown backend {backend!r}: use 'compact' or 'datasketch'")
        self._hv = np.zeros((1024, num_perm), dtype=np.uint32)
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._meta: list[tuple[str | None, int, bool]] = []  # published, length, has signature
        self._parent: dict[int, int] = {}
        for doc_id, sig, published, length in items:
            self.add(doc_id, sig, published, length)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._row_of

    def add(self, doc_id: str, signature: bytes, published: str | None = None, length: int = 0) -> list[str]:
        """Index one document; return the ids already indexed that it duplicates
        (most similar first).

        Adding an id again with the same signature is a no-op (a re-ingest of
        an unchanged page); with a different signature it is an error, because
        union-find cannot take a document back out of its group.
        """
        hv = hashvalues(signature, self.num_perm)
        if doc_id in self._row_of:
            self._check_same(doc_id, hv)
            return []
        row = len(self._ids)
        self._ids.append(doc_id)
        self._row_of[doc_id] = row
        self._meta.append((published or None, int(length), hv is not None))
        if hv is None:
            return []
        if row == len(self._hv):
            grow = np.zeros((len(self._hv) // 2, self.num_perm), dtype=np.uint32)
            self._hv = np.concatenate([self._hv, grow])
        self._hv[row] = hv
        matches = self._verified(hv)
        self._bands.insert(row, hv)
        for other in matches:
            self._union(row, other)
        return [self._ids[m] for m in matches]

    def query(self, signature: bytes) -> list[str]:
        """Ids of indexed documents whose estimated Jaccard with ``signature`` is
        at or above the threshold, most similar first (ties by insertion order)."""
        hv = hashvalues(signature, self.num_perm)
        return [] if hv is None else [self._ids[m] for m in self._verified(hv)]

    def groups(self) -> dict[str, str]:
        """Map each duplicate's id to the id of its group's canonical copy.

        Canonical copies themselves, and documents with no duplicate, are not
        keys. Groups are transitive: A~B and B~C put A, B and C in one group.
        """
        best: dict[int, int] = {}
        for row in self._parent:
            root = self._find(row)
            if root not in best or self._key(row) < self._key(best[root]):
                best[root] = row
        out = {}
        for row in self._parent:
            canon = best[self._find(row)]
            if canon != row:
                out[self._ids[row]] = self._ids[canon]
        return out

    def clusters(self) -> list[list[str]]:
        """Every group of two or more: canonical copy first, the rest by id;
        groups ordered by their canonical id."""
        members: dict[str, list[str]] = {}
        for dup, canon in self.groups().items():
            members.setdefault(canon, [canon]).append(dup)
        return [[m[0], *sorted(m[1:])] for _, m in sorted(members.items())]

    def pairs(self) -> list[tuple[str, str]]:
        """Every unordered pair of ids in the same group (each pair in sorted order)."""
        out = []
        for group in self.clusters():
            ids = sorted(group)
            out.extend((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
        return out

    # --- internals ---

    def _check_same(self, doc_id: str, hv: np.ndarray | None) -> None:
        row = self._row_of[doc_id]
        has = self._meta[row][2]
        if (hv is None and not has) or (hv is not None and has and np.array_equal(self._hv[row], hv)):
            return
        raise ValueError(f"document {doc_id!r} is already indexed with another signature")

    def _verified(self, hv: np.ndarray) -> list[int]:
        cands = self._bands.candidates(hv)
        if not cands:
            return []
        rows = np.fromiter(sorted(cands), dtype=np.int64, count=len(cands))
        same = np.count_nonzero(self._hv[rows] == hv, axis=1)
        keep = same / self.num_perm >= self.threshold
        order = np.argsort(-same[keep], kind="stable")
        return rows[keep][order].tolist()

    def _key(self, row: int) -> tuple[int, str, int, str]:
        published, length, _ = self._meta[row]
        return canonical_key(self._ids[row], published, length)

    def _find(self, row: int) -> int:
        parent = self._parent
        while parent[row] != row:
            parent[row] = parent[parent[row]]  # path halving
            row = parent[row]
        return row

    def _union(self, a: int, b: int) -> None:
        self._parent.setdefault(a, a)
        self._parent.setdefault(b, b)
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)
