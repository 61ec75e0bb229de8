"""Metadata stage: URL, site, publish date and author.

Values handed in with the input (a JSON Lines record's ``url``, ``published``,
``author``) win over what the page shows; otherwise the extractors in
``metadata.dates`` and ``metadata.authors`` read the page. A page that shows
no publish date gets None: a guessed date is worse than none.
"""

from __future__ import annotations

import re

from lasermap.doc import Document
from lasermap.metadata.authors import find_author
from lasermap.metadata.dates import find_publish_date, parse_date_string
from lasermap.metadata.site import host_of, site_from_page
from lasermap.pipeline.stage import stage

_CANONICAL = re.compile(
    r"""<link[^>]+rel\s*=\s*["']canonical["'][^>]*href\s*=\s*["'](https?://[^"']+)["']|"""
    r"""<meta[^>]+property\s*=\s*["']og:url["'][^>]*content\s*=\s*["'](https?://[^"']+)["']""",
    re.I,
)


def _page_url(doc: Document) -> str | None:
    if doc.hints.get("url"):
        return str(doc.hints["url"])
    if doc.source.startswith(("http://", "https://")):
        return doc.source
    if doc.kind == "html":
        m = _CANONICAL.search(doc.source_text[:30000])
        if m:
            return m.group(1) or m.group(2)
    return None


def _hinted_date(value: object) -> str | None:
    parsed = parse_date_string(str(value)) if value else None
    if parsed and parsed[1] and parsed[2]:
        return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}"
    return None


@stage(
    "metadata",
    reads=("source_text", "kind", "hints", "footer_lines"),
    writes=("url", "site", "published", "published_evidence", "author"),
)
def metadata(doc: Document) -> Document:
    """Fill URL, site, publish date (with its evidence) and author."""
    url = _page_url(doc)
    site = host_of(url) or site_from_page(doc.source_text, doc.kind, doc.footer_lines)
    published = _hinted_date(doc.hints.get("published"))
    evidence = "input record" if published else None
    if not published:
        finding = find_publish_date(doc.source_text, doc.kind, url)
        if finding:
            published, evidence = finding.date, finding.evidence
    author = doc.hints.get("author") or find_author(doc.source_text, doc.kind, url)
    return doc.evolve(url=url, site=site, published=published, published_evidence=evidence, author=author)
