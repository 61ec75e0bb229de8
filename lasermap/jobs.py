"""Ingest orchestration shared by the CLI and (later) the API.

Raw inputs are read, already-stored ones are skipped by content id, the rest
run through the pipeline (in this process or a pool of workers), and results
are written by this process alone in batches — one writer, as SQLite wants.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from lasermap.doc import Document
from lasermap.errors import InputError
from lasermap.ingest.sources import read_inputs
from lasermap.pipeline.runner import Pipeline, default_pipeline
from lasermap.store.base import Store

BATCH = 200


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, for the summary line and the exit status."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    new_sources: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(stages: tuple[str, ...] | None) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline.from_names(stages) if stages else default_pipeline()


def _run_one(doc: Document) -> Document | InputError:
    assert _WORKER_PIPELINE is not None
    return next(_WORKER_PIPELINE.pipe([doc]))


def _processed(
    docs: Iterable[Document], workers: int, stages: tuple[str, ...] | None
) -> Iterator[Document | InputError]:
    if workers <= 1:
        pipeline = Pipeline.from_names(stages) if stages else default_pipeline()
        yield from pipeline.pipe(docs)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(stages,)) as pool:
        yield from pool.imap(_run_one, docs, chunksize=8)


def ingest(
    store: Store,
    files: Iterable[str],
    *,
    workers: int = 1,
    stages: tuple[str, ...] | None = None,
    on_error: Callable[[str, str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest ``files`` into ``store``; failures are reported and the batch goes on.

    ``stages`` overrides the default pipeline (e.g. the foundation stages only,
    for a fast first pass that is extracted later with ``reprocess``).
    """
    report = IngestReport()

    def fail(source: str, reason: str) -> None:
        report.failed.append((source, reason))
        store.record_failure(source, reason)
        if on_error:
            on_error(source, reason)

    def fresh_inputs() -> Iterator[Document]:
        items = iter(read_inputs(files))
        while chunk := list(islice(items, BATCH)):
            known = store.existing_ids(d.id for d in chunk if isinstance(d, Document))
            for item in chunk:
                report.read += 1
                if on_progress:
                    on_progress(1)
                if isinstance(item, InputError):
                    fail(getattr(item, "source", "?"), str(item))
                elif item.id in known:
                    report.unchanged += 1
                    if store.add_source(item.id, item.source):
                        report.new_sources += 1
                else:
                    yield item

    batch: list[Document] = []
    for result in _processed(fresh_inputs(), workers, stages):
        if isinstance(result, InputError):
            fail(getattr(result, "source", "?"), str(result))
            continue
        batch.append(result)
        if len(batch) >= BATCH:
            _flush(store, batch, report)
    _flush(store, batch, report)
    if report.added:
        after_changes(store)
    return report


def after_changes(store: Store) -> None:
    """Corpus-level step once documents changed: entity resolution (reprints are marked as
    each document is stored)."""
    from lasermap.resolve.job import run_resolution

    run_resolution(store)


def _flush(store: Store, batch: list[Document], report: IngestReport) -> None:
    if batch:
        put = store.put_documents(batch)
        report.added += put.added
        report.unchanged += put.already_stored
        report.new_sources += put.new_sources - put.added
        batch.clear()


def reprocess(
    store: Store,
    *,
    everything: bool = False,
    on_error: Callable[[str, str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Run the current pipeline again over stored originals (documents from an older pipeline,
    or all with ``everything``); then resolve entities again. Curators' overrides are kept:
    they live beside the derived data, not in it."""
    report = IngestReport()
    pipeline = default_pipeline()
    for doc_id, source, kind, hints in store.stale_documents(everything):
        raw = store.get_original(doc_id)
        report.read += 1
        if on_progress:
            on_progress(1)
        if raw is None:
            continue
        try:
            doc = pipeline(Document(source=source, raw=raw, kind=kind, hints=hints))
        except InputError as exc:
            report.failed.append((source, str(exc)))
            if on_error:
                on_error(source, str(exc))
            continue
        store.replace_document(doc)
        report.added += 1
    if report.added:
        after_changes(store)
    return report
