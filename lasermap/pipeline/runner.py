"""Build and run a pipeline of stages over documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from lasermap.doc import INPUT_FIELDS, Document
from lasermap.errors import InputError, PipelineError
from lasermap.pipeline.stage import REGISTRY, Stage

FOUNDATION_STAGES = ("decode", "clean", "metadata", "normalize", "language")
EXTRACT_STAGES = ("fingerprint", "sentences", "mentions", "chain", "quantities", "people", "events", "facts")
DEFAULT_STAGES = FOUNDATION_STAGES + EXTRACT_STAGES


def _load_builtin_stages() -> None:
    """Import the modules that register the built-in stages."""
    from lasermap.clean import stage as _clean  # noqa: F401
    from lasermap.dedup import stage as _dedup  # noqa: F401
    from lasermap.extract import stage as _extract  # noqa: F401
    from lasermap.ingest import decode as _decode  # noqa: F401
    from lasermap.metadata import stage as _meta  # noqa: F401
    from lasermap.normalize import stage as _norm  # noqa: F401


class Pipeline:
    """An ordered list of stages whose field contracts fit together."""

    def __init__(self, stages: Sequence[Stage]):
        self.stages = tuple(stages)
        self.check()

    @classmethod
    def from_names(cls, names: Iterable[str]) -> Pipeline:
        _load_builtin_stages()
        missing = [n for n in names if n not in REGISTRY]
        if missing:
            raise PipelineError(f"unknown stage(s): {', '.join(missing)}; known: {', '.join(sorted(REGISTRY))}")
        return cls([REGISTRY[n] for n in names])

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def check(self) -> None:
        """Fail early when a stage reads a field no earlier stage writes."""
        available = set(INPUT_FIELDS)
        for st in self.stages:
            missing = [f for f in st.reads if f not in available]
            if missing:
                raise PipelineError(
                    f"stage {st.name!r} reads {', '.join(missing)} but no earlier stage writes it; "
                    f"order is {' → '.join(self.names)}"
                )
            available.update(st.writes)

    def __call__(self, doc: Document) -> Document:
        for st in self.stages:
            try:
                doc = st(doc)
            except InputError:
                raise
            except Exception as exc:  # a stage bug must not kill the batch
                raise InputError(f"stage {st.name} failed: {type(exc).__name__}: {exc}") from exc
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document | InputError]:
        """Run every document; a failure is yielded in its place, never raised."""
        for doc in docs:
            try:
                yield self(doc)
            except InputError as exc:
                exc.source = doc.source  # type: ignore[attr-defined]
                yield exc


def default_pipeline() -> Pipeline:
    """The standard pipeline: decode → clean → metadata → normalize → language → extract stages."""
    return Pipeline.from_names(DEFAULT_STAGES)
