"""Industry-chain segments a text mentions, with the sentence that shows it.

Terms come from ``data/chain.json`` (materials → components → laser sources →
equipment → applications). Chinese terms match on the Simplified shadow,
English terms case-insensitively on word boundaries. Tier roots (``upstream``,
``上游``) are too vague to tag on their own and are skipped.
"""

from __future__ import annotations

from functools import lru_cache

from lasermap.annotations import ChainTag, Sentence
from lasermap.domain.taxonomy import load_chain
from lasermap.extract.gazetteer import Entry, Gazetteer, longest_non_overlapping
from lasermap.extract.sentences import sentence_at
from lasermap.normalize.script import to_original


@lru_cache(maxsize=1)
def _matcher() -> Gazetteer:
    entries: list[Entry] = []
    for node in load_chain().nodes:
        if node.parent is None:
            continue
        for term in (*node.terms_en, *node.terms_zh):
            if len(term) >= 2:
                entries.append(Entry(term, node.id, "chain", node.tier, node.name, node.name_zh))
    return Gazetteer(entries)


def find_chain_tags(
    text: str, simplified: str | None, anchors: list, sentences: list[Sentence]
) -> list[ChainTag]:
    """One tag per term occurrence (longest term wins where terms overlap)."""
    match_text = simplified or text
    hits = [(s, e, group[0]) for s, e, group in _matcher().find(match_text)]
    tags: list[ChainTag] = []
    for start, end, entry in longest_non_overlapping(hits):  # type: ignore[arg-type]
        o_start, o_end = to_original(start, anchors), to_original(end, anchors)
        sent = sentence_at(sentences, o_start)
        s_start, s_end = (sent.start, sent.end) if sent else (o_start, o_end)
        tags.append(ChainTag(entry.entity_id, text[o_start:o_end], o_start, o_end, s_start, s_end))  # type: ignore[union-attr]
    return tags
