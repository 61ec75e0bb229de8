"""What the Chinese and English event detectors share: the candidate record,
trigger data, clause splitting, irrealis checks, date choice and place choice.

A candidate is one trigger in one clause with what the clause says about it.
Deciding which candidates are the same event, and lending a date to an
undated one, needs the whole document and happens in :mod:`events`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from lasermap.data_files import load_json
from lasermap.extract.event_dates import DateExpr, scan
from lasermap.extract.people_text import PUNCT, Span, covering

SETTING = frozenset({"conference", "meeting", "exhibition"})
_OPEN_Q, _CLOSE_Q = '“「『《（("', '”」』》）)"'


@dataclass(slots=True)
class Cand:
    """One event mention: a trigger with its name, clause, and what the clause says about time and place."""

    type: str
    trig: tuple[int, int]
    trigger: str
    name: str
    span: tuple[int, int]
    sent: tuple[int, int]
    clause: tuple[int, int]
    zh: bool
    planned: bool = False
    modal: bool = False
    at_setting: bool = False
    date_expr: DateExpr | None = None
    year_hint: int | None = None
    derived: bool = False
    named: bool = False
    key: str | None = None
    anaphoric: bool = False
    place: Span | None = None
    own_date: str | None = None
    date: str | None = None
    participants: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DocCtx:
    """The document as the detectors see it: shadow text, mentions in shadow offsets, time base."""

    s: str
    orgs: list[Span]
    places: list[Span]
    events: list[Span]
    published: date | None
    doc_year: int | None
    dates: dict[tuple[int, int], list[DateExpr]] = field(default_factory=dict)

    def dates_in(self, sent: tuple[int, int], zh: bool) -> list[DateExpr]:
        """Date expressions of a sentence, in document offsets (cached per sentence)."""
        if sent not in self.dates:
            found = scan(self.s[sent[0] : sent[1]], zh)
            self.dates[sent] = [DateExpr(e.start + sent[0], e.end + sent[0], e.kind, e.year, e.month, e.day, e.rel, e.word) for e in found]  # fmt: skip
        return self.dates[sent]


@lru_cache(maxsize=1)
def data() -> dict:
    """The trigger vocabulary (``data/event_triggers.json``), loaded once."""
    return load_json("event_triggers.json")


def alt(words: list[str] | set[str]) -> str:
    """A regex alternation, longest first so that 开通运营 wins over 开通."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def clauses(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a Chinese sentence: split at ，；：and line breaks outside quotes and brackets."""
    out: list[tuple[int, int]] = []
    depth, a = 0, start
    for i in range(start, end):
        ch = s[i]
        if ch in _OPEN_Q and ch != '"':
            depth += 1
        elif ch in _CLOSE_Q and ch != '"':
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,；;：:\n":
            if i > a:
                out.append((a, i))
            a = i + 1
    if end > a:
        out.append((a, end))
    return out


