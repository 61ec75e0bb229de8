"""One small exception tree, so callers can tell user mistakes from bugs.

    LasermapError
    ├── InputError      a page or file cannot be used (the batch continues)
    ├── PipelineError   stages are mis-ordered or a stage broke its contract
    ├── StoreError      the database cannot be opened, migrated or written
    └── QueryError      a search query is malformed (shown to the user, no trace)
"""


class LasermapError(Exception):
    """Base of every error lasermap raises on purpose."""


class InputError(LasermapError):
    """An input cannot be processed; the message says why in one line."""


class PipelineError(LasermapError):
    """A stage reads a field that no earlier stage writes, or a stage failed."""


class StoreError(LasermapError):
    """The store could not open, migrate or write."""


class QueryError(LasermapError):
    """A user query could not be parsed."""
