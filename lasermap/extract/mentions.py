"""Mentions of organizations, places and events: gazetteer first, shape rules second.

Chinese is matched on the Simplified shadow and mapped back to the original
offsets. Decisions, in order:

1. Gazetteer hits; among overlapping hits the longest wins. An ambiguous or
   context-needing name is kept only when the document names the same entity
   unambiguously elsewhere (or, for a place, its parent).
2. Rule-found organizations (``org_rules``). A rule name that is a known name
   plus only a place prefix and a legal suffix (``Jinan Bond Laser Co., Ltd.``,
   ``武汉楚天激光集团``) is that known entity. Other rule names are new
   entities with ids derived from the normalized name, so the same name gets
   the same id in every document.
3. Names nested inside a longer organization name stay: ``长春理工大学`` inside
   ``长春理工大学中山研究院`` is a real mention of the university.
"""

from __future__ import annotations

import hashlib
import re

from lasermap.annotations import Mention
from lasermap.domain.load import place_by_id
from lasermap.extract.gazetteer import Entry, default_gazetteer, longest_non_overlapping
from lasermap.extract.org_rules import OrgSpan, find_orgs_en, find_orgs_zh
from lasermap.normalize.script import to_original

#: What may stand left of a known name inside a longer name of the same entity: a place.
_PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}(?:省|市|区)?|[A-Z][a-z]+)?\s*$")
#: What may stand right of it: a place in brackets and legal forms (奔腾激光(温州)有限公司, Co., Ltd.).
_LEGAL_SUFFIX = re.compile(
    r"^\s*(?:[(（][\u4e00-\u9fff]{2,6}[)）])?(?:\s*,?\s*(?:co\.?,?\s*ltd\.?|ltd\.?|inc\.?|corp\.?|group|gmbh|ag|llc|plc|"
    r"股份有限公司|有限责任公司|有限公司|集团有限公司|集团股份有限公司|集团|公司|科技股份有限公司|科技有限公司))*\s*$",
    re.I,
)


def rule_entity_id(kind: str, name: str) -> str:
    """Deterministic id for an entity no gazetteer knows: the same name, the same id."""
    key = re.sub(r"\s+", " ", name.strip()).casefold()
    return f"{kind}:~{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def _is_capitalised_match(text: str, start: int, end: int, entry: Entry) -> bool:
    """Single English words and acronyms must be written as names (``Coherent``, ``IPG``)."""
    surface = text[start:end]
    if not entry.surface.isascii() or " " in entry.surface.strip():
        return True
    if entry.surface.isupper():
        return surface == entry.surface
    return surface[:1].isupper()


def _word_edges(text: str) -> set[int]:
    """Word boundaries of Chinese text (rjieba): a two-character place name must sit on them,
    so 市中 in 市中心 (city centre) is not the district 市中."""
    import rjieba

    edges: set[int] = set()
    for _word, start, end in rjieba.tokenize(text):
        edges.add(start)
        edges.add(end)
    return edges


def _choose(group: tuple[Entry, ...], plain: set[str], places: set[str]) -> Entry:
    """One reading of a name several entities share (光博会 names three fairs): the entity the
    document also names unambiguously, else the one based in a place the document names."""
    if len(group) == 1:
        return group[0]
    from lasermap.domain.load import org_by_id

    orgs = org_by_id()

    def score(e: Entry) -> tuple[int, int]:
        home = orgs[e.entity_id].place if e.entity_id in orgs else None
        parent = place_by_id().get(home).parent if home in place_by_id() else None  # type: ignore[union-attr]
        return (e.entity_id in plain, bool({home, parent} & places))

    return max(group, key=score)


def _gazetteer_hits(match_text: str) -> list[tuple[int, int, Entry]]:
    raw = default_gazetteer().find(match_text)
    plain = {g[0].entity_id for _, _, g in raw if len(g) == 1 and not g[0].ambiguous}
    places = {g[0].entity_id for _, _, g in raw if g[0].type == "place"}
    hits = []
    edges: set[int] | None = None
    for start, end, group in raw:
        entry = _choose(group, plain, places)
        if not _is_capitalised_match(match_text, start, end, entry):
            continue
        if entry.type == "place" and end - start == 2 and not entry.surface.isascii():
            edges = _word_edges(match_text) if edges is None else edges
            if start not in edges or end not in edges:
                continue
        hits.append((start, end, entry))
    kept = longest_non_overlapping(hits)  # type: ignore[arg-type]
    return _drop_unsupported(kept + _nested_parents(hits, kept))  # type: ignore[arg-type]


