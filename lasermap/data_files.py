"""Locate and load the package's data files (domain knowledge lives in data, not code)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from lasermap.errors import LasermapError


def data_path(name: str) -> str:
    return str(resources.files("lasermap") / "data" / name)


@lru_cache(maxsize=32)
def load_json(name: str) -> Any:
    """Load ``lasermap/data/<name>``; a broken file names itself in the error."""
    path = data_path(name)
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        raise LasermapError(f"{path}: cannot load data file: {exc}") from exc
