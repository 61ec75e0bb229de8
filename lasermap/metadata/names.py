"""Is this a person's name? Reading names out of bylines without a name dictionary.

Chinese bylines follow a label (记者, 编辑, 作者) with names of two to four
Han characters that begin with a family name, separated by spaces or 、 and
closed by a delimiter (报道, 摄, 发自, a bracket, the end of the line). That
shape is what tells ``记者 王建宏 张文攀`` from ``记者了解到`` — 了 is not a
family name, and ``向江门警方`` does not end where a name ends. Values behind
a clear author label (``作者:宝安先锋``) are taken more freely, since pen names
and account names are authors too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lasermap.metadata.page import load_labels

_HAN = r"\u3400-\u9fff"
_HAN_RUN = re.compile(rf"^[{_HAN}]{{2,4}}$")
_LATIN_NAME = re.compile(
    r"^[A-Z][a-zA-Z'’.-]+(?:\s+(?:[A-Z][a-zA-Z'’.-]*|de|van|von|der|da|di|del|la|le|bin|al)){1,3}$"
)
_URLISH = re.compile(r"https?:|www\.|\.com|\.cn|\.net|\.org|@|=|\"|<|>|\d{3,}", re.I)
_SPLIT = re.compile(r"[\s、,，;；/|]+")


@dataclass(frozen=True, slots=True)
class _Rules:
    """Name rules from author_labels.json."""

    surnames: frozenset[str]
    stop: frozenset[str]
    stop_contains: tuple[str, ...]
    org: tuple[str, ...]
    roles: tuple[str, ...]
    not_names: frozenset[str]
    latin_bad: frozenset[str]
    compound_surnames: tuple[str, ...]
    closers: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = load_labels("author_labels.json")
    return _Rules(
        surnames=frozenset(raw["surnames"]),
        stop=frozenset(v.lower() for v in raw["stop_values"]),
        stop_contains=tuple(v.lower() for v in raw["stop_contains"]),
        org=tuple(v.lower() for v in raw["org_suffixes"]),
        roles=tuple(sorted(raw["role_words"], key=len, reverse=True)),
        not_names=frozenset(raw["not_names"]),
        latin_bad=frozenset(raw["latin_non_name_words"]),
        compound_surnames=tuple(raw["compound_surnames"]),
        closers=tuple(raw["closers"]),
    )


@lru_cache(maxsize=8192)
def is_cn_name(s: str) -> bool:
    """2–4 Han characters starting with a family name, not a role word, not an organisation."""
    r = _rules()
    if not _HAN_RUN.match(s) or s.lower() in r.stop or s in r.not_names:
        return False
    if not (s[0] in r.surnames or s.startswith(r.compound_surnames)):
        return False
    if any(role in s for role in r.roles if len(role) > 1):
        return False
    return not looks_like_org(s)


def is_latin_name(s: str) -> bool:
    """'Jeff Foust', 'Mary-Jo de la Cruz': capitalised words, two to four of them."""
    if not _LATIN_NAME.match(s.strip()) or looks_like_org(s):
        return False
    return not any(w.strip(".").lower() in _rules().latin_bad for w in s.split())


def is_placeholder(s: str) -> bool:
    """佚名, 未知, 网络整理, admin: a value that stands in for "no author"."""
    low = s.lower().strip()
    r = _rules()
    return low in r.stop or any(w in low for w in r.stop_contains)


@lru_cache(maxsize=8192)
def looks_like_org(s: str) -> bool:
    """Media outlets, companies, agencies: 中国新闻网, 第一财经日报, Reuters Media."""
    low = s.lower().strip()
    r = _rules()
    if is_placeholder(low):
        return True
    words = set(re.findall(r"[a-z]+", low))
    for suf in r.org:
        if suf.isascii():
            if suf.startswith(".") and suf in low or suf in words:
                return True
        elif low.endswith(suf) or len(suf) > 2 and suf in low:
            return True
    return False


@lru_cache(maxsize=1)
def _role_pattern() -> re.Pattern[str]:
    words = {w for w in (*_rules().roles, *_rules().closers) if len(w) > 1 or w in ("摄", "攝")}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _cut_roles(text: str) -> str:
    """Put spaces around role words and closers so glued bylines split: 周炜本报记者王燕平."""
    return _role_pattern().sub(lambda m: f" {m.group(0)} ", text)


def leading_names(text: str, *, latin: bool = True, loose: bool = False) -> list[str]:
    """The names at the start of ``text`` (a byline value), in order; stops at the first non-name."""
    return byline(text, latin=latin, loose=loose)[0]


def byline(text: str, *, latin: bool = True, loose: bool = False) -> tuple[list[str], str]:
    """(names at the start of ``text``, the text after the last of them).

    ``loose`` accepts any 2–6 Han characters that are not an organisation or a
    role word, for contexts whose shape already proves a name follows, such as
    ``(记者 格桑边觉)``: names outside the Han family-name system are names too.
    """
    text = text.strip()
    if latin and re.match(r"[A-Z]", text):
        names = _latin_names(text)
        return names, _after(text, names)
    names: list[str] = []
    roles = set(_rules().roles) | set(_rules().closers)
    spaced = re.sub(rf"(?<=[{_HAN}])(?=\d)", " ", _cut_roles(text))  # 柏建斌2003-7-24
    for token in _SPLIT.split(spaced):
        token = token.strip("[]【】()（）:：·•□■ ")
        if not token:
            continue
        if token in roles:
            if names and token in _rules().closers:
                break
            continue
        if is_cn_name(token) or loose and _loose_name(token):
            names.append(token)
            continue
        break
    return names, _after(text, names)


def _loose_name(token: str) -> bool:
    if token in _rules().not_names:
        return False
    return (
        bool(re.fullmatch(rf"[{_HAN}]{{2,6}}", token))
        and not looks_like_org(token)
        and not any(role in token for role in _rules().roles if len(role) > 1)
    )


def _after(text: str, names: list[str]) -> str:
    """What follows the last name in ``text`` (empty when no names)."""
    if not names:
        return text
    end = text.rfind(names[-1])
    return text[end + len(names[-1]) :] if end >= 0 else ""


_NAME_END = re.compile(
    r"^(?:$|\s*[)）\]】〕」/|｜;；。·•–—]|\s+-\s|\s*\d|\s*(?:报道|報道|报导|報導|发自|發自|摄|攝|通讯员|通訊員|实习生|實習生|记者|記者|编辑|編輯)"
    rf"|\s+[{_HAN}]{{1,10}}(?:报道|報道|报导|電|电)|\s+(?=[A-Za-z(（【\[<■□]|$)|\s{{2,}})"
)


def ends_cleanly(rest: str) -> bool:
    """A byline's names end at a line end, a bracket, a closer (报道, 摄, 发自) or a field gap —
    not in the middle of a sentence, which is how ``记者查实,这则…`` is told from a byline."""
    if _NAME_END.match(rest):
        return True
    head = rest.lstrip()
    return head != rest and any(head.startswith(role) for role in _rules().roles if len(role) > 1)


def is_photo_credit(rest: str) -> bool:
    """``刘娟 摄`` / ``蔡雪婧/摄``: the names are the photographer's."""
    return bool(re.match(r"\s*/?\s*(?:摄|攝|供图|供圖|图|圖)(?![\u3400-\u9fff])|\s*/?\s*(?:摄影|攝影)", rest))