@lru_cache(maxsize=2)
def _irrealis_res(zh: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Planned and modal markers; 要 only as a verb (not 主要/重要/要求)."""
    d = data()
    lang = "zh" if zh else "en"
    modal = [w for w in d["modal"][lang] if w != "要"]
    if zh:
        modal_re = rf"(?:{alt(modal)})|(?<![主重需提纪首摘概只想还])要(?![求点素闻害是么])"
        return re.compile(alt(d["planned"]["zh"])), re.compile(modal_re)
    return re.compile(rf"\b(?:{alt(d['planned']['en'])})\b", re.I), re.compile(rf"\b(?:{alt(modal)})\b")


def irrealis(s: str, left: int, trig: int, sent_start: int, zh: bool) -> tuple[bool, bool]:
    """(planned, modal) from the words before the trigger: in the clause, or "in the future" anywhere before."""
    planned_re, modal_re = _irrealis_res(zh)
    before = s[left:trig]
    if not zh:
        before = " ".join(before.split()[-8:])
    future = re.search(r"未来|今后|in (?:the )?future", s[sent_start:trig], re.I) is not None
    future = future or (not zh and re.search(r"\bto\s+$", s[left:trig]) is not None)  # decided to set up
    return bool(planned_re.search(before)) or future, bool(modal_re.search(before))


def choose_date(ctx: DocCtx, c: Cand, exclude: tuple[int, int] | None = None) -> DateExpr | None:
    """The date expression nearest the trigger: in its clause first, else earlier in the sentence."""
    exprs = [e for e in ctx.dates_in(c.sent, c.zh) if e.kind != "since"]
    if exclude:
        exprs = [e for e in exprs if not (exclude[0] <= e.start and e.end <= exclude[1])]
    inside = [e for e in exprs if c.clause[0] <= e.start and e.end <= c.clause[1]]
    if inside:
        return min(inside, key=lambda e: _distance(e, c.trig))
    earlier = [e for e in exprs if e.end <= c.clause[0]]
    return earlier[-1] if earlier else None


def _distance(e: DateExpr, trig: tuple[int, int]) -> int:
    return trig[0] - e.end if e.end <= trig[0] else e.start - trig[1] + 1


def _abbreviation(ctx: DocCtx, pos: int) -> Span | None:
    """温 in 来温调研: a one-character city abbreviation after 来/赴/在/到, when the page names that city."""
    ch = ctx.s[pos : pos + 1]
    if not ch or ctx.s[pos + 1 : pos + 2] in PUNCT or covering(ctx.orgs + ctx.places, pos):
        return None
    for p in ctx.places:
        names = {ctx.s[p.start : p.end], p.mention.name_zh or ""}
        if any(len(n) >= 2 and n[0] == ch for n in names):
            return Span(pos, pos + 1, p.mention)
    return None


_LOC_ZH = re.compile(r"(?:在|于|来|赴|到|抵|落户|落地|位于|莅临)")
_LOC_EN = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?", re.I)


def choose_place(ctx: DocCtx, c: Cand) -> Span | None:
    """The place the clause puts the event in: after 在/来/in/at first, else the nearest free place."""
    lo, hi = c.clause if c.zh else c.sent
    loc = _LOC_ZH if c.zh else _LOC_EN
    best: tuple[int, Span] | None = None
    for m in loc.finditer(ctx.s, lo, hi):
        p = next((x for x in ctx.places if x.start == m.end()), None)
        if p is None and c.zh and m.group() in ("来", "赴", "到", "在", "莅临"):
            p = _abbreviation(ctx, m.end())
        if p is not None:
            d = abs(p.start - c.trig[0]) + (0 if p.start >= c.trig[1] else 1)
            if best is None or d < best[0]:
                best = (d, p)
    if best:
        return best[1]
    free = [p for p in ctx.places if lo <= p.start < hi and not _modifies_org(ctx, p)]
    if free:
        return min(free, key=lambda p: abs(p.start - c.trig[0]))
    return _place_inside(ctx, c)


def _modifies_org(ctx: DocCtx, p: Span) -> bool:
    """意大利 in 意大利EL.EN集团 says where an organization is from, not where an event is."""
    nxt = ctx.s[p.end : p.end + 1]
    return any(o.start == p.end for o in ctx.orgs) or (nxt == "'" or ctx.s[p.end : p.end + 2] in ("'s", "’s"))


def _place_inside(ctx: DocCtx, c: Cand) -> Span | None:
    """A place written inside the event's own name (奔腾激光(温州)有限公司 → 温州)."""
    text = c.name
    for p in ctx.places:
        surface = ctx.s[p.start : p.end]
        if len(surface) >= 2 and surface in text:
            return p
    return None


def org_key(ctx: DocCtx, lo: int, hi: int, trig: tuple[int, int]) -> str | None:
    """The organization an event is about: the org mention in its name nearest the trigger."""
    inside = [o for o in ctx.orgs if lo <= o.start and o.end <= hi]
    if not inside:
        return None
    o = min(inside, key=lambda o: min(abs(o.end - trig[0]), abs(o.start - trig[1])))
    return ctx.s[o.start : o.end]
