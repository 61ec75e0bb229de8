"""Clean stage: page → title + article paragraphs, furniture removed.

Markup goes through the HTML extractor; text captures through the
line-by-line capture cleaner. Either way the result is ``text`` with
paragraphs separated by blank lines, in the page's original script.
"""

from __future__ import annotations

from lasermap.clean.html_extract import extract_html
from lasermap.clean.text_capture import clean_text_capture
from lasermap.doc import Document
from lasermap.errors import InputError
from lasermap.normalize.unicode import tidy_spaces
from lasermap.pipeline.stage import stage


@stage("clean", reads=("source_text", "kind", "hints"), writes=("text", "title", "header_lines", "footer_lines"))
def clean(doc: Document) -> Document:
    """Extract the article; a page with no article text is an input error."""
    header: list[str] = []
    footer: list[str] = []
    if doc.kind == "html":
        article = extract_html(doc.source_text, doc.hints.get("url"))
        title, paragraphs = article.title, article.paragraphs
    else:
        capture = clean_text_capture(doc.source_text)
        title, paragraphs = capture.title, capture.paragraphs
        header, footer = capture.header_lines, capture.footer_lines
    hinted = doc.hints.get("title")
    if hinted:
        title = tidy_spaces(str(hinted))
        paragraphs = [p for p in paragraphs if p != title]
    if not paragraphs:
        raise InputError("no article text found after removing page furniture")
    return doc.evolve(text="\n\n".join(paragraphs), title=title or None, header_lines=header, footer_lines=footer)
