"""Writing and reading a document's annotations (mentions, entities, facts, events, people, chain tags)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from lasermap.annotations import ChainTag, Event, Fact, Mention, Person
from lasermap.doc import Document


def insert_annotations(conn: sqlite3.Connection, doc: Document) -> None:
    """Insert every annotation of ``doc`` (called inside the document's transaction)."""
    for m in doc.mentions:
        if m.entity_id:
            origin = "gazetteer" if m.method.startswith("gazetteer") else "rule"
            conn.execute(
                "INSERT OR IGNORE INTO entities(id, type, subtype, name, name_zh, place_id, origin) VALUES (?,?,?,?,?,?,?)",
                (m.entity_id, m.type, m.subtype, m.name or m.text, m.name_zh, None, origin),
            )
            conn.execute("INSERT OR IGNORE INTO entity_names(entity_id, name) VALUES (?, ?)", (m.entity_id, m.text))
            if m.method == "declared-alias":
                conn.execute(
                    "INSERT OR IGNORE INTO entity_aliases(entity_id, alias, doc_id) VALUES (?, ?, ?)",
                    (m.entity_id, m.text, doc.id),
                )
        conn.execute(
            "INSERT OR IGNORE INTO mentions(doc_id, start, end, text, type, subtype, entity_id, method, confidence) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (doc.id, m.start, m.end, m.text, m.type, m.subtype, m.entity_id, m.method, m.confidence),
        )
    conn.executemany(
        "INSERT INTO facts(doc_id, subject_id, subject_name, attribute, value, unit, qualifier, year, surface, start, end, "
        "sentence_start, sentence_end, subject_start, subject_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(doc.id, f.subject_id, f.subject_name, f.attribute, f.value, f.unit, f.qualifier, f.year, f.surface, f.start,
          f.end, f.sentence_start, f.sentence_end, f.subject_start, f.subject_end) for f in doc.facts],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO events(doc_id, type, name, date, place, place_id, participants, start, end, sentence_start, "
        "sentence_end, trigger) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(doc.id, e.type, e.name, e.date, e.place, e.place_id, json.dumps(e.participants, ensure_ascii=False),
          e.start, e.end, e.sentence_start, e.sentence_end, e.trigger) for e in doc.events],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO people(doc_id, name, title, org_id, org_name, start, end, sentence_start, sentence_end) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        [(doc.id, p.name, p.title, p.org_id, p.org_name, p.start, p.end, p.sentence_start, p.sentence_end)
         for p in doc.people],
    )  # fmt: skip
    conn.executemany(
        "INSERT OR IGNORE INTO chain_tags(doc_id, segment, term, start, end, sentence_start, sentence_end) "
        "VALUES (?,?,?,?,?,?,?)",
        [(doc.id, t.segment, t.term, t.start, t.end, t.sentence_start, t.sentence_end) for t in doc.chain_tags],
    )


def delete_annotations(conn: sqlite3.Connection, doc_id: str) -> None:
    for table in ("mentions", "facts", "events", "people", "chain_tags"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))


def load_annotations(conn: sqlite3.Connection, doc_id: str) -> dict[str, list[Any]]:
    """The stored annotations of one document, as annotation records."""
    q = conn.execute
    mentions = [Mention(start=s, end=e, text=t, type=ty, subtype=st, entity_id=eid, name=n or t, name_zh=nz,
                        method=me, confidence=c)
                for s, e, t, ty, st, eid, me, c, n, nz in q(
                    "SELECT m.start, m.end, m.text, m.type, m.subtype, m.entity_id, m.method, m.confidence, en.name, "
                    "en.name_zh FROM mentions m LEFT JOIN entities en ON en.id = m.entity_id WHERE m.doc_id = ? "
                    "ORDER BY m.start, m.end DESC", (doc_id,))]  # fmt: skip
    facts = [Fact(subject_name=r[1], attribute=r[2], value=r[3], unit=r[4], qualifier=r[5], year=r[6], surface=r[7],
                  start=r[8], end=r[9], sentence_start=r[10], sentence_end=r[11], subject_id=r[0],
                  subject_start=r[12], subject_end=r[13])
             for r in q("SELECT subject_id, subject_name, attribute, value, unit, qualifier, year, surface, start, end, "
                        "sentence_start, sentence_end, subject_start, subject_end FROM facts WHERE doc_id = ? "
                        "ORDER BY start", (doc_id,))]  # fmt: skip
    events = [Event(type=r[0], name=r[1], date=r[2], place=r[3], place_id=r[4],
                    participants=json.loads(r[5]) if r[5] else [], start=r[6], end=r[7], sentence_start=r[8],
                    sentence_end=r[9], trigger=r[10] or "")
              for r in q("SELECT type, name, date, place, place_id, participants, start, end, sentence_start, "
                         "sentence_end, trigger FROM events WHERE doc_id = ? ORDER BY start", (doc_id,))]  # fmt: skip
    people = [Person(name=r[0], title=r[1], org_id=r[2], org_name=r[3], start=r[4], end=r[5], sentence_start=r[6],
                     sentence_end=r[7])
              for r in q("SELECT name, title, org_id, org_name, start, end, sentence_start, sentence_end FROM people "
                         "WHERE doc_id = ? ORDER BY start", (doc_id,))]  # fmt: skip
    chain = [ChainTag(*r) for r in q("SELECT segment, term, start, end, sentence_start, sentence_end FROM chain_tags "
                                     "WHERE doc_id = ? ORDER BY start", (doc_id,))]  # fmt: skip
    return {"mentions": mentions, "facts": facts, "events": events, "people": people, "chain_tags": chain}
