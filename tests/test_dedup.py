"""Reprint detection: signatures, the index, canonical copies, and the bundled story A.

The stories below were written for these tests; names and figures are made up.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lasermap.dedup import DEFAULT_THRESHOLD, DuplicateIndex, canonical_key, exact_jaccard, jaccard, signature
from lasermap.dedup.minhash import MIN_CHARS, hashvalues, load, shingles
from lasermap.normalize.script import to_traditional

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "lasermap" / "examples"

STORY_ZH = """3月18日,济南市召开激光产业集群发展推进会,会上发布了《济南市激光产业集群培育行动方案》。方案提出,到2026年全市激光产业规模力争突破500亿元,培育营业收入超过十亿元的龙头企业8家,建设省级以上创新平台20个。

济南是国内重要的激光装备生产基地之一,激光切割机产量连续多年位居全国前列。目前全市共有激光相关企业400余家,其中规模以上企业120家,产品出口到100多个国家和地区。去年全市激光装备出口额同比增长23%,海外市场已成为企业新的增长点。

推进会上,市工业和信息化局负责人介绍,下一步将围绕激光器、光学元器件、数控系统等关键环节开展招商,补齐产业链短板,推动整机企业与上游核心部件企业协同攻关。同时,济南将在高新区和章丘区规划建设两个激光产业园,为中小企业提供标准厂房和共享检测平台。

与会专家认为,济南激光产业整机优势明显,但在高功率光纤激光器、超快激光器等核心器件上仍依赖外部采购。如何把规模优势转化为技术优势,是集群下一阶段需要回答的问题。多家企业代表表示,将加大研发投入,争取在三年内推出自主可控的万瓦级激光器产品。"""

HEADER_ZH = "本文转载自齐鲁产业观察微信公众号,原标题有删改,仅供读者参考交流之用。"
FOOTER_ZH = "责任编辑:刘晓明 转载请注明出处,本站不对文中内容的准确性承担任何责任,如有侵权请联系删除。"

OTHER_ZH = """记者从济南市科技局获悉,由山东大学牵头建设的济南先进激光技术研究院日前正式揭牌运营。研究院将聚焦超快激光微纳加工、激光增材制造和激光医疗三个方向,首期投入研发经费3亿元,计划引进高层次人才团队15个。

研究院负责人介绍,济南激光产业集群以整机制造见长,但企业普遍缺少中试验证条件。研究院将建设面向全行业开放的激光工艺验证中心,企业可以按需预约设备和工程师,缩短新产品从样机到量产的周期。目前已有30多家济南激光企业与研究院签订合作协议。

据了解,研究院还将联合高校开设激光工程专业方向,每年为本地产业输送技术人才200名以上。业内人士表示,人才短缺是制约济南激光产业向高端迈进的主要瓶颈之一,产学研平台的落地有望缓解这一问题,带动整个产业集群的创新能力提升。"""

STORY_EN = """Jinan's laser cutting machine makers shipped a record number of units abroad last year, according to figures released by the city's industry bureau on Monday. Exports of laser equipment rose 23 percent year on year, with Southeast Asia, the Middle East and South America accounting for most of the growth.

The city is home to more than 400 laser companies, about 120 of them above the statutory size threshold. Officials said they want the cluster to pass 50 billion yuan in annual output by 2026 and to have eight companies with revenue above one billion yuan each.

Industry executives at the briefing said overseas buyers increasingly ask for automated loading systems and remote maintenance, not just the cutting head itself. Several firms have opened service centres in Turkey, Brazil and Vietnam to shorten repair times and to compete with European suppliers on support as well as price.

