"""A GEXF 1.3 graph of the industry for Gephi: who appears with whom, who works where, what happened where.

Nodes are organizations, places, people and events:

- every stored entity (gazetteer or rule-found org, place, gazetteer event) under its entity id;
- people from the people extractor, keyed by name *and* organization (``person:~HASH``), because the same
  Chinese or English name at two employers is far more often two people than one;
- extracted events (``event:~HASH`` keyed by type, name and date — or the document when undated, so two
  reports of one dated event meet in one node). An event whose name is a known event entity's name
  (a trade fair in the gazetteer) is that entity;
- places and organizations the gazetteer knows but no document mentions, when an edge needs them;
- an organization or place named only as text (an event participant, a person's employer) that matches no
  entity becomes a node with subtype ``unresolved``, so the relation is kept and visibly unverified.

Edges (GEXF ``kind`` — Gephi's edge type, which lets parallel edges of different kinds coexist — plus
``label`` and a ``kind`` attribute for tools such as networkx that do not read GEXF 1.3 kinds):

- ``co_mention``: two orgs / people / named events in one sentence; weight = sentences, with the first
  sentence (≤ 200 chars) and its document as evidence;
- ``works_for`` person → org, ``participated`` event → org, ``held_in`` event → place: weight = records;
- ``located_in`` org → place, or ``held_in`` for gazetteer events: from the gazetteer, weight 1.

The graph is undirected (``defaultedgetype="undirected"``): most edges are symmetric co-mentions, layouts
ignore direction, and GEXF readers such as networkx reject mixed graphs. Relation edges are still written
source = subject (person, event, org), target = object. Documents marked ``duplicate_of`` are skipped so a
reprint does not double a co-mention weight; node ``n_documents`` counts come from the store.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from lasermap.annotations import Mention
from lasermap.domain.load import country_by_id, org_by_id, place_by_id
from lasermap.exports.tables import atomic_path
from lasermap.extract.sentences import split_sentences
from lasermap.store.base import Store, StoredDocument

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
EVIDENCE_CHARS = 200
NODE_TYPES = ("org", "place", "person", "event")
COMENTION_TYPES = ("org", "person", "event")
NODE_ATTRS = (("type", "string"), ("subtype", "string"), ("name_zh", "string"), ("n_documents", "integer"),
              ("date", "string"))  # fmt: skip
EDGE_ATTRS = (("kind", "string"), ("evidence", "string"), ("evidence_doc", "string"))
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(slots=True)
class Node:
    id: str
    label: str
    type: str
    subtype: str | None = None
    name_zh: str | None = None
    date: str | None = None
    docs: set[str] = field(default_factory=set)
    stored_count: int | None = None  # the store's document count, when the node is a stored entity

    @property
    def n_documents(self) -> int:
        return self.stored_count if self.stored_count is not None else len(self.docs)


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    kind: str
    weight: int = 0
    evidence: str | None = None
    evidence_doc: str | None = None


def _hash_id(prefix: str, *parts: str) -> str:
    """A short stable id for things the store gives no id (people, extracted events, unresolved names)."""
    return prefix + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _evidence(text: str) -> str:
    """One line, at most ``EVIDENCE_CHARS`` characters: enough to recognise the sentence in Gephi's table."""
    line = " ".join(text.split())
    return line if len(line) <= EVIDENCE_CHARS else line[: EVIDENCE_CHARS - 1] + "…"


def _text(value: object) -> str | None:
    """A non-empty string field of an entity dict, else None (the store types them ``object``)."""
    return value if isinstance(value, str) and value.strip() else None


def _outermost(mentions: Iterable[Mention]) -> list[Mention]:
    """Drop mentions nested in a longer one (中国科学院 inside 中国科学院半导体研究所), which would co-mention
    an organization with its own name."""
    kept: list[Mention] = []
    reach = -1
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.end <= reach:
            continue
        kept.append(m)
        reach = max(reach, m.end)
    return kept


