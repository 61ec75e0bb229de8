"""Fingerprint stage: a MinHash signature of the cleaned (Simplified) text, for reprint detection."""

from __future__ import annotations

from lasermap.dedup.minhash import doc_signature
from lasermap.doc import Document
from lasermap.pipeline.stage import stage


@stage("fingerprint", reads=("text", "text_simplified"), writes=("signature",))
def fingerprint(doc: Document) -> Document:
    return doc.evolve(signature=doc_signature(doc))
