"""Text and mention helpers shared by the people and event finders.

Chinese rules match on the Simplified shadow of the text (one rule serves
both scripts) while every reported offset must index the original text, so
:class:`Shadow` carries both and maps offsets either way. Mentions come from
the organization/place finder with original offsets; the helpers here find
the mention that ends where a title starts, the one that starts after an
``of``, and what "the company" refers back to.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from lasermap.annotations import Mention
from lasermap.data_files import load_json
from lasermap.normalize.script import simplified_with_offsets

HAN = re.compile(r"[\u3400-\u9fff]")
PUNCT = set("，,。.；;：:！!？?、（）()“”\"‘’'《》「」『』【】[]—…·\n\r\t ")


@dataclass(slots=True)
class Shadow:
    """The original text, its Simplified shadow, and the offset maps between them."""

    text: str
    simp: str
    anchors: list[tuple[int, int]] = field(default_factory=list)
    _orig_keys: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Shadow:
        """Build once per document; conversion costs more than the rules that use it."""
        if not HAN.search(text):
            return cls(text, text)
        simp, anchors = simplified_with_offsets(text)
        return cls(text, simp, anchors, [o for _s, o in anchors])

    def orig(self, pos: int) -> int:
        """Shadow offset → original offset."""
        if not self.anchors:
            return pos
        i = bisect.bisect_right(self.anchors, (pos, 1 << 62)) - 1
        if i < 0:
            return pos
        s0, o0 = self.anchors[i]
        return o0 + (pos - s0)

    def shadow(self, pos: int) -> int:
        """Original offset → shadow offset (the inverse of :meth:`orig`)."""
        if not self.anchors:
            return pos
        i = bisect.bisect_right(self._orig_keys, pos) - 1
        if i < 0:
            return pos
        s0, o0 = self.anchors[i]
        return s0 + (pos - o0)


@dataclass(frozen=True, slots=True)
class Span:
    """A mention placed in shadow coordinates (start/end index ``Shadow.simp``)."""

    start: int
    end: int
    mention: Mention

    @property
    def label(self) -> str:
        """The name to report: canonical where the finder knew it, else the surface."""
        return self.mention.name or self.mention.text


def spans(shadow: Shadow, mentions: list[Mention], types: tuple[str, ...]) -> list[Span]:
    """Mentions of the given types in shadow coordinates, in text order."""
    out = [Span(shadow.shadow(m.start), shadow.shadow(m.end), m) for m in mentions if m.type in types]
    return sorted(out, key=lambda s: (s.start, -s.end))


def ending_at(items: list[Span], pos: int) -> Span | None:
    """The longest span ending exactly at ``pos``."""
    found = [s for s in items if s.end == pos]
    return min(found, key=lambda s: s.start) if found else None


def starting_at(items: list[Span], pos: int) -> Span | None:
    """The longest span starting exactly at ``pos``."""
    found = [s for s in items if s.start == pos]
    return max(found, key=lambda s: s.end - s.start) if found else None


def covering(items: list[Span], pos: int) -> Span | None:
    """The span that contains offset ``pos``."""
    for s in items:
        if s.start <= pos < s.end:
            return s
    return None


@lru_cache(maxsize=1)
def titles_data() -> dict:
    """The title vocabulary (``data/titles.json``), loaded once."""
    return load_json("titles.json")


def is_company(span: Span) -> bool:
    """Company mentions: by subtype when the finder gave one, else by legal-form words in the name."""
    m = span.mention
    if m.subtype:
        return m.subtype == "company"
    marks = titles_data()["en"]["company_name_marks"]
    return any(k.lower() in (m.text + " " + m.name).lower() for k in marks)


def resolve_anaphor(noun: str, before: int, orgs: list[Span]) -> Span | None:
    """What "the company" / "the federation" refers to: the latest fitting org mention before it.

    A company noun takes the latest company mention; any other noun takes the
    latest mention whose name contains that noun (the Federation → German
    Federal Federation of …). Nothing fitting → None rather than a guess.
    """
    noun = noun.lower()
    nouns = titles_data()["en"]["anaphors"]
    earlier = [s for s in orgs if s.end <= before]
    if noun in nouns["company"]:
        fits = [s for s in earlier if is_company(s)]
    else:
        fits = [s for s in earlier if noun in (s.mention.text + " " + s.mention.name).lower()]
    return fits[-1] if fits else None
