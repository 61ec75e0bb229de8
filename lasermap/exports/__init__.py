"""File exports for analysts: flat tables (CSV, Parquet) and a co-mention graph (GEXF for Gephi).

The JSON Lines export (``lasermap.export``) is the public, lossless contract;
these are derived views shaped for tools — spreadsheets, pandas/DuckDB, Gephi —
and may gain columns. Both entry points read only the public ``Store`` methods,
write each file atomically and return row counts for the CLI to report.
"""

from lasermap.exports.graph import export_gexf
from lasermap.exports.tables import export_tables

__all__ = ["export_gexf", "export_tables"]
