"""A page seen the way a reader sees its header: visible lines in order, the title, the start of the body.

Both the date and the author finders need the same picture: which line is
the headline, which short lines follow it before the article text begins
(the "header zone", where sites print 发布时间/来源/作者), and which lines sit
in footers, comment threads or related-link lists and must be ignored. HTML
and plain-text captures are reduced to the same :class:`Page`, so one set of
rules serves both.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import lxml.html
from lxml import etree

from lasermap.data_files import load_json
from lasermap.metadata.datestr import normalise

#: Elements whose text a reader never sees as page text.
_SKIP = frozenset(
    "script style noscript template head select option textarea iframe svg object embed button title".split()
)
#: Elements that start a new visual line.
_BLOCK = frozenset(
    """p div br li tr td th h1 h2 h3 h4 h5 h6 table ul ol section article header footer aside nav dd dt dl
    blockquote pre form center hr tbody thead main figure figcaption address body html title caption fieldset
    legend""".split()
)
_TAG_IN_TEXT = re.compile(r"</?[a-zA-Z][^<>]{0,400}>")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE_PUNCT = re.compile(r"[。！？；，,.!?;]")
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s|--|——|-)\s*")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_SPACE_RUN = re.compile(r"\s+")
_CRUMB = re.compile(r"\s(?:>|>>|»|›|→)\s")
#: A line at least this long (CJK characters count double) with sentence punctuation is article text.
_BODY_MIN = 80
#: Longest line kept whole (see _cap).
_LINE_MAX = 12000
#: How many lines after the title may still belong to the header.
_HEADER_MAX_LINES = 25


@dataclass(slots=True)
class Line:
    """One visible line: the text of a block element (HTML) or of a text line."""

    text: str
    #: All of the line's text is link text (menus, related-article lists).
    linked: bool = False
    #: Inside page furniture: nav, site footer, comments, related links, breadcrumbs.
    bad: bool = False
    #: Inside a container whose class/id speaks of time, date, source or byline.
    hinted: bool = False
    #: Inside h1–h3.
    heading: bool = False


@dataclass(slots=True)
class Page:
    """The reduced page: lines, zones, language, and HTML metadata when there is any."""

    lines: list[Line]
    kind: str
    chinese: bool
    title_index: int | None = None
    body_index: int | None = None
    header: range = range(0)
    meta: list[tuple[str, str, str]] = field(default_factory=list)
    jsonld: list[Any] = field(default_factory=list)
    tree: Any = None


def load_labels(name: str) -> dict[str, Any]:
    """Domain word lists shipped in ``lasermap/data`` (label words, name rules), loaded once."""
    data: dict[str, Any] = load_json(name)
    return data


def _cap(text: str) -> str:
    """A very long line keeps its head and tail: metadata sits at a paragraph's edges, and
    scanning megabyte-long lines (minified captures) would cost quadratic time."""
    return text if len(text) <= _LINE_MAX else f"{text[: _LINE_MAX - 2000]} … {text[-2000:]}"


def weight(s: str) -> int:
    """Reading length: CJK characters count two, so one threshold fits both scripts."""
    return len(s) + len(_CJK.findall(s))


def is_breadcrumb(text: str) -> bool:
    """``首页 > 新闻 > 行业动态``: a navigation trail."""
    return bool(_CRUMB.search(text))


def is_body_line(text: str) -> bool:
    """Running text: long and punctuated like a sentence, not a row of metadata or a breadcrumb trail."""
    if len(_CRUMB.findall(text)) >= 2:
        return False
    return weight(text) >= _BODY_MIN and bool(_SENTENCE_PUNCT.search(text))


def is_chinese(text: str) -> bool:
    """A page is Chinese when Han characters outnumber Latin letters in a sample."""
    sample = text[:20000]
    return len(_CJK.findall(sample)) >= max(20, len(_LATIN.findall(sample)) // 2)


# ---------------------------------------------------------------- text captures


def text_page(source: str) -> Page:
    """A text capture: one line per line, stray HTML tags removed, zones by line length."""
    lines: list[Line] = []
    for raw in source.splitlines():
        clean = normalise(_TAG_IN_TEXT.sub(" ", _cap(raw))).strip(" \t•·*-–>")
        if clean:
            lines.append(Line(text=re.sub(r"\s+", " ", clean)))
    page = Page(lines=lines, kind="text", chinese=is_chinese(source))
    body = next((i for i, ln in enumerate(lines) if is_body_line(ln.text)), None)
    page.body_index = body
    end = min(body if body is not None else len(lines), 15)
    page.title_index = _text_title(lines, end)
    page.header = range(0, end)
    return page


def _text_title(lines: list[Line], end: int) -> int | None:
    """The first line in the header that reads like a headline (not a breadcrumb, a label row
    or a dateline)."""
    for i in range(end):
        t = lines[i].text
        if is_breadcrumb(t) or " / " in t or "|" in t or ":" in t[:12]:
            continue
        if re.fullmatch(r"[\d\s年月日号/.:-]+(?:星期.|週.|周.)?", t):
            continue
        if 8 <= weight(t) <= 200:
            return i
    return None


# ---------------------------------------------------------------- HTML


def parse_html(source: str) -> Any:
    """lxml tree of ``source``, or None; an XML declaration in a str is dropped because lxml rejects it."""
    src = re.sub(r"^\s*<\?xml[^>]*>", "", source[:2000]) + source[2000:]
    if not src.strip():
        return None
    try:
        return lxml.html.document_fromstring(src)
    except (etree.ParserError, ValueError, TypeError):
        return None


def html_page(source: str) -> Page:
    """An HTML page: visible lines in document order plus meta tags and JSON-LD."""
    tree = parse_html(source)
    if tree is None:
        return Page(lines=[], kind="html", chinese=is_chinese(source))
    labels = load_labels("date_labels.json")
    walker = _Walker(frozenset(labels["bad_container"]), tuple(labels["date_hint_container"]))
    body = tree.find("body")
    walker.walk(body if body is not None else tree, bad=False, hinted=False, linked=False, heading=False)
    lines = walker.finish()
    lang = (tree.get("lang") or tree.get("xml:lang") or "").lower()
    visible = " ".join(ln.text for ln in lines)
    chinese = lang.startswith("zh") or is_chinese(visible)
    page = Page(lines=lines, kind="html", chinese=chinese, tree=tree)
    page.meta = _meta_tags(tree)
    page.jsonld = _jsonld(tree)
    _html_zones(page, tree)
    return page


class _Walker:
    """Collects visible text into lines, breaking at block elements, tracking container flags."""

    def __init__(self, bad_words: frozenset[str], hint_words: tuple[str, ...]) -> None:
        self.bad_words = bad_words
        self.hint_words = hint_words
        self._hint_re = re.compile("|".join(re.escape(h) for h in hint_words)) if hint_words else None
        self.lines: list[Line] = []
        self.buf: list[tuple[str, tuple[bool, bool, bool, bool]]] = []
        self.in_article = 0

    def _classes(self, el: Any) -> list[str]:
        cls, ident = el.get("class"), el.get("id")
        if not cls and not ident:
            return []  # most elements carry neither: skip the split (this walk is the stage's hot loop)
        attrs = f"{cls or ''} {ident or ''}".lower()
        return [t for t in _TOKEN_SPLIT.split(attrs) if t]

    def _flush(self) -> None:
        if not self.buf:
            return
        joined = "".join(t for t, _ in self.buf)
        if joined.isspace():
            self.buf = []
            return
        text = _SPACE_RUN.sub(" ", normalise(_cap(joined))).strip()
        if text:
            solid = [f for t, f in self.buf if t.strip()]
            self.lines.append(
                Line(
                    text=text,
                    bad=all(f[0] for f in solid),
                    hinted=any(f[1] for f in solid),
                    linked=all(f[2] for f in solid),
                    heading=any(f[3] for f in solid),
                )
            )
        self.buf = []

    def _add(self, text: str | None, flags: tuple[bool, bool, bool, bool]) -> None:
        if text:
            self.buf.append((text, flags))

    def walk(self, el: Any, *, bad: bool, hinted: bool, linked: bool, heading: bool, depth: int = 0) -> None:
        """Depth-first walk; comments and skipped tags contribute nothing but their tail."""
        self._walk(el, (bad, hinted, linked, heading), depth)

    def _walk(self, el: Any, flags: tuple[bool, bool, bool, bool], depth: int) -> None:
        """The walk proper, with the four container flags in one tuple: it runs once per element
        of every page, so it avoids keyword arguments and method calls where it can."""
        tag = el.tag
        if not isinstance(tag, str) or depth >= 200:
            return
        tag = tag.lower()
        if tag in _SKIP:
            return
        bad, hinted, linked, heading = flags
        if tag == "article":
            self.in_article += 1
        elif tag not in ("html", "body", "main"):
            tokens = self._classes(el)
            if tokens or tag in ("nav", "footer"):
                bad = bad or self._is_bad(tag, tokens)
                hinted = hinted or bool(self._hint_re and self._hint_re.search(" ".join(tokens)))
        if tag == "a":
            linked = True
        elif tag in ("h1", "h2", "h3"):
            heading = True
        flags = (bad, hinted, linked, heading)
        block = tag in _BLOCK
        if block and self.buf:
            self._flush()
        buf = self.buf
        if el.text:
            buf.append((el.text, flags))
        for child in el:
            self._walk(child, flags, depth + 1)
            tail = child.tail
            if tail:
                self.buf.append((tail, flags))
        if block and self.buf:
            self._flush()
        if tag == "article":
            self.in_article -= 1

    def _is_bad(self, tag: str, tokens: list[str]) -> bool:
        """Page furniture: nav, site footer, comments, related links. A post's own footer
        (``<footer>`` inside ``<article>``, class ``post-footer``) holds its date and is kept."""
        if tag == "nav":
            return True
        own_footer = self.in_article > 0 or any(
            t in ("post", "entry", "article", "single", "content") for t in tokens
        )
        if tag == "footer" and not own_footer:
            return True
        for t in tokens:
            if t.startswith("footer") or t == "foot":
                if not own_footer:
                    return True
            elif t in self.bad_words or t.startswith(("copyright", "comment")):
                return True
        return False

    def finish(self) -> list[Line]:
        """The collected lines, once the walk is done."""
        self._flush()
        return self.lines


def _meta_tags(tree: Any) -> list[tuple[str, str, str]]:
    """(key, content, raw tag) for every <meta> with a name/property/itemprop, keys lower-cased."""
    out: list[tuple[str, str, str]] = []
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or ""
        content = el.get("content")
        if key and content:
            raw = etree.tostring(el, encoding="unicode", with_tail=False).strip()
            out.append((key.strip().lower(), content.strip(), raw[:300]))
    return out


def _jsonld(tree: Any) -> list[Any]:
    """Parsed JSON-LD blocks; broken ones are skipped."""
    out: list[Any] = []
    for el in tree.iter("script"):
        if "ld+json" in (el.get("type") or "").lower() and el.text:
            try:
                out.append(json.loads(el.text.strip().rstrip(";"), strict=False))
            except ValueError:
                continue
    return out


def _title_candidates(tree: Any, meta: list[tuple[str, str, str]]) -> list[str]:
    """Headline strings the page itself declares: og:title, <title> and its parts, h1."""
    found: list[str] = []
    for key, content, _ in meta:
        if key in ("og:title", "twitter:title", "articletitle", "title"):
            found.append(content)
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        full = normalise(title.text_content()).strip()
        found.append(full)
        parts = sorted((p for p in _TITLE_SPLIT.split(full) if weight(p) >= 8), key=len, reverse=True)
        found.extend(parts[:2])
    for h in tree.iter("h1"):
        text = normalise(h.text_content()).strip()
        if weight(text) >= 8:
            found.append(text)
    return [re.sub(r"\s+", " ", normalise(t)).strip() for t in found if t.strip()]


def _match_title(lines: list[Line], candidates: list[str]) -> int | None:
    """Index of the line that is the headline: a heading line first, else the best text match."""
    if not candidates:
        return None
    best: tuple[int, int] | None = None
    for i, ln in enumerate(lines):
        t = ln.text
        if ln.bad or weight(t) < 8 or weight(t) > 400:
            continue
        score = 0
        for c in candidates:
            if t == c:
                score = max(score, 3)
            elif len(c) >= 6 and (c in t and len(t) <= len(c) * 1.6 or t in c and len(t) >= len(c) * 0.6):
                score = max(score, 2)
            elif ln.heading and len(t) >= 6 and t in c:
                score = max(score, 1)
        if score and not ln.linked:
            score += 2 if ln.heading else 0
            if best is None or score > best[0]:
                best = (score, i)
    return best[1] if best else None


def _html_zones(page: Page, tree: Any) -> None:
    """Place the title and the header zone: from the title to the first body line (bounded)."""
    lines = page.lines
    page.title_index = _match_title(lines, _title_candidates(tree, page.meta))
    start = page.title_index
    if start is None:
        # No headline found: the header is the few lines just before the article text starts.
        body = next(
            (i for i, ln in enumerate(lines) if is_body_line(ln.text) and not ln.linked and not ln.bad), None
        )
        page.body_index = body
        if body is not None:
            page.header = range(max(0, body - 8), body)
        return
    body = next(
        (i for i in range(start + 1, len(lines)) if is_body_line(lines[i].text) and not lines[i].linked), None
    )
    page.body_index = body
    end = min(body if body is not None else len(lines), start + 1 + _HEADER_MAX_LINES)
    page.header = range(max(0, start - 2), end)


@lru_cache(maxsize=8)
def build_page(source_text: str, kind: str) -> Page:
    """The one entry point: pick the reduction by ``kind`` ('html' or 'text').

    Cached, because the metadata stage asks for the date and then the author of
    the same page; callers must treat the returned page as read-only.
    """
    if kind == "html":
        return html_page(source_text)
    return text_page(source_text)
