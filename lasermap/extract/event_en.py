"""English event candidates: named events held or opened, meetings held, and trigger phrases.

Each type has passive forms (``X was established``), active forms that need a
fitting object (``set up a joint venture``, but not ``set up a series of
activities``), and noun forms (``unveiling ceremony for X``). Named events
(``2024 China Photonics Expo``) need a holding verb right next to
them (``opened in Wuhan``, ``held in Shenzhen``); ``held a plenary meeting``
makes a meeting of the organization that held it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lasermap.extract.event_core import Cand, DocCtx, alt, data, irrealis, org_key
from lasermap.extract.event_dates import name_year
from lasermap.extract.people_text import Span, covering

_AUX = r"(?:was|were|been|be|being|is|are|has been|have been|had been|will be)"
_INTRO = re.compile(
    r"^(?:(?:In|On|At|During|After|Before|Since|Meanwhile|Also|In addition|Besides|Later|Recently|Additionally|Moreover|"
    r"Furthermore|Then|Subsequently|Earlier|Last|This|Today|Yesterday)\b[^,]{0,80},\s*)+"
)
_NP_CUT = re.compile(r"\s+(?:involving|including|with|which|that|who|covering|worth)\s|\s*[(（]")
_QUOTE = "\"“”'‘’"


@lru_cache(maxsize=1)
def _res() -> dict[str, object]:
    """Compiled forms of the English vocabulary, once."""
    d = data()
    sv = d["setting_verbs"]
    sfx = d["setting_suffixes"]["en"]
    out: dict[str, object] = {
        "named": re.compile(
            rf"(?:(?:19|20)\d{{2}}\s+)?(?:[A-Z0-9][\w&'’.-]*\s+(?:(?:of|and|for|on|&|in)\s+)?){{1,8}}(?:{alt(sfx)})\b(?:\s+(?:19|20)\d{{2}})?"
        ),
        "after": re.compile(
            rf"\s*,?\s*(?P<aux>(?:was|were|is|are|will be|has been|had been|to be|would be)\s+)?(?:(?:officially|successfully|grandly|formally|also)\s+)?(?P<v>{alt(sv['en_after'])})\b"
        ),
        "before": re.compile(rf"\b(?P<v>{alt(sv['en_before'])})\s+(?:the\s+|a\s+|an\s+|its\s+)?$"),
        "generic": re.compile(
            rf"\b(?P<v>held|hosted|convened|organi[sz]ed)\s+(?:a|an|its|the|their)\s+(?P<np>(?:[\w-]+\s+){{0,3}}?(?P<n>{alt(d['setting_nouns_en'])}))\b"
        ),
    }
    for typ, forms in d["en"].items():
        if forms["passive"]:
            out[f"passive:{typ}"] = re.compile(
                rf"\b{_AUX}\s+(?:\w+ly\s+){{0,2}}(?P<v>{alt(forms['passive'])})\b(?!\s+(?:that|off|out)\b)",
                re.I,
            )
            out[f"bare:{typ}"] = re.compile(
                rf"\s*,?\s+(?:officially\s+)?(?P<v>{alt(forms['passive'])})\b(?=\s*(?:[,.:;]|$|in\b|at\b|on\b|by\b))",
                re.I,
            )
        if forms["active"]:
            out[f"active:{typ}"] = re.compile(
                rf"\b(?P<v>{alt(forms['active'])})\s+(?P<obj>[^,.;:]{{1,100}})", re.I
            )
        if forms["nouns"]:
            out[f"noun:{typ}"] = re.compile(rf"\b(?P<v>{alt(forms['nouns'])})\b", re.I)
    return out


def _re(key: str) -> re.Pattern[str]:
    pat = _res()[key]
    assert isinstance(pat, re.Pattern)
    return pat


def detect_en(ctx: DocCtx, sent: tuple[int, int]) -> list[Cand]:
    """All candidates in one English sentence (offsets in the shadow)."""
    cands = _named(ctx, sent) + _generic(ctx, sent)
    taken = [c.trig for c in cands]
    for typ in data()["en"]:
        found = _trigger(ctx, sent, typ, taken)
        if found:
            cands.append(found)
            taken.append(found.trig)
    return sorted(cands, key=lambda c: c.trig[0])


def _cand(
    ctx: DocCtx, sent: tuple[int, int], typ: str, trig: tuple[int, int], name: str, span: tuple[int, int]
) -> Cand:
    """A candidate with its planned/modal flags read from the words before the trigger."""
    c = Cand(typ, trig, ctx.s[trig[0] : trig[1]], name.strip(), span, sent, sent, False)
    c.planned, c.modal = irrealis(ctx.s, sent[0], trig[0], sent[0], False)
    return c


def _named_spans(ctx: DocCtx, sent: tuple[int, int]) -> list[tuple[int, int, str | None]]:
    """Event names: the finder's event mentions, else capitalised runs ending in Conference/Expo/…"""
    found = []
    for e in ctx.events:
        if sent[0] <= e.start < sent[1]:
            a, b = e.start, e.end
            pre, post = (
                re.search(r"(?:19|20)\d{2}\s+$", ctx.s[max(0, a - 6) : a]),
                re.match(r"\s+(?:19|20)\d{2}\b", ctx.s[b : b + 6]),
            )
            found.append(
                (a - (len(pre.group()) if pre else 0), b + (post.end() if post else 0), e.mention.subtype)
            )
    for m in _re("named").finditer(ctx.s, sent[0], sent[1]):
        a = m.start() + (4 if m.group().startswith("The ") else 0)
        if (
            any(a < e and s < m.end() for s, e, _ in found)
            or covering(ctx.orgs, a)
            or covering(ctx.orgs, m.end() - 1)
        ):
            continue
        found.append((a, m.end(), None))
    return found


