"""Fingerprint stage: a MinHash signature of the cleaned (Simplified) text, for reprint detection."""

from __future__ import annotations

from lasermap.doc import Document
from lasermap.pipeline.stage import stage


@stage("fingerprint", reads=("text", "text_simplified"), writes=("signature",))
def fingerprint(doc: Document) -> Document:
    from lasermap.dedup.minhash import doc_signature  # datasketch loads only when fingerprinting

    return doc.evolve(signature=doc_signature(doc))
