"""Chinese person names anchored on job titles: 副局长匡连庭, 王菲博士, 主任王菲博士.

Chinese has no capital letters and no spaces, so a name is only taken where a
title vouches for it: right after a post (``…副局长`` + name) or right before
one (name + ``博士``). The name is a known surname plus one or two characters,
and its end is decided by what follows — punctuation, a verb or function word
that typically follows a name (带领, 陪同, 表示, 等, 一行 …) or another title.
A bare surname with a title (李主任) is a role, not a name, and is skipped.
The organization is the mention that ends where the title chain begins,
allowing a department in between (…研究院 + 激光制造实验室 + 主任).
All matching runs on the Simplified shadow; offsets are shadow offsets here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import rjieba

from lasermap.data_files import load_json
from lasermap.extract.people_text import HAN, PUNCT, Span, ending_at, is_company, titles_data

_MAX_DEPT = 12
_LATIN = re.compile(r"[A-Z][a-zA-Z'’-]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][a-zA-Z'’-]+)+")
_TRANSLIT = re.compile(r"[\u4e00-\u9fff]{1,5}(?:[·•・][\u4e00-\u9fff]{1,6})+(?:-[\u4e00-\u9fff]{1,6})?")
_LIST_SEP = "、"
_LEAD_TIME = re.compile(r"^(?:时任|现任|曾任|近日|日前|近期|今天|昨天|今年|目前|随后|同时|此外|其中|会上)")


@dataclass(frozen=True, slots=True)
class _Rules:
    title_re: re.Pattern[str]
    former: tuple[str, ...]
    connectors: tuple[str, ...]
    honorifics: frozenset[str]
    no_name_after: frozenset[str]
    single: frozenset[str]
    compound: frozenset[str]
    stops: tuple[str, ...]
    not_given: frozenset[str]
    not_last: frozenset[str]
    left_bounds: tuple[str, ...]
    function_surnames: frozenset[str]
    dept_suffixes: tuple[str, ...]
    generic_orgs: tuple[str, ...]
    org_suffixes: tuple[str, ...]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Compile the title and name data once."""
    t = titles_data()
    zh, nm = t["zh"], t["zh_name"]
    sur = load_json("surnames.json")
    return _Rules(
        title_re=re.compile(_alt(zh["positions"] + zh["honorifics"])),
        former=tuple(zh["former"]),
        connectors=tuple(nm["connectors"]),
        honorifics=frozenset(zh["honorifics"]),
        no_name_after=frozenset(zh["no_name_after"]),
        single=frozenset(sur["single"]),
        compound=frozenset(sur["compound"]),
        stops=tuple(sorted(nm["stops"], key=len, reverse=True)),
        not_given=frozenset(nm["not_given"]),
        not_last=frozenset(nm["not_last_given"]),
        left_bounds=tuple(nm["left_bounds"]),
        function_surnames=frozenset(nm["function_surnames"]),
        dept_suffixes=tuple(nm["department_suffixes"]),
        generic_orgs=tuple(nm["generic_orgs"]),
        org_suffixes=tuple(nm["org_suffixes"]),
    )


@dataclass(slots=True)
class ZhPerson:
    """A name with the titles around it, in shadow offsets."""

    start: int
    end: int
    name: str
    pre: list[str] = field(default_factory=list)
    post: list[str] = field(default_factory=list)
    orgs: list[Span] = field(default_factory=list)
    org_name: str | None = None

    def title(self) -> str | None:
        """Personal honorifics first (博士), then posts, as in "博士, 激光制造实验室主任"."""
        r = rules()
        ordered = [t for t in self.post + self.pre if t in r.honorifics]
        ordered += [t for t in self.pre + self.post if t not in r.honorifics]
        return ", ".join(dict.fromkeys(ordered)) or None

    @property
    def org(self) -> Span | None:
        """The organization of the first title that has one."""
        return self.orgs[0] if self.orgs else None


@dataclass(slots=True)
class _Ctx:
    s: str
    titles: list[tuple[int, int]]
    starts: set[int]
    ends: dict[int, int]
    orgs: list[Span]
    mention_starts: set[int]
    mention_ends: set[int]