def _named(ctx: DocCtx, sent: tuple[int, int]) -> list[Cand]:
    """Named events next to a holding verb: ``… Expo 2024 held in Shenzhen``, ``opened in Wuhan``."""
    out = []
    sfx = data()["setting_suffixes"]["en"]
    for a, b, subtype in _named_spans(ctx, sent):
        name = ctx.s[a:b]
        after = _re("after").match(ctx.s, b, sent[1])
        before = _re("before").search(ctx.s, sent[0], a)
        if not after and not before:
            continue
        v = (after.start("v"), after.end("v")) if after else (before.start("v"), before.end("v"))
        head = next((w for w in sfx if re.search(rf"\b{w}\b", name, re.I)), "Conference")
        typ = subtype if subtype in ("conference", "meeting", "exhibition") else sfx[head]
        c = _cand(ctx, sent, typ, v, name, (min(a, v[0]), max(b, v[1])))
        c.named, c.year_hint, c.key = (
            True,
            name_year(name),
            re.sub(r"\s*(?:19|20)\d{2}\s*", " ", name).strip(),
        )
        out.append(c)
    return out


def _subject_org(ctx: DocCtx, sent: tuple[int, int], pos: int) -> Span | None:
    """The first organization named in the sentence before ``pos``: who held, signed, visited."""
    orgs = [o for o in ctx.orgs if sent[0] <= o.start and o.end <= pos]
    return orgs[0] if orgs else None


def _generic(ctx: DocCtx, sent: tuple[int, int]) -> list[Cand]:
    """``<Org> held a plenary meeting`` → a meeting named after the organization."""
    out = []
    nouns = data()["setting_nouns_en"]
    for m in _re("generic").finditer(ctx.s, sent[0], sent[1]):
        who = _subject_org(ctx, sent, m.start())
        np = m.group("np")
        name = f"{np[0].upper()}{np[1:]}" + (f" of the {ctx.s[who.start : who.end]}" if who else "")
        c = _cand(
            ctx, sent, nouns[m.group("n").lower()], (m.start("v"), m.end("v")), name, (m.start(), m.end())
        )
        c.key = ctx.s[who.start : who.end] if who else None
        out.append(c)
    return out


def _np_before(ctx: DocCtx, sent: tuple[int, int], pos: int) -> tuple[int, str]:
    """The subject of a passive verb: the sentence up to the verb, without the intro phrase and modifiers."""
    seg = ctx.s[sent[0] : pos]
    intro = _INTRO.match(seg)
    start = sent[0] + (intro.end() if intro else 0)
    np = ctx.s[start:pos].strip()
    cut = _NP_CUT.search(np)
    np = np[: cut.start()] if cut else np
    if len(np.split()) > 15 and "," in np:
        np = np.rsplit(",", 1)[1]
        start = pos - len(ctx.s[start:pos].strip()) + ctx.s[start:pos].strip().rfind(np)
    return start, re.sub(r"^(?:the|The)\s+", "", np.strip(" " + _QUOTE))


def _trigger(ctx: DocCtx, sent: tuple[int, int], typ: str, taken: list[tuple[int, int]]) -> Cand | None:
    """The first passive, bare, active or noun form of ``typ`` in the sentence that passes its checks."""
    for form in ("passive", "active", "noun"):
        if f"{form}:{typ}" not in _res():
            continue
        for m in _re(f"{form}:{typ}").finditer(ctx.s, sent[0], sent[1]):
            v = (m.start("v"), m.end("v"))
            if any(v[0] < b and a < v[1] for a, b in taken):
                continue
            c = _build(ctx, sent, typ, form, m)
            if c is not None:
                return c
    return _bare(ctx, sent, typ)


