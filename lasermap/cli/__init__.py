"""The ``lasermap`` command line: the composition root that wires store, jobs and output.

Exit status: 0 success; 1 some inputs failed (the rest were processed); 2 a
usage error or a malformed query.
"""

from __future__ import annotations

import os
import sys

import click

from lasermap.errors import LasermapError

DEFAULT_DB = "lasermap.db"


class Context:
    """Options shared by every command."""

    def __init__(self, db: str):
        self.db = db

    def open(self):  # type: ignore[no-untyped-def]
        from lasermap.store.sqlite import open_store

        return open_store(self.db)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--db",
    envvar="LASERMAP_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite database file (or set LASERMAP_DB).",
)
@click.version_option(package_name="lasermap")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """lasermap: laser-industry news → a searchable map of clusters, companies and facts."""
    ctx.obj = Context(db)


def main(args: list[str] | None = None) -> None:
    """Console entry point: user errors become one clear line, never a traceback."""
    try:
        code = cli.main(args=args, prog_name="lasermap", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except LasermapError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


from lasermap.cli import (  # noqa: E402, F401  (registers the commands)
    analysis_cmds,  # noqa: E402, F401
    documents,
    ingest_cmds,
    knowledge,
)