def _title_hits(s: str) -> list[tuple[int, int]]:
    """Title words, with 前/原 (former) in front; not those inside a longer word.

    理事会 and 调研组 are caught by the next character; 办事处长丰村 and 社会长期
    by the word segmentation: a title must not start inside a word that ends
    elsewhere than the title does (协会会长 is one word and still a title).
    """
    r = rules()
    covers = _word_cover(s)
    out = []
    for m in r.title_re.finditer(s):
        if s[m.end() : m.end() + 1] in r.no_name_after:
            continue
        w = covers.get(m.start())
        if w is not None and (w[1] > m.end() or (w[0] < m.start() and w[1] != m.end())):
            continue  # 办事处长, 社会长期, 律师事务所
        a = m.start()
        if a > 0 and s[a - 1] in r.former and (a < 2 or s[a - 2] in PUNCT or not HAN.match(s[a - 2])):
            a -= 1
        out.append((a, m.end()))
    return out


def _word_cover(s: str) -> dict[int, tuple[int, int]]:
    """For each offset, the jieba word that contains it (multi-character words only)."""
    out: dict[int, tuple[int, int]] = {}
    for _w, a, b in rjieba.tokenize(s):
        if b - a > 1:
            for i in range(a, b):
                out[i] = (a, b)
    return out


def is_common_word(name: str) -> bool:
    """项目, 银行业, 解释: a candidate that the dictionary knows as one non-name word is not a name."""
    tags = rjieba.tag(name)
    return len(tags) == 1 and tags[0][0] == name and not tags[0][1].startswith(("nr", "x", "nz"))


def _stop_at(s: str, j: int) -> str | None:
    for w in rules().stops:
        if s.startswith(w, j):
            return w
    return None


def _right_bound(c: _Ctx, j: int) -> bool:
    """Does a name end before offset ``j`` (punctuation, a title, a mention, a word that follows names)?"""
    if j >= len(c.s) or c.s[j] in PUNCT or not HAN.match(c.s[j]):
        return True
    return j in c.starts or j in c.mention_starts or _stop_at(c.s, j) is not None


def _left_bound(c: _Ctx, i: int) -> bool:
    """Can a name start at offset ``i``?"""
    if i == 0 or c.s[i - 1] in PUNCT or not HAN.match(c.s[i - 1]):
        return True
    if i in c.ends or i in c.mention_ends:
        return True
    return any(c.s.endswith(w, 0, i) for w in rules().left_bounds)


def _surnames(s: str, i: int) -> list[int]:
    """Surname lengths possible at ``i``: compound (欧阳) first."""
    r = rules()
    out = [2] if s[i : i + 2] in r.compound else []
    return out + ([1] if s[i : i + 1] in r.single else [])


def _given_ok(c: _Ctx, i: int, sur: int, glen: int) -> bool:
    """Given-name characters: Han, not function words, not the start of a verb that follows names.

    A function word cannot end a three-character name, which is what lets a
    one-character word after the name (马新强向, 吴庆文在) bound it safely.
    """
    r = rules()
    g = c.s[i + sur : i + sur + glen]
    if len(g) != glen or not all(HAN.match(ch) for ch in g) or any(ch in r.not_given for ch in g):
        return False
    if glen == 2 and g[-1] in r.not_last:
        return False
    last_stop = _stop_at(c.s, i + sur + glen - 1) if glen == 2 else None
    if last_stop and len(last_stop) >= 2:
        return False  # 张景认为: the third character starts the verb
    stop = _stop_at(c.s, i + sur)
    return not (stop and len(stop) >= 2) and (i + sur) not in c.starts


def name_after(c: _Ctx, i: int) -> tuple[int, int] | None:
    """A name starting at ``i`` (after a title): three characters when bounded, else two; or a foreign name."""
    if "·" in c.s[i : i + 7] or _LATIN.match(c.s, i):
        return _foreign(c, i)
    for sur in _surnames(c.s, i):
        for glen in (2, 1):
            if _given_ok(c, i, sur, glen) and _right_bound(c, i + sur + glen):
                return i, i + sur + glen
    return _tagged_name(c, i)


