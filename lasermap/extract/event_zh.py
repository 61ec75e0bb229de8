"""Chinese event candidates: named meetings held (…交流会在中山隆重召开) and trigger words.

Works clause by clause on the Simplified shadow. A meeting, conference or
exhibition needs a name ending in a known suffix (大会, 交流会, 博览会 …) and a
holding verb next to it (召开, 举办, 开幕); the other types are trigger words
(签署, 成立, 揭牌, 奠基, 开通, 投产, 调研, 投资) that are not part of a longer
word (调研员, 投资额), not background (投产后, 成立以来) and not accompaniment
(陪同调研). The name is the subject and object around the trigger with dates
taken out: 奔腾激光温州生产基地于2013年12月奠基开工 → 奔腾激光温州生产基地奠基开工.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lasermap.extract.event_core import Cand, DocCtx, alt, clauses, data, irrealis, org_key
from lasermap.extract.event_dates import name_year
from lasermap.extract.people_text import PUNCT, covering

_NAME_STOP = set("的在于了是将由对向为把被")
_THIS = re.compile(r"^(?:本届|此次|这次|本次|该|今年的|今年|上届)")
_NOT_EXPO = set("发进拓扩开施伸")
_STATISTIC = re.compile(r"增至|增长|增加|下降|减少|提高|降至|同比|占比")
_SINCE_START = re.compile(r"(?:从|自)[^，。；]*$")
_TRAILING_ADV = re.compile(r"[也还都已均又再则]+$")
_CONJ = re.compile(r"以及|并且|和|及|与|并")
_DATE_BEFORE = re.compile(r"\d+\s*[年月日]$")
_COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十两多数几]+)(?:场|个|项|次|余场|多场)|一系列|系列")
_REFERENCE = re.compile(r"期间|上|现场|开幕式|闭幕式|前夕|以来")
_LEAD = re.compile(r"^(?:据了解|据悉|近日|日前|近期|同时|此外|随后|目前|其中|另外|今年|去年|在|由)+")
_TIME_PREP = re.compile(r"(?:将于|已于|于|在|将)$")
_ANAPHOR = re.compile(r"^(?:该|此|这一?|本|上述)([\u4e00-\u9fff]{1,2}?)(?=[\u4e00-\u9fff]|$)")


@lru_cache(maxsize=1)
def _res() -> dict[str, re.Pattern[str]]:
    """Compiled forms of the Chinese vocabulary, once."""
    d = data()
    sv = d["setting_verbs"]
    return {
        "suffix": re.compile(alt(d["setting_suffixes"]["zh"])),
        "after": re.compile(
            rf"^[^，。；！？的]{{0,30}}?(?:隆重|顺利|盛大|正式|成功|胜利)?(?P<v>{alt(sv['zh_after'])})"
        ),
        "before": re.compile(rf"(?:{alt(sv['zh_before'])})[了的]?$"),
        "name_stop": re.compile(rf"(?:{alt(d['setting_name_stops_zh'])})$"),
        "trigger": re.compile(alt([w for ws in d["zh"].values() for w in ws])),
        "amount": re.compile(d["zh_amount"]),
    }


@lru_cache(maxsize=1)
def _types() -> dict[str, str]:
    return {w: t for t, ws in data()["zh"].items() for w in ws}


def detect_zh(ctx: DocCtx, sent: tuple[int, int]) -> list[Cand]:
    """All candidates in one Chinese sentence (offsets in the shadow)."""
    out: list[Cand] = []
    for cl in clauses(ctx.s, *sent):
        settings = _settings(ctx, sent, cl, out)
        taken = [c.trig for c in settings] + [c.span for c in settings]
        triggers = [
            t for t in _triggers(ctx, sent, cl) if not any(t.trig[0] < b and a < t.trig[1] for a, b in taken)
        ]
        out += settings + _one_per_type(triggers)
    return out


def _name_left(s: str, pos: int, lo: int) -> int:
    """Start of a meeting name ending at ``pos``: back over name characters (quotes included),
    stopping at function characters, punctuation, and verbs (召开, 介绍, 宣布 …)."""
    r = _res()
    i = pos
    while i > lo and pos - i < 40:
        ch = s[i - 1]
        ascii_gap = ch == " " and i > 1 and s[i - 2].isascii() and s[i].isascii()
        if ch in _NAME_STOP or (ch in PUNCT and ch not in "“”《》「」,·" and not ascii_gap):
            break
        if r["before"].search(s, lo, i) or r["name_stop"].search(s, lo, i):
            break
        i -= 1
    return i


def _skip_parens(s: str, pos: int, hi: int) -> int:
    """Past a parenthesis right after a name: ``(简称“光博会”)``."""
    m = re.compile(r"\s*[(（][^()（）]{0,30}[)）]").match(s, pos, hi)
    return m.end() if m else pos


def _in_parens(s: str, lo: int, pos: int) -> bool:
    seg = s[lo:pos]
    return seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）")


def _setting_type(name: str) -> str:
    """博览会暨论坛 is an exhibition: exhibition words outrank conference words, which outrank meeting words."""
    sfx = data()["setting_suffixes"]["zh"]
    found = {t for w, t in sfx.items() if (len(w) >= 3 and w in name) or name.endswith(w)}
    return next(t for t in ("exhibition", "conference", "meeting") if t in found) if found else "meeting"


def _settings(ctx: DocCtx, sent: tuple[int, int], cl: tuple[int, int], earlier: list[Cand]) -> list[Cand]:
    """Named meetings with a holding verb next to them, and the names listed after one (A论坛、B论坛)."""
    r, s = _res(), ctx.s
    out: list[Cand] = []
    for m in r["suffix"].finditer(s, cl[0], cl[1]):
        if (
            covering(ctx.orgs, m.start())
            or _in_parens(s, cl[0], m.start())
            or s[m.start() - 1 : m.start()] in _NOT_EXPO
        ):
            continue
        if s.startswith("暨", m.end()):
            continue  # 博览会暨论坛: the name goes on
        start = _name_left(s, m.start(), cl[0])
        conj = _CONJ.match(s, start)
        start = conj.end() if conj else start
        if _COUNTED.match(s, start) or _REFERENCE.match(s, m.end()):
            continue  # 12场论坛 (a count, not a name); 展会期间 / 大会上 (a time or place, not a holding)
        verb = r["after"].match(s[_skip_parens(s, m.end(), cl[1]) : cl[1]])
        before = r["before"].search(s[cl[0] : start])
        listed = None if verb or before else _listed_after(s, start, [c for c in earlier + out if c.named])
        if not (verb or before or listed):
            continue
        if verb:
            v0 = _skip_parens(s, m.end(), cl[1])
            trig = (v0 + verb.start("v"), v0 + verb.end("v"))
        elif before:
            trig = (cl[0] + before.start(), cl[0] + before.end())
        else:
            trig = listed.trig  # type: ignore[union-attr]
        c = _setting(ctx, sent, cl, (start, m.end()), trig)
        if c is not None:
            out.append(c)
    return out


def _setting(
    ctx: DocCtx, sent: tuple[int, int], cl: tuple[int, int], span: tuple[int, int], trig: tuple[int, int]
) -> Cand | None:
    """A setting candidate; 本届大会 / 大会 alone refers back to the meeting named before."""
    s = ctx.s
    name = _balance_quotes(_LEAD.sub("", _strip_dates(ctx, sent, *span, keep_years=True)))
    bare = _THIS.sub("", name)
    anaphoric = bare in data()["setting_suffixes"]["zh"] or len(bare) < 3
    if anaphoric:
        name = _earlier_name(ctx, span[0], bare) or name
    c = Cand(_setting_type(name), trig, s[trig[0] : trig[1]], name, span, sent, cl, True, named=True)
    c.year_hint = name_year(name)
    c.planned, c.modal = irrealis(s, cl[0], min(span[0], trig[0]), sent[0], True)
    c.key, c.anaphoric = name, anaphoric
    return c


def _balance_quotes(name: str) -> str:
    """Drop a quote mark whose partner is outside the name (“中国中小投资项目创业合作洽谈会 → 中国…洽谈会)."""
    for a, b in ("“”", "《》", "「」"):
        if name.count(a) > name.count(b) and name.startswith(a):
            name = name[1:]
        if name.count(b) > name.count(a) and name.endswith(b):
            name = name[:-1]
    return name


def _earlier_name(ctx: DocCtx, pos: int, bare: str) -> str | None:
    """The full name of the meeting that 大会 / 光博会 stands for: the latest earlier name with that ending."""
    ending = bare[-2:] if len(bare) >= 2 else bare
    best = None
    for m in re.finditer(re.escape(ending), ctx.s[:pos]):
        start = _name_left(ctx.s, m.start(), max(0, m.start() - 40))
        cand = _THIS.sub("", ctx.s[start : m.end()])
        if len(cand) > len(bare) + 1 and cand.endswith(bare):
            best = cand
    return best


def _listed_after(s: str, start: int, named: list[Cand]) -> Cand | None:
    """The named event this one is listed after (、 ， 以及 和 between the two names), if any."""
    for c in reversed(named):
        if re.fullmatch(r"、|[，,]?(?:以及|和|及|与)", s[c.span[1] : start]):
            return c
    return None


def _excluded(s: str, m: re.Match[str]) -> bool:
    """Part of a longer word, background (投产后) or accompaniment (陪同调研) — but 2005年成立的X is a founding."""
    ex = data()
    if s.startswith("的", m.end()) and _DATE_BEFORE.search(s, max(0, m.start() - 12), m.start()):
        return False
    after = ex["zh_exclude_after"]["*"] + ex["zh_exclude_after"].get(m.group(), [])
    before = ex["zh_exclude_before"]["*"] + ex["zh_exclude_before"].get(m.group(), [])
    return any(s.startswith(w, m.end()) for w in after) or any(s.endswith(w, 0, m.start()) for w in before)


def _triggers(ctx: DocCtx, sent: tuple[int, int], cl: tuple[int, int]) -> list[Cand]:
    """Trigger words of one clause; adjacent ones of one type (奠基开工) become one trigger."""
    s, out = ctx.s, []
    for m in _res()["trigger"].finditer(s, cl[0], cl[1]):
        typ = _types()[m.group()]
        if _excluded(s, m) or covering(ctx.orgs + ctx.events, m.start()):
            continue
        if typ == "investment" and (
            not _res()["amount"].search(s[m.end() : cl[1]]) or _STATISTIC.search(s, m.end(), cl[1])
        ):
            continue  # an investment event names an amount; 从745亿元增至… is a statistic
        if _SINCE_START.search(s, cl[0], m.start()) and "以来" in s[m.end() : cl[1]]:
            continue  # 从苹果开通这一服务以来: the time since, not the event
        prev = out[-1] if out else None
        if prev and prev.type == typ and re.fullmatch(r"[并暨和、及]?", s[prev.trig[1] : m.start()]):
            prev.trig = (prev.trig[0], m.end())
            prev.trigger = s[prev.trig[0] : m.end()]
            _name(ctx, prev)
            continue
        c = Cand(typ, (m.start(), m.end()), m.group(), "", (m.start(), m.end()), sent, cl, True)
        c.planned, c.modal = irrealis(s, cl[0], m.start(), sent[0], True)
        _name(ctx, c)
        out.append(c)
    return out


def _one_per_type(cands: list[Cand]) -> list[Cand]:
    """Two triggers of one type in a clause (签约仪式上 … 签署了协议) are one event: keep the fuller."""
    best: dict[str, Cand] = {}
    for c in cands:
        if c.type not in best or len(c.name) > len(best[c.type].name):
            best[c.type] = c
    return sorted(best.values(), key=lambda c: c.trig[0])


def _strip_dates(ctx: DocCtx, sent: tuple[int, int], lo: int, hi: int, keep_years: bool = False) -> str:
    """Text of ``[lo, hi)`` without date expressions and the 于/将于 that introduce them.

    ``keep_years`` keeps bare years, which in a meeting's name are its edition (2021年度…大会).
    """
    parts, pos = [], lo
    for e in ctx.dates_in(sent, True):
        if keep_years and e.month is None and e.kind == "abs":
            continue
        if lo <= e.start and e.end <= hi:
            parts.append(_TIME_PREP.sub("", ctx.s[pos : e.start]))
            pos = e.end
    parts.append(ctx.s[pos:hi])
    return "".join(parts)


def _name(ctx: DocCtx, c: Cand) -> None:
    """Subject + trigger + object, dates removed; 该基地 resolved to the base named before."""
    s, (t0, t1) = ctx.s, c.trig
    lo = c.clause[0]
    de = s.rfind("的", lo, t0)
    lo = de + 1 if de >= 0 else lo
    first = [o for o in ctx.orgs + ctx.places if lo <= o.start < t0]
    if first:
        lo = min(o.start for o in first)
    subject = _LEAD.sub("", _strip_dates(ctx, c.sent, lo, t0))
    subject = _TRAILING_ADV.sub("", _TIME_PREP.sub("", subject)).lstrip("）)”」》、")
    obj_end = t1
    if c.trigger[-2:] in data()["zh_transitive"] or c.trigger in data()["zh_transitive"]:
        stop = s.find("的", t1, c.clause[1])
        obj_end = min(stop if stop >= 0 else c.clause[1], t1 + 30)
    obj = re.sub(r"^了", "", s[t1:obj_end])
    if c.type == "visit":
        subject = _visitor(ctx, c) or subject
    owner = next((o for o in ctx.orgs if o.start == t1 + 1), None) if s.startswith("的", t1) else None
    if owner is not None:  # 2005年成立的德龙激光 → 德龙激光成立
        subject, obj, obj_end = s[owner.start : owner.end], "", owner.end
    c.anaphoric = bool(_ANAPHOR.match(_LEAD.sub("", s[c.clause[0] : t0].strip()))) and not first
    if _ANAPHOR.match(subject):
        subject = _resolve_anaphor(ctx, subject, lo)
    c.name = subject + c.trigger + obj
    c.span = (min(lo, t0), max(obj_end, t1))
    c.key = org_key(ctx, lo, obj_end, c.trig)
    c.modal = c.modal or (c.type == "establishment" and not _org_like(ctx, c, lo, obj_end))


def _org_like(ctx: DocCtx, c: Cand, lo: int, hi: int) -> bool:
    """What is founded is an organization: a mention, or a word ending like one (俱乐部, 教研组, 基地)."""
    if any(lo <= o.start < hi for o in ctx.orgs) or (c.key is not None):
        return True
    return any(
        re.search(rf"{re.escape(w)}(?:$|[^\u4e00-\u9fff])", c.name) or c.name.endswith(w)
        for w in data()["zh_org_words"]
    )


def _visitor(ctx: DocCtx, c: Cand) -> str | None:
    """Who visits: the first organization named earlier in the sentence (科技部火炬中心 … 来温调研)."""
    orgs = [o for o in ctx.orgs if c.sent[0] <= o.start and o.end <= c.clause[0]]
    return ctx.s[orgs[0].start : orgs[0].end] if orgs else None


def _resolve_anaphor(ctx: DocCtx, subject: str, pos: int) -> str:
    """该基地一期工程 → 奔腾激光温州生产基地一期工程: the latest earlier phrase ending in the noun that starts with a name."""
    m = _ANAPHOR.match(subject)
    if not m:
        return subject
    noun = m.group(1)
    for hit in reversed([h.start() for h in re.finditer(re.escape(noun), ctx.s[:pos])]):
        starts = [o.start for o in ctx.orgs + ctx.places if hit - 15 <= o.start < hit and o.end <= hit]
        if starts and not any(ch in PUNCT for ch in ctx.s[min(starts) : hit]):
            return ctx.s[min(starts) : hit + len(noun)] + subject[m.end() :]
    return subject
