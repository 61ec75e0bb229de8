"""Finding the article among a page's blocks.

The approach is readability's (score containers by the prose under them, pick the
best, add its siblings), with the changes that measured better on English and
Chinese news pages:

* Boilerplate regions are decided per block by walking its ancestors *outwards*
  and stopping at the first element whose markup says something: a "comments"
  or "share" region makes the block furniture, an "article-body" container makes
  every wrapper further out irrelevant (so a page-wide ``class="Page-ad-margins"``
  or a Drupal ``field-label-hidden`` cannot wipe out the article).
* Class names weigh multiplicatively (±25 %), not readability's additive ±25,
  which let a tiny "article__inset__image" figure outrank the real body.
* After picking the best container we widen it by up to three levels when the
  wider element adds prose (long, link-poor blocks) but little link-heavy junk:
  articles split over sibling sections are common; readability only looks at
  direct siblings.
* Inside the chosen region, link-dense blocks, furniture lines and the run of
  teasers after a "Related articles" heading are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lasermap.clean.html_blocks import (
    END_MARKER,
    PARA_TAGS,
    SENTENCE_END,
    Block,
    attr_words,
    is_furniture,
    is_negative,
    is_positive,
    polarity,
    weighted_len,
)

#: Multiplicative weight of a positive / negative class name on a candidate.
CLASS_WEIGHT = 0.25
#: An "article" container only shields its outer wrappers if it holds this share of
#: the page text; small ones ("comment-content" inside a comment) must not.
STOP_SHARE = 0.25
#: Blocks lighter than this (weighted) do not vote for a container.
MIN_SCORED = 25
#: Blocks without punctuation and under this weight are titles/labels, not prose.
PROSE_LEN = 100
#: A block this heavy with few links counts as article prose when widening.
GOOD_LEN = 80
#: Widening: at most this many levels up, gaining at least this share of prose,
#: adding at most this much junk per unit of prose.
WIDEN_LEVELS = 3
WIDEN_GAIN = 0.2
WIDEN_JUNK = 0.3
#: A well-scored sibling joins only if it is not much more link-heavy than the top
#: container (a block of teasers scores like prose but is half links).
SIBLING_EXTRA_LINKS = 0.15
_PUNCT = re.compile(r"[,，、。；;]")


@dataclass(slots=True)
class PageStats:
    """Per-element text and link totals, computed once per page."""

    body: Any
    totals: dict[Any, int] = field(default_factory=dict)
    links: dict[Any, int] = field(default_factory=dict)

    @property
    def page_len(self) -> int:
        return max(1, self.totals.get(self.body, 1))

    def link_density(self, el: Any) -> float:
        return self.links.get(el, 0) / max(1, self.totals.get(el, 1))


def annotate(blocks: list[Block], body: Any) -> PageStats:
    """Weigh each block, flag furniture lines, and sum text/link lengths over all
    ancestors (ancestor chains are shared by blocks with the same owner)."""
    stats = PageStats(body)
    totals, links = stats.totals, stats.links
    chains: dict[Any, list[Any]] = {}
    for b in blocks:
        b.weight = weighted_len(b.text)
        b.boiler = is_furniture(b.text, b.weight)
        chain = chains.get(b.owner)
        if chain is None:
            chain = []
            el = b.owner
            while el is not None:
                chain.append(el)
                el = el.getparent()
            chains[b.owner] = chain
        b.ancestors = chain
        n, k = len(b.text), b.link_len
        for el in chain:
            totals[el] = totals.get(el, 0) + n
            links[el] = links.get(el, 0) + k
    return stats


def mark_bad(blocks: list[Block], stats: PageStats, max_share: float) -> None:
    """Flag blocks inside boilerplate regions (see module docstring). A negative
    region holding ``max_share`` of the page or more is taken for a mislabelled
    wrapper and ignored — except reader comments; the strict first pass uses a
    share above 1 (never ignored)."""
    page = stats.page_len
    # <body> and <html> classes describe the page, not a region of it
    verdicts: dict[Any, int] = {stats.body: 0, **{el: 0 for el in stats.body.iterancestors()}}
    for b in blocks:
        b.bad = False
        for el in b.ancestors:
            verdict = verdicts.get(el)
            if verdict is None:
                verdict = polarity(el)
                size = stats.totals.get(el, 0)
                if verdict == -1 and size >= max_share * page:
                    verdict = 0
                elif verdict > 0 and size < STOP_SHARE * page:
                    verdict = 0
                verdicts[el] = max(-1, min(verdict, 1))
            if verdict:
                b.bad = verdict < 0
                break


def _block_score(b: Block) -> float:
    """readability's paragraph score (1 + commas + length bonus), discounted by the
    block's link density; label-like lines without punctuation count little."""
    punct = len(_PUNCT.findall(b.text))
    base = 1.0 if punct or b.weight >= PROSE_LEN else 0.3
    return (base + punct + min(b.weight / 100, 3)) * (1 - b.link_density)


