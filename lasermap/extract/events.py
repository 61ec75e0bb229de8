"""Events in news text: conferences, meetings, visits, signings, establishments,
unveilings, groundbreakings, openings, production starts, exhibitions, investments.

Detection is per sentence (:mod:`event_zh`, :mod:`event_en`); this module
decides, over the whole document, what the candidates amount to:

- A planned or recommended event (将于…, will be held, 要建立, should …) is
  kept only when the text gives it a date; "will become one of the optical
  valleys" and "enterprises should cooperate" are not events.
- Later mentions of one event are merged into the first: an undated re-mention
  of a meeting or visit (段俊虎一行实地考察了…), "该协议的签署", or the same
  organization unveiled twice (headline and body).
- An undated event that happens at a meeting (signed during the forum,
  founded at the exhibition venue) takes the meeting's date and place.
- "the third time since 2021 that X is held here" also records the
  earlier edition, dated by the "since" phrase.
- On a page that has a publish date or a year, an event the text gives no
  date at all (not even through its meeting) is background — "楚天激光等企业
  相继成立" — and is left out; a timeline entry without a time is noise.

:class:`~lasermap.annotations.Event` has no field for "planned", so a planned
event says so in its name: ``… 启用 (planned)``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lasermap.annotations import Event, Mention, Sentence
from lasermap.extract.event_core import SETTING, Cand, DocCtx, choose_date, choose_place, data
from lasermap.extract.event_dates import parse_published, resolve, scan
from lasermap.extract.event_en import detect_en
from lasermap.extract.event_zh import detect_zh
from lasermap.extract.people_text import HAN, Shadow, spans

__all__ = ["find_events"]


def find_events(
    text: str, sentences: list[Sentence], mentions: list[Mention], published: str | None, doc_year: int | None
) -> list[Event]:
    """Events in ``text`` with type, readable name, date, place and participating organizations."""
    sh = Shadow.of(text)
    ctx = DocCtx(
        sh.simp, spans(sh, mentions, ("org",)), spans(sh, mentions, ("place",)), spans(sh, mentions, ("event",)),
        parse_published(published), doc_year,
    )  # fmt: skip
    cands: list[Cand] = []
    for sent in sentences:
        ss = (sh.shadow(sent.start), sh.shadow(sent.end))
        zh = HAN.search(ctx.s[ss[0] : ss[1]]) is not None
        found = detect_zh(ctx, ss) if zh else detect_en(ctx, ss)
        for c in found:
            _date_and_place(ctx, c)
        cands += found + _earlier_edition(ctx, ss, found, zh)
    cands = [c for c in cands if c.own_date is not None or not (c.modal or (c.planned and not c.at_setting))]
    events = _merge(sorted(cands, key=lambda c: c.trig[0]))
    _inherit(ctx, events)
    if ctx.published is not None or ctx.doc_year is not None:
        events = [e for e in events if e.date is not None]
    return [_record(sh, ctx, c) for c in events]


def _date_and_place(ctx: DocCtx, c: Cand) -> None:
    """Own date (the nearest date expression; else the year in the event's name), place, participants."""
    expr = choose_date(ctx, c, exclude=c.span if c.named else None)
    base_year = c.year_hint if ctx.published is None and c.year_hint else ctx.doc_year
    if expr is not None and expr.kind == "md":
        years = [
            e.year
            for e in ctx.dates_in(c.sent, c.zh)
            if e.kind == "abs" and e.month is None and e.end <= expr.start
        ]
        if years and years[-1]:
            expr = replace(expr, year=years[-1])  # 2019年的大会于5月8日 → 2019-05-08
    c.date_expr = expr
    prev = _previous_date(ctx, expr.start, c.zh, base_year) if expr and expr.kind == "that" else None
    c.own_date = resolve(expr, ctx.published, base_year, c.planned, prev) if expr else None
    if c.own_date is None and c.named and c.year_hint:
        c.own_date = str(c.year_hint)
    c.place = choose_place(ctx, c)
    lo, hi = c.sent
    c.at_setting = re.search(data()["setting_ref"]["zh" if c.zh else "en"], ctx.s[lo:hi], re.I) is not None
    if c.at_setting and expr is not None and expr.kind == "that" and c.type not in SETTING:
        c.own_date = None  # 开幕当天 … 签下: "that day" is the meeting's day, lent by the meeting below
    names = [o.label for o in ctx.orgs if lo <= o.start < hi]
    c.participants = list(dict.fromkeys(names))


def _previous_date(ctx: DocCtx, pos: int, zh: bool, base_year: int | None) -> str | None:
    """The date written last before ``pos`` (what 当天 / "that year" point back to)."""
    lo = max(0, pos - 400)
    exprs = [e for e in scan(ctx.s[lo:pos], zh) if e.kind not in ("that", "since")]
    return resolve(exprs[-1], ctx.published, base_year) if exprs else None


def _earlier_edition(ctx: DocCtx, sent: tuple[int, int], found: list[Cand], zh: bool) -> list[Cand]:
    """ "The third time since 2021 that X is held" → X was also held in 2021."""
    named = [c for c in found if c.named]
    since = [e for e in ctx.dates_in(sent, zh) if e.kind == "since"]
    if not named or not since:
        return []
    ords = data()["since"]["ordinals_zh" if zh else "ordinals_en"]
    if not any(
        re.search(rf"\b{re.escape(w)}\b" if not zh else re.escape(w), ctx.s[sent[0] : sent[1]]) for w in ords
    ):
        return []
    base = named[0]
    when = resolve(since[0], ctx.published, ctx.doc_year or base.year_hint)
    if when is None:
        return []
    bare = re.sub(r"\s*(?:19|20)\d{2}\s*年?\s*", " " if not zh else "", base.name).strip()
    c = Cand(
        base.type,
        base.trig,
        base.trigger,
        f"{when[:4]}{'年' if zh else ' '}{bare}",
        base.span,
        sent,
        base.clause,
        zh,
    )
    c.derived, c.named, c.key, c.own_date, c.place = True, True, base.key, when[:4], base.place
    c.participants = base.participants
    return [c]


def _compatible(a: str | None, b: str | None) -> bool:
    """Dates that can be one event: equal, or one a coarser form of the other (2015 / 2015-10)."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _same(e: Cand, c: Cand) -> bool:
    """Is candidate ``c`` a further mention of event ``e``?"""
    if e.type != c.type or not _compatible(e.own_date, c.own_date):
        return False
    if e.derived or c.derived:
        return e.own_date == c.own_date
    if e.named and c.named:
        a, b = _norm(e.key), _norm(c.key)
        return a == b or (len(a) > 4 and len(b) > 4 and (a in b or b in a))
    if c.type in SETTING or c.type == "visit" or e.sent == c.sent:
        return True
    if e.key and c.key:
        a, b = e.key.lower(), c.key.lower()
        return a in b or b in a
    if c.anaphoric:
        return True
    return e.own_date is not None and c.own_date is not None and e.own_date == c.own_date


def _norm(key: str | None) -> str:
    """A name without edition numbers and years: 第十九届光博会 and 2023光博会 compare on 光博会."""
    return re.sub(r"[\s\d年届第]+|^the\s+", "", (key or "").lower())


def _merge(cands: list[Cand]) -> list[Cand]:
    """Fold each candidate into the latest earlier event it re-mentions; the first mention keeps its place."""
    out: list[Cand] = []
    for c in cands:
        target = next((e for e in reversed(out) if _same(e, c)), None)
        if target is None:
            out.append(c)
            continue
        target.own_date = target.own_date or c.own_date
        target.place = target.place or c.place
        target.key = target.key or c.key
        target.planned = target.planned and c.planned
        target.participants = list(dict.fromkeys(target.participants + c.participants))
        if (target.anaphoric and not c.anaphoric) or (
            target.sent == c.sent and len(c.name) > len(target.name)
        ):
            target.name, target.anaphoric = c.name, False
    return out


def _inherit(ctx: DocCtx, events: list[Cand]) -> None:
    """Undated events happening at a meeting or visit take its date and place.

    The meeting is the one the sentence names by kind (论坛, 开幕式 → a
    conference or exhibition), else the latest one before, else the first.
    A side meeting held during a conference gets the month, not the day.
    """
    settings = [
        e for e in events if (e.type in SETTING or e.type == "visit") and not e.derived and e.own_date
    ]
    if ctx.published is not None:
        recent = [e for e in settings if abs(int(e.own_date[:4]) - ctx.published.year) <= 1]  # type: ignore[index]
        settings = recent or settings
    for e in events:
        e.date = e.own_date
        if e.own_date or not settings or ((e.planned or e.type in SETTING) and not e.at_setting):
            continue
        src = _setting_for(ctx, e, settings)
        sub_meeting = e.type in SETTING and src.type in SETTING
        e.date = src.own_date[:7] if sub_meeting and src.own_date else src.own_date
        e.place = e.place or src.place


_KIND_WORDS = {
    "conference": r"大会|论坛|峰会|开幕式|conference|forum|summit|opening",
    "exhibition": r"博览会|展会|光博会|开幕式|expo|exhibition|fair|opening",
    "meeting": r"会议|交流会|发布会|座谈会|meeting|seminar",
    "visit": r"调研|考察|视察|visit|inspection",
}


def _setting_for(ctx: DocCtx, e: Cand, settings: list[Cand]) -> Cand:
    """The meeting an undated event happens at (see :func:`_inherit`)."""
    text = ctx.s[e.sent[0] : e.sent[1]]
    named = [s for s in settings if s is not e and re.search(_KIND_WORDS[s.type], text, re.I)]
    pool = named or [s for s in settings if s is not e] or settings
    before = [s for s in pool if s.trig[0] < e.trig[0]]
    return before[-1] if before else pool[0]


def _record(sh: Shadow, ctx: DocCtx, c: Cand) -> Event:
    """The public record, offsets mapped back to the original text."""
    start, end = min(c.span[0], c.trig[0]), max(c.span[1], c.trig[1])
    place = c.place.mention if c.place else None
    return Event(
        type=c.type,
        name=c.name + (" (planned)" if c.planned else ""),
        date=c.date,
        start=sh.orig(start),
        end=sh.orig(end),
        sentence_start=sh.orig(c.sent[0]),
        sentence_end=sh.orig(c.sent[1]),
        place=(place.name or place.text) if place else None,
        place_id=place.entity_id if place else None,
        participants=c.participants,
        trigger=sh.text[sh.orig(c.trig[0]) : sh.orig(c.trig[1])],
    )