class GraphBuilder:
    """Accumulates nodes and weighted edges document by document, then adds gazetteer locations."""

    def __init__(self, entities: Iterable[dict[str, object]]):
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self.names: dict[tuple[str, str], str] = {}  # (type, casefolded surface name) → node id
        for e in entities:
            self._add_entity(e)

    def _add_entity(self, e: dict[str, object]) -> None:
        type_, eid = str(e["type"]), str(e["id"])
        if type_ not in NODE_TYPES:
            return
        name, name_zh, subtype = _text(e.get("name")), _text(e.get("name_zh")), _text(e.get("subtype"))
        docs = e.get("documents")
        count = len(docs) if isinstance(docs, list) else 0
        self.nodes[eid] = Node(eid, name or name_zh or eid, type_, subtype, name_zh, stored_count=count)
        names = e.get("names")
        for surface in [name, name_zh, *(names if isinstance(names, list) else [])]:
            if isinstance(surface, str) and surface.strip():
                self.names.setdefault((type_, surface.strip().casefold()), eid)

    def _gazetteer_node(self, ref: str) -> Node | None:
        """A node for a gazetteer org, place or country id that no stored document mentions."""
        if (org := org_by_id().get(ref)) is not None:
            type_ = org.type if org.type in NODE_TYPES else "org"
            return Node(ref, org.name or org.name_zh or ref, type_, org.subtype, org.name_zh, stored_count=0)
        if (place := place_by_id().get(ref)) is not None:
            return Node(
                ref, place.name_en or place.name_zh, "place", place.level, place.name_zh, stored_count=0
            )
        if (country := country_by_id().get(ref)) is not None:
            return Node(
                ref, country.name_en or country.name_zh, "place", "country", country.name_zh, stored_count=0
            )
        return None

    def resolve(self, types: tuple[str, ...], ref: str | None) -> str | None:
        """Node id for an entity id or a name of one of ``types``; an unmatched name becomes an unresolved node."""
        ref = (ref or "").strip()
        if not ref:
            return None
        if ref in self.nodes:
            return ref
        if (node := self._gazetteer_node(ref)) is not None:
            self.nodes[ref] = node
            return ref
        for type_ in types:
            if (found := self.names.get((type_, ref.casefold()))) is not None:
                return found
        nid = _hash_id(f"{types[0]}:?", ref.casefold())
        if nid not in self.nodes:
            zh = ref if _CJK.search(ref) else None
            self.nodes[nid] = Node(nid, ref, types[0], "unresolved", zh)
        return nid

    def link(
        self, source: str, target: str, kind: str, doc_id: str | None = None, sentence: str | None = None
    ) -> None:
        """Add one observation to the (source, target, kind) edge; co-mentions are stored with sorted ends."""
        if source == target:
            return
        if kind == "co_mention":
            source, target = sorted((source, target))
        edge = self.edges.setdefault((source, target, kind), Edge(source, target, kind))
        edge.weight += 1
        if sentence is not None and edge.evidence is None:
            edge.evidence, edge.evidence_doc = _evidence(sentence), doc_id

    def add_document(self, doc: StoredDocument, ann: dict[str, list]) -> None:
        """People, events and same-sentence co-mentions of one document."""
        people = self._add_people(doc, ann)
        self._add_events(doc, ann)
        self._add_comentions(doc, ann, people)

    def _add_people(self, doc: StoredDocument, ann: dict[str, list]) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for p in ann.get("people", []):
            name = " ".join((p.name or "").split())
            if not name:
                continue
            org = self.resolve(("org",), p.org_id or p.org_name)
            pid = _hash_id("person:~", name.casefold(), org or "")
            node = self.nodes.setdefault(
                pid, Node(pid, name, "person", None, name if _CJK.search(name) else None)
            )
            node.docs.add(doc.id)
            if org is not None:
                self.link(pid, org, "works_for", doc.id)
            found.append((p.start, pid))
        return found

    def _add_events(self, doc: StoredDocument, ann: dict[str, list]) -> None:
        for e in ann.get("events", []):
            name = " ".join((e.name or "").split()) or e.type
            eid = self.names.get(("event", name.casefold())) or _hash_id(
                "event:~", e.type, name.casefold(), e.date or doc.id
            )
            zh = name if _CJK.search(name) else None
            node = self.nodes.setdefault(eid, Node(eid, name, "event", e.type, zh, e.date))
            node.docs.add(doc.id)
            place = self.resolve(("place",), e.place_id or e.place)
            if place is not None:
                self.link(eid, place, "held_in", doc.id)
            for participant in e.participants:
                org = self.resolve(("org", "event"), participant)
                if org is not None:
                    self.link(eid, org, "participated", doc.id)

    def _add_comentions(
        self, doc: StoredDocument, ann: dict[str, list], people: list[tuple[int, str]]
    ) -> None:
        """Link every pair of orgs, people and named events that share a sentence (weight = sentences)."""
        sentences = split_sentences(doc.text)
        if not sentences:
            return
        starts = [s.start for s in sentences]
        named = [m for m in ann.get("mentions", []) if m.entity_id and m.type in COMENTION_TYPES]
        items = [(m.start, m.entity_id) for m in _outermost(named) if m.entity_id in self.nodes] + people
        by_sentence: dict[int, set[str]] = {}
        for start, nid in items:
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and start < sentences[i].end:
                by_sentence.setdefault(i, set()).add(nid)
        for i, ids in sorted(by_sentence.items()):
            ordered = sorted(ids)
            text = doc.text[sentences[i].start : sentences[i].end]
            for a_i, a in enumerate(ordered):
                for b in ordered[a_i + 1 :]:
                    self.link(a, b, "co_mention", doc.id, text)

    def add_gazetteer_locations(self) -> None:
        """``located_in`` (org) or ``held_in`` (recurring event) edges for nodes the gazetteer places."""
        orgs = org_by_id()
        for nid, node in list(self.nodes.items()):
            record = orgs.get(nid)
            if record is None or not record.place:
                continue
            place = self.resolve(("place",), record.place)
            if place is not None and self.nodes[place].type == "place":
                self.link(nid, place, "held_in" if node.type == "event" else "located_in")


