"""NFKC where it does not change meaning.

Full-width letters, digits and punctuation, compatibility ideographs and
no-break spaces fold to their plain forms so that search and patterns see one
spelling. Superscripts, subscripts and vulgar fractions are kept: NFKC would
turn ``km²`` into ``km2`` and ``10⁶`` into ``106``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_KEEP_TAGS = ("<super>", "<sub>", "<fraction>")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@lru_cache(maxsize=65536)
def _fold(char: str) -> str:
    decomposition = unicodedata.decomposition(char)
    if decomposition.startswith(_KEEP_TAGS):
        return char
    return unicodedata.normalize("NFKC", char)


def nfkc_safe(text: str) -> str:
    """Apply NFKC character by character, skipping meaning-changing folds."""
    if text.isascii():
        return text
    return "".join(_fold(c) if ord(c) > 127 else c for c in text)


def tidy_spaces(line: str) -> str:
    """Collapse runs of spaces (including ideographic and no-break spaces)."""
    return _SPACES.sub(" ", line).strip()
