"""HTML main-content extraction: page markup → title, article paragraphs, language hint.

Why our own extractor rather than calling trafilatura or readability-lxml: on
the project's benchmarks (``bench/clean.py``) neither peer is good at both
languages — trafilatura keeps too much furniture on Chinese portal pages,
readability loses on English CMS pages — and running both costs more than twice
trafilatura's time. This module parses once with lxml, walks the tree once
(:mod:`lasermap.clean.html_blocks`) and scores containers readability-style with
the corrections described in :mod:`lasermap.clean.html_score`; it measured
better than both peers on both benchmarks at a fraction of their cost.

The function is pure (no I/O, no shared mutable state: a parser is built per
call, which costs about a microsecond) and never raises on bad markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from lasermap.clean.html_blocks import DROP_TAGS, segment, weighted_len
from lasermap.clean.html_score import annotate, mark_bad, pick, score, select, widen

#: Below this much extracted text (weighted: ~170 Chinese characters or ~90
#: English words) the strict pass may have hidden the article inside a mislabelled
#: wrapper; a lenient pass is tried and the longer result kept (as readability.js
#: retries with its flags off).
MIN_CONFIDENT = 500
#: Lenient pass: a "boilerplate" region holding this share of the page is a wrapper.
WRAPPER_SHARE = 0.5

_STRAY_END_TAGS = re.compile(r"</(?:html|body)\s*>", re.I)
_WS = re.compile(r"\s+")
_TITLE_SEP = re.compile(
    r"\s+[-|–—:·•»]\s+|\s*[_｜|]\s*|\s+--\s+|(?<=[\u3400-\u9fff])\s*[-–—]+\s*(?=[\u3400-\u9fff])"
)
_TITLE_META = ("og:title", "twitter:title")
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(slots=True)
class HtmlArticle:
    """What the clean stage needs from an HTML page."""

    title: str | None
    paragraphs: list[str]
    lang_hint: str | None


def _parse(html: str) -> Any | None:
    """lxml tree of the page, or None. Stray ``</html>``/``</body>`` tags (from
    server-side includes) are removed first: libxml2 drops everything after them."""
    parser = etree.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    data = _STRAY_END_TAGS.sub("", html).encode("utf-8", "replace")
    if not data.strip():
        return None
    root = etree.fromstring(data, parser)
    return root if root is not None and isinstance(root.tag, str) else None


def _text(el: Any) -> str:
    """Whitespace-normalised text content of an element."""
    return _WS.sub(" ", "".join(el.itertext())).strip()


def _meta(root: Any, names: tuple[str, ...]) -> str | None:
    """Content of the first <meta> whose property/name/http-equiv is one of ``names``."""
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("http-equiv") or "").lower()
        if key in names:
            content = _WS.sub(" ", m.get("content") or "").strip()
            if content:
                return content
    return None


def _headings(root: Any) -> list[str]:
    """Texts that a page's own headline is likely to appear in."""
    return [t for h in root.iter("h1", "h2") if len(t := _text(h)) >= 2][:12]


def _clean_title(title: str, headings: list[str]) -> str:
    """"Title - Site", "Title_栏目_网站", "Site | Title" → "Title"."""
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p and p.strip()]
    if len(parts) < 2:
        return title
    for part in sorted(parts, key=len, reverse=True):
        if any(part == h or (len(part) >= 4 and part in h) for h in headings):
            return part
    first, longest = parts[0], max(parts, key=weighted_len)
    return first if weighted_len(first) >= 0.5 * weighted_len(longest) else longest


def _title(root: Any) -> str | None:
    """Page title from og:title / <title> / <h1>, with site furniture removed."""
    el = root.find(".//title")
    page_title = _text(el) if el is not None else ""
    social = _meta(root, _TITLE_META)
    if social and page_title and len(social) < len(page_title) / 2 and social in page_title:
        social = None  # og:title holding only the site name
    headings = _headings(root)
    for cand in (social, page_title):
        for h in headings:
            if cand and len(h) >= 4 and h in cand:
                return h
    cand = social or page_title or (headings[0] if headings else "")
    return _clean_title(cand, headings) or None


def _lang(root: Any) -> str | None:
    """Declared language: <html lang>, else meta content-language / language. Only
    values shaped like a language tag count ("zh-CN", "en"; not "utf-8")."""
    candidates = (
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _meta(root, ("content-language", "language")),
    )
    for value in candidates:
        first = (value or "").split(",")[0].strip()
        if _LANG_TAG.match(first):
            return first
    return None


def _extract_paragraphs(body: Any) -> list[str]:
    """Strict pass, then (if it found little) a lenient one; keep the longer."""
    blocks = segment(body)
    stats = annotate(blocks, body)
    best: list[str] = []
    best_len = 0
    for share in (1.01, WRAPPER_SHARE):
        mark_bad(blocks, stats, share)
        final = score(blocks, stats)
        top = pick(final, body)
        if top is None:
            continue
        got = select(blocks, widen(top, blocks, body), final, stats)
        got_len = sum(weighted_len(p) for p in got)
        if got_len > best_len:
            best, best_len = got, got_len
        if best_len >= MIN_CONFIDENT:
            break
    return best


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """Title, main-content paragraphs (reading order, headings kept as their own
    paragraphs) and language hint of an HTML page. ``url`` is accepted for the
    stage interface; extraction does not depend on it. Never raises: unparseable
    input gives an empty paragraph list."""
    try:
        root = _parse(html)
        if root is None:
            return HtmlArticle(None, [], None)
        title = _title(root)
        lang = _lang(root)
        etree.strip_elements(root, *DROP_TAGS, with_tail=False)
        body = root.find("body")
        paragraphs = _extract_paragraphs(body if body is not None else root)
    except Exception:  # lxml can raise on pathological input; the contract is "never raise"
        return HtmlArticle(None, [], None)
    if title:
        paragraphs = [p for p in paragraphs if p != title]
    return HtmlArticle(title, paragraphs, lang)
