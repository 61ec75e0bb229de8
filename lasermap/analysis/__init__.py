"""The analysis layer: profiles, clusters, comparisons, chain gaps, partners, timelines, conflicts, reports.

Pure Python over ``lasermap.store.analysis_sql.AnalysisQueries``: every module
takes the query object and returns plain dicts, so the CLI prints them,
``--json`` dumps them and the benchmark times them in-process.
"""

from __future__ import annotations

from typing import Any

from lasermap.analysis.index import refresh


def prepare(store: Any, progress: bool = True) -> Any:
    """The store's analysis queries, with the analysis index brought up to date first."""
    q = store.analysis()
    refresh(q, progress=progress)
    return q
