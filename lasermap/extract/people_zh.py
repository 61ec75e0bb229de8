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

from lasermap.data_files import load_json
from lasermap.extract.people_text import HAN, PUNCT, Span, ending_at, titles_data

_MAX_DEPT = 12
_LEAD_TIME = re.compile(r"^(?:近日|日前|近期|今天|昨天|今年|目前|随后|同时|此外|其中|会上)")


@dataclass(frozen=True, slots=True)
class _Rules:
    title_re: re.Pattern[str]
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
    org: Span | None = None
    org_name: str | None = None

    def title(self) -> str | None:
        """Personal honorifics first (博士), then posts, as in "博士, 激光制造实验室主任"."""
        r = rules()
        ordered = [t for t in self.post + self.pre if t in r.honorifics]
        ordered += [t for t in self.pre + self.post if t not in r.honorifics]
        return ", ".join(dict.fromkeys(ordered)) or None


@dataclass(slots=True)
class _Ctx:
    s: str
    titles: list[tuple[int, int]]
    starts: set[int]
    ends: set[int]
    orgs: list[Span]
    mention_starts: set[int]
    mention_ends: set[int]


def _title_hits(s: str) -> list[tuple[int, int]]:
    """Title words in the text, dropping those that are part of a longer word (理事会, 调研组)."""
    r = rules()
    return [(m.start(), m.end()) for m in r.title_re.finditer(s) if s[m.end() : m.end() + 1] not in r.no_name_after]


def _stop_at(s: str, j: int) -> str | None:
    for w in rules().stops:
        if s.startswith(w, j):
            return w
    return None


def _right_bound(c: _Ctx, j: int, strong: bool) -> bool:
    """Does a name end before offset ``j``? ``strong`` ignores one-character function words."""
    if j >= len(c.s) or c.s[j] in PUNCT or not HAN.match(c.s[j]):
        return True
    if j in c.starts or j in c.mention_starts:
        return True
    stop = _stop_at(c.s, j)
    return stop is not None and (len(stop) >= 2 or not strong)


def _left_bound(c: _Ctx, i: int) -> bool:
    """Can a name start at offset ``i``?"""
    if i == 0 or c.s[i - 1] in PUNCT or not HAN.match(c.s[i - 1]):
        return True
    if i in c.ends or i in c.mention_ends:
        return True
    return any(c.s.endswith(w, 0, i) for w in rules().left_bounds)


def _surnames(s: str, i: int) -> list[int]:
    r = rules()
    out = [2] if s[i : i + 2] in r.compound else []
    return out + ([1] if s[i : i + 1] in r.single else [])


def _given_ok(c: _Ctx, i: int, sur: int, glen: int) -> bool:
    """Given-name characters: Han, not function words, not the start of a verb that follows names."""
    r = rules()
    g = c.s[i + sur : i + sur + glen]
    if len(g) != glen or not all(HAN.match(ch) for ch in g) or any(ch in r.not_given for ch in g):
        return False
    if glen == 2 and g[-1] in r.not_last:
        return False
    stop = _stop_at(c.s, i + sur)
    return not (stop and len(stop) >= 2) and (i + sur) not in c.starts


def name_after(c: _Ctx, i: int) -> tuple[int, int] | None:
    """A name starting at ``i`` (right after a title): three characters if clearly bounded, else two."""
    for sur in _surnames(c.s, i):
        if _given_ok(c, i, sur, 2) and _right_bound(c, i + sur + 2, strong=True):
            return i, i + sur + 2
        if _given_ok(c, i, sur, 1) and _right_bound(c, i + sur + 1, strong=False):
            return i, i + sur + 1
    return None


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


def _context(s: str, orgs: list[Span], others: list[Span]) -> _Ctx:
    titles = _title_hits(s)
    allm = orgs + others
    return _Ctx(
        s, titles, {a for a, _ in titles}, {b for _, b in titles}, orgs,
        {m.start for m in allm}, {m.end for m in allm},
    )  # fmt: skip


def find_people_zh(s: str, orgs: list[Span], others: list[Span]) -> list[ZhPerson]:
    """Every titled name in Simplified text ``s`` (mentions already in shadow offsets)."""
    c = _context(s, orgs, others)
    found: dict[tuple[int, int], ZhPerson] = {}
    for ts, te in c.titles:
        after = name_after(c, te)
        if after:
            p = found.setdefault(after, ZhPerson(after[0], after[1], s[after[0] : after[1]]))
            p.pre.extend(_pre_chain(c, ts, te))
        before = name_before(c, ts)
        if before:
            p = found.setdefault(before, ZhPerson(before[0], before[1], s[before[0] : before[1]]))
            p.post.append(s[ts:te])
    people = [p for k, p in sorted(found.items()) if not _inside_title(c, k)]
    for p in people:
        _attach_org(c, p)
    return people


def _inside_title(c: _Ctx, span: tuple[int, int]) -> bool:
    """A "name" that overlaps a title word is a misreading (主任委 …)."""
    return any(a < span[1] and span[0] < b for a, b in c.titles)


def _pre_chain(c: _Ctx, ts: int, te: int) -> list[str]:
    """The title before a name plus titles chained to it with 、/兼 (副书记、市长)."""
    chain = [c.s[ts:te]]
    start = ts
    while start > 0 and c.s[start - 1] in "、兼和及":
        prev = [(a, b) for a, b in c.titles if b == start - 1]
        if not prev:
            break
        start = prev[0][0]
        chain.insert(0, c.s[prev[0][0] : prev[0][1]])
    chain[0] = _department(c, start) + chain[0]
    return chain


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


def _chain_start(c: _Ctx, p: ZhPerson) -> int:
    """Where the titles in front of a name begin (the department included)."""
    pos = p.start
    while pos in c.ends:
        prev = [a for a, b in c.titles if b == pos]
        pos = prev[0]
        if pos > 0 and c.s[pos - 1] in "、兼和及" and (pos - 1) in c.ends:
            pos -= 1
    dept = _department(c, pos)
    return pos - len(dept)


def _attach_org(c: _Ctx, p: ZhPerson) -> None:
    """The org mention ending where the title chain starts; else an org-shaped run of text there."""
    pos = _chain_start(c, p)
    org = ending_at(c.orgs, pos)
    if org is not None:
        p.org, p.org_name = org, org.mention.name or org.mention.text
        return
    run_start = pos
    while run_start > 0 and HAN.match(c.s[run_start - 1]) and pos - run_start < 20:
        run_start -= 1
    run = c.s[run_start:pos]
    cut = max(run.rfind(ch) for ch in "由是为在对向据")
    run = _LEAD_TIME.sub("", run[cut + 1 :])
    if len(run) >= 3 and run.endswith(rules().org_suffixes):
        p.org_name = run