def _build(ctx: DocCtx, sent: tuple[int, int], typ: str, form: str, m: re.Match[str]) -> Cand | None:
    """A candidate from one matched form; None when the form's conditions fail (no object, no amount)."""
    v = (m.start("v"), m.end("v"))
    if form == "passive":
        start, np = _np_before(ctx, sent, m.start())
        if not np:
            return None
        c = _cand(ctx, sent, typ, v, f"{np} {m.group('v').lower()}", (start, v[1]))
        _keys(ctx, c, start, m.start())
        return c
    if form == "active":
        return _active(ctx, sent, typ, m)
    obj = _object(ctx, v[1], sent[1])
    if typ == "unveiling" and obj is None:
        return None
    if typ == "investment" and not re.match(
        rf"\s*(?:more than |about |over |nearly )?(?:{data()['en_amount']})", ctx.s[v[1] : sent[1]]
    ):
        return None
    if typ == "investment" and re.search(r"total\s+$", ctx.s[sent[0] : v[0]]):
        return None
    label = m.group("v").split()[0].capitalize()
    name = f"{label} of {ctx.s[obj.start : obj.end]}" if obj else m.group("v").capitalize()
    c = _cand(ctx, sent, typ, v, name, (v[0], obj.end if obj else v[1]))
    c.key = ctx.s[obj.start : obj.end] if obj else None
    return c


def _object(ctx: DocCtx, pos: int, end: int) -> Span | None:
    """An organization right after ``for``/``of``/``to`` (quotes and "the" skipped)."""
    m = re.compile(rf"\s*(?:for|of|to)?\s*(?:the\s+)?[{_QUOTE}]?").match(ctx.s, pos, end)
    p = m.end() if m else pos
    return next((o for o in ctx.orgs + ctx.places if o.start == p or o.start == p + 4), None)


def _active(ctx: DocCtx, sent: tuple[int, int], typ: str, m: re.Match[str]) -> Cand | None:
    """Active forms need a fitting object: an org mention, an object noun, a place, or an amount."""
    obj = m.group("obj")
    o0 = m.start("obj")
    mentions = [o for o in ctx.orgs + ctx.places if o0 <= o.start < m.end("obj")]
    if re.search(rf"\b{_AUX}\s+$", ctx.s[sent[0] : m.start()]):
        return None  # passive: handled by the passive form
    if re.search(r"\b(?:who|which|that)\s+$", ctx.s[sent[0] : m.start()]) and not re.search(
        r"\b(?:19|20)\d{2}\b", obj
    ):
        return None  # "the physicist who founded IPG": background, unless the clause dates it
    nouns = data().get("en_active_objects", {}).get(typ, [])
    head = " ".join(obj.split()[:8]).lower()
    ok = {
        "establishment": bool(mentions) or any(re.search(rf"\b{re.escape(n)}\b", head) for n in nouns),
        "signing": any(re.search(rf"\b{re.escape(n)}\b", head) for n in nouns),
        "unveiling": bool(mentions),
        "visit": bool(mentions),
        "investment": bool(
            re.match(rf"\s*(?:more than |about |over |nearly )?(?:{data()['en_amount']})", obj)
        ),
    }.get(typ, bool(mentions))
    if not ok:
        return None
    who = _subject_org(ctx, sent, m.start())
    cut = re.split(r",|\s+(?:in|at|on|with|to help|to|which|that)\s", obj)[0]
    name = f"{ctx.s[who.start : who.end] + ' ' if who else ''}{m.group('v')} {cut}"
    c = _cand(
        ctx, sent, typ, (m.start("v"), m.end("v")), name, (who.start if who else m.start(), o0 + len(cut))
    )
    _keys(ctx, c, o0, o0 + len(cut))
    return c


def _bare(ctx: DocCtx, sent: tuple[int, int], typ: str) -> Cand | None:
    """Headline style: ``Hefei Photonics Park Unveiled,`` — a participle right after an org mention."""
    key = f"bare:{typ}"
    if key not in _res():
        return None
    for o in ctx.orgs:
        if sent[0] <= o.start and o.end < sent[1]:
            m = _re(key).match(ctx.s, o.end, sent[1])
            if m:
                c = _cand(
                    ctx,
                    sent,
                    typ,
                    (m.start("v"), m.end("v")),
                    f"{ctx.s[o.start : o.end]} {m.group('v').lower()}",
                    (o.start, m.end()),
                )
                c.key = ctx.s[o.start : o.end]
                return c
    return None


def _keys(ctx: DocCtx, c: Cand, lo: int, hi: int) -> None:
    """Key = the org in the name; a name that is only "the alliance" / "this agreement" refers back."""
    c.key = org_key(ctx, lo, hi, c.trig)
    np = ctx.s[lo:hi].strip(" " + _QUOTE)
    c.anaphoric = c.key is None and bool(
        re.match(r"(?:the|this|that|these|its)\s+\w+(?:\s+\w+)?\s*$", np, re.I)
    )
