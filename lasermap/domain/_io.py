"""Reading the data files line by line, so every error can name its file and line.

The gazetteer is data, not code: a contributor edits ``orgs.jsonl`` or a TSV and
the first thing they see on a mistake must be ``orgs.jsonl:123: …``, not a
KeyError from deep inside a matcher. Everything here is stdlib-only and fast.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lasermap.data_files import data_path
from lasermap.errors import LasermapError


class DomainDataError(LasermapError):
    """A domain data file is missing, malformed or inconsistent.

    ``path`` and ``line`` locate the first bad record (line 0 when the problem is
    about the file as a whole); the message starts with ``path:line:``.
    """

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.detail = message
        super().__init__(f"{self.path}:{line}: {message}")


def file_path(name: str) -> Path:
    """Absolute path of ``lasermap/data/<name>``."""
    return Path(data_path(name))


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DomainDataError(path, 0, f"cannot read data file: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise DomainDataError(path, 0, f"not UTF-8: {exc}") from exc


def read_tsv(name: str, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data row of a TSV file.

    Lines starting with ``#`` are comments; the first other line is the header and
    must list exactly ``columns`` (so a reordered file fails loudly, not silently).
    """
    path = file_path(name)
    header_seen = False
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if cells != columns:
                raise DomainDataError(path, number, f"header must be {columns}, got {cells}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise DomainDataError(path, number, f"expected {len(columns)} tab-separated cells, got {len(cells)}")
        yield number, dict(zip(columns, cells, strict=True))
    if not header_seen:
        raise DomainDataError(path, 0, "no header row")


def read_jsonl(name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank line of a JSON Lines file."""
    path = file_path(name)
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DomainDataError(path, number, f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
        if not isinstance(obj, dict):
            raise DomainDataError(path, number, "each line must be a JSON object")
        yield number, obj


def read_json(name: str) -> Any:
    """Parse a whole JSON file; a syntax error reports its line."""
    path = file_path(name)
    text = "\n".join(_read_lines(path))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DomainDataError(path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno})") from exc


def split_list(cell: str) -> tuple[str, ...]:
    """A ``;``-separated TSV cell as a tuple, empty items dropped."""
    return tuple(part.strip() for part in cell.split(";") if part.strip())
