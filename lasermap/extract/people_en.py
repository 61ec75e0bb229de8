"""English person names with their titles: the appositive and its relatives.

News English introduces people in a handful of shapes, and a capitalised
pair of words is only taken as a name inside one of them, because a bare
capitalised run is as often an organisation or a place:

- ``Name, [a|the] title [of the Department] of Org [and title of Place]``
- ``said Name, title of Org`` (the same appositive after a reporting verb)
- ``Name (title of Org)``
- ``Name, Org's title``
- ``[Org['s]] Title Name [of Org]`` (``Bodor chairman Li Lei``, ``Professor Zhou Shouhuan of CAE``)

"the company" / "the federation" after ``of`` resolves to the latest fitting
organization mention. One-word names (``Mr. Patel``, ``President Xi``) are
roles, not full names, and are skipped. Offsets are shadow offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lasermap.extract.people_text import Span, covering, ending_at, resolve_anaphor, starting_at, titles_data

_LOW = "a-z\u00df-\u00ff\u0101-\u017f"
_CAP = (
    rf"(?:[A-Z\u00c0-\u00de][{_LOW}]+(?:[-'’][A-Za-z\u00c0-\u00de][{_LOW}]+)*|[A-Z]{{2,}}(?![a-z])|[A-Z]\.)"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")
_ART = re.compile(r"(?:an?|the)\s+", re.I)
_POSS = re.compile(r"\s*['’]s\s+")
_PREP = re.compile(r"\s+(?:of|at|for|with|from)\s+(?:the\s+)?", re.I)
_AND = re.compile(r"\s*,?\s+and\s+(?:the\s+|an?\s+)?")
_FALLBACK_ORG = re.compile(r"[A-Z][\w&'’.-]*(?:\s+(?:(?:of|for|and|on|the|&|de)\s+)*[A-Z][\w&'’.-]*)*")


@dataclass(frozen=True, slots=True)
class _Rules:
    heads: frozenset[str]
    mods: frozenset[str]
    honorifics: frozenset[str]
    stop: frozenset[str]
    run_re: re.Pattern[str]
    dept_re: re.Pattern[str]
    anaphor_re: re.Pattern[str]
    adverb_re: re.Pattern[str]
    verbs: dict[str, str]
    verb_re: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """Compile the English title vocabulary once."""
    en = titles_data()["en"]
    parts = "|".join(en["name_particles"])
    depts = "|".join(en["department_heads"])
    nouns = "|".join(en["anaphors"]["company"] + en["anaphors"]["other"])
    return _Rules(
        heads=frozenset(en["heads"]),
        mods=frozenset(en["modifiers"]),
        honorifics=frozenset(h.rstrip(".") for h in en["honorifics"]),
        stop=frozenset(en["name_stop"]),
        run_re=re.compile(rf"(?<![\w.])(?:{_CAP}[ \t]+(?:(?:{parts})[ \t]+)?){{0,5}}{_CAP}(?![\w-])"),
        dept_re=re.compile(rf"\s+of\s+(?:the\s+)?(?:[\w&'-]+\s+){{0,5}}?(?:{depts})(?=\s+(?:of|at)\s)"),
        anaphor_re=re.compile(rf"(?:this|that|the)\s+({nouns})\b", re.I),
        adverb_re=re.compile(rf"(?:{'|'.join(en['adverbs'])})\s+"),
        verbs=en["verbs"],
        verb_re=re.compile(rf"\s+(?:also\s+)?({'|'.join(en['verbs'])})\s+(?:the\s+)?"),
    )


@dataclass(slots=True)
class EnPerson:
    start: int
    end: int
    name: str
    title: str
    org: Span | None = None
    org_name: str | None = None


@dataclass(slots=True)
class _Seg:
    start: int
    end: int
    target: tuple[str, Span | None, str | None, int] | None = None  # kind, span, name, end


def _is_title_word(w: str, head: bool) -> bool:
    r = rules()
    low = w.lower()
    return low in r.heads if head else (low in r.mods or low in r.heads)


def title_core(s: str, pos: int) -> int | None:
    """End of a run of title words starting at ``pos`` that ends in a head noun (senior director)."""
    end, p = None, pos
    for _ in range(6):
        m = _WORD.match(s, p)
        if not m or not _is_title_word(m.group(), head=False):
            break
        if _is_title_word(m.group(), head=True):
            end = m.end()
        sp = re.match(r"[ \t]+", s[m.end() :])
        if not sp:
            break
        p = m.end() + sp.end()
    return end


def _target(
    s: str, pos: int, orgs: list[Span], places: list[Span]
) -> tuple[str, Span | None, str | None, int] | None:
    """What follows ``of``/``at``: an org mention, "the company", a place, or a capitalised name."""
    back = pos - 4 if s[max(0, pos - 4) : pos].lower() == "the " else pos  # a mention may include "the"
    org = starting_at(orgs, pos) or starting_at(orgs, back)
    if org:
        return "org", org, org.label, org.end
    m = rules().anaphor_re.match(s, back)
    if m:
        ref = resolve_anaphor(m.group(1), pos, orgs)
        return "org", ref, ref.label if ref else None, m.end()
    place = starting_at(places, pos)
    if place:
        return "place", place, place.label, place.end
    fb = _FALLBACK_ORG.match(s, pos)
    if fb and len(fb.group().split()) >= 2:
        return "text", None, fb.group(), fb.end()
    return None


def parse_title(s: str, pos: int, orgs: list[Span], places: list[Span]) -> tuple[str, _Seg, int] | None:
    """Parse ``[a] title [of Dept] [of Org] [and title of X]`` at ``pos``: (title, seg with org, end)."""
    adv = rules().adverb_re.match(s, pos)
    pos = adv.end() if adv else pos
    art = _ART.match(s, pos)
    pos = art.end() if art else pos
    segs: list[_Seg] = []
    while True:
        end = title_core(s, pos)
        if end is None:
            break
        seg = _Seg(pos, end)
        dept = rules().dept_re.match(s, end)
        if dept and not any(end < o.start < dept.end() < o.end for o in orgs):
            seg.end = dept.end()
        prep = _PREP.match(s, seg.end)
        if prep:
            seg.target = _target(s, prep.end(), orgs, places) or _phrase_before_and(s, prep.end())
        segs.append(seg)
        after = seg.target[3] if seg.target else seg.end
        conj = _AND.match(s, after)
        if not conj or title_core(s, conj.end()) is None:
            break
        pos = conj.end()
    if not segs:
        return None
    return _compose(s, segs)


def _phrase_before_and(s: str, pos: int) -> tuple[str, Span | None, str | None, int] | None:
    """``member of the leading Party members group and vice chairman``: an unnamed body before a chained post."""
    m = re.compile(r"[\w'’ -]{3,60}?(?=\s*,?\s+and\s+(?:the\s+|an?\s+)?[A-Za-z])").match(s, pos)
    if m and title_core(s, _AND.match(s, m.end()).end()) is not None:  # type: ignore[union-attr]
        return "phrase", None, None, m.end()
    return None


def _compose(s: str, segs: list[_Seg]) -> tuple[str, _Seg, int]:
    """Title text and the org.

    A post's own place stays in the title (mayor of Jinan); chained posts that
    each name their body keep the whole phrase, up to (not including) a final
    organization, which is reported as the org instead.
    """
    first, last = segs[0], segs[-1]
    if last.target and last.target[0] == "place":
        stop = last.target[3]
    elif len(segs) > 1 and any(g.target for g in segs[:-1]) and last.target and last.target[0] == "phrase":
        stop = last.target[3]
    else:
        stop = last.end
    title = re.sub(r"\s+", " ", s[first.start : stop]).strip()
    owner = next((g for g in segs if g.target and g.target[0] in ("org", "text")), last)
    end = last.target[3] if last.target else last.end
    return title, owner, end


def _name_tokens(s: str, run: re.Match[str], mentions: list[Span]) -> list[re.Match[str]]:
    """The tokens of a capitalised run that can be a name: leading titles, stop words and mentions dropped."""
    r = rules()
    toks = list(re.finditer(r"[^ \t]+", run.group()))
    i = 0
    while i < len(toks):
        w = toks[i].group()
        inside = covering(mentions, run.start() + toks[i].start()) is not None
        if (
            w in r.stop
            or w.lower() in r.heads
            or w.lower() in r.mods
            or w.rstrip(".") in r.honorifics
            or inside
        ):
            i += 1
            continue
        break
    rest = toks[i:]
    orgs = [m for m in mentions if m.mention.type == "org"]
    if any(
        t.group() in r.stop or t.group().lower() in r.heads or covering(orgs, run.start() + t.start())
        for t in rest
    ):
        return []
    full = [t for t in rest if not re.fullmatch(r"[A-Z]\.", t.group())]
    return rest if 2 <= len(full) <= 4 and full[0] is rest[0] else []


def _name_span(s: str, run: re.Match[str], mentions: list[Span]) -> tuple[int, int] | None:
    """Where the name inside a capitalised run is, if the run holds one."""
    toks = _name_tokens(s, run, mentions)
    if not toks:
        return None
    return run.start() + toks[0].start(), run.start() + toks[-1].end()


def _after_name(s: str, end: int, orgs: list[Span], places: list[Span]) -> tuple[str, _Seg, int] | None:
    """The title after a name: ``, title of Org`` / ``, Org's title`` / `` (title of Org)``."""
    m = re.compile(r"\s*(,|\()\s*").match(s, end)
    if not m:
        return None
    pos = m.end()
    org = starting_at(orgs, pos) or starting_at(orgs, pos + 4 if s[pos : pos + 4].lower() == "the " else pos)
    poss = _POSS.match(s, org.end) if org else None
    if org and poss:
        core = title_core(s, poss.end())
        if core is None:
            return None
        return s[poss.end() : core], _Seg(poss.end(), core, ("org", org, org.label, org.end)), core
    parsed = parse_title(s, pos, orgs, places)
    if parsed and m.group(1) == "(" and not re.match(r"\s*[),;]", s[parsed[2] :]):
        return None
    return parsed


