"""Every SQL query of the analysis layer (profiles, clusters, compare, chain, partners, timeline).

Methods take and return raw entity ids and plain dicts/lists; going from what a
user sees (a canonical entity) to the rows of every member id is done with
:meth:`AnalysisQueries.members`, so a curator's merge shows up in every answer
at once. Lists are bounded (``limit``) so a profile of Jinan over 100k pages
stays a few thousand index reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from lasermap.resolve.entities import display_names
from lasermap.store import resolution_sql
from lasermap.store.analysis_index_sql import IndexQueries

_ENTITY_KEYS = ("id", "type", "subtype", "name", "name_zh", "origin")


def _m(n: int) -> str:
    return ",".join("?" * n)


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(ids), size):
        yield list(ids[i : i + size])


class AnalysisQueries(IndexQueries):
    """Read queries for the analysis commands over one SQLite connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    # --- entities and the canonical mapping -----------------------------------
    def entities(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(set(ids))):
            for row in self.conn.execute(
                f"SELECT id, type, subtype, name, name_zh, origin FROM entities WHERE id IN ({_m(len(chunk))})", chunk
            ):
                out[row[0]] = dict(zip(_ENTITY_KEYS, row, strict=True))
        return out

    def canonical_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Raw id → canonical id (an id without a mapping row is its own canonical)."""
        wanted = sorted(set(ids))
        out = {i: i for i in wanted}
        for chunk in _chunks(wanted):
            out.update(self.conn.execute(
                f"SELECT entity_id, canonical_id FROM entity_canonical WHERE entity_id IN ({_m(len(chunk))})", chunk
            ).fetchall())  # fmt: skip
        return out

    def members(self, canonical_id: str) -> list[str]:
        """Every raw id folded into ``canonical_id`` (itself included)."""
        rows = self.conn.execute(
            "SELECT entity_id FROM entity_canonical WHERE canonical_id = ?", (canonical_id,)
        ).fetchall()
        return sorted({canonical_id, *(r[0] for r in rows)})

    def members_of(self, canonical_ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {c: [c] for c in canonical_ids}
        for chunk in _chunks(list(canonical_ids)):
            for eid, canon in self.conn.execute(
                f"SELECT entity_id, canonical_id FROM entity_canonical WHERE canonical_id IN ({_m(len(chunk))})", chunk
            ):
                if eid != canon:
                    out[canon].append(eid)
        return out

    def display_names(self) -> dict[str, str]:
        """Curators' renames (entity id → name)."""
        return display_names(resolution_sql.overrides(self.conn))

    # --- lookup ---------------------------------------------------------------------
    def find_exact(self, text: str) -> set[str]:
        """Ids whose id, name, Chinese name, surface form or declared alias is ``text`` (case-insensitive)."""
        q = self.conn.execute
        ids = {r[0] for r in q("SELECT id FROM entities WHERE id = ? OR name = ? COLLATE NOCASE OR name_zh = ?",
                               (text, text, text))}  # fmt: skip
        ids |= {r[0] for r in q("SELECT entity_id FROM entity_names WHERE name = ? COLLATE NOCASE", (text,))}
        ids |= {r[0] for r in q("SELECT entity_id FROM entity_aliases WHERE alias = ?", (text,))}
        return ids

    def find_by_key(self, key: str) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT entity_id FROM an_name_keys WHERE key = ?", (key,))}

    def find_like(self, text: str, limit: int = 20) -> set[str]:
        like = f"%{text}%"
        rows = self.conn.execute(
            "SELECT id FROM entities WHERE name LIKE ? OR name_zh LIKE ? UNION "
            "SELECT entity_id FROM entity_names WHERE name LIKE ? LIMIT ?",
            (like, like, like, limit),
        )
        return {r[0] for r in rows}

    def existing(self, ids: Iterable[str]) -> set[str]:
        return set(self.entities(ids))

    def names(self, ids: Sequence[str]) -> list[str]:
        """Every surface form seen for the given ids (from ``entity_names``: no scan of the mentions)."""
        rows = self.conn.execute(
            f"SELECT name FROM entity_names WHERE entity_id IN ({_m(len(ids))}) ORDER BY length(name), name LIMIT 60",
            list(ids),
        )
        return [r[0] for r in rows]

    # --- documents --------------------------------------------------------------------
    def doc_count(self, ids: Sequence[str]) -> int:
        if len(ids) == 1:
            return int(self.conn.execute("SELECT count(*) FROM an_entity_docs WHERE entity_id = ?", ids).fetchone()[0])
        return int(self.conn.execute(
            f"SELECT count(DISTINCT doc_id) FROM an_entity_docs WHERE entity_id IN ({_m(len(ids))})", list(ids)
        ).fetchone()[0])  # fmt: skip

    def doc_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """Documents mentioning each raw id."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(ids)):
            out.update(self.conn.execute(
                f"SELECT entity_id, count(*) FROM an_entity_docs WHERE entity_id IN ({_m(len(chunk))}) "
                "GROUP BY entity_id", chunk).fetchall())  # fmt: skip
        return out

    def recent_docs(self, ids: Sequence[str], limit: int) -> list[dict[str, Any]]:
        """The newest documents mentioning any of ``ids`` (undated last)."""
        seen: dict[str, str | None] = {}
        for eid in ids:
            for doc_id, published in self.conn.execute(
                "SELECT doc_id, published FROM an_entity_docs WHERE entity_id = ? ORDER BY published DESC LIMIT ?",
                (eid, limit),
            ):
                seen[doc_id] = published
        picked = sorted(seen, key=lambda d: (seen[d] or "", d), reverse=True)[:limit]
        return self.documents(picked)

    def documents(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """id, date, title, site, url, lang, duplicate_of of each document, in the given order."""
        found: dict[str, dict[str, Any]] = {}
        keys = ("id", "published", "title", "site", "url", "lang", "duplicate_of", "source")
        for chunk in _chunks(list(dict.fromkeys(doc_ids))):
            for row in self.conn.execute(
                f"SELECT id, published, title, site, url, lang, duplicate_of, source FROM documents "
                f"WHERE id IN ({_m(len(chunk))})", chunk,
            ):  # fmt: skip
                found[row[0]] = dict(zip(keys, row, strict=True))
        return [found[d] for d in dict.fromkeys(doc_ids) if d in found]

    def sentences(self, spans: Sequence[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """Text of each (doc id, start, end) span."""
        out: dict[tuple[str, int, int], str] = {}
        for doc_id, s0, s1 in dict.fromkeys(spans):
            row = self.conn.execute(
                "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?", (s0, s1, s0, doc_id)
            ).fetchone()
            if row:
                out[(doc_id, s0, s1)] = " ".join(str(row[0]).split())
        return out

    def source_paths(self, doc_ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for chunk in _chunks(list(doc_ids)):
            for doc_id, source in self.conn.execute(
                f"SELECT doc_id, source FROM document_sources WHERE doc_id IN ({_m(len(chunk))}) ORDER BY source", chunk
            ):
                out.setdefault(doc_id, []).append(source)
        return out

    # --- facts ------------------------------------------------------------------------
    def fact_points(self, ids: Sequence[str], attribute: str | None = None, distinct: bool = True) -> list[dict[str, Any]]:
        """Distinct (attribute, year, unit, qualifier, value) of the subjects, with fact and document counts
        (``distinct=False`` counts facts as documents: faster, for ranking only)."""
        where, params = [f"subject_id IN ({_m(len(ids))})"], list(ids)
        if attribute:
            where.append("attribute = ?")
            params.append(attribute)
        docs = "count(DISTINCT doc_id)" if distinct else "count(*)"
        rows = self.conn.execute(
            f"SELECT attribute, year, unit, qualifier, value, count(*), {docs}, min(doc_id) "
            f"FROM facts WHERE {' AND '.join(where)} GROUP BY attribute, year, unit, qualifier, value",
            params,
        ).fetchall()
        keys = ("attribute", "year", "unit", "qualifier", "value", "facts", "docs", "doc_id")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def fact_rows(
        self, ids: Sequence[str], attribute: str | None = None, year: int | None = None, value: float | None = None,
        limit: int = 5000,
    ) -> list[dict[str, Any]]:
        """Facts of the subjects with their document (date, title, duplicate_of) and source sentence."""
        where, params = [f"f.subject_id IN ({_m(len(ids))})"], list(ids)
        for col, val in (("f.attribute", attribute), ("f.year", year), ("f.value", value)):
            if val is not None:
                where.append(f"{col} = ?")
                params.append(val)
        rows = self.conn.execute(
            "SELECT f.id, f.subject_id, f.subject_name, f.attribute, f.year, f.unit, f.qualifier, f.value, f.surface, "
            "f.doc_id, f.start, f.end, substr(d.text, f.sentence_start + 1, f.sentence_end - f.sentence_start), "
            "d.published, d.title, d.duplicate_of, d.site, d.url "
            f"FROM facts f JOIN documents d ON d.id = f.doc_id WHERE {' AND '.join(where)} "
            "ORDER BY f.attribute, f.year, d.published, f.doc_id, f.start LIMIT ?",
            [*params, limit],
        ).fetchall()
        keys = ("id", "subject_id", "subject_name", "attribute", "year", "unit", "qualifier", "value", "surface",
                "doc_id", "start", "end", "sentence", "published", "title", "duplicate_of", "site", "url")  # fmt: skip
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def duplicates(self) -> dict[str, str]:
        """Duplicate document id → the original it repeats (read once per query object: the set is small)."""
        cached = getattr(self, "_duplicates", None)
        if cached is None:
            cached = dict(self.conn.execute("SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL"))
            self._duplicates = cached
        return cached

    def point_docs(self, ids: Sequence[str], point: dict[str, Any], limit: int = 50) -> list[str]:
        """Documents stating one (attribute, year, unit, qualifier, value) point of the subjects."""
        year_sql = "year = ?" if point["year"] is not None else "year IS NULL"
        params = [*ids, point["attribute"], *([point["year"]] if point["year"] is not None else []),
                  point["unit"], point["qualifier"], point["value"], limit]  # fmt: skip
        return [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT doc_id FROM facts WHERE subject_id IN ({_m(len(ids))}) AND attribute = ? AND {year_sql} "
            "AND unit = ? AND qualifier = ? AND value = ? ORDER BY doc_id LIMIT ?", params)]  # fmt: skip

    def conflict_candidates(self, ids: Sequence[str] | None, limit: int) -> list[tuple[str, str, int, str]]:
        """(subject id, attribute, year, unit) groups with more than one distinct value from several documents."""
        where, params = "f.year IS NOT NULL AND f.subject_id IS NOT NULL", []
        if ids is not None:
            where += f" AND f.subject_id IN ({_m(len(ids))})"
            params = list(ids)
        rows = self.conn.execute(
            "SELECT coalesce(c.canonical_id, f.subject_id), f.attribute, f.year, f.unit FROM facts f "
            f"LEFT JOIN entity_canonical c ON c.entity_id = f.subject_id WHERE {where} "
            "GROUP BY 1, 2, 3, 4 HAVING count(DISTINCT f.value) > 1 AND count(DISTINCT f.doc_id) > 1 "
            "ORDER BY 1, 2, 3 LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [tuple(r) for r in rows]  # type: ignore[misc]

    # --- people, chain, partners, events ----------------------------------------------------
    def people(self, org_ids: Sequence[str], limit: int = 40) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT name, title, org_id, count(DISTINCT doc_id), min(doc_id) "
            f"FROM people WHERE org_id IN ({_m(len(org_ids))}) GROUP BY name, title ORDER BY 4 DESC, 1, 2 LIMIT ?",
            [*org_ids, limit],
        ).fetchall()
        keys = ("name", "title", "org_id", "docs", "doc_id")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def segments(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Chain segments named in sentences that mention any of ``ids``: documents and one evidence each."""
        out: list[dict[str, Any]] = []
        for chunk in _chunks(list(ids)):
            out += [dict(zip(("entity_id", "segment", "docs", "doc_id", "sent_start", "sent_end"), r, strict=True))
                    for r in self.conn.execute(
                        "SELECT entity_id, segment, docs, doc_id, sent_start, sent_end FROM an_entity_segments "
                        f"WHERE entity_id IN ({_m(len(chunk))})", chunk)]  # fmt: skip
        return out

    def links(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Partner links of ``ids`` grouped by (partner id, kind), with document counts and one evidence."""
        rows = self.conn.execute(
            "SELECT entity_b, kind, count(DISTINCT doc_id), min(doc_id), sent_start, sent_end, cue "
            f"FROM an_links WHERE entity_a IN ({_m(len(ids))}) GROUP BY entity_b, kind",
            list(ids),
        ).fetchall()
        keys = ("entity_id", "kind", "docs", "doc_id", "sent_start", "sent_end", "cue")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def link_evidence(self, ids: Sequence[str], partner_ids: Sequence[str], limit: int = 3) -> list[tuple]:
        """Up to ``limit`` evidence sentences (doc, start, end, kind, cue) per partner."""
        out: list[tuple] = []
        for b in partner_ids:
            out += [(b, *r) for r in self.conn.execute(
                "SELECT doc_id, sent_start, sent_end, kind, cue FROM an_links WHERE entity_a IN "
                f"({_m(len(ids))}) AND entity_b = ? ORDER BY doc_id LIMIT ?", [*ids, b, limit])]  # fmt: skip
        return out

    def entity_events(self, ids: Sequence[str], place_ids: Sequence[str] = (), limit: int = 30) -> tuple[int, list]:
        """Events whose sentence mentions, or whose participants include, any of ``ids`` (or held in ``place_ids``)."""
        sub = f"SELECT event_id FROM an_event_entities WHERE entity_id IN ({_m(len(ids))})"
        params: list[Any] = list(ids)
        if place_ids:
            sub += f" UNION SELECT id FROM events WHERE place_id IN ({_m(len(place_ids))})"
            params += list(place_ids)
        total = self.conn.execute(f"SELECT count(*) FROM ({sub})", params).fetchone()[0]
        rows = self.conn.execute(
            "SELECT e.id, e.doc_id, e.type, e.name, e.date, e.place, e.place_id, e.participants, e.sentence_start, "
            f"e.sentence_end FROM events e WHERE e.id IN ({sub}) ORDER BY e.date DESC, e.id LIMIT ?",
            [*params, limit],
        ).fetchall()
        keys = ("id", "doc_id", "type", "name", "date", "place", "place_id", "participants", "sent_start", "sent_end")
        return int(total), [dict(zip(keys, r, strict=True)) for r in rows]

    # --- clusters ---------------------------------------------------------------------------
    def homed_in(self, place_ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(entity id, place id, how) of organizations whose home place is one of ``place_ids``."""
        out: list[tuple[str, str, str]] = []
        for chunk in _chunks(list(place_ids)):
            out += self.conn.execute(
                f"SELECT entity_id, place_id, how FROM an_entity_home WHERE place_id IN ({_m(len(chunk))})", chunk
            ).fetchall()
        return out

    def located_at(self, site_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Organizations that sentences place at one of ``site_ids`` (位于/落户/based in), with evidence."""
        out: list[dict[str, Any]] = []
        keys = ("site_id", "org_id", "docs", "doc_id", "sent_start", "sent_end")
        for chunk in _chunks(list(site_ids)):
            out += [dict(zip(keys, r, strict=True)) for r in self.conn.execute(
                "SELECT site_id, org_id, count(DISTINCT doc_id), min(doc_id), sent_start, sent_end FROM an_located "
                f"WHERE site_id IN ({_m(len(chunk))}) GROUP BY site_id, org_id", chunk)]  # fmt: skip
        return out

    def home_counts(self) -> list[tuple[str, int]]:
        """(place id, organizations homed there) over the whole store."""
        return self.conn.execute(
            "SELECT place_id, count(*) FROM an_entity_home WHERE place_id IS NOT NULL GROUP BY place_id"
        ).fetchall()

    def company_homes(self) -> list[tuple[str, str]]:
        """(company id, home place) of every company with a known Chinese home place."""
        return self.conn.execute(
            "SELECT h.entity_id, h.place_id FROM an_entity_home h JOIN entities e ON e.id = h.entity_id "
            "WHERE h.place_id LIKE 'place:%' AND e.subtype = 'company'"
        ).fetchall()

    def company_sites(self) -> list[tuple[str, str]]:
        """(site id, company id) pairs that sentences state (位于/落户/based in)."""
        return self.conn.execute(
            "SELECT DISTINCT l.site_id, l.org_id FROM an_located l JOIN entities e ON e.id = l.org_id "
            "WHERE e.subtype = 'company'"
        ).fetchall()

    def merged(self) -> dict[str, str]:
        """Raw id → canonical id for every id folded into another (the small part of the mapping)."""
        return dict(self.conn.execute(
            "SELECT entity_id, canonical_id FROM entity_canonical WHERE entity_id <> canonical_id"))  # fmt: skip

    def homes(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Raw id → (home place, how) for the ids that have one."""
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(
            f"SELECT entity_id, place_id, how FROM an_entity_home WHERE entity_id IN ({_m(len(ids))}) "
            "AND place_id IS NOT NULL", list(ids))}  # fmt: skip

    def parks(self) -> list[tuple[str, str | None]]:
        """(park entity id, home place) of every park entity."""
        return self.conn.execute(
            "SELECT e.id, h.place_id FROM entities e LEFT JOIN an_entity_home h ON h.entity_id = e.id "
            "WHERE e.type = 'org' AND e.subtype = 'park'"
        ).fetchall()

    def subject_attributes(self, ids: Sequence[str]) -> list[tuple[str, int]]:
        return self.conn.execute(
            f"SELECT attribute, count(*) FROM facts WHERE subject_id IN ({_m(len(ids))}) GROUP BY attribute "
            "ORDER BY 2 DESC",
            list(ids),
        ).fetchall()
