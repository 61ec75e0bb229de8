"""The analysis index: sentence-level relations computed once per document, kept fresh lazily.

Why an index: "which organizations are based in Jinan", "who signed with
Raycus" and "which chain segments is HGTECH named with" are questions about
sentences, and re-reading 100k documents per question is far beyond the
200 ms a profile may take. Rows are keyed by raw entity ids, so curators'
merges never invalidate them; triggers mark a document dirty whenever its
annotations change, and :func:`refresh` recomputes only those.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import defaultdict
from typing import Any

from lasermap.analysis.places import home_by_name_prefix
from lasermap.domain.load import org_by_id
from lasermap.extract.sentences import split_sentences
from lasermap.resolve.names import name_key

BATCH = 400
MAX_ORGS_PER_SENTENCE = 8

#: Link kinds, strongest first: the weight orders partners.
LINK_WEIGHT = {"signing": 3, "investment": 3, "acquisition": 3, "alliance": 2, "cooperation": 2, "co-attendance": 1}
_LINK_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("signing", re.compile(r"签约|签署|簽約|簽署|签订|簽訂|\bsign(?:ed|s|ing)?\b|\bagreements?\b|\bMoU\b|memorandum|协议|協議", re.I)),
    ("investment", re.compile(r"共同投资|共同投資|共同出资|共同出資|合资|合資|joint[- ]venture|co-invest|jointly invest", re.I)),
    ("acquisition", re.compile(r"收购|收購|并购|併購|\bacquir(?:e|es|ed|ing)\b|\bacquisition\b|\bstake\b|股权|股權", re.I)),
    ("alliance", re.compile(r"联盟|聯盟|\balliance\b|会员单位|會員單位|成员单位|成員單位|\bmembers? of\b|\bjoined\b|加入|理事单位", re.I)),
    ("cooperation", re.compile(r"合作|\bpartner(?:s|ship)?\b|cooperat|co-operat|collaborat|联合|聯合|携手|攜手", re.I)),
]
_ATTENDANCE_EVENTS = {"conference", "exhibition", "meeting", "visit", "signing", "opening", "unveiling"}

#: Cues before a place or park that make it where an organization is (位于济南, based in Wuhan).
_BASE_BEFORE = re.compile(
    r"(?:位于|位於|坐落于|坐落於|坐落在|落户于?|落戶於?|落户在|扎根|紮根|入驻|入駐|入园|入園|总部设在|總部設在|设在|設在|"
    r"地处|地處|\b(?:based|headquartered|located|headquarters|head office|settled|relocated|moved|plant|factory|"
    r"facility|campus|base|site) (?:in|at|to)(?: the)?(?: city of)?)[\s，,]*$",
    re.I,
)
_BASE_AFTER = re.compile(r"^(?:-based\b| based\b|-headquartered\b)", re.I)
_ZH_AT = re.compile(r"在[\s]*$")
_ZH_BUILD_AFTER = re.compile(r"^[^。；，,]{0,10}?(?:设立|設立|成立|建设|建設|投建|落地|建成|布局|开工|開工|投产|投產)")
_CLAUSE = re.compile(r"[，,;；:：]")
_SITE_PAD = re.compile(r"^[\s、,，]*(?:省|市|区|區|的)?[\s、,，]*$")


def _sentence_index(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    sents = [(s.start, s.end) for s in split_sentences(text)]
    return [s for s, _ in sents], sents


def _sentence_of(starts: list[int], sents: list[tuple[int, int]], pos: int) -> int:
    i = bisect.bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < sents[i][1] else -1


def _cues_in(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """Link cues in a sentence that are not part of a name (联合 in 联合光电 is not cooperation)."""
    found = []
    for kind, rx in _LINK_CUES:
        for m in rx.finditer(text):
            if not any(a <= m.start() < b for a, b in spans):
                found.append((kind, m.group()))
                break
    return found


def _is_site(m: tuple) -> bool:
    _s, _e, _t, type_, subtype, _eid, _n, _nz = m
    return type_ == "place" or (type_ == "org" and subtype == "park")


def _subjects(text: str, orgs: list[tuple], left: int) -> list[tuple]:
    """The organizations a location cue at ``left`` is about.

    Those in the same clause before the cue (楚天激光、团结激光等企业在武汉成立 → all three); when the
    cue opens a new clause (华工科技成立于1999年，总部位于武汉 / PIDA, which is based in Taipei), the
    sentence's topic: its first organization.
    """
    prior = [o for o in orgs if o[1] <= left]
    prior = [o for o in prior if not any(p[0] <= o[0] and o[1] <= p[1] and p[1] - p[0] > o[1] - o[0] for p in prior)]
    same_clause = [o for o in prior if not _CLAUSE.search(text[o[1] : left])]
    if same_clause:
        return same_clause
    return [min(prior, key=lambda o: o[0])] if prior else []


def _located_rows(doc_id: str, text: str, sent: tuple[int, int], ms: list[tuple]) -> list[tuple]:
    """(site, org) rows for "org … based in / 位于 site" and "site-based org" in one sentence."""
    rows = []
    orgs = [m for m in ms if m[3] == "org" and m[4] not in ("park", "government", "party_org")]
    for site in (m for m in ms if _is_site(m)):
        left = site[0]
        for other in sorted(ms, key=lambda m: -m[1]):  # walk back over adjacent places (湖北省 武汉市)
            if _is_site(other) and other[1] <= left and _SITE_PAD.match(text[other[1] : left]):
                left = other[0]
        before = text[max(sent[0], left - 40) : left]
        chosen: list[tuple] = []
        if _BASE_BEFORE.search(before) or (_ZH_AT.search(before) and _ZH_BUILD_AFTER.match(text[site[1] : sent[1]])):
            chosen = _subjects(text, orgs, left)
        elif _BASE_AFTER.match(text[site[1] : site[1] + 24]):
            after = [o for o in orgs if o[0] >= site[1] and o[0] - site[1] < 40]
            chosen = [min(after, key=lambda o: o[0])] if after else []
        for org in chosen:
            for o in orgs:  # the organization and same-kind names nested in it (大族激光 in 大族激光科技产业集团)
                nested = (o[0] >= org[0] and o[1] <= org[1]) or (o[0] <= org[0] and o[1] >= org[1])
                if o[5] != site[5] and nested and (o is org or o[4] == org[4]):
                    rows.append((site[5], o[5], doc_id, sent[0], sent[1], "base"))
    return rows


def _separate_pairs(ms: list[tuple], ids: list[str]) -> list[tuple[str, str]]:
    """Ordered pairs of distinct ids that have some non-nested mentions (华工科技 inside 华工科技产业园 is not a pair)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in ms:
        spans[m[5]].append((m[0], m[1]))
    out = []
    for a in ids:
        for b in ids:
            if a != b and any(x1 <= y0 or y1 <= x0 for x0, x1 in spans[a] for y0, y1 in spans[b]):
                out.append((a, b))
    return out