def _before_name(s: str, start: int, orgs: list[Span]) -> tuple[str, Span | None] | None:
    """A title right before a name (``Bodor chairman``, ``Vice President``), with the org before it."""
    r = rules()
    words: list[tuple[int, int]] = []
    p = start
    while len(words) < 5:
        m = re.search(r"([A-Za-z][A-Za-z\-]*\.?)[ \t]+$", s[max(0, p - 40) : p])
        if not m:
            break
        w = m.group(1).rstrip(".")
        joins = w.lower() == "and" and bool(words)
        if not (_is_title_word(w, head=False) or w in r.honorifics or joins):
            break
        a = max(0, p - 40) + m.start(1)
        words.insert(0, (a, a + len(m.group(1))))
        p = a
    while words and s[words[0][0] : words[0][1]].lower() == "and":
        words.pop(0)
    if not words:
        return None
    last = s[words[-1][0] : words[-1][1]].rstrip(".")
    if not (_is_title_word(last, head=True) or last in r.honorifics):
        return None
    head = s[: words[0][0]].rstrip()
    poss = re.search(r"['’]s$", head)
    org = ending_at(orgs, len(head) - (2 if poss else 0))
    noun = re.search(r"(?:^|\s)(?:the\s+|its\s+)?([a-z]+)$", head, re.I)
    if org is None and noun:
        nouns = titles_data()["en"]["anaphors"]
        if noun.group(1).lower() in nouns["company"] + nouns["other"]:
            org = resolve_anaphor(noun.group(1), len(head), orgs)
    return s[words[0][0] : words[-1][1]], org


