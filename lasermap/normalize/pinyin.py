"""Remove ruby pinyin that a converter flattened into the text: ``調(diào)研`` → ``調研``.

A parenthesised group is only removed when it is a pinyin reading *of the
character right before it* (checked with pypinyin's heteronym table), so real
parenthesised text — ``奔騰激光(溫州)``, ``邦德激光(Bodor)``, ``(over)`` — is
never touched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_CANDIDATE = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])[(（]([a-zA-Zü" + _TONED + r"]{1,7}[1-5]?)[)）]")


def _plain(syllable: str) -> str:
    """Drop tone marks/numbers so 'diào', 'diao4' and 'diao' compare equal."""
    s = unicodedata.normalize("NFD", syllable.lower().replace("ü", "v"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.rstrip("12345").replace("u\u0308", "v")


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin  # its dictionaries take 0.2 s to load; most pages never need them

    readings = pinyin(char, heteronym=True, style=Style.TONE, errors="ignore")
    if not readings:
        return frozenset()
    return frozenset(_plain(r) for r in readings[0])


def _is_reading(char: str, group: str) -> bool:
    plain = _plain(group)
    if plain in _readings(char):
        return True
    # pypinyin's table may lack a rare reading; accept a tone-marked syllable
    # only when the character has no known reading at all.
    return not _readings(char) and any(c in _TONED for c in group)


def strip_ruby_pinyin(text: str) -> tuple[str, int]:
    """Return the text without flattened ruby pinyin, and how many groups went."""
    removed = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal removed
        if _is_reading(m.group(1), m.group(2)):
            removed += 1
            return m.group(1)
        return m.group(0)

    if "(" not in text and "（" not in text:
        return text, 0
    return _CANDIDATE.sub(repl, text), removed
