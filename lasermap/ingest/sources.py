"""Readers: paths, folders, JSON Lines and stdin → raw documents.

Readers only read: every decision about content belongs to the stages. A
problem with one input becomes an :class:`InputError` naming it, yielded in
its place so that the rest of the batch goes on.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from lasermap.doc import Document
from lasermap.errors import InputError

HTML_EXT = (".html", ".htm", ".xhtml", ".shtml")
TEXT_EXT = (".txt", ".md", ".text")
JSONL_EXT = (".jsonl", ".ndjson")
MAX_BYTES = 20 * 1024 * 1024
#: Documentation files that sit beside saved pages in a folder; never articles.
DOC_STEMS = frozenset({"readme", "license", "licence", "changelog", "notice", "contributing", "provenance", "authors"})


@dataclass(slots=True)
class Inventory:
    """What the given paths hold: counts, not a list, so a crawl of a million files costs no memory.

    ``files`` walks the folders again, lazily, in the same sorted order.
    """

    roots: list[str] = field(default_factory=list)
    count: int = 0
    has_records: bool = False
    skipped: Counter[str] = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)

    @property
    def files(self) -> Iterator[str]:
        return _walk(self.roots, None)


def _kind_of(path: str) -> str | None:
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(HTML_EXT):
        return "html"
    if name.endswith(TEXT_EXT):
        return "text"
    if name.endswith(JSONL_EXT):
        return "jsonl"
    return None


def _walk(roots: list[str], inv: Inventory | None) -> Iterator[str]:
    """Handled files under ``roots`` (folders recursive, sorted, hidden entries skipped)."""
    for path in roots:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                full = os.path.join(root, name)
                if name.split(".")[0].lower() in DOC_STEMS or not _kind_of(full):
                    if inv is not None:
                        key = name if name.split(".")[0].lower() in DOC_STEMS else os.path.splitext(name)[1].lower()
                        inv.skipped[key or "(no extension)"] += 1
                    continue
                yield full


def inventory(paths: Iterable[str]) -> Inventory:
    """Count the handled files under ``paths`` and note what is skipped or missing."""
    inv = Inventory()
    for path in paths:
        if path != "-" and not os.path.exists(path):
            inv.missing.append(path)
        else:
            inv.roots.append(path)
    for f in _walk(inv.roots, inv):
        inv.count += 1
        if f == "-" or _kind_of(f) == "jsonl":
            inv.has_records = True
    return inv


def sniff_kind(raw: bytes) -> str:
    """Markup or text, for stdin and for files whose name does not tell."""
    head = raw[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head[:512]:
        return "html"
    return "text"


def _read(stream: BinaryIO, label: str) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    return data


def _read_file(path: str) -> bytes:
    try:
        if os.path.getsize(path) > (MAX_BYTES * 8 if path.endswith(".gz") else MAX_BYTES):
            raise InputError(f"larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
        with open(path, "rb") as fh:
            data = _read(fh, path)
        if path.lower().endswith(".gz"):
            data = gzip.decompress(data)
        return data
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}") from exc


def _jsonl_records(data: bytes, source: str) -> Iterator[Document | InputError]:
    for lineno, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        label = f"{source}#{lineno}"
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield _err(label, f"not valid JSON: {exc}")
            continue
        if not isinstance(rec, dict):
            yield _err(label, "a record must be a JSON object")
            continue
        body, kind = (rec.get("html"), "html") if rec.get("html") else (rec.get("text"), "text")
        if not isinstance(body, str) or not body.strip():
            yield _err(label, "record has no 'html' or 'text' field")
            continue
        hints = {k: rec[k] for k in ("url", "published", "title", "author", "lang") if rec.get(k)}
        yield Document(source=label, raw=body.encode("utf-8"), kind=kind, hints=hints)


def _err(source: str, reason: str) -> InputError:
    exc = InputError(reason)
    exc.source = source  # type: ignore[attr-defined]
    return exc


def read_inputs(files: Iterable[str]) -> Iterator[Document | InputError]:
    """Yield one raw Document per page (a JSON Lines file gives one per line)."""
    for path in files:
        try:
            data = _read(sys.stdin.buffer, "-") if path == "-" else _read_file(path)
        except InputError as exc:
            yield _err(path, str(exc))
            continue
        kind = _kind_of(path) if path != "-" else None
        if kind is None:
            stripped = data.lstrip()
            kind = "jsonl" if stripped.startswith(b"{") else sniff_kind(data)
        if kind == "jsonl":
            yield from _jsonl_records(data, path)
            continue
        if kind == "text" and sniff_kind(data) == "html":
            kind = "html"
        yield Document(source=path, raw=data, kind=kind)