def _safe(text: str) -> str:
    """Strip characters XML 1.0 forbids (control bytes that survive in scraped text)."""
    return _NOT_XML.sub("", text)


def _attvalues(parent: ET.Element, values: dict[str, object]) -> None:
    present = {k: v for k, v in values.items() if v is not None and v != ""}
    if present:
        holder = ET.SubElement(parent, "attvalues")
        for key, value in present.items():
            ET.SubElement(holder, "attvalue", {"for": key, "value": _safe(str(value))})


def _declare(graph: ET.Element, cls: str, attrs: tuple[tuple[str, str], ...]) -> None:
    holder = ET.SubElement(graph, "attributes", {"class": cls})
    for key, type_ in attrs:
        ET.SubElement(holder, "attribute", {"id": key, "title": key, "type": type_})


def build_gexf(nodes: Iterable[Node], edges: Iterable[Edge]) -> ET.ElementTree:
    """The GEXF 1.3 document: declared attributes, nodes with labels, edges with kind, label and weight."""
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "xmlns:xsi": XSI_NS, "version": "1.3",
                               "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd"})  # fmt: skip
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, "creator").text = "lasermap"
    ET.SubElement(
        meta, "description"
    ).text = "Organizations, places, people and events from laser-industry news"
    graph = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "undirected"})
    _declare(graph, "node", NODE_ATTRS)
    _declare(graph, "edge", EDGE_ATTRS)
    node_el = ET.SubElement(graph, "nodes")
    for n in nodes:
        el = ET.SubElement(node_el, "node", {"id": _safe(n.id), "label": _safe(" ".join(n.label.split()))})
        _attvalues(el, {"type": n.type, "subtype": n.subtype, "name_zh": n.name_zh, "n_documents": n.n_documents,
                        "date": n.date})  # fmt: skip
    edge_el = ET.SubElement(graph, "edges")
    for i, e in enumerate(edges):
        el = ET.SubElement(edge_el, "edge", {"id": f"e{i}", "source": _safe(e.source), "target": _safe(e.target),
                                             "label": e.kind, "kind": e.kind, "weight": str(float(e.weight))})  # fmt: skip
        _attvalues(el, {"kind": e.kind, "evidence": e.evidence, "evidence_doc": e.evidence_doc})
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def export_gexf(store: Store, path: str) -> dict[str, int]:
    """Write the graph to ``path`` (a ``.gexf`` file) atomically; return node and edge counts, also per type/kind."""
    builder = GraphBuilder(store.iter_entities())
    for doc in store.iter_documents():
        if not doc.duplicate_of:
            builder.add_document(doc, store.annotations(doc.id))
    builder.add_gazetteer_locations()
    nodes = sorted(builder.nodes.values(), key=lambda n: n.id)
    edges = sorted(builder.edges.values(), key=lambda e: (e.kind, e.source, e.target))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with atomic_path(path) as tmp:
        build_gexf(nodes, edges).write(tmp, encoding="utf-8", xml_declaration=True)
    counts = {"nodes": len(nodes), "edges": len(edges)}
    counts.update({f"nodes.{k}": v for k, v in sorted(Counter(n.type for n in nodes).items())})
    counts.update({f"edges.{k}": v for k, v in sorted(Counter(e.kind for e in edges).items())})
    return counts