def score(blocks: list[Block], stats: PageStats) -> dict[Any, float]:
    """Container scores: each prose block feeds its container fully and up to four
    further ancestors with readability.js's decay (1/2, 1/6, 1/9, 1/12)."""
    raw: dict[Any, float] = {}
    for b in blocks:
        if b.weight < MIN_SCORED or b.bad or b.boiler:
            continue
        s = _block_score(b)
        host = b.owner.getparent() if b.tag in PARA_TAGS else b.owner
        if host is None:
            host = b.owner
        level = 0
        while host is not None and level < 5:
            raw[host] = raw.get(host, 0.0) + s / (1 if level == 0 else 2 if level == 1 else level * 3)
            host = host.getparent()
            level += 1
    final: dict[Any, float] = {}
    for el, s in raw.items():
        weight = 1.0
        words = attr_words(el)
        if words:
            weight += CLASS_WEIGHT * (is_positive(words) - is_negative(words))
        final[el] = s * (1 - stats.link_density(el)) * weight
    return final


def _is_ancestor(anc: Any, el: Any) -> bool:
    """True if ``anc`` is ``el`` or one of its ancestors."""
    while el is not None:
        if el is anc:
            return True
        el = el.getparent()
    return False


def pick(final: dict[Any, float], body: Any) -> Any | None:
    """Best container, then readability.js's corrections: move to an ancestor shared
    by three near-best candidates (an article split into sections), climb while the
    parent scores higher, and step out of single-child wrappers."""
    if not final:
        return None
    ranked = sorted(final, key=final.__getitem__, reverse=True)[:5]
    top, best = ranked[0], final[ranked[0]]
    alternatives = [el for el in ranked[1:] if final[el] >= 0.75 * best]
    if len(alternatives) >= 3:
        parent = top.getparent()
        while parent is not None and parent is not body:
            if sum(_is_ancestor(parent, a) for a in alternatives) >= 3:
                top = parent
                break
            parent = parent.getparent()
    last = final.get(top, 0.0)
    floor = last / 3
    parent = top.getparent()
    while parent is not None and parent is not body:
        parent_score = final.get(parent, 0.0)
        if parent_score < floor:
            break
        if parent_score > last:
            top = parent
            break
        last = parent_score
        parent = parent.getparent()
    parent = top.getparent()
    while parent is not None and parent is not body and sum(isinstance(c.tag, str) for c in parent) == 1:
        top, parent = parent, parent.getparent()
    return top


def widen(top: Any, blocks: list[Block], body: Any) -> Any:
    """Climb from ``top`` to the highest of the next few ancestors that adds prose
    and little junk (see module docstring)."""
    good: dict[Any, int] = {}
    junk: dict[Any, int] = {}
    for b in blocks:
        if b.bad:
            continue
        target = good if b.weight >= GOOD_LEN and b.link_density < 0.3 else junk
        for el in b.ancestors:
            target[el] = target.get(el, 0) + b.weight
    g0, j0 = good.get(top, 0), junk.get(top, 0)
    best, el, level = top, top.getparent(), 0
    while el is not None and el is not body and level < WIDEN_LEVELS:
        gain = good.get(el, 0) - g0
        if gain >= WIDEN_GAIN * g0 and junk.get(el, 0) - j0 <= WIDEN_JUNK * gain:
            best = el
        el, level = el.getparent(), level + 1
    return best


def is_prose(b: Block) -> bool:
    """Reads like article text: long with few links, or a link-free sentence."""
    if b.weight >= GOOD_LEN:
        return b.link_density < 0.25
    return b.link_len == 0 and SENTENCE_END.search(b.text) is not None


def _siblings(top: Any, final: dict[Any, float], stats: PageStats) -> set[Any]:
    """``top`` plus the siblings readability would add: well-scored ones and
    prose paragraphs."""
    chosen = {top}
    parent = top.getparent()
    if parent is None:
        return chosen
    threshold = max(5.0, final.get(top, 0.0) * 0.2)
    max_links = stats.link_density(top) + SIBLING_EXTRA_LINKS
    for sib in parent:
        if sib is top or not isinstance(sib.tag, str):
            continue
        if final.get(sib, 0.0) >= threshold and stats.link_density(sib) <= max_links:
            chosen.add(sib)
        elif sib.tag == "p" and stats.totals.get(sib):
            text = "".join(sib.itertext()).strip()
            if is_prose(Block(text, stats.links.get(sib, 0), sib, "p", weighted_len(text))):
                chosen.add(sib)
    return chosen


def select(blocks: list[Block], top: Any, final: dict[Any, float], stats: PageStats) -> list[str]:
    """Paragraphs of the chosen region in reading order, furniture removed.

    Prose text sitting directly in ``top``'s parent (outside any element, as on
    old table-layout pages) is kept too. After an end marker ("Related articles",
    "相关阅读") everything is dropped until the next real paragraph.
    """
    chosen = _siblings(top, final, stats)
    parent = top.getparent()
    loose = parent if parent is not None and parent.tag not in ("body", "html") else None
    out: list[str] = []
    in_junk = False
    for b in blocks:
        if b.bad:
            continue
        if not any(el in chosen for el in b.ancestors) and (b.owner is not loose or not is_prose(b)):
            continue
        if b.weight < 60 and END_MARKER.match(b.text.lower()):
            in_junk = True
            continue
        if in_junk:
            if b.weight < GOOD_LEN or b.link_density >= 0.3:
                continue
            in_junk = False
        if b.boiler or b.link_density > 0.5:
            continue
        out.append(b.text)
    return out
