"""Flat tables for analysts: ``documents``, ``entities``, ``facts`` and ``events`` as CSV or Parquet.

JSON Lines (``lasermap.export``) keeps each document whole; spreadsheets, pandas,
DuckDB and BI tools want one row per thing instead. Both formats carry the same
columns in the same order, so a notebook can switch format without edits.

CSV: UTF-8 without a BOM, a header row, RFC 4180 quoting (fields holding a comma,
quote or line break are quoted, quotes doubled, rows end in CRLF). Empty cells
mean null. Lists are joined into one cell (see ``JOINERS``).

Parquet (needs the optional ``pyarrow``: ``pip install 'lasermap[parquet]'``):
``value`` is float64, ``year`` a nullable int32, counts and offsets int64, and
``published`` is a ``date32`` — typed so date filters work without casting; the
store guarantees ``YYYY-MM-DD``, and a value that is not one becomes null rather
than failing the whole export. Everything else is a UTF-8 string.

Every file is written to a temporary name in the output folder and renamed into
place, so a reader never sees half a file and a failed export leaves the old one.
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
from collections.abc import Iterator
from datetime import date
from typing import Any, Protocol

from lasermap.errors import LasermapError
from lasermap.store.base import Store, StoredDocument

FORMATS = ("csv", "parquet")

#: Column name → logical type (string | int64 | int32 | float64 | date), in file order.
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("id", "string"), ("source", "string"), ("url", "string"), ("site", "string"), ("title", "string"),
        ("published", "date"), ("lang", "string"), ("script", "string"), ("author", "string"),
        ("duplicate_of", "string"), ("n_chars", "int64"), ("chain_segments", "string"),
    ],
    "entities": [
        ("id", "string"), ("type", "string"), ("subtype", "string"), ("name", "string"), ("name_zh", "string"),
        ("names", "string"), ("n_documents", "int64"),
    ],
    "facts": [
        ("doc_id", "string"), ("subject_id", "string"), ("subject_name", "string"), ("attribute", "string"),
        ("value", "float64"), ("unit", "string"), ("qualifier", "string"), ("year", "int32"),
        ("surface", "string"), ("sentence", "string"), ("start", "int64"), ("end", "int64"),
    ],
    "events": [
        ("doc_id", "string"), ("type", "string"), ("name", "string"), ("date", "string"), ("place", "string"),
        ("place_id", "string"), ("participants", "string"),
    ],
}  # fmt: skip

#: How list-valued cells are joined. `;` for segment codes (never contain it); ` | ` for names, which may
#: contain commas, semicolons or Chinese punctuation but practically never a spaced pipe.
JOINERS = {"chain_segments": ";", "names": " | ", "participants": " | "}

PARQUET_BATCH = 10_000


class _Sink(Protocol):
    rows: int

    def write(self, row: tuple[Any, ...]) -> None: ...

    def close(self) -> None: ...


@contextlib.contextmanager
def atomic_path(path: str) -> Iterator[str]:
    """Yield an unused temporary path beside ``path``; rename it onto ``path`` only if the block succeeds.

    The temporary file is created by whoever writes it (csv, pyarrow, ElementTree), so it gets the usual
    umask permissions; being in the same folder makes the rename atomic.
    """
    folder, name = os.path.split(os.path.abspath(path))
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class _CsvSink:
    """Streams rows into a CSV file; ``csv`` does the RFC 4180 quoting of commas, quotes and newlines."""

    def __init__(self, path: str, columns: list[str]):
        # newline="" hands line endings to the csv module, so a newline inside a field is written as-is
        # (inside quotes) instead of being translated, and records end in the RFC's CRLF.
        self.fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in close()
        self.writer = csv.writer(self.fh, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        self.writer.writerow(columns)
        self.rows = 0

    def write(self, row: tuple[Any, ...]) -> None:
        self.writer.writerow(row)
        self.rows += 1

    def close(self) -> None:
        self.fh.close()


def _pyarrow() -> Any:
    """Import pyarrow on first use: it is an optional extra, so CSV and JSON users never need it."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401 - registers the submodule on the package
    except ImportError as exc:
        raise LasermapError("Parquet export needs pyarrow: pip install 'lasermap[parquet]'") from exc
    return pyarrow