def _link_rows(doc_id: str, text: str, sent: tuple[int, int], ms: list[tuple]) -> list[tuple]:
    orgs = sorted({m[5] for m in ms if m[3] == "org"})
    if len(orgs) < 2 or len(orgs) > MAX_ORGS_PER_SENTENCE:
        return []
    cues = _cues_in(text[sent[0] : sent[1]], [(m[0] - sent[0], m[1] - sent[0]) for m in ms])
    if not cues:
        return []
    kind, cue = max(cues, key=lambda c: LINK_WEIGHT[c[0]])
    return [(a, b, kind, doc_id, sent[0], sent[1], cue) for a, b in _separate_pairs(ms, orgs)]


def _event_rows(doc_id: str, doc: dict[str, Any], names: dict[str, str]) -> tuple[list[tuple], list[tuple]]:
    """(event-entity rows, co-attendance link rows) of one document."""
    rows, links = [], []
    mentions = doc["mentions"]
    for event_id, type_, participants, s0, s1 in doc["events"]:
        inside = {m[5] for m in mentions if m[0] >= s0 and m[1] <= s1}
        parts = {names[p] for p in participants if p in names}
        rows += [(eid, event_id, "participant", doc_id) for eid in parts]
        rows += [(eid, event_id, "sentence", doc_id) for eid in inside - parts]
        orgs = sorted(e for e in parts if e.startswith("org:"))
        if type_ in _ATTENDANCE_EVENTS and 2 <= len(orgs) <= MAX_ORGS_PER_SENTENCE:
            kind = "signing" if type_ == "signing" else "co-attendance"
            in_sentence = [m for m in mentions if m[0] >= s0 and m[1] <= s1 and m[5] in parts]
            pairs = _separate_pairs(in_sentence, orgs) if in_sentence else []
            links += [(a, b, kind, doc_id, s0, s1, type_) for a, b in pairs]
    return rows, links


