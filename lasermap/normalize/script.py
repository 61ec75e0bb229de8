"""Simplified shadow of Chinese text, with offsets that map back to the original.

OpenCC ``t2s`` converts phrase by phrase and almost always keeps the length,
so the shadow shares offsets with the original. Where a conversion changes
length, the paragraph is re-aligned and an anchor list records where the two
texts diverge; :func:`to_original` maps a shadow offset back.
"""

from __future__ import annotations

import bisect
import difflib
from functools import lru_cache

import opencc

_HAN_LO, _HAN_HI = "\u3400", "\u9fff"


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional → Simplified by characters and phrases (``t2s``, never ``tw2sp``)."""
    return _converter("t2s").convert(text) if text else text


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text) if text else text


def simplified_with_offsets(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Return the shadow and anchors ``(shadow_pos, original_pos)``.

    An empty anchor list means offsets are identical in both texts.
    """
    shadow = to_simplified(text)
    if len(shadow) == len(text):
        return shadow, []
    matcher = difflib.SequenceMatcher(None, shadow, text, autojunk=False)
    anchors = [(s1, o1) for _tag, s1, _s2, o1, _o2 in matcher.get_opcodes()]
    return shadow, anchors


def to_original(pos: int, anchors: list[tuple[int, int]]) -> int:
    """Map an offset in the Simplified shadow back to the original text."""
    if not anchors:
        return pos
    i = bisect.bisect_right(anchors, (pos, 1 << 62)) - 1
    if i < 0:
        return pos
    s_start, o_start = anchors[i]
    return o_start + (pos - s_start)


def han_count(text: str) -> int:
    return sum(1 for c in text if _HAN_LO <= c <= _HAN_HI)


def detect_script(text: str, shadow: str | None = None) -> str | None:
    """``Hant`` when Traditional-only characters are more than a trace of the Han text.

    The share of characters that t2s changes is ~0 for Simplified text and well
    above 5 % for Traditional text; a threshold of 1 % absorbs the odd
    Traditional character quoted in a Simplified page, without an s2t pass.
    """
    sample = text[:20000]
    han = han_count(sample)
    if han == 0:
        return None
    simp = shadow[: len(sample)] if shadow is not None and len(shadow) == len(text) else to_simplified(sample)
    if len(simp) != len(sample):
        simp = to_simplified(sample)
    changed = sum(1 for a, b in zip(sample, simp, strict=False) if a != b)
    return "Hant" if changed > max(1, han * 0.01) else "Hans"
