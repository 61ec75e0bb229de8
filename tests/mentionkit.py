"""Hand-built mentions for unit tests of the stages that consume mentions."""

from __future__ import annotations

from lasermap.annotations import Mention


def m(
    text: str,
    surface: str,
    type_: str = "org",
    name: str | None = None,
    subtype: str | None = None,
    nth: int = 0,
) -> Mention:
    """A mention of ``surface`` (its nth occurrence) in ``text``; id and name default to the canonical name."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    canonical = name or surface
    return Mention(start, start + len(surface), surface, type_, subtype, canonical, canonical)
