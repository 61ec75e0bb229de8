"""Stages: small pure functions over a :class:`~lasermap.doc.Document`.

Each stage declares the fields it reads and the fields it writes, as spaCy's
components declare ``requires``/``assigns``. The declarations are checked when
a pipeline is built, so a mis-ordered pipeline fails before any page is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lasermap.doc import FIELD_NAMES, Document
from lasermap.errors import PipelineError

StageFunc = Callable[[Document], Document]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named, declared pipeline step."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    func: StageFunc

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


REGISTRY: dict[str, Stage] = {}


def stage(name: str, *, reads: tuple[str, ...], writes: tuple[str, ...]) -> Callable[[StageFunc], Stage]:
    """Register ``func`` as the stage ``name`` with its field contract."""

    def register(func: StageFunc) -> Stage:
        unknown = [f for f in (*reads, *writes) if f not in FIELD_NAMES]
        if unknown:
            raise PipelineError(f"stage {name!r} declares unknown document fields: {', '.join(unknown)}")
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise PipelineError(f"stage {name!r} is registered twice")
        made = Stage(name, tuple(reads), tuple(writes), func)
        REGISTRY[name] = made
        return made

    return register
