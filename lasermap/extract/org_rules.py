"""Organization names that no gazetteer knows, found by their shape.

Chinese: a name-final word (有限公司, 协会, 研究院, 管委会, 党委, 基地 …)
extended leftwards over name characters until punctuation, a function
character, or a boundary word (参观, 考察了, 由 …); a name made only of generic
modifiers (研发中心, 服务中心) is not a name; a one-character suffix (局, 部)
needs a place name in front (温州市科技局). English: capitalised words (and a
few domain words in lower case) ending in a head noun (Association, Co., Ltd.,
Zone), or a head noun followed by ``of``/``for`` and a capitalised name
(Management Committee of Suzhou Industrial Park). Rules are data in
``data/org_rules.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lasermap.data_files import load_json

_DATE_IN_SPAN = re.compile(r"\d+\s*[年月日号]")
_PAREN_PLACE = re.compile(r"[(（][\u4e00-\u9fff]{2,6}[)）]$")
_MAX_LEFT = 16


@dataclass(frozen=True, slots=True)
class OrgSpan:
    start: int
    end: int
    subtype: str
    head: str


@dataclass(frozen=True, slots=True)
class _Rules:
    suffix_re: re.Pattern[str]
    suffixes: dict[str, str]
    single: frozenset[str]
    single_false: frozenset[str]
    stop: frozenset[str]
    conjunctions: frozenset[str]
    boundary_re: re.Pattern[str]
    generic_re: re.Pattern[str]
    en_head_re: re.Pattern[str]
    en_lead_re: re.Pattern[str]
    lower_ok: frozenset[str]
    weak_heads: frozenset[str]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> _Rules:
    data = load_json("org_rules.json")
    suffixes: dict[str, str] = data["suffixes_zh"]
    return _Rules(
        suffix_re=re.compile(f"(?:{_alt(list(suffixes))})"),
        suffixes=suffixes,
        single=frozenset(data["single_char"]),
        single_false=frozenset(data["single_char_false_words"]),
        stop=frozenset(data["stop_chars"]),
        conjunctions=frozenset(data["conjunctions_zh"]),
        boundary_re=re.compile(f"(?:{_alt(data['boundary_words'])})"),
        generic_re=re.compile(f"(?:{_alt(data['generic_zh'])})+"),
        en_head_re=re.compile(rf"(?<![\w])(?:{_alt(data['heads_en'])})(?![\w])"),
        en_lead_re=re.compile(rf"(?<![\w])(?:{_alt(data['lead_heads_en'])})\s+(?:of|for)\s+(?:the\s+)?"),
        lower_ok=frozenset(w.lower() for w in data["lower_ok_en"]),
        weak_heads=frozenset(data["weak_heads_en"]),
    )


# --- Chinese -------------------------------------------------------------


def _joins_names(text: str, i: int, place_starts: frozenset[int]) -> bool:
    """Is the conjunction at ``i - 1`` inside one name (深圳市精密仪器与智造…联合党支部)?

    Only when the words before it start at a place name, run without a break,
    and do not already end an organization name: "宣布与长飞光纤…" is a verb
    and a conjunction, not a name.
    """
    r = rules()
    j = i - 1
    while j > 0 and i - 1 - j < 10 and text[j - 1] not in r.stop and text[j - 1].isalnum():
        j -= 1
    before = text[j : i - 1]
    if len(before) < 3 or j not in place_starts or r.suffix_re.search(before[-6:] + "\x00"):
        return False
    return not r.boundary_re.search(before)


def _left_edge(text: str, end: int, place_starts: frozenset[int] = frozenset()) -> int:
    """Leftmost start of a name ending at ``end``: name characters only, bounded length."""
    r = rules()
    i = end
    while i > 0 and end - i < _MAX_LEFT:
        ch = text[i - 1]
        if ch in ")）":
            m = _PAREN_PLACE.search(text[max(0, i - 8) : i])
            if m:
                i -= len(m.group())
                continue
        if ch == "." and i >= 2 and text[i - 2].isascii() and text[i - 2].isalpha():
            i -= 1
            continue
        if ch in r.conjunctions and _joins_names(text, i, place_starts):
            i -= 1
            continue
        if ch in r.stop or not (ch.isalnum() or ch in "&-·"):
            break
        i -= 1
    span = text[i:end]
    cut = 0
    for m in r.boundary_re.finditer(span):
        cut = max(cut, m.end())
    for dm in _DATE_IN_SPAN.finditer(span):
        cut = max(cut, dm.end())
    return i + cut


def find_orgs_zh(simplified: str, place_starts: frozenset[int] = frozenset()) -> list[OrgSpan]:
    """Organization spans in Simplified Chinese text (offsets into that text).

    ``place_starts`` are offsets where a gazetteer place name begins: a
    one-character suffix (局, 部) only makes a name that starts with a place.
    """
    r = rules()
    found: dict[tuple[int, int], OrgSpan] = {}
    for m in r.suffix_re.finditer(simplified):
        head = m.group()
        start = _left_edge(simplified, m.start(), place_starts)
        body = simplified[start : m.start()]
        if not body or len(body) < 2 and head not in ("集团", "大学", "学院"):
            continue
        if head in r.single and (start not in place_starts or simplified[m.start() - 1 : m.end()] in r.single_false):
            continue
        if r.generic_re.fullmatch(body):
            continue
        found[(start, m.end())] = OrgSpan(start, m.end(), r.suffixes[head], head)
    return sorted(found.values(), key=lambda s: (s.start, -s.end))


# --- English -------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][\w'’&.\-]*|&")


def _is_name_word(word: str, lower_ok: frozenset[str]) -> bool:
    return word[:1].isupper() or word.lower() in lower_ok


_ABBREV_DOT = re.compile(r"^(?:[A-Z]\.)+$|^(?:Co|Ltd|Inc|Corp|St|No|Dr|Mr|Ms|Jr|Sr)\.$")


def _ends_sentence(word: str) -> bool:
    """A word carrying a full stop that is not an abbreviation (``Technology.`` but not ``Co.``)."""
    return word.endswith(".") and not _ABBREV_DOT.match(word)


def _extend_left(text: str, start: int) -> int:
    """Move left over capitalised (or allowed lower-case) words on the same line."""
    r = rules()
    words = list(_WORD.finditer(text[max(0, start - 160) : start]))
    base = max(0, start - 160)
    best = start
    for m in reversed(words):
        gap = text[base + m.end() : best]
        word = m.group()
        if gap.strip(" -") or "\n" in gap or _ends_sentence(word):
            break
        if word.lower() == "the" or not _is_name_word(word, r.lower_ok):
            break
        if word.lower() == "and" and (m is words[0] or r.en_head_re.fullmatch(words[words.index(m) - 1].group())):
            break  # "Commission and the Department": two names, not one
        best = base + m.start()
    # a name starts with a capitalised word, never with 'of', 'and', 'the'
    while best < start:
        m = _WORD.match(text, best)
        if m and m.group()[:1].isupper() and m.group() not in ("The", "A", "An", "In", "At", "On", "During", "With"):
            break
        nxt = re.search(r"\s+", text[best:start])
        if not nxt:
            return start
        best += nxt.end()
    return best


def _extend_right(text: str, end: int) -> int:
    """After a head noun: ``of``/``for`` (+ ``the``) + capitalised words."""
    m = re.match(r"\s+(?:of|for)\s+(?:the\s+)?", text[end:])
    if not m:
        return end
    pos = end + m.end()
    last = end
    for w in _WORD.finditer(text, pos):
        gap = text[pos : w.start()]
        if gap.strip() or "\n" in gap:
            break
        word = w.group()
        if not (word[:1].isupper() or word in ("and", "of", "for", "the", "&") or word.lower() == "medium-sized"):
            break
        if _ends_sentence(word):
            last = w.end() - 1 if word[:1].isupper() else last
            break
        pos = w.end()
        if word[:1].isupper():
            last = w.end()
    return last


def find_orgs_en(text: str) -> list[OrgSpan]:
    """Organization spans in English text."""
    r = rules()
    found: dict[tuple[int, int], OrgSpan] = {}
    for m in r.en_head_re.finditer(text):
        head = m.group()
        if not head[:1].isupper():
            continue
        start = _extend_left(text, m.start())
        end = _extend_right(text, m.end())
        name = text[start:end]
        if start == m.start() and end == m.end():
            continue  # a bare head noun ("the Association") is a reference, not a name
        if head in r.weak_heads and start == m.start():
            continue
        if len(name.split()) < 2 or len(name) > 120:
            continue
        found[(start, end)] = OrgSpan(start, end, _en_subtype(head), head)
    return sorted(found.values(), key=lambda s: (s.start, -s.end))


def _en_subtype(head: str) -> str:
    h = head.lower().rstrip(".")
    table = {
        "association": "association", "society": "association", "council": "association", "federation": "association",
        "chamber": "association", "alliance": "alliance", "consortium": "alliance", "institute": "institute",
        "institution": "institute", "academy": "institute", "laboratory": "institute", "lab": "institute",
        "university": "university", "college": "university", "committee": "committee", "commission": "government",
        "ministry": "government", "bureau": "government", "department": "government", "administration": "government",
        "agency": "government", "center": "center", "centre": "center", "zone": "park", "park": "park",
        "valley": "park", "base": "facility", "headquarters": "facility", "hq": "facility", "plant": "facility",
        "factory": "facility", "campus": "facility", "industrial base": "facility",
    }  # fmt: skip
    return table.get(h, "company")
