"""Group reprints: an LSH index over signatures, union-find over verified pairs.

Why LSH and then a check: comparing every pair is quadratic (5·10⁹ pairs at
100k documents), while :class:`datasketch.MinHashLSH` hands back, per query,
only the documents that agree with it on at least one whole band of hash
values. Banding is a coarse filter tuned to let almost every pair above the
threshold through; each candidate is then kept only if the MinHash estimate of
its Jaccard similarity really is at or above the threshold.

Why union-find: reprints of reprints are common (site C copies site B, which
copied A, and edits its own header), so a pair may fall below the threshold
while both are close to a third copy. Groups are the connected components of
the verified pairs, which also makes them independent of insertion order.

The canonical copy of a group is its *original*: the earliest known publish
date (a known date beats an unknown one, the only evidence of order we have),
then the longest text (a reprint more often cuts than adds body text), then the
smallest id, so the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from datasketch import LeanMinHash, MinHashLSH

from lasermap.dedup.minhash import NUM_PERM, load

#: Estimated Jaccard at or above which two documents are reprints of each other.
DEFAULT_THRESHOLD = 0.8
#: LSH tuning weights (false positive, false negative): candidates are verified
#: afterwards, so a missed pair costs far more than an extra candidate.
LSH_WEIGHTS = (0.1, 0.9)

Item = tuple[str, bytes, str | None, int]


@lru_cache(maxsize=16)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for ``threshold``, computed once per process.

    datasketch finds them by numeric integration over every (bands, rows)
    split, which takes a noticeable fraction of a second; every index with the
    same settings reuses the answer.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
    return lsh.b, lsh.r


@dataclass(frozen=True, slots=True)
class _Entry:
    """What the index keeps per document besides the LSH buckets."""

    minhash: LeanMinHash | None
    published: str | None
    length: int


def canonical_key(doc_id: str, published: str | None, length: int) -> tuple[int, str, int, str]:
    """Sort key that puts the original first (see the module docstring).

    Dates are compared as ISO strings (``YYYY-MM-DD``, or a prefix of it), so a
    date with a time part is compared on its date and time as written.
    """
    known = bool(published)
    return (0 if known else 1, published or "", -length, doc_id)


class DuplicateIndex:
    """Append-only index of document signatures that groups reprints.

    Build it from ``(doc_id, signature, published, length)`` tuples, or call
    :meth:`add` one document at a time as they are ingested. An empty
    signature (a text too short to judge) is recorded but never matched.
    """

    def __init__(
        self,
        items: Iterable[Item] = (),
        *,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = NUM_PERM,
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(num_perm=num_perm, params=lsh_params(threshold, num_perm))
        self._entries: dict[str, _Entry] = {}
        self._parent: dict[str, str] = {}
        for doc_id, sig, published, length in items:
            self.add(doc_id, sig, published, length)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._entries

    def add(self, doc_id: str, signature: bytes, published: str | None = None, length: int = 0) -> list[str]:
        """Index one document; return the ids already indexed that it duplicates.

        Adding an id again with the same signature is a no-op (a re-ingest of
        an unchanged page); with a different signature it is an error, because
        union-find cannot take a document back out of its group.
        """
        if doc_id in self._entries:
            old = self._entries[doc_id].minhash
            if (old is None and not signature) or (old is not None and old == load(signature)):
                return []
            raise ValueError(f"document {doc_id!r} is already indexed with another signature")
        mh = load(signature)
        self._check_size(mh)
        self._entries[doc_id] = _Entry(mh, published, int(length))
        if mh is None:
            return []
        matches = self._verified(mh)
        self._lsh.insert(doc_id, mh, check_duplication=False)
        for other in matches:
            self._union(doc_id, other)
        return matches

    def query(self, signature: bytes) -> list[str]:
        """Ids of indexed documents whose estimated Jaccard with ``signature`` is
        at or above the threshold, most similar first (ties by id)."""
        mh = load(signature)
        self._check_size(mh)
        return [] if mh is None else self._verified(mh)

    def groups(self) -> dict[str, str]:
        """Map each duplicate's id to the id of its group's canonical copy.

        Canonical copies themselves, and documents with no duplicate, are not
        keys. Groups are transitive: A~B and B~C put A, B and C in one group.
        """
        best: dict[str, str] = {}
        for doc_id in self._parent:
            root = self._find(doc_id)
            if root not in best or self._key(doc_id) < self._key(best[root]):
                best[root] = doc_id
        return {d: best[self._find(d)] for d in self._parent if best[self._find(d)] != d}

    def clusters(self) -> list[list[str]]:
        """Every group of two or more, canonical copy first, the rest by id."""
        members: dict[str, list[str]] = {}
        for dup, canon in self.groups().items():
            members.setdefault(canon, [canon]).append(dup)
        return [[m[0], *sorted(m[1:])] for _, m in sorted(members.items())]

    def pairs(self) -> Iterator[tuple[str, str]]:
        """Every unordered pair of ids in the same group (ids in sorted order)."""
        for group in self.clusters():
            ids = sorted(group)
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    yield a, b

    # --- internals ---

    def _check_size(self, mh: LeanMinHash | None) -> None:
        if mh is not None and len(mh) != self.num_perm:
            raise ValueError(f"signature has {len(mh)} permutations, the index expects {self.num_perm}")

    def _verified(self, mh: LeanMinHash) -> list[str]:
        scored = []
        for cand in self._lsh.query(mh):
            other = self._entries[cand].minhash
            assert other is not None  # only non-empty signatures are inserted
            j = mh.jaccard(other)
            if j >= self.threshold:
                scored.append((-j, cand))
        return [c for _, c in sorted(scored)]

    def _key(self, doc_id: str) -> tuple[int, str, int, str]:
        e = self._entries[doc_id]
        return canonical_key(doc_id, e.published, e.length)

    def _find(self, doc_id: str) -> str:
        parent = self._parent
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]  # path halving
            doc_id = parent[doc_id]
        return doc_id

    def _union(self, a: str, b: str) -> None:
        self._parent.setdefault(a, a)
        self._parent.setdefault(b, b)
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # smaller id becomes the root: no size table, still order-independent groups
            self._parent[max(ra, rb)] = min(ra, rb)
