"""Gazetteer matching: every known name and alias, found in one pass.

Two Aho-Corasick automata — Simplified Chinese names over the Simplified
shadow, case-folded English names over case-folded text — find every
occurrence of every name; overlaps are resolved longest-first. English matches
must sit on word boundaries (``Jinan`` not inside ``Jinanese``); short or
ambiguous Chinese names (two-character place names flagged ambiguous) are
kept only when the document's context supports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick


@dataclass(frozen=True, slots=True)
class Entry:
    """One surface form of one known entity."""

    surface: str
    entity_id: str
    type: str  # org | place | event
    subtype: str | None
    name: str
    name_zh: str | None
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    entry: Entry


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Gazetteer:
    """Matches a fixed list of entries against text."""

    def __init__(self, entries: list[Entry]):
        self._zh = ahocorasick.Automaton()
        self._en = ahocorasick.Automaton()
        grouped: dict[tuple[str, str], list[Entry]] = {}
        for e in entries:
            key = e.surface if not e.surface.isascii() else e.surface.casefold()
            lang = "en" if e.surface.isascii() else "zh"
            grouped.setdefault((lang, key), []).append(e)
        for (lang, key), group in grouped.items():
            auto = self._en if lang == "en" else self._zh
            auto.add_word(key, (key, tuple(group)))
        self.size = len(grouped)
        for auto in (self._zh, self._en):
            if len(auto):
                auto.make_automaton()

    def _raw_hits(self, text: str, folded: str) -> list[tuple[int, int, tuple[Entry, ...]]]:
        hits: list[tuple[int, int, tuple[Entry, ...]]] = []
        if len(self._zh):
            for end, (key, group) in self._zh.iter(text):
                hits.append((end - len(key) + 1, end + 1, group))
        if len(self._en):
            for end, (key, group) in self._en.iter(folded):
                start = end - len(key) + 1
                if start > 0 and _is_word_char(folded[start - 1]) and _is_word_char(key[0]):
                    continue
                after = folded[end + 1 : end + 2]
                if after and _is_word_char(after) and _is_word_char(key[-1]):
                    continue
                hits.append((start, end + 1, group))
        return hits

    def find(self, text: str) -> list[tuple[int, int, tuple[Entry, ...]]]:
        """All matches as (start, end, candidate entries), overlapping, unordered.

        ``text`` should be the Simplified shadow for Chinese; English is case-folded here.
        """
        folded = text.casefold() if len(text.casefold()) == len(text) else text.lower()
        return self._raw_hits(text, folded)


def longest_non_overlapping(spans: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Keep the longest spans first, dropping any that overlap one already kept."""
    kept: list[tuple[int, int, object]] = []
    taken: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if any(span[0] < e and s < span[1] for s, e in taken):
            continue
        kept.append(span)
        taken.append((span[0], span[1]))
    return sorted(kept, key=lambda s: s[0])


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The package gazetteer (organizations, events, places, countries), built once."""
    from lasermap.extract.gazetteer_data import gazetteer_entries

    return Gazetteer(gazetteer_entries())