def find_people_en(s: str, orgs: list[Span], places: list[Span]) -> list[EnPerson]:
    """Every titled English name in ``s``, in text order."""
    out: list[EnPerson] = []
    mentions = orgs + places
    for run in rules().run_re.finditer(s):
        span = _name_span(s, run, mentions)
        if span is None:
            continue
        name = re.sub(r"\s+", " ", s[span[0] : span[1]])
        after = _after_name(s, span[1], orgs, places)
        if after and after[0]:
            title, seg, _end = after
            tgt = seg.target
            out.append(EnPerson(span[0], span[1], name, title, tgt[1] if tgt and tgt[0] == "org" else None,
                                tgt[2] if tgt and tgt[0] in ("org", "text") else None))  # fmt: skip
            continue
        found = _by_verb(s, span, name, orgs, places)
        if found is None:
            before = _before_name(s, span[0], orgs)
            found = _with_pre_title(s, span, name, before, orgs, places) if before else None
        if found is not None:
            out.append(found)
    return out


_WHO_FOUNDED = re.compile(
    r"\s*,\s*(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?who\s+(?:co-)?founded\s+(?:the\s+)?"
)
_FOUNDED_BY = re.compile(
    r"\b(?:was|were)\s+(?:co-)?(?:founded|set up|established|started)\b[^.;]{0,60}?\bby\s+$"
)


def _by_verb(
    s: str, span: tuple[int, int], name: str, orgs: list[Span], places: list[Span]
) -> EnPerson | None:
    """Roles said with a verb: ``Min Dayong heads the company``, ``founded in 1996 by Gao Yunfeng``,
    ``Valentin P. Gapontsev, the physicist who founded IPG Photonics``."""
    m = rules().verb_re.match(s, span[1])
    if m:
        tgt = _target(s, m.end(), orgs, places)
        if tgt and tgt[0] == "org" and tgt[1] is not None:
            return EnPerson(span[0], span[1], name, rules().verbs[m.group(1)], tgt[1], tgt[2])
    m = _WHO_FOUNDED.match(s, span[1])
    if m:
        tgt = _target(s, m.end(), orgs, places)
        if tgt and tgt[0] == "org" and tgt[1] is not None:
            return EnPerson(span[0], span[1], name, "founder", tgt[1], tgt[2])
    by = _FOUNDED_BY.search(s, max(0, span[0] - 90), span[0])
    if by:
        subject = [o for o in orgs if by.start() - 80 <= o.start and o.end <= by.start()]
        if subject:
            return EnPerson(span[0], span[1], name, "founder", subject[-1], subject[-1].label)
    return None


def _with_pre_title(s: str, span: tuple[int, int], name: str, before: tuple[str, Span | None],
                    orgs: list[Span], places: list[Span]) -> EnPerson:  # fmt: skip
    """``Title Name`` takes its org from before the title, else from ``of Org`` after the name."""
    title, org = before
    if org is None:
        prep = _PREP.match(s, span[1])
        tgt = _target(s, prep.end(), orgs, places) if prep else None
        if tgt and tgt[0] == "org" and tgt[1] is not None:
            org = tgt[1]
    return EnPerson(span[0], span[1], name, title, org, org.label if org else None)