def _nested_parents(hits: list[tuple[int, int, Entry]], kept: list) -> list[tuple[int, int, Entry]]:
    """A known organization that opens a longer known name (科技部 in 科技部火炬中心) is its parent: keep it.

    Only at the start: a known name at the end of a longer one (Optics Valley in
    Qilu Optics Valley) is qualified by it and means something else.
    """
    outer = [(s, e, en.entity_id) for s, e, en in kept if en.type == "org"]
    nested = []
    for s, e, en in hits:
        if en.type != "org" or (s, e, en) in kept or (not en.surface.isascii() and e - s < 3):
            continue  # two-character abbreviations (华工) are too often part of another name
        if any(s == a and e < b and en.entity_id != eid for a, b, eid in outer):
            nested.append((s, e, en))
    return longest_non_overlapping(nested)  # type: ignore[return-value,arg-type]


def _needs_context(entry: Entry) -> bool:
    """An ambiguous name needs support, except the preferred reading of a city or province name:
    "Jinan" is the city unless the text says otherwise."""
    if not entry.ambiguous:
        return False
    return not (entry.type == "place" and entry.subtype in ("city", "province"))


def _drop_unsupported(hits: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """Ambiguous names survive only when the same entity (or its parent place) is named plainly."""
    plain = {e.entity_id for _, _, e in hits if not _needs_context(e)}
    places = place_by_id()
    out = []
    for start, end, entry in hits:
        if _needs_context(entry) and entry.entity_id not in plain:
            parent = places[entry.entity_id].parent if entry.entity_id in places else None
            grand = places[parent].parent if parent in places else None
            if not ({parent, grand} & plain):
                continue
        out.append((start, end, entry))
    return out


def _mention(text: str, anchors: list, start: int, end: int, **kw: object) -> Mention:
    o_start, o_end = to_original(start, anchors), to_original(end, anchors)
    return Mention(start=o_start, end=o_end, text=text[o_start:o_end], **kw)  # type: ignore[arg-type]


def _rule_mentions(
    text: str, match_text: str, anchors: list, spans: list[OrgSpan], gaz: list[tuple[int, int, Entry]]
) -> list[Mention]:
    out: list[Mention] = []
    for span in spans:
        inner = [(s, e, en) for s, e, en in gaz if span.start <= s and e <= span.end and en.type in ("org", "event")]
        if any(s == span.start and e == span.end for s, e, _ in inner):
            continue  # the gazetteer already has exactly this name
        linked = None
        for s, e, en in inner:
            rest_left, rest_right = match_text[span.start : s], match_text[e : span.end]
            if _PLACE_PREFIX.match(rest_left) and _LEGAL_SUFFIX.match(rest_right) and (rest_left or rest_right):
                linked = en
        name = re.sub(r"\s+", " ", match_text[span.start : span.end]).strip()
        if linked is not None:
            out.append(_mention(text, anchors, span.start, span.end, type="org", subtype=linked.subtype,
                                entity_id=linked.entity_id, name=linked.name, name_zh=linked.name_zh,
                                method="gazetteer+rule", confidence=0.95))  # fmt: skip
            continue
        zh = name if not name.isascii() else None
        out.append(_mention(text, anchors, span.start, span.end, type="org", subtype=span.subtype,
                            entity_id=rule_entity_id("org", name), name=name, name_zh=zh,
                            method="rule", confidence=0.7))  # fmt: skip
    return out


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Partial overlap: neither span contains the other."""
    return a[0] < b[1] and b[0] < a[1] and not (a[0] <= b[0] and b[1] <= a[1]) and not (b[0] <= a[0] and a[1] <= b[1])


def find_mentions(text: str, simplified: str | None = None, anchors: list | None = None) -> list[Mention]:
    """Organization, place and event mentions in ``text`` (offsets into ``text``)."""
    anchors = anchors or []
    match_text = simplified if simplified else text
    gaz = _gazetteer_hits(match_text)
    spans = find_orgs_zh(match_text, frozenset(s for s, _, e in gaz if e.type == "place")) if simplified else []
    spans += find_orgs_en(match_text)
    known_orgs = [(s, e) for s, e, en in gaz if en.type in ("org", "event")]
    spans = [sp for sp in spans if not any(_crosses((sp.start, sp.end), (s, e)) for s, e, _ in gaz)
             and not any(s <= sp.start and sp.end <= e and (s, e) != (sp.start, sp.end) for s, e in known_orgs)]  # fmt: skip
    mentions = [
        _mention(text, anchors, s, e, type="event" if en.type == "event" else en.type, subtype=en.subtype,
                 entity_id=en.entity_id, name=en.name, name_zh=en.name_zh, method="gazetteer",
                 confidence=0.8 if en.ambiguous else 1.0)
        for s, e, en in gaz
    ]  # fmt: skip
    mentions += _rule_mentions(text, match_text, anchors, spans, gaz)
    if simplified:
        mentions += _enumerated_brands(text, match_text, anchors, mentions)
    mentions += _declared_aliases(text, mentions)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return _dedupe(mentions)


_ENUM_ITEM = re.compile(r"[\u4e00-\u9fff]{2,4}(?:激光|光电|光学|光子)(?:科技)?")


def _enumerated_brands(text: str, match_text: str, anchors: list, found: list[Mention]) -> list[Mention]:
    """Short company names listed next to known companies: 「博纳激光、奔腾激光等公司」.

    An item of a 、-separated list counts as a company when another item of the
    same list is an organization already found and the item's modifier is not
    a generic word (光纤激光, 超快激光 are products, not companies).
    """
    from lasermap.extract.org_rules import rules

    generic = rules().generic_re
    org_spans = {(m.start, m.end) for m in found if m.type == "org"}
    out: list[Mention] = []
    for run in re.finditer(r"[^,，。；;：:！？!?\n]+", match_text):
        items = [(run.start() + i.start(), run.start() + i.end()) for i in re.finditer(r"[^、]+", run.group())]
        if len(items) < 2:
            continue
        has_org = any(any(s <= a and b <= e for a, b in org_spans) or (s, e) in org_spans for s, e in items)
        if not has_org:
            continue
        stop = rules().stop
        for s, e in items:
            m = _ENUM_ITEM.search(match_text, s, e)
            if not m or m.start() != s and match_text[s:m.start()] not in ("和", "及", "与"):
                continue
            modifier = m.group()[:2]
            if generic.fullmatch(modifier) or any(a <= m.start() < b for a, b in org_spans) or m.group()[0] in stop:
                continue
            name = m.group()
            out.append(_mention(text, anchors, m.start(), m.end(), type="org", subtype="company",
                                entity_id=rule_entity_id("org", name), name=name, name_zh=name,
                                method="rule-list", confidence=0.6))  # fmt: skip
    return out


_DECLARED = re.compile(r"\s?[(（]\s*([A-Z][A-Za-z0-9&.\- ]{1,30}|[\u4e00-\u9fff]{2,12})\s*[)）]")
_NOT_ALIAS = re.compile(r"^(?:19|20)\d{2}|^(?:the|a|an|and|or|of|in|for|see|note|ltd|co|inc)$", re.I)


def _declared_aliases(text: str, found: list[Mention]) -> list[Mention]:
    """Aliases a text declares right after a name — 邦德激光(Bodor), China Council … (CCPIT) —
    become mentions of the same entity, and so do their later uses in the document."""
    out: list[Mention] = []
    taken = {(m.start, m.end) for m in found}
    for m in found:
        if m.type not in ("org", "event") or not m.entity_id:
            continue
        d = _DECLARED.match(text, m.end)
        if not d or _NOT_ALIAS.match(d.group(1).strip()):
            continue
        alias = d.group(1).strip()
        if alias.casefold() == m.text.casefold() or any(a <= d.start(1) < b for a, b in taken if (a, b) != (m.start, m.end)):
            continue
        for occ in re.finditer(re.escape(alias), text):
            s, e = occ.start(), occ.end()
            if (s > 0 and text[s - 1].isalnum() and alias.isascii()) or (e < len(text) and text[e].isalnum() and alias.isascii()):
                continue
            if any(a <= s < b for a, b in taken):
                continue
            out.append(Mention(start=s, end=e, text=alias, type=m.type, subtype=m.subtype, entity_id=m.entity_id,
                               name=m.name, name_zh=m.name_zh, method="declared-alias", confidence=0.9))  # fmt: skip
            taken.add((s, e))
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for m in mentions:
        key = (m.start, m.end, m.type)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
