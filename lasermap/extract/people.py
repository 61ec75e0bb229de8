"""People with their titles and organizations, in Chinese and English text.

A name is only reported where a title vouches for it (副局长匡连庭, 王菲博士,
``Maria Keller, senior director of …``): names without a role are plentiful in
news (quotes, bylines, photo credits) but say little about the industry, and
rule-based name spotting without a title context is unreliable. Chinese
matching runs on the Simplified shadow, so Traditional pages work the same
and names come out in Simplified (李道鈕 → 李道钮); offsets index the original.
The organization comes from the org mention the title attaches to.
"""

from __future__ import annotations

from lasermap.annotations import Mention, Person, Sentence
from lasermap.extract.people_en import find_people_en
from lasermap.extract.people_text import HAN, Shadow, Span, spans
from lasermap.extract.people_zh import find_people_zh
from lasermap.extract.sentences import sentence_at

__all__ = ["find_people"]


def find_people(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Person]:
    """People named with a title in ``text``, one record per name, in text order."""
    sh = Shadow.of(text)
    orgs = spans(sh, mentions, ("org",))
    others = spans(sh, mentions, ("place", "event"))
    found: list[tuple[int, int, str, str | None, Span | None, str | None]] = []
    if HAN.search(text):
        for p in find_people_zh(sh.simp, orgs, others):
            org = p.org
            found.append((p.start, p.end, p.name, p.title(), org, org.label if org else p.org_name))
    for e in find_people_en(sh.simp, orgs, others):
        found.append((e.start, e.end, e.name, e.title, e.org, e.org_name))
    return _records(sh, sentences, sorted(found, key=lambda f: f[0]))


def _records(sh: Shadow, sentences: list[Sentence], found: list) -> list[Person]:
    """One Person per name; a later mention fills in an organization the first one lacked."""
    by_name: dict[str, Person] = {}
    for start, end, name, title, org, org_name in found:
        o_start, o_end = sh.orig(start), sh.orig(end)
        known = by_name.get(name)
        if known is not None:
            if known.org_name is None and org_name:
                known.org_id = org.mention.entity_id if org else None
                known.org_name = org_name
            continue
        sent = sentence_at(sentences, o_start)
        by_name[name] = Person(
            name=name,
            title=title,
            start=o_start,
            end=o_end,
            sentence_start=sent.start if sent else o_start,
            sentence_end=sent.end if sent else o_end,
            org_id=org.mention.entity_id if org else None,
            org_name=org_name,
        )
    return list(by_name.values())
