"""Highlighted snippets for search results, computed on the stored text.

FTS5 cannot build snippets over a contentless bigram index, and its snippets
would show bigram tokens anyway. Matching the query terms in Python — in the
Simplified shadow for Chinese, mapped back to the original offsets — gives a
snippet in the page's own script with exact highlight spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lasermap.normalize.script import han_count, to_original, to_simplified
from lasermap.normalize.unicode import nfkc_safe
from lasermap.store.base import StoredDocument


@dataclass(slots=True)
class Snippet:
    text: str
    highlights: list[tuple[int, int]]


def find_spans(doc: StoredDocument, terms: tuple[str, ...] | list[str]) -> list[tuple[int, int]]:
    """Every occurrence of every term in ``doc.text`` as (start, end) offsets."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        needle = to_simplified(nfkc_safe(term)).lower().strip()
        if not needle:
            continue
        if han_count(needle) and doc.text_simplified:
            for m in re.finditer(re.escape(needle), doc.text_simplified.lower()):
                start = to_original(m.start(), doc.simplified_offsets)
                end = to_original(m.end(), doc.simplified_offsets)
                spans.append((start, end))
        else:
            pattern = re.escape(needle)
            if needle[:1].isalnum():
                pattern = r"(?<!\w)" + pattern
            spans.extend((m.start(), m.end()) for m in re.finditer(pattern, doc.text, re.I))
    return sorted(set(spans))


def make_snippet(doc: StoredDocument, terms: tuple[str, ...] | list[str], width: int = 180) -> Snippet:
    """A window of about ``width`` characters around the densest cluster of matches."""
    text = doc.text.replace("\n\n", " ¶ ")
    shift = _offset_shift(doc.text)
    spans = [(shift(s), shift(e)) for s, e in find_spans(doc, terms)]
    if not spans:
        return Snippet(text[:width] + ("…" if len(text) > width else ""), [])
    best = max(spans, key=lambda sp: sum(1 for s, _ in spans if sp[0] <= s < sp[0] + width))
    start = max(0, best[0] - width // 4)
    end = min(len(text), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shown = [(s - start + len(prefix), e - start + len(prefix)) for s, e in spans if s >= start and e <= end]
    return Snippet(prefix + text[start:end] + suffix, shown)


def _offset_shift(text: str):  # type: ignore[no-untyped-def]
    """Offsets move by +1 at each paragraph break replaced with `` ¶ `` (2 → 3 characters)."""
    breaks = [m.start() for m in re.finditer("\n\n", text)]

    def shift(pos: int) -> int:
        return pos + sum(1 for b in breaks if b < pos)

    return shift
