"""Shared fixtures: real SQLite files in tmp_path, the CLI run in-process or as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
BENCH = SHARED / "bench"


def need_shared(path: Path) -> Path:
    """Skip (with the reason) when the shared benchmark/seed folder is not beside the repo."""
    if not path.exists():
        pytest.skip(f"{path} is absent: these checks read ../shared, which is not in this checkout")
    return path


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, db: Path | None = None, stdin: bytes | None = None, timeout: int = 300) -> Run:
    """Run ``python -m lasermap`` as a real process."""
    cmd = [sys.executable, "-m", "lasermap"]
    if db is not None:
        cmd += ["--db", str(db)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"}
    proc = subprocess.run([*cmd, *args], input=stdin, capture_output=True, timeout=timeout, env=env)
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the five seed pages ingested once for the session."""
    need_shared(SEEDS)
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    res = run_cli("ingest", str(SEEDS), db=path)
    assert res.code == 0, res.err
    return path