Analysts caution that the boom depends on imported high power fibre laser sources for the top end of the market. Local suppliers are catching up in the range below twelve kilowatts, but the most powerful sources are still bought from a handful of vendors, which leaves margins exposed to price changes upstream."""


def _edit(text: str, changes: dict[str, str]) -> str:
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


REPRINT_ZH = "\n\n".join(
    [HEADER_ZH, _edit(STORY_ZH, {"召开": "举行", "力争": "争取", "同比增长": "比上年增长", "多家企业代表": "不少企业负责人"}), FOOTER_ZH]
)
REPRINT_EN = "\n\n".join(
    [
        "Posted by the editorial team | Industry News | 3 min read",
        _edit(STORY_EN, {"on Monday": "this week", "Several firms": "A number of companies", "Analysts caution": "Analysts warn"}),
        "Share this article: Facebook | LinkedIn | Email. Copyright 2024 Laser Trade Weekly. All rights reserved.",
    ]
)


def _groups(items: list[tuple[str, str, str | None]], **kw: object) -> dict[str, str]:
    index = DuplicateIndex([(doc_id, signature(text), published, len(text)) for doc_id, text, published in items], **kw)
    return index.groups()


# --------------------------------------------------------------------------- signatures


def test_traditional_copy_has_the_same_shingles() -> None:
    hant = to_traditional(STORY_ZH)
    assert hant != STORY_ZH
    assert exact_jaccard(STORY_ZH, hant) >= 0.98
    assert jaccard(signature(STORY_ZH), signature(hant)) >= 0.95


def test_reprint_similarity_above_threshold_and_estimate_close_to_exact() -> None:
    for a, b in ((STORY_ZH, REPRINT_ZH), (STORY_EN, REPRINT_EN)):
        exact = exact_jaccard(a, b)
        est = jaccard(signature(a), signature(b))
        assert est >= DEFAULT_THRESHOLD
        assert abs(est - exact) < 0.12


def test_whitespace_punctuation_and_width_do_not_matter() -> None:
    spaced = STORY_ZH.replace(",", ", ").replace("。", ".\n").replace("2026", "２０２６")
    assert signature(spaced) == signature(STORY_ZH)
    assert signature(STORY_EN.upper().replace(",", " ;")) == signature(STORY_EN)


def test_cjk_text_uses_character_shingles_and_english_word_shingles() -> None:
    assert all(len(s) == 5 and " " not in s for s in shingles(STORY_ZH))
    assert all(len(s.split(" ")) == 3 for s in shingles(STORY_EN))


def test_signature_is_compact_and_readable() -> None:
    sig = signature(STORY_ZH)
    assert 500 < len(sig) < 600
    assert np.array_equal(hashvalues(sig), load(sig).hashvalues)
    with pytest.raises(ValueError):
        hashvalues(signature(STORY_ZH, num_perm=64))


def test_signature_is_deterministic_across_processes() -> None:
    here = [signature(STORY_ZH).hex(), signature(STORY_EN).hex()]
    assert here == [signature(STORY_ZH).hex(), signature(STORY_EN).hex()]
    code = (
        "import sys, json; from lasermap.dedup import signature; "
        "texts = json.load(sys.stdin); print(json.dumps([signature(t).hex() for t in texts]))"
    )
    # another string-hash salt than this process's: the signature must not depend on it
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps([STORY_ZH, STORY_EN]).encode(),
        capture_output=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"},
    )
    assert json.loads(out.stdout) == here


def test_short_texts_get_no_signature_and_are_never_grouped() -> None:
    short = "济南激光产业集群发展推进会召开。"
    assert signature(short) == b""
    assert signature("Laser cluster meeting held in Jinan today.") == b""
    assert signature("") == b""
    assert len("x" * MIN_CHARS) == MIN_CHARS and signature("x" * MIN_CHARS) != b""
    assert jaccard(b"", b"") == 0.0
    index = DuplicateIndex([("a", signature(short), "2024-01-01", 16), ("b", signature(short), "2024-01-02", 16)])
    assert index.groups() == {}
    assert index.query(b"") == []
    assert len(index) == 2 and "a" in index


# --------------------------------------------------------------------------- grouping


@pytest.mark.parametrize("backend", ["compact", "datasketch"])
def test_simplified_traditional_and_reprint_form_one_group(backend: str) -> None:
    items = [
        ("reprint", REPRINT_ZH, "2024-03-20"),
        ("hant", to_traditional(STORY_ZH), "2024-03-19"),
        ("original", STORY_ZH, "2024-03-18"),
        ("other", OTHER_ZH, "2024-03-18"),
    ]
    assert _groups(items, backend=backend) == {"reprint": "original", "hant": "original"}


def test_canonical_follows_the_earliest_date_not_the_script() -> None:
    items = [("simp", STORY_ZH, "2024-03-19"), ("trad", to_traditional(STORY_ZH), "2024-03-18"), ("reprint", REPRINT_ZH, None)]
    assert _groups(items) == {"simp": "trad", "reprint": "trad"}


def test_same_topic_different_stories_are_not_grouped() -> None:
    for word in ("激光", "产业", "集群", "济南"):
        assert word in STORY_ZH and word in OTHER_ZH
    assert jaccard(signature(STORY_ZH), signature(OTHER_ZH)) < 0.15
    assert _groups([("a", STORY_ZH, "2024-03-18"), ("b", OTHER_ZH, "2024-03-19")]) == {}


def test_english_reprint_is_grouped() -> None:
    items = [("copy", REPRINT_EN, "2024-02-06"), ("orig", STORY_EN, "2024-02-05"), ("zh", STORY_ZH, "2024-02-01")]
    assert _groups(items) == {"copy": "orig"}


def _paragraphs(n: int) -> list[str]:
    rng = random.Random(5)
    words = [f"w{i}" for i in range(3000)]
    return [" ".join(rng.choices(words, k=60)) for _ in range(n)]


def test_groups_are_transitive() -> None:
    p = _paragraphs(8)
    a, b, c = "\n\n".join(p[0:6]), "\n\n".join(p[1:7]), "\n\n".join(p[2:8])
    assert exact_jaccard(a, c) < DEFAULT_THRESHOLD <= min(exact_jaccard(a, b), exact_jaccard(b, c))
    index = DuplicateIndex([("c", signature(c), "2021-01-03", len(c)), ("a", signature(a), "2021-01-01", len(a))])
    assert index.groups() == {}
    assert sorted(index.add("b", signature(b), "2021-01-02", len(b))) == ["a", "c"]
    assert index.groups() == {"b": "a", "c": "a"}
    assert index.clusters() == [["a", "b", "c"]]
    assert index.pairs() == [("a", "b"), ("a", "c"), ("b", "c")]


def test_canonical_rule_date_then_length_then_id() -> None:
    assert canonical_key("z", "2020-01-01", 10) < canonical_key("a", "2020-01-02", 999)
    assert canonical_key("z", "2020-01-01", 20) < canonical_key("a", "2020-01-01", 10)
    assert canonical_key("b", "2020-01-01", 10) < canonical_key("c", "2020-01-01", 10)
    assert canonical_key("z", "2030-12-31", 1) < canonical_key("a", None, 999)
    assert canonical_key("a", None, 20) < canonical_key("b", None, 10)
    sig = signature(STORY_EN)
    same_day = DuplicateIndex([("x1", sig, "2024-01-01", 100), ("x2", sig, "2024-01-01", 300), ("x3", sig, "2024-01-01", 300)])
    assert same_day.groups() == {"x1": "x2", "x3": "x2"}
    undated = DuplicateIndex([("u1", sig, None, 500), ("u2", sig, "2024-05-01", 100), ("u3", sig, None, 900)])
    assert undated.groups() == {"u1": "u2", "u3": "u2"}


def test_groups_do_not_depend_on_insertion_order() -> None:
    p = _paragraphs(8)
    texts = {f"t{i}": "\n\n".join(p[i : i + 6]) for i in range(3)}
    texts |= {"zh": STORY_ZH, "zh2": REPRINT_ZH, "en": STORY_EN, "en2": REPRINT_EN, "other": OTHER_ZH}
    items = [(k, signature(v), None, len(v)) for k, v in texts.items()]
    forward = DuplicateIndex(items).groups()
    assert forward == DuplicateIndex(list(reversed(items))).groups()
    assert len(forward) == 4  # two of t0-t2 (one chain), the shorter of each story pair


def test_re_adding_a_document() -> None:
    index = DuplicateIndex([("a", signature(STORY_EN), None, 1)])
    assert index.add("a", signature(STORY_EN)) == []
    assert len(index) == 1
    with pytest.raises(ValueError):
        index.add("a", signature(STORY_ZH))
    with pytest.raises(ValueError):
        index.add("b", signature(STORY_EN, num_perm=64))
    with pytest.raises(ValueError):
        DuplicateIndex(backend="nope")


def test_index_survives_band_table_merges() -> None:
    """More documents than the pending buffer holds, so the sorted arrays are used."""
    rng = np.random.default_rng(1)
    index = DuplicateIndex()
    base = signature(STORY_EN)
    header = base[:13]
    for i in range(3000):
        index.add(f"r{i:04d}", header + rng.integers(0, 2**32, 128, dtype="<u4").tobytes(), None, 1)
    index.add("orig", base, "2024-01-01", 10)
    for i in range(3000, 6000):
        index.add(f"r{i:04d}", header + rng.integers(0, 2**32, 128, dtype="<u4").tobytes(), None, 1)
    index.add("copy", signature(REPRINT_EN), "2024-01-02", 10)
    assert index.groups() == {"copy": "orig"}


# --------------------------------------------------------------------------- bundled examples


@pytest.fixture(scope="module")
def examples() -> list:
    from lasermap.ingest.sources import inventory, read_inputs
    from lasermap.pipeline.runner import default_pipeline

    docs = list(default_pipeline().pipe(read_inputs(inventory([str(EXAMPLES)]).files)))
    assert not [d for d in docs if isinstance(d, Exception)]
    return docs


def test_story_a_is_one_group_of_three(examples: list) -> None:
    story = {d.source for d in examples if Path(d.source).name.startswith("story_a_")}
    assert len(story) == 3 and len(examples) - len(story) == 36
    index = DuplicateIndex((d.source, signature(d.text_simplified or d.text), d.published, len(d.text)) for d in examples)
    groups = index.groups()
    members = set(groups) | set(groups.values())
    cluster = next(c for c in index.clusters() if story & set(c))
    assert set(cluster) == story
    assert Path(cluster[0]).name == "story_a_zh_hans_guangbohui_2023.html"  # published 2023-05-16, the earliest
    assert not (members - story), f"unrelated examples grouped: {sorted(members - story)}"


def test_unrelated_examples_stay_far_below_the_threshold(examples: list) -> None:
    sigs = {d.source: signature(d.text_simplified or d.text) for d in examples}
    names = sorted(sigs)
    worst = max(
        jaccard(sigs[a], sigs[b])
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if not ("story_a_" in a and "story_a_" in b)
    )
    assert worst < DEFAULT_THRESHOLD / 3
