"""Language identification: pycld2 for running text, a CJK-share rule for short text.

pycld2 is fast, offline and the only measured option that tells Traditional
Chinese apart (``zh-Hant``); on very short or furniture-heavy text it answers
``un``, where the share of Han characters decides between ``zh`` and the rest.
"""

from __future__ import annotations

import pycld2

from lasermap.normalize.script import han_count

_CLD_TO_ISO = {"zh-Hant": "zh", "zh": "zh", "un": None, "xx-Qaai": None}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (``zh`` for both scripts), or None if unknown."""
    sample = text[:50000]
    letters = sum(1 for c in sample if c.isalpha())
    if letters == 0:
        return None
    han = han_count(sample)
    if han / letters > 0.3:
        return "zh"
    try:
        reliable, _, details = pycld2.detect(sample, bestEffort=True)
    except pycld2.error:
        reliable, details = False, ()
    code = details[0][1] if details else "un"
    iso = _CLD_TO_ISO.get(code, code.split("-")[0])
    if iso is None:
        return "en" if sample.isascii() else None
    if not reliable and sample.isascii() and iso not in ("en",):
        # Short ASCII snippets are usually English furniture, not Latin or Scots.
        return "en"
    return iso
