"""The layering rules, enforced: interfaces → jobs/store/pipeline → stages → domain data.

- SQL and sqlite3 live only in ``lasermap/store``.
- Per-document stages (clean, metadata, normalize, ingest) never import the store, jobs or the CLI.
- Nothing below the CLI imports the CLI.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "lasermap"
STAGE_PACKAGES = ("clean", "metadata", "normalize", "ingest", "pipeline")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules() -> list[tuple[str, Path]]:
    return [(str(p.relative_to(PKG)), p) for p in PKG.rglob("*.py")]


def test_sqlite_only_in_store() -> None:
    offenders = [rel for rel, p in _modules() if "sqlite3" in _imports(p) and not rel.startswith("store/")]
    assert offenders == []


def test_stages_do_not_reach_up() -> None:
    forbidden = ("lasermap.store", "lasermap.jobs", "lasermap.cli", "lasermap.export")
    offenders = [
        (rel, imp)
        for rel, p in _modules()
        if rel.split("/")[0] in STAGE_PACKAGES
        for imp in _imports(p)
        if imp.startswith(forbidden)
    ]
    assert offenders == []


def test_only_cli_imports_cli() -> None:
    offenders = [rel for rel, p in _modules() if not rel.startswith(("cli/", "__main__")) and any(i.startswith("lasermap.cli") for i in _imports(p))]
    assert offenders == []
