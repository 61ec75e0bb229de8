"""Store side of incremental reprint detection (logic in ``lasermap.dedup.incremental``)."""

from __future__ import annotations

import sqlite3


def mark_reprints(conn: sqlite3.Connection, doc_id: str, signature: bytes) -> str | None:
    """Index ``doc_id``'s band keys and attach it to the story it reprints (or that reprints it).

    Returns the id of the story's original when the document joined a story.
    Runs inside the caller's transaction.
    """
    if not signature:
        return None  # no text to compare (or --no-extract): nothing to import or look up
    from lasermap.dedup.incremental import band_keys, original_of, similar  # datasketch/scipy load lazily

    keys = band_keys(signature)
    if not keys:
        return None
    candidates: set[str] = set()
    for band, key in keys:
        candidates.update(r[0] for r in conn.execute(
            "SELECT doc_id FROM doc_bands WHERE band = ? AND key = ?", (band, key)))  # fmt: skip
    conn.executemany("INSERT OR IGNORE INTO doc_bands(band, key, doc_id) VALUES (?, ?, ?)",
                     [(b, k, doc_id) for b, k in keys])  # fmt: skip
    candidates.discard(doc_id)
    originals: set[str] = set()
    for other in candidates:
        row = conn.execute("SELECT signature, duplicate_of FROM documents WHERE id = ?", (other,)).fetchone()
        if row and row[0] and similar(signature, bytes(row[0])):
            originals.add(row[1] or other)
    if not originals:
        return None
    members = [(i, p, n) for i, p, n in conn.execute(
        f"SELECT id, published, length(text) FROM documents WHERE id IN ({','.join('?' * (len(originals) + 1))})",
        [*originals, doc_id])]  # fmt: skip
    best = original_of(members)
    for old in originals | {doc_id}:
        if old != best:
            conn.execute("UPDATE documents SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?", (best, old, old))
    conn.execute("UPDATE documents SET duplicate_of = NULL WHERE id = ?", (best,))
    return best


def forget_reprints(conn: sqlite3.Connection, doc_id: str) -> None:
    """Drop a document's band keys (before its signature is replaced)."""
    conn.execute("DELETE FROM doc_bands WHERE doc_id = ?", (doc_id,))


def reset_reprints(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM doc_bands")
    conn.execute("UPDATE documents SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
