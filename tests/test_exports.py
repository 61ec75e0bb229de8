"""CSV, Parquet and GEXF exports, each opened in the tool an analyst would use.

The database is the bundled examples ingested by the real CLI, plus one hand-built document whose
text has commas, quotes, line breaks and a control character, and which carries a person, a fact
and an event — so the checks do not depend on which extraction stages are wired into ingest yet.
"""

from __future__ import annotations

import csv
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from lasermap.annotations import ChainTag, Event, Fact, Mention, Person
from lasermap.doc import Document
from lasermap.errors import LasermapError
from lasermap.exports import export_gexf, export_tables
from lasermap.store.sqlite import SQLiteStore, open_store
from tests.conftest import ROOT, run_cli

EXAMPLES = ROOT / "lasermap" / "examples"
NASTY_TITLE = 'Lasers, "quoted", and\nmore'
SENT_1 = 'Acme said "we\'re growing, fast",\nreally.'
SENT_2 = "Zhang Wei, CEO of TRUMPF, signed a deal with Unknown Partner Co in Wuhan\x0b today."
TEXT = f"{SENT_1} {SENT_2}\n\n第二段：激光，“引号”。"
TABLES = ("documents", "entities", "facts", "events")


def _synthetic() -> Document:
    """A document with every annotation kind, offsets computed from TEXT."""
    s2 = TEXT.index(SENT_2)
    s2_end = s2 + len(SENT_2)
    at = TEXT.index
    return Document(
        source="synthetic://exports",
        raw=TEXT.encode("utf-8"),
        text=TEXT,
        title=NASTY_TITLE,
        published="2024-05-06",
        lang="en",
        url='https://example.com/a,b?c="d"',
        site="example.com",
        mentions=[
            Mention(
                at("TRUMPF"), at("TRUMPF") + 6, "TRUMPF", "org", "company", "org:trumpf", "TRUMPF", "通快"
            ),
            Mention(
                at("Wuhan"), at("Wuhan") + 5, "Wuhan", "place", "city", "place:420100", "Wuhan", "武汉市"
            ),
            Mention(0, 4, "Acme", "org", "company", "org:~exports-acme", "Acme", None, "rule"),
        ],
        people=[Person("Zhang Wei", "CEO", s2, s2 + 9, s2, s2_end, org_id="org:trumpf", org_name="TRUMPF")],
        facts=[
            Fact(
                subject_name="Acme",
                attribute="revenue",
                value=1.5e9,
                unit="CNY",
                qualifier="gt",
                year=2024,
                surface="growing, fast",
                start=10,
                end=24,
                sentence_start=0,
                sentence_end=len(SENT_1),
                subject_id="org:~exports-acme",
            )
        ],
        events=[
            Event(
                type="signing",
                name='TRUMPF deal, "big"',
                date="2024-05-01",
                start=at("signed"),
                end=at("signed") + 6,
                sentence_start=s2,
                sentence_end=s2_end,
                place="Wuhan",
                place_id="place:420100",
                participants=["TRUMPF", "Unknown Partner Co"],
            )
        ],
        chain_tags=[ChainTag("upstream", "laser", 0, 4, 0, 4), ChainTag("midstream", "x", 0, 4, 0, 4)],
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    db = tmp_path_factory.mktemp("exports") / "ex.db"
    res = run_cli("ingest", str(EXAMPLES), db=db)
    assert res.code == 0, res.err
    st = open_store(str(db))
    st.put_documents([_synthetic()])
    yield st
    st.close()


def _expected_counts(store: SQLiteStore) -> dict[str, int]:
    docs = list(store.iter_documents())
    anns = [store.annotations(d.id) for d in docs]
    return {"documents": len(docs), "entities": sum(1 for _ in store.iter_entities()),
            "facts": sum(len(a["facts"]) for a in anns), "events": sum(len(a["events"]) for a in anns)}  # fmt: skip


def _read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_counts_and_round_trip(store: SQLiteStore, tmp_path: Path) -> None:
    counts = export_tables(store, str(tmp_path), "csv")
    expected = _expected_counts(store)
    assert counts == {f"{t}.csv": expected[t] for t in TABLES}
    rows = {t: _read_csv(tmp_path / f"{t}.csv") for t in TABLES}
    assert {t: len(r) for t, r in rows.items()} == expected
    assert expected["documents"] >= 40 and expected["entities"] > 100
    doc = next(r for r in rows["documents"] if r["source"] == "synthetic://exports")
    assert doc["title"] == NASTY_TITLE and doc["url"] == 'https://example.com/a,b?c="d"'
    assert doc["published"] == "2024-05-06" and doc["chain_segments"] == "midstream;upstream"
    assert doc["n_chars"] == str(len(TEXT)) and doc["duplicate_of"] == ""
    fact = next(r for r in rows["facts"] if r["subject_id"] == "org:~exports-acme")
    assert fact["sentence"] == SENT_1 and fact["surface"] == "growing, fast" and float(fact["value"]) == 1.5e9
    assert fact["year"] == "2024" and (fact["start"], fact["end"]) == ("10", "24")
    event = next(r for r in rows["events"] if r["type"] == "signing" and r["doc_id"] == doc["id"])
    assert event["name"] == 'TRUMPF deal, "big"' and event["participants"] == "TRUMPF | Unknown Partner Co"
    trumpf = next(r for r in rows["entities"] if r["id"] == "org:trumpf")
    assert "TRUMPF" in trumpf["names"].split(" | ") and int(trumpf["n_documents"]) >= 2
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_parquet_types_and_counts(store: SQLiteStore, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    counts = export_tables(store, str(tmp_path), "parquet")
    expected = _expected_counts(store)
    assert counts == {f"{t}.parquet": expected[t] for t in TABLES}
    tables = {t: pq.read_table(tmp_path / f"{t}.parquet") for t in TABLES}
    assert {t: tab.num_rows for t, tab in tables.items()} == expected
    docs, facts = tables["documents"], tables["facts"]
    assert docs.schema.field("published").type == pa.date32()
    assert docs.schema.field("n_chars").type == pa.int64()
    assert facts.schema.field("value").type == pa.float64()
    assert facts.schema.field("year").type == pa.int32() and facts.schema.field("year").nullable
    assert facts.schema.field("start").type == pa.int64()
    assert tables["entities"].schema.field("n_documents").type == pa.int64()
    row = next(r for r in docs.to_pylist() if r["source"] == "synthetic://exports")
    assert row["title"] == NASTY_TITLE and row["published"].isoformat() == "2024-05-06"
    fact = next(r for r in facts.to_pylist() if r["subject_id"] == "org:~exports-acme")
    assert fact["value"] == 1.5e9 and fact["year"] == 2024 and fact["sentence"] == SENT_1
    undated = [r for r in docs.to_pylist() if r["published"] is None]
    assert len(undated) == sum(1 for d in store.iter_documents() if not d.published)


def test_parquet_without_pyarrow_names_the_extra(store: SQLiteStore, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` raise ImportError
    with pytest.raises(LasermapError, match=r"pip install 'lasermap\[parquet\]'"):
        export_tables(store, str(tmp_path / "out"), "parquet")
    assert not (tmp_path / "out").exists()


def test_failed_export_keeps_previous_files(store: SQLiteStore, tmp_path: Path) -> None:
    export_tables(store, str(tmp_path), "csv")
    before = (tmp_path / "documents.csv").read_bytes()

    class Broken:
        def iter_documents(self):  # type: ignore[no-untyped-def]
            yield next(store.iter_documents())
            raise RuntimeError("disk gone")

        def __getattr__(self, name):  # type: ignore[no-untyped-def]
            return getattr(store, name)

    with pytest.raises(RuntimeError):
        export_tables(Broken(), str(tmp_path), "csv")  # type: ignore[arg-type]
    assert (tmp_path / "documents.csv").read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == sorted(f"{t}.csv" for t in TABLES)


def test_unknown_format(store: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(LasermapError, match="unknown table format"):
        export_tables(store, str(tmp_path), "xlsx")


def test_gexf_opens_in_networkx(store: SQLiteStore, tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx", reason="networkx belongs in the dev extra for this test")
    path = tmp_path / "graph.gexf"
    counts = export_gexf(store, str(path))
    g = nx.read_gexf(path)
    assert counts["nodes"] == g.number_of_nodes() > 0 and counts["edges"] == g.number_of_edges() > 0
    # networkx invents bare nodes for unknown edge ends, so check the XML itself: every end is declared
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.parse(path).getroot()
    ids = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    ends = {e.get(k) for e in root.iterfind(".//g:edge", ns) for k in ("source", "target")}
    assert ends <= ids and len(ids) == counts["nodes"]
    for _, data in g.nodes(data=True):
        assert (
            data["label"] and data["type"] in {"org", "place", "person", "event"} and data["n_documents"] >= 0
        )
    for _, _, data in g.edges(data=True):
        assert data["kind"] == data["label"] and data["weight"] >= 1
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert {"co_mention", "works_for", "participated", "held_in", "located_in"} <= kinds
    _check_known_pairs(g)


def _check_known_pairs(g) -> None:  # type: ignore[no-untyped-def]
    """The synthetic document's relations, and gazetteer locations of example organizations."""
    person = next(n for n, d in g.nodes(data=True) if d["type"] == "person" and d["label"] == "Zhang Wei")

    def kinds(a: str, b: str) -> set[str]:
        return {d["kind"] for d in g.get_edge_data(a, b, default={}).values()} if g.is_multigraph() else set()

    assert {"works_for", "co_mention"} <= kinds(person, "org:trumpf")
    co = next(iter(d for d in g.get_edge_data(person, "org:trumpf").values() if d["kind"] == "co_mention"))
    assert co["evidence"].startswith("Zhang Wei, CEO of TRUMPF") and len(co["evidence"]) <= 200
    assert "\x0b" not in co["evidence"]
    assert "located_in" in kinds("org:trumpf", "country:DE")
    event = next(
        n for n, d in g.nodes(data=True) if d["type"] == "event" and d["label"] == 'TRUMPF deal, "big"'
    )
    assert g.nodes[event]["date"] == "2024-05-01" and g.nodes[event]["subtype"] == "signing"
    assert "held_in" in kinds(event, "place:420100") and "participated" in kinds(event, "org:trumpf")
    unresolved = next(n for n, d in g.nodes(data=True) if d["label"] == "Unknown Partner Co")
    assert g.nodes[unresolved]["subtype"] == "unresolved" and "participated" in kinds(event, unresolved)
    assert g.nodes["org:trumpf"]["name_zh"] == "通快" and g.nodes["org:trumpf"]["n_documents"] >= 2
    comentions = [d for _, _, d in g.edges(data=True) if d["kind"] == "co_mention" and d.get("evidence_doc")]
    assert len({d["evidence_doc"] for d in comentions}) > 5, "co-mentions come from many example documents"