def _tagged_name(c: _Ctx, i: int) -> tuple[int, int] | None:
    """No clear right edge (潘石屹演讲时): take the name the segmenter tags as a person name, if any."""
    if not _surnames(c.s, i):
        return None
    word, tag = rjieba.tag(c.s[i : i + 8])[0]
    if tag.startswith("nr") and len(word) == 3 and _given_ok(c, i, 1, 2):
        return i, i + len(word)
    return None


def _foreign(c: _Ctx, i: int) -> tuple[int, int] | None:
    """克莱门蒂-style transliterations (with ·) and Latin-script names after a Chinese title."""
    m = _LATIN.match(c.s, i)
    if m:
        return i, m.end()
    m = _TRANSLIT.match(c.s, i)
    if not m:
        return None
    if "的" in m.group():
        return None
    last = max(m.group().rfind("·"), m.group().rfind("-")) + i + 1
    for j in range(last + 1, m.end()):
        if _stop_at(c.s, j) or j in c.starts or j in c.mention_starts:
            return i, j
    return i, m.end()


def name_before(c: _Ctx, k: int) -> tuple[int, int] | None:
    """A name ending at ``k`` (right before a title), bounded on the left."""
    r = rules()
    for total in (4, 3, 2):
        i = k - total
        if i < 0:
            continue
        for sur in _surnames(c.s, i):
            glen = total - sur
            if glen not in (1, 2) or not _given_ok(c, i, sur, glen) or not _left_bound(c, i):
                continue
            if total == 2 and c.s[i] in r.function_surnames and c.s[i + 1] in r.single:
                continue  # 向李主任: a preposition before a bare surname
            return i, k
    return None


def _names_before(c: _Ctx, ts: int) -> list[tuple[int, int]]:
    """The name before a title, or every name of a list closed by 等 (姚建铨、吴培亨等院士)."""
    if not c.s.endswith("等", 0, ts):
        one = name_before(c, ts)
        return [one] if one else []
    out: list[tuple[int, int]] = []
    k = ts - 1
    while (nb := name_before(c, k)) is not None:
        out.insert(0, nb)
        if not c.s.endswith(_LIST_SEP, 0, nb[0]):
            break
        k = nb[0] - 1
    return out


def _context(s: str, orgs: list[Span], others: list[Span]) -> _Ctx:
    """Title and mention boundaries, computed once per text."""
    titles = _title_hits(s)
    allm = orgs + others
    return _Ctx(
        s, titles, {a for a, _ in titles}, {b: a for a, b in titles}, orgs,
        {m.start for m in allm}, {m.end for m in allm},
    )  # fmt: skip


def find_people_zh(s: str, orgs: list[Span], others: list[Span]) -> list[ZhPerson]:
    """Every titled name in Simplified text ``s`` (mentions already in shadow offsets)."""
    c = _context(s, orgs, others)
    found: dict[tuple[int, int], ZhPerson] = {}
    for ts, te in c.titles:
        gap = next(
            (len(w) for w in rules().connectors if s.startswith(w, te) and te + len(w) not in c.starts), 0
        )
        after = _valid(c, name_after(c, te) or (name_after(c, te + gap) if gap else None))
        if after:
            p = found.setdefault(after, ZhPerson(after[0], after[1], s[after[0] : after[1]]))
            titles, chain_orgs, start = _chain(c, ts, te)
            p.pre.extend(titles)
            p.orgs.extend(chain_orgs)
            if not p.orgs:
                p.org_name = _org_fallback(c, start)
        befores = [] if after and s[ts:te] not in rules().honorifics else _names_before(c, ts)
        for before in filter(None, (_valid(c, b) for b in befores)):
            p = found.setdefault(before, ZhPerson(before[0], before[1], s[before[0] : before[1]]))
            p.post.append(s[ts:te])
            if not p.orgs and not p.pre:
                org = ending_at(c.orgs, before[0])
                p.orgs.extend([org] if org else [])
                p.org_name = None if org else _org_fallback(c, before[0])
    return [p for k, p in sorted(found.items()) if not _inside_title(c, k)]


