"""MinHash signatures of article bodies, for finding reprints.

A reprint of a news story differs from its original in page furniture (a
header, a disclaimer, a "repost with attribution" line), in the script
(Simplified vs Traditional), in punctuation and spacing, and in a few edited
words. The signature therefore sees only the *content*: the text is folded
(NFKC, Traditional → Simplified, lower case) and stripped of whitespace and
punctuation before shingling, so those differences cost nothing, and only the
furniture and the edits lower the similarity.

Parameters (measured with ``bench/dedup.py`` on the bundled examples and on a
synthetic corpus; figures in ``bench/results/dedup.md``):

* **Character 5-grams** for Chinese. Shorter grams are shared by unrelated
  stories on the same topic (``激光产业``, ``产业集群``, ``济南市`` are 3- and
  4-grams every Jinan laser article has): the most similar unrelated pair of
  bundled examples (two Jinan laser-industry articles) has exact Jaccard 0.14
  with 3-grams, 0.11 with 4-grams and 0.09 with 5-grams. Longer grams let each
  edited character knock out more shingles and pull true reprints down. On
  the synthetic set the gap between the least similar copy and the most
  similar unrelated same-topic pair is widest at 5 (0.58; 3-grams 0.56,
  8-grams 0.55).
* **Word 3-grams** (lower-cased) for alphabetic text, the same trade-off at
  the word level: unrelated English examples peak at 0.07 with 2-grams and
  0.03 with 3-grams, and the synthetic gap is widest at 3 words (0.58).
* **128 permutations**: the estimate's standard error is ``sqrt(J(1-J)/128)``,
  0.043 at J = 0.6, against 0.061 with 64. The synthetic set could not tell
  64 from 128 (recall 0.997 both at the 0.6 threshold), but real reprints
  with leftover furniture sit at 0.64-0.75, close enough to the threshold for
  the extra error to matter; 256 reached recall 1.000 for 60% more index
  memory and twice the hashing time.
* **Texts shorter than 50 letters/digits** get an empty signature: a short
  notice or caption shares most of its shingles with any other notice of
  the same kind, and such pages are not worth grouping.

Signatures are :class:`datasketch.LeanMinHash` values serialised little-endian
(seed, scheme and hash values: 525 bytes at 128 permutations). The shingles are
hashed with datasketch's default SHA-1-based hash and the permutations come from
a fixed seed, so the same text gives the same bytes in every process, on every
run and on every machine; Python's salted ``hash()`` is never used.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from datasketch import LeanMinHash, MinHash

from lasermap.normalize.script import to_simplified
from lasermap.normalize.unicode import nfkc_safe

if TYPE_CHECKING:
    from lasermap.doc import Document

#: Bump when anything below (or the folding) changes what a signature holds,
#: so that stored signatures can be recognised as stale and recomputed.
SIGNATURE_VERSION = 1
#: Fixed permutation seed: changing it changes every stored signature.
SEED = 20230516
NUM_PERM = 128
#: Character shingle size for CJK-heavy text.
CHAR_SHINGLE = 5
#: Word shingle size for alphabetic text.
WORD_SHINGLE = 3
#: Below this many letters and digits a text is never anyone's duplicate.
MIN_CHARS = 50
#: A text is CJK-heavy when at least this share of its letters/digits are Han, kana or Hangul.
CJK_SHARE = 0.3

_SCHEME = "affine32"
_BYTEORDER = "<"
_NOT_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Scripts written without spaces between words (Han, kana, Hangul): character shingles.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def fold(text: str) -> str:
    """NFKC (safe variant), Traditional → Simplified, lower case.

    The Simplified conversion is skipped for text without Han characters: it
    cannot change it, and OpenCC is the slowest step for English pages.
    """
    text = nfkc_safe(text or "")
    if _HAN.search(text):
        text = to_simplified(text)
    return text.lower()


def shingles(text: str, *, char_k: int = CHAR_SHINGLE, word_k: int = WORD_SHINGLE) -> list[str]:
    """The shingles of ``text`` after folding; empty when it is too short.

    Character ``char_k``-grams over the letters and digits (whitespace and
    punctuation removed) when the text is CJK-heavy, else word ``word_k``-grams.
    A text with fewer tokens than the shingle size gives one shingle: all of
    it. The sizes are parameters only so that the benchmark can compare them;
    signatures always use the module defaults.
    """
    folded = fold(text)
    compact = _NOT_WORD.sub("", folded)
    if len(compact) < MIN_CHARS:
        return []
    if len(_UNSPACED.findall(compact)) >= CJK_SHARE * len(compact):
        return [compact[i : i + char_k] for i in range(max(1, len(compact) - char_k + 1))]
    words = _WORD.findall(folded)
    return [" ".join(words[i : i + word_k]) for i in range(max(1, len(words) - word_k + 1))]


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> np.ndarray:
    """The permutation parameters for ``num_perm``, built once per process.

    Building them means seeding a NumPy ``RandomState``, which costs more than
    hashing a short article; every MinHash of one size shares the same array.
    """
    return MinHash(num_perm=num_perm, seed=SEED, scheme=_SCHEME).permutations


def minhash_of(items: Iterable[str], *, num_perm: int = NUM_PERM) -> MinHash:
    """A MinHash of the given shingles (a set: repeats do not count)."""
    mh = MinHash(num_perm=num_perm, seed=SEED, permutations=_permutations(num_perm), scheme=_SCHEME)
    mh.update_batch([s.encode("utf-8") for s in set(items)])
    return mh


def signature(text: str, *, num_perm: int = NUM_PERM) -> bytes:
    """The reprint signature of a cleaned article body; ``b""`` when too short.

    Pass ``Document.text_simplified`` for Chinese and ``Document.text`` for
    other languages (see :func:`doc_signature`); the text is folded again here,
    so passing the original Traditional text gives the same signature.
    """
    items = shingles(text)
    if not items:
        return b""
    lean = LeanMinHash(minhash_of(items, num_perm=num_perm))
    buf = bytearray(lean.bytesize(_BYTEORDER))
    lean.serialize(buf, _BYTEORDER)
    return bytes(buf)


def doc_signature(doc: Document, *, num_perm: int = NUM_PERM) -> bytes:
    """Signature of a pipeline :class:`~lasermap.doc.Document`: its Simplified
    shadow when it has one, else its cleaned text."""
    return signature(doc.text_simplified or doc.text or "", num_perm=num_perm)


_HEADER = struct.Struct("<qiB")
_AFFINE32_CODE = 1


def hashvalues(sig: bytes, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """The hash values of a signature as a read-only ``uint32`` array (no copy).

    Faster than :func:`load` for the index, which keeps only the values. The
    layout is datasketch's documented LeanMinHash format for ``affine32``
    (seed, negated count, scheme code, then the values); a signature made
    with another seed, scheme or size is refused rather than silently compared.
    """
    if not sig:
        return None
    seed, neg_count, code = _HEADER.unpack_from(sig)
    if seed != SEED or code != _AFFINE32_CODE or -neg_count != num_perm:
        raise ValueError(f"not a lasermap signature of {num_perm} permutations (seed {seed}, size {-neg_count})")
    return np.frombuffer(sig, dtype="<u4", count=num_perm, offset=_HEADER.size)


def load(sig: bytes) -> LeanMinHash | None:
    """The MinHash inside a signature, or ``None`` for the empty signature."""
    if not sig:
        return None
    return LeanMinHash.deserialize(sig, _BYTEORDER)


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures.

    An empty signature is similar to nothing (0.0), itself included. Signatures
    made with different ``num_perm`` cannot be compared (``ValueError``).
    """
    ma, mb = load(a), load(b)
    if ma is None or mb is None:
        return 0.0
    return float(ma.jaccard(mb))


def exact_jaccard(text_a: str, text_b: str, *, char_k: int = CHAR_SHINGLE, word_k: int = WORD_SHINGLE) -> float:
    """The true Jaccard similarity of two texts' shingle sets (for benchmarks and tests)."""
    sa = set(shingles(text_a, char_k=char_k, word_k=word_k))
    sb = set(shingles(text_b, char_k=char_k, word_k=word_k))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)
