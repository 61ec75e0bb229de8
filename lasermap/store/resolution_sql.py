"""Store side of entity resolution: entity rows in, canonical mapping and curators' overrides out."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from lasermap.resolve.entities import EntityRow, Override


def entity_rows(conn: sqlite3.Connection) -> list[EntityRow]:
    names: dict[str, list[str]] = {}
    for eid, name in conn.execute("SELECT entity_id, name FROM entity_names"):
        names.setdefault(eid, []).append(name)
    return [
        EntityRow(id=eid, type=type_, name=name, name_zh=name_zh, origin=origin, names=names.get(eid, []))
        for eid, type_, name, name_zh, origin in conn.execute(
            "SELECT id, type, name, name_zh, origin FROM entities ORDER BY id"
        )
    ]


def overrides(conn: sqlite3.Connection, include_undone: bool = False) -> list[Override]:
    where = "" if include_undone else "WHERE undone_at IS NULL"
    return [
        Override(id=i, action=a, entity_a=ea, entity_b=eb, value=v)
        for i, a, ea, eb, v in conn.execute(
            f"SELECT id, action, entity_a, entity_b, value FROM entity_overrides {where} ORDER BY id"
        )
    ]


def add_override(conn: sqlite3.Connection, action: str, a: str, b: str | None, value: str | None) -> int:
    cur = conn.execute(
        "INSERT INTO entity_overrides(action, entity_a, entity_b, value, created_at) VALUES (?,?,?,?,?)",
        (action, a, b, value, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    return int(cur.lastrowid or 0)


def undo_override(conn: sqlite3.Connection, override_id: int) -> bool:
    cur = conn.execute(
        "UPDATE entity_overrides SET undone_at = ? WHERE id = ? AND undone_at IS NULL",
        (datetime.now(UTC).isoformat(timespec="seconds"), override_id),
    )
    return cur.rowcount > 0


def write_canonical(conn: sqlite3.Connection, mapping: dict[str, tuple[str, str]]) -> int:
    """Replace the canonical mapping; return how many ids map to another entity."""
    conn.execute("DELETE FROM entity_canonical")
    conn.executemany(
        "INSERT INTO entity_canonical(entity_id, canonical_id, reason) VALUES (?,?,?)",
        [(eid, canon, reason) for eid, (canon, reason) in sorted(mapping.items())],
    )
    return sum(1 for eid, (canon, _) in mapping.items() if eid != canon)