def _valid(c: _Ctx, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Drop names that are words (项目经理 → 项目), 谢谢肖 (a doubled first character) and 于客户 (a preposition)."""
    if span is None:
        return None
    name = c.s[span[0] : span[1]]
    if not HAN.match(name[:1]) or "·" in name:
        return span
    if is_common_word(name) or name[0] == name[1:2]:
        return None
    if name[0] in rules().function_surnames and len(name) == 3 and is_common_word(name[1:]):
        return None
    return span


def _inside_title(c: _Ctx, span: tuple[int, int]) -> bool:
    """A "name" that overlaps a title word is a misreading (主任委 …)."""
    return any(a < span[1] and span[0] < b for a, b in c.titles)


def _chain(c: _Ctx, ts: int, te: int) -> tuple[list[str], list[Span], int]:
    """Titles before a name, right to left, each with its own org: 协会名誉会长、大学教授 / 副书记、市长.

    Returns the titles (department prefixed), the organizations in left-to-right
    order, and where the leftmost title (with its department) starts.
    """
    titles: list[str] = []
    orgs: list[Span] = []
    pos, end = ts, te
    while True:
        dept = _department(c, pos)
        titles.insert(0, dept + c.s[pos:end])
        left = pos - len(dept)
        org = ending_at(c.orgs, left) or _referred_org(c, left)
        if org is not None:
            orgs.insert(0, org)
        k = org.start if org is not None and org.end == left else left
        if k > 0 and c.s[k - 1] in "、兼和及" and (k - 1) in c.ends:
            pos, end = c.ends[k - 1], k - 1
            continue
        return titles, orgs, left


def _department(c: _Ctx, start: int) -> str:
    """A department between the organization and the title (激光制造实验室), kept in the title.

    Only when no organization ends right at the title: then that one is the
    organization and there is no department to report.
    """
    if ending_at(c.orgs, start) is not None:
        return ""
    earlier = [o for o in c.orgs if o.end < start and start - o.end <= _MAX_DEPT]
    if earlier:
        gap = c.s[max(o.end for o in earlier) : start]
        if all(HAN.match(ch) for ch in gap) and gap.endswith(rules().dept_suffixes):
            return gap
    return ""


def _referred_org(c: _Ctx, pos: int) -> Span | None:
    """其创始人 / 协会会长 / 该公司董事长: the latest fitting organization named before.

    其 takes the latest organization in the sentence; a bare generic noun
    (协会, 公司) takes the latest organization whose name ends in that noun.
    """
    if c.s.endswith("其", 0, pos):
        stop = max(c.s.rfind(ch, 0, pos) for ch in "。！？\n")
        earlier = [o for o in c.orgs if stop < o.start and o.end < pos]
        return earlier[-1] if earlier else None
    noun = next((n for n in rules().generic_orgs if c.s.endswith(n, 0, pos)), None)
    if noun is None or any(o.start < pos - len(noun) < o.end for o in c.orgs):
        return None
    para = c.s.rfind("\n\n", 0, pos)
    if noun.endswith(("公司", "集团")):
        fits = [o for o in c.orgs if para < o.start and o.end < pos - len(noun) and is_company(o)]
    else:
        fits = [o for o in c.orgs if o.end < pos - len(noun) and c.s[o.start : o.end].endswith(noun)]
    return fits[-1] if fits else None


def _org_fallback(c: _Ctx, pos: int) -> str | None:
    """No org mention: an org-shaped run of text right before the title (…中心, …局), else None."""
    run_start = pos
    while run_start > 0 and HAN.match(c.s[run_start - 1]) and pos - run_start < 20:
        run_start -= 1
    run = c.s[run_start:pos]
    cut = max(run.rfind(ch) for ch in "由是为在对向据的")
    run = _LEAD_TIME.sub("", run[cut + 1 :])
    return run if len(run) >= 3 and run.endswith(rules().org_suffixes) else None