def _latin_names(text: str) -> list[str]:
    names: list[str] = []
    for part in re.split(r"\s*(?:,|\band\b|&|\|)\s*", text):
        part = re.split(
            r"\s+(?:(?:on|at|in|for|from|updated|published|posted)\b|[-–—|])", part, maxsplit=1, flags=re.I
        )[0]
        part = part.strip(" .")
        if is_latin_name(part):
            names.append(part)
        elif names or part:
            break
    return names


def clean_free_value(value: str) -> str | None:
    """The value behind an explicit author label, trimmed at the next field; None if it is no name.

    ``宝安先锋 来源:…`` → ``宝安先锋``; ``赵 培:北京物资学院`` → ``赵培``;
    ``周思博 (Joel Spolsky)`` is kept whole (a Latin gloss), ``放飞&心情振威将军(从一品)`` is cut.
    """
    v = value.strip(" :：\t")
    v = re.sub(rf"^([{_HAN}]) ([{_HAN}])(?=[\s:：,，]|$)", r"\1\2", v)  # 赵 培: padded two-character name
    v = re.split(r"\s{2,}|[|｜:：;；,，。]|\s(?=[\u3400-\u9fff]{1,4}[:：])", v, maxsplit=1)[0]
    v = re.sub(r"[(（](?![A-Za-z .'-]+[)）]).*$", "", v)
    v = re.split(
        r"\s+(?:阅读|閱讀|点击|評論|评论|浏览|发表|發表|时间|時間|来源|來源|编辑|編輯)", v, maxsplit=1
    )[0]
    v = v.strip(" []【】·•-–—")
    if not v or len(v) > 30 or _URLISH.search(v) or is_placeholder(v):
        return None
    if re.fullmatch(r"[\W\d_]+", v):
        return None
    parts = [p for p in v.split() if p]
    if len(parts) > 1 and all(_HAN_RUN.match(p) for p in parts) and not all(is_cn_name(p) for p in parts):
        v = parts[0]  # '宝安先锋 某某栏目': keep the first account name
    # An explicit author label may name an account or a desk (宝安先锋, 光谷观察, 编辑部): kept.
    return v


def join_names(names: list[str]) -> str:
    """Chinese names space-separated (the cwced convention), Latin names comma-separated."""
    return ", ".join(names) if any(" " in n or n.isascii() for n in names) else " ".join(names)
