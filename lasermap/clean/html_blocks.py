"""Cutting a parsed page into text blocks, and the page-independent tests on them.

A *block* is the text between two block-level boundaries (``<p>``, ``<div>``,
``<li>``, a ``<br><br>``, …) with the element that owns it. Every later
decision — which container holds the article, which lines are furniture — is
made on blocks, so the tree is walked exactly once (``etree.iterwalk``, which
runs in C) instead of once per candidate container.

Patterns (boilerplate class names, furniture lines, date stamps) are data, in
``lasermap/data/html_boilerplate.json``, so they can grow without code changes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

_DATA: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "html_boilerplate.json").read_text("utf-8")
)


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


_NEG_WORDS = frozenset(_DATA["negative_words"])
_NEG_STEMS = tuple(_DATA["negative_stems"])
_NEG_EXCEPTIONS = frozenset(_DATA["negative_stem_exceptions"])
_STRONG_NEG_WORDS = frozenset(_DATA["strong_negative_words"])
_STRONG_NEG_EXCEPTIONS = frozenset(_DATA["strong_negative_exceptions"])
_POS_WORDS = frozenset(_DATA["positive_words"])
_RESCUE_WORDS = frozenset(_DATA["rescue_words"])
DROP_TAGS = tuple(_DATA["drop_tags"])
NEGATIVE_TAGS = frozenset(_DATA["negative_tags"])
END_MARKER = re.compile(_DATA["end_markers"])
_FURNITURE_START = _compile(_DATA["furniture_start"])
_FURNITURE_ANYWHERE = _compile(_DATA["furniture_anywhere"])
_FURNITURE_ANY_LENGTH = _compile(_DATA["furniture_any_length"])
_DATE_CORE = re.compile(_DATA["date_core"])
_DATE_FILLER = re.compile(_DATA["date_filler"])
_CAMEL = re.compile(r"([a-z])([A-Z])")
_TOKEN_SEP = re.compile(r"[\s_\-]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dir div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section summary table tbody thead tfoot "
    "td th tr ul caption legend".split()
)
#: Blocks whose *parent* is the natural container (a <p> scores for its <div>).
PARA_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li pre blockquote dd dt figcaption caption summary address".split())
SENTENCE_END = re.compile(r"[。！？!?.:：”\"』」…)）]$")
_BR = "\x01"
_INDENT = ("\u3000", "\xa0")
#: Invisible characters that would otherwise leave "empty" paragraphs behind.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"))
#: Lines shorter than this (weighted) may be furniture ("Share this", "责任编辑：…").
SHORT_LINE = 120
#: Date-only stamps are dropped below this weighted length.
DATELINE_MAX = 80
#: Data-table cells longer than this are layout cells, not row fields.
CELL_MAX = 150


def weighted_len(text: str) -> int:
    """Length in UTF-8 bytes: a CJK character counts 3, an ASCII one 1. One
    Chinese character carries about as much as a short English word, so the same
    thresholds then serve both scripts — and ``encode`` is far cheaper than
    counting CJK code points with a regex."""
    return len(text.encode("utf-8", "surrogatepass"))


@dataclass(slots=True)
class Block:
    """A run of text between two block-level boundaries."""

    text: str
    link_len: int
    owner: Any
    tag: str
    weight: int = 0
    ancestors: list[Any] = field(default_factory=list)
    bad: bool = False
    boiler: bool = False

    @property
    def link_density(self) -> float:
        return self.link_len / max(1, len(self.text))


def attr_words(el: Any) -> frozenset[str]:
    """Words of an element's class, id and itemprop: tokens split at spaces, '-',
    '_' and camelCase ("imageEmbedCredit" → image, embed, credit), plus
    hyphen-joined neighbours ("article-body") so multi-word names match too."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
    if len(raw) <= 2:
        return frozenset()
    tokens = [t for t in _TOKEN_SEP.split(_CAMEL.sub(r"\1-\2", raw).lower()) if t]
    pairs = [f"{a}-{b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    return frozenset(tokens + pairs)


def is_negative(words: frozenset[str]) -> bool:
    """Class/id words of a boilerplate region ("share-bar", "relatedPosts", "xgxw")."""
    if not words.isdisjoint(_NEG_WORDS):
        return True
    # stems apply to single tokens only: the pair "commentary-body" must not match "comment"
    return any(w.startswith(_NEG_STEMS) and "-" not in w and w not in _NEG_EXCEPTIONS for w in words)


def is_positive(words: frozenset[str]) -> bool:
    """Class/id words of an article container, used to weigh candidates."""
    return not words.isdisjoint(_POS_WORDS)


def polarity(el: Any) -> int:
    """How an element's own markup classifies its region.

    -1 boilerplate (nav/aside/footer tags, hidden, "share"/"widget"/… classes),
    -2 reader comments (never mistaken for a page wrapper: they can outweigh a
    short article), +1 an article container ("article-body", "entry-content", …:
    wrappers outside it are irrelevant), +2 both at once (e.g. "pg-rail
    article-body"), 0 neutral.
    """
    if el.tag in NEGATIVE_TAGS:
        return -1
    style = el.get("style")
    if (style and _HIDDEN.search(style)) or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return -1
    words = attr_words(el)
    if not words:
        return 0
    pos = not words.isdisjoint(_RESCUE_WORDS)
    if is_negative(words):
        if pos:
            return 2
        strong = not words.isdisjoint(_STRONG_NEG_WORDS) and words.isdisjoint(_STRONG_NEG_EXCEPTIONS)
        return -2 if strong else -1
    return 1 if pos else 0


def is_dateline(text: str) -> bool:
    """A line that is nothing but a date/time stamp ("Updated Nov. 19, 2019 8:21 am ET",
    "2005-04-05 06:40更新"): a real date or time must be present, and little else."""
    text = text.lower()
    if not _DATE_CORE.search(text):
        return False
    rest = _DATE_FILLER.sub("", _DATE_CORE.sub("", text))
    return sum(1 for c in rest if c.isalnum()) <= 2


def is_furniture(text: str, weight: int) -> bool:
    """Site furniture recognisable from the line alone: share prompts, copyright
    and ICP lines, editor/source bylines, pagination, date stamps, disclaimers."""
    low = text.lower()
    if weight < SHORT_LINE:
        if any(rx.match(low) for rx in _FURNITURE_START) or any(rx.search(low) for rx in _FURNITURE_ANYWHERE):
            return True
        if weight < DATELINE_MAX and is_dateline(low):
            return True
    return any(rx.match(low) for rx in _FURNITURE_ANY_LENGTH)


def _split_br(raw: str) -> list[str]:
    """Split one block's text at line breaks that end a paragraph.

    ``<br><br>`` always does; a single ``<br>`` does when the line before ends a
    sentence or the next starts with the indentation Chinese pages use (full-width
    or no-break spaces). Other single breaks (addresses, verse) join with a space.
    """
    raw = raw.translate(_INVISIBLE)
    if _BR not in raw:
        text = " ".join(raw.split())
        return [text] if text else []
    out: list[str] = []
    segments = raw.split(_BR)
    current = segments[0]
    for seg in segments[1:]:
        prev = " ".join(current.split())
        indent = seg.lstrip(" \n\t\r")[:1] in _INDENT
        if not seg.strip() or not prev or indent or SENTENCE_END.search(prev):
            if prev:
                out.append(prev)
            current = seg
        else:
            current = f"{current} {seg}"
    last = " ".join(current.split())
    if last:
        out.append(last)
    return out


class _Cutter:
    """State of one walk over the tree: open block owners, pending text, link text."""

    __slots__ = ("blocks", "stack", "parts", "link_chars", "in_link")

    def __init__(self, body: Any) -> None:
        self.blocks: list[Block] = []
        self.stack: list[Any] = [body]
        self.parts: list[str] = []
        self.link_chars = 0
        self.in_link = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.in_link:
                self.link_chars += len(text)

    def flush(self) -> None:
        """Close the pending text run as one or more blocks owned by the innermost
        open block element."""
        if self.parts:
            owner = self.stack[-1]
            texts = _split_br("".join(self.parts))
            total = sum(len(t) for t in texts) or 1
            for text in texts:
                links = self.link_chars * len(text) // total
                self.blocks.append(Block(text, links, owner, owner.tag))
            self.parts.clear()
        self.link_chars = 0


def segment(body: Any) -> list[Block]:
    """Walk ``body`` once and cut its text into blocks in reading order."""
    cut = _Cutter(body)
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):  # non-element nodes (entities): only their tail is text
            if event == "end" and el is not body:
                cut.add(el.tail)
            continue
        if event == "start":
            if tag in BLOCK_TAGS:
                cut.flush()
                cut.stack.append(el)
            elif tag == "br":
                cut.parts.append(_BR)
            elif tag == "a":
                cut.in_link += 1
            cut.add(el.text)
            continue
        if tag in BLOCK_TAGS:
            cut.flush()
            if len(cut.stack) > 1:
                cut.stack.pop()
        elif tag == "a":
            cut.in_link -= 1
        if el is not body:
            cut.add(el.tail)
    cut.flush()
    return merge_rows(cut.blocks)


def merge_rows(blocks: list[Block]) -> list[Block]:
    """Join the cells of a data-table row into one block ("a | b | c") so a row
    reads as one paragraph. Layout cells (long, or holding several paragraphs)
    stay apart: old Chinese pages put whole articles in table cells."""
    out: list[Block] = []
    i, n = 0, len(blocks)
    while i < n:
        first = blocks[i]
        if first.tag not in ("td", "th"):
            out.append(first)
            i += 1
            continue
        row = first.owner.getparent()
        j = i + 1
        while j < n and blocks[j].tag in ("td", "th") and blocks[j].owner.getparent() is row:
            j += 1
        group = blocks[i:j]
        one_each = len({id(b.owner) for b in group}) == len(group)
        if len(group) > 1 and one_each and max(len(b.text) for b in group) < CELL_MAX:
            out.append(Block(" | ".join(b.text for b in group), sum(b.link_len for b in group), row, "tr"))
        else:
            out.extend(group)
        i = j
    return out