def _as_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class _ParquetSink:
    """Buffers rows and writes them as row groups of ``PARQUET_BATCH`` rows, so memory stays bounded."""

    def __init__(self, path: str, schema: list[tuple[str, str]]):
        pa = self.pa = _pyarrow()
        types = {"string": pa.string(), "int64": pa.int64(), "int32": pa.int32(), "float64": pa.float64(),
                 "date": pa.date32()}  # fmt: skip
        self.kinds = [kind for _, kind in schema]
        self.schema = pa.schema([pa.field(name, types[kind], nullable=True) for name, kind in schema])
        self.writer = pa.parquet.ParquetWriter(path, self.schema)  # snappy: readable by every Parquet tool
        self.buffer: list[tuple[Any, ...]] = []
        self.rows = 0

    def write(self, row: tuple[Any, ...]) -> None:
        self.buffer.append(row)
        self.rows += 1
        if len(self.buffer) >= PARQUET_BATCH:
            self._flush()

    def _flush(self) -> None:
        columns = (
            [list(col) for col in zip(*self.buffer, strict=True)] if self.buffer else [[] for _ in self.kinds]
        )
        for i, kind in enumerate(self.kinds):
            if kind == "date":
                columns[i] = [_as_date(v) for v in columns[i]]
        arrays = [
            self.pa.array(col, type=field.type) for col, field in zip(columns, self.schema, strict=True)
        ]
        self.writer.write_table(self.pa.Table.from_arrays(arrays, schema=self.schema))
        self.buffer = []

    def close(self) -> None:
        if self.buffer or self.rows == 0:
            self._flush()  # an empty table still gets one (empty) row group, so readers see the schema
        self.writer.close()


def _document_row(doc: StoredDocument, ann: dict[str, list]) -> tuple[Any, ...]:
    segments = JOINERS["chain_segments"].join(sorted({t.segment for t in ann.get("chain_tags", [])}))
    return (doc.id, doc.source, doc.url, doc.site, doc.title, doc.published, doc.lang, doc.script, doc.author,
            doc.duplicate_of, len(doc.text), segments)  # fmt: skip


def _fact_rows(doc: StoredDocument, ann: dict[str, list]) -> Iterator[tuple[Any, ...]]:
    for f in ann.get("facts", []):
        yield (doc.id, f.subject_id, f.subject_name, f.attribute, float(f.value), f.unit, f.qualifier,
               None if f.year is None else int(f.year), f.surface, doc.text[f.sentence_start : f.sentence_end],
               f.start, f.end)  # fmt: skip


def _event_rows(doc: StoredDocument, ann: dict[str, list]) -> Iterator[tuple[Any, ...]]:
    for e in ann.get("events", []):
        yield (
            doc.id,
            e.type,
            e.name,
            e.date,
            e.place,
            e.place_id,
            JOINERS["participants"].join(e.participants),
        )


def _as_list(value: object) -> list[str]:
    """A list field of an entity dict (typed ``object`` by the store protocol)."""
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _entity_rows(store: Store) -> Iterator[tuple[Any, ...]]:
    for e in store.iter_entities():
        names = JOINERS["names"].join(_as_list(e.get("names")))
        yield (
            e["id"],
            e["type"],
            e["subtype"],
            e["name"],
            e["name_zh"],
            names,
            len(_as_list(e.get("documents"))),
        )


def _open_sink(fmt: str, path: str, table: str) -> _Sink:
    if fmt == "csv":
        return _CsvSink(path, [name for name, _ in SCHEMAS[table]])
    return _ParquetSink(path, SCHEMAS[table])


def export_tables(store: Store, out_dir: str, fmt: str) -> dict[str, int]:
    """Write documents, entities, facts and events tables (``fmt`` csv or parquet); return rows per file name.

    One pass over the documents feeds three tables at once, since each needs the document's annotations.
    """
    if fmt not in FORMATS:
        raise LasermapError(f"unknown table format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        _pyarrow()  # fail before creating anything when the extra is missing
    os.makedirs(out_dir, exist_ok=True)
    names = {table: f"{table}.{fmt}" for table in SCHEMAS}
    with contextlib.ExitStack() as stack:
        tmp = {t: stack.enter_context(atomic_path(os.path.join(out_dir, n))) for t, n in names.items()}
        sinks: dict[str, _Sink] = {}
        try:
            for table in SCHEMAS:
                sinks[table] = _open_sink(fmt, tmp[table], table)
            for doc in store.iter_documents():
                ann = store.annotations(doc.id)
                sinks["documents"].write(_document_row(doc, ann))
                for row in _fact_rows(doc, ann):
                    sinks["facts"].write(row)
                for row in _event_rows(doc, ann):
                    sinks["events"].write(row)
            for row in _entity_rows(store):
                sinks["entities"].write(row)
        finally:
            for sink in sinks.values():
                sink.close()
    return {names[t]: sinks[t].rows for t in SCHEMAS}
