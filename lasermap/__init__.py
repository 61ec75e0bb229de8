"""lasermap: a searchable map of the laser industry built from news pages.

The public surface is small on purpose: the document record, the default
pipeline and the store factory. Everything else is an implementation detail
that the CLI, API and web UI compose.
"""

import logging

from lasermap.doc import Document, make_doc_id
from lasermap.pipeline.runner import Pipeline, default_pipeline

__all__ = ["Document", "Pipeline", "default_pipeline", "make_doc_id", "__version__"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