def doc_rows(doc_id: str, doc: dict[str, Any]) -> dict[str, list[tuple]]:
    """Every derived row of one document (pure: text and annotations in, rows out)."""
    text, mentions = doc["text"], doc["mentions"]
    starts, sents = _sentence_index(text)
    by_sent: dict[int, list[tuple]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for m in mentions:
        counts[m[5]] += 1
        for n in (m[2], m[6], m[7]):
            if n:
                names.setdefault(n, m[5])
        i = _sentence_of(starts, sents, m[0])
        if i >= 0:
            by_sent[i].append(m)
    out: dict[str, list[tuple]] = {"chain": [], "links": [], "located": [], "events": [], "docs": []}
    out["docs"] = [(eid, doc_id, n, doc["published"]) for eid, n in counts.items()]
    chain: dict[tuple[str, str], list] = {}
    for segment, start, end, s0, s1 in doc["chain"]:
        if any(m[0] <= start and end <= m[1] for m in mentions):
            continue  # "Optics" in "Optics Valley" names a park, not the optics segment
        for eid in {m[5] for m in mentions if m[0] >= s0 and m[1] <= s1}:
            row = chain.setdefault((eid, segment), [eid, segment, doc_id, 0, s0, s1])
            row[3] += 1
    out["chain"] = [tuple(r) for r in chain.values()]
    links: dict[tuple[str, str, int], tuple] = {}
    for i, ms in by_sent.items():
        out["located"] += _located_rows(doc_id, text, sents[i], ms)
        for row in _link_rows(doc_id, text, sents[i], ms):
            links[(row[0], row[1], row[4])] = row
    out["events"], event_links = _event_rows(doc_id, doc, names)
    for row in event_links:
        key = (row[0], row[1], row[4])
        if key not in links or LINK_WEIGHT[row[2]] > LINK_WEIGHT[links[key][2]]:
            links[key] = row
    out["links"] = list(links.values())
    return out


def entity_rows(eid: str, ent: dict[str, Any]) -> tuple[list[tuple[str, str]], tuple]:
    """Name keys and the home place of one entity (gazetteer place, else a place its name starts with)."""
    keys = sorted({(k, eid) for k in (name_key(n) for n in ent["names"]) if len(k) >= 2})
    home: tuple = (eid, None, None)
    if ent["type"] == "org":
        rec = org_by_id().get(eid)
        if rec is not None and rec.place:
            home = (eid, rec.place, "gazetteer")
        else:
            for n in ent["names"]:
                pid = home_by_name_prefix(n)
                if pid:
                    home = (eid, pid, "name")
                    break
    return keys, home


def refresh(q: Any, progress: bool = False) -> int:
    """Bring the analysis index up to date; return how many documents were (re)indexed."""
    docs, ents = q.dirty_counts()
    if not docs and not ents:
        return 0
    if progress and docs > 2000:
        print(f"lasermap: indexing {docs:,} documents for analysis (once; kept fresh after)…", file=sys.stderr)
    _refresh_entities(q)
    done = 0
    while batch := q.dirty_doc_batch(BATCH):
        inputs = q.index_inputs(batch)
        rows: dict[str, list[tuple]] = {"chain": [], "links": [], "located": [], "events": [], "docs": []}
        for doc_id, doc in inputs.items():
            for k, v in doc_rows(doc_id, doc).items():
                rows[k] += v
        _in_transaction(q, lambda b=batch, r=rows: q.rebuild_segments(q.write_doc_rows(b, r)))
        done += len(batch)
    return done


def _refresh_entities(q: Any) -> None:
    while batch := q.dirty_entity_batch(2000):
        inputs = q.entity_inputs(batch)
        keys: list[tuple[str, str]] = []
        homes: list[tuple] = []
        for eid, ent in inputs.items():
            k, h = entity_rows(eid, ent)
            keys += k
            homes.append(h)
        _in_transaction(q, lambda b=batch, k=keys, h=homes: q.write_entity_rows(b, k, h))


def _in_transaction(q: Any, work: Any) -> None:
    q.begin()
    try:
        work()
    except BaseException:
        q.rollback()
        raise
    q.commit()
