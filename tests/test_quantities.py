"""Quantities: numbers with units and qualifiers, found and normalized.

Inline cases are written for these tests in the shapes real pages use (the seed
documents are read from ../shared, the bundled examples from lasermap/examples)
and cover the traps of news text: years, dates, phone and ICP numbers, model
numbers, ordinals and ranks must never become quantities.
"""

from __future__ import annotations

import html
import json
import re

import pytest

import lasermap.extract.quantities as quantities_module
from lasermap.annotations import Quantity
from lasermap.extract.quantities import find_quantities
from lasermap.ingest.decode import decode_bytes
from lasermap.normalize.pinyin import strip_ruby_pinyin
from tests.conftest import ROOT, SEEDS, need_shared


def one(text: str) -> Quantity:
    return one_with(text)


def one_with(text: str, **kwargs: str) -> Quantity:
    found = find_quantities(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


# (text, value, unit, qualifier)
MUST_HOLD = [
    ("the photonics output value of Hubei reached 41 billion yuan.", 4.1e10, "CNY", "eq"),
    ("with a planned investment of more than 6.5 billion yuan.", 6.5e9, "CNY", "gt"),
    ("with a total industrial scale of 26 billion RMB, and", 2.6e10, "CNY", "eq"),
    ("has reached 7 billion RMB, ranking second", 7e9, "CNY", "eq"),
    ("raised RMB 2.3 billion in its listing", 2.3e9, "CNY", "eq"),
    ("a deal worth US$1.2 billion", 1.2e9, "USD", "eq"),
    ("an order of €50 million", 5e7, "EUR", "eq"),
    ("output reached NT$3.5 billion", 3.5e9, "TWD", "eq"),
    ("and now has about 48,000 member companies.", 48000, "count", "approx"),
    (
        "attracted more than 150 overseas research institutes, trade bodies and photonics firms",
        150,
        "count",
        "gt",
    ),
    ("the province has more than 260 photonics enterprises,", 260, "count", "gt"),
    ("During the expo, 14 projects involving optical coating materials", 14, "count", "eq"),
    ("with more than 45 core member enterprises.", 45, "count", "gt"),
    ("there are more than 180 photonics enterprises in the district", 180, "count", "gt"),
    ("a new 60,000 watt fiber laser", 60000, "W", "eq"),
    ("a 12 kW fiber laser", 12000, "W", "eq"),
    ("the first 10-kilowatt continuous-wave fiber laser", 10000, "W", "eq"),
    ("accounts for more than 45% of the nation.", 45, "%", "gt"),
    ("同比2020年的銷售額增長了35%。", 35, "%", "eq"),
    ("同比增长12.5%", 12.5, "%", "eq"),
    ("has a planned area of 278 hectare.", 2780000, "m2", "eq"),
    ("新廠區總占地面積達80畝,", 53333.34, "m2", "eq"),
    ("其中第二期占地30畝,", 20000, "m2", "eq"),
    ("建筑面積6萬平方米,", 60000, "m2", "eq"),
    ("建筑面積3萬多平方米,", 30000, "m2", "gt"),
    ("總投資為8億元,", 8e8, "CNY", "eq"),
    ("可實現光纖激光器年產值15億元。", 1.5e9, "CNY", "eq"),
    ("去年華日激光銷售收入4.2億元,", 4.2e8, "CNY", "eq"),
    ("投產后年產值可達8億以上。", 8e8, "CNY", "gt"),
    ("园区企业代表等约80人现场见证。", 80, "count", "approx"),
    ("以党建为纽带把42家产业链企业团结", 42, "count", "eq"),
    ("光谷激光企业已超过300家,", 300, "count", "gt"),
    ("总价值一千八百万元", 1.8e7, "CNY", "eq"),
    ("近百家企业参展", 100, "count", "approx"),
    ("展览面积1.2万平方米", 12000, "m2", "eq"),
    ("现场观众3000余人", 3000, "count", "gt"),
    ("3000餘人到場", 3000, "count", "gt"),
]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"), MUST_HOLD, ids=[c[0][:24] for c in MUST_HOLD]
)
def test_must_hold(text: str, value: float, unit: str, qualifier: str) -> None:
    q = one(text)
    assert q.value == pytest.approx(value, rel=1e-6)
    assert (q.unit, q.qualifier) == (unit, qualifier)
    assert text[q.start : q.end] == q.surface


# (text, surface, value, unit, qualifier, counted)
MORE = [
    ("Its revenue exceeded 12 billion yuan.", "12 billion yuan", 1.2e10, "CNY", "gt", None),
    ("annual sales of less than 70 million yuan", "less than 70 million yuan", 7e7, "CNY", "lt", None),
    (
        "Headcount rose to about 18,400 people worldwide.",
        "about 18,400 people",
        18400,
        "count",
        "approx",
        "people",
    ),
    ("TRUMPF sales climb 27 percent", "27 percent", 27, "%", "eq", None),
    ("revenue of 1.587 billion yuan", "1.587 billion yuan", 1.587e9, "CNY", "eq", None),
    ("generated 81.8 million euros in 2024", "81.8 million euros", 8.18e7, "EUR", "eq", None),
    ("each share was converted into US$220 in cash", "US$220", 220, "USD", "eq", None),
    ("Optica has more than 432,000 people", "more than 432,000 people", 432000, "count", "gt", "people"),
    ("the land parcel at about 800 mu", "about 800 mu", 533333.36, "m2", "approx", None),
    ("集团销售额达到54亿欧元", "54亿欧元", 5.4e9, "EUR", "eq", None),
    ("营业收入8180万欧元", "8180万欧元", 8.18e7, "EUR", "eq", None),
    ("企业数量增至12.7万家。", "12.7万家", 127000, "count", "eq", "家"),
    ("展覽面積超過2.5萬平方米,", "超過2.5萬平方米", 25000, "m2", "gt", None),
    ("接待專業觀眾60餘萬人次。", "60餘萬人次", 600000, "count", "gt", "人次"),
    ("累计吸引30多个国家和地区", "30多个", 30, "count", "gt", "国家和地区"),
    ("其中國際及港澳台企業33家,", "33家", 33, "count", "eq", "企業"),
    ("占深圳激光产业的四成以上。", "四成以上", 40, "%", "gt", None),
    ("最多可佔集團總產值的七成,", "七成", 70, "%", "eq", None),
    ("百分之三十五点五的企业", "百分之三十五点五", 35.5, "%", "eq", None),
    ("利润率提高1.5个百分点", "1.5个百分点", 1.5, "pp", "eq", None),
    ("国内首台万瓦连续光纤激光器", "万瓦", 10000, "W", "eq", None),
    ("产值1兆570億元", "1兆570億元", 1.057e12, "CNY", "eq", None),
    ("营收超百亿的激光龙头", "超百亿", 1e10, "CNY", "gt", None),
    ("计划投资10-20亿元", "10-20亿元", 1e9, "CNY", "gt", None),
    ("每颗3美元的价格", "3美元", 3, "USD", "eq", None),
    ("发行价为每股43.86元", "43.86元", 43.86, "CNY", "eq", None),
    ("普通股23092144股,", "23092144股", 23092144, "count", "eq", "股"),
    ("300+ companies joined", "300+ companies", 300, "count", "gt", "companies"),
    ("Alibaba bought it for $300M in a deal", "$300M", 3e8, "USD", "eq", None),
    ("three projects were signed", "three projects", 3, "count", "eq", "projects"),
    ("a RFL-C6000W laser", "6000W", 6000, "W", "eq", None),
]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "qualifier", "counted"), MORE, ids=[c[1] for c in MORE]
)
def test_more_cases(
    text: str, surface: str, value: float, unit: str, qualifier: str, counted: str | None
) -> None:
    q = one(text)
    assert (q.surface, q.unit, q.qualifier, q.counted) == (surface, unit, qualifier, counted)
    assert q.value == pytest.approx(value, rel=1e-6)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("revenue of 1.587 billion yuan, down 11.40% from a year earlier", -11.4),
        ("Net profit fell 14.46% to 96 million yuan", -14.46),
        ("brought in 1.263 billion yuan, 14.21% less than a year earlier", -14.21),
        ("较上一财年的56亿欧元下降8.8%。", -8.8),
        ("產值比去年同期減少8.9%", -8.9),
        ("筆記型電腦則年減3%", -3),
        ("Overseas revenue rose 81.18% to 105 million yuan", 81.18),
        ("迫使国外同类产品降价超过40%", 40),  # a price cut by 40% is a size, not a decline of a figure
    ],
)
def test_decreases_are_negative(text: str, value: float) -> None:
    pct = [q for q in find_quantities(text) if q.unit == "%"]
    assert len(pct) == 1 and pct[0].value == pytest.approx(value)


NOT_QUANTITIES = [
    "2018年",
    "In 2023, the office was established.",
    "于2013年12月奠基开工",
    "今年6月30日",
    "March 25, 2021",
    "Post time: Mar-21-2024",
    "电话:0577-88888888",
    "Tel: +86 755 2345 6789",
    "粤ICP备12345678号-1",
    "鄂ICP备2021012345号",
    "TruLaser 5030 machines",
    "the YLS-10000 laser",
    "the ALAT 2020 conference",
    "第一期主体建筑",
    "第十九届光博会",
    "十四屆全國人大三次會議",
    "the first laser",
    "ranked among the top 10 companies",
    "位居国内前十",
    "前10名企业",
    "No. 5 on the list",
    "股票代码688025",
    "20155211413117648_副本",
    "https://mmbiz.qpic.cn/mmbiz_png/xyz/640?wx_fmt=png",
    "万瓦级光纤激光器",
    "打造万亿级激光产业集群",
    "Copyright 2016-2020",
    "千家万户",
    "成千上万名军人",
    "两三个中子",
    "4个小时后",
    "已有0人发表评论",
    "Black Friday 2019 deals",
    "2008台北光電周",
    "1.6T光芯片 5G网络 3D打印",
    "the 2022 edition was held",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_bare_numbers_need_a_unit_or_a_counted_noun() -> None:
    assert find_quantities("It has 160 and 4837 of them.") == []
    q = one("counted more than 500 high-power laser machines in 2019")
    assert (q.value, q.counted) == (500, "high-power laser machines")


def test_back_reference_and_number_of() -> None:
    found = find_quantities(
        "It employs about 2,000 people worldwide, roughly 400 of them at its head office."
    )
    assert [(q.value, q.qualifier, q.counted) for q in found] == [
        (2000, "approx", "people"),
        (400, "approx", "people"),
    ]
    q = one("the number of enterprises in the zone has reached 127,000.")
    assert (q.value, q.unit, q.counted) == (127000, "count", "enterprises")


def test_offsets_are_into_the_original_text_and_spans_do_not_overlap() -> None:
    text = "據悉,新廠區總占地面積達80畝,建筑面積6萬平方米,總投資為8億元。More than 260 photonics enterprises, 12 kW."
    found = find_quantities(text)
    assert [q.surface for q in found] == ["80畝", "6萬平方米", "8億元", "More than 260", "12 kW"]
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    for q in found:
        assert text[q.start : q.end] == q.surface


def test_unconvertible_lines_are_matched_in_their_original_script(monkeypatch: pytest.MonkeyPatch) -> None:
    """When OpenCC changes a line's length the line is matched as written, offsets stay exact."""
    real = quantities_module.to_simplified
    monkeypatch.setattr(quantities_module, "to_simplified", lambda t: real(t) + ("X" if "畝" in t else ""))
    text = "首行\n新廠區總占地面積達80畝,建筑面積6萬平方米,投資8億元"
    found = find_quantities(text)
    assert [(q.surface, q.value) for q in found] == [
        ("80畝", 53333.34),
        ("6萬平方米", 60000),
        ("8億元", 8e8),
    ]


def test_taiwan_yuan_is_twd() -> None:
    text = "光電協進會統計,上半年雷射與光電產值為新台幣1兆570億元,第二季產值5527億元。"
    assert {q.unit for q in find_quantities(text)} == {"TWD"}
    mainland = one("產值5527億元")
    assert (mainland.unit, mainland.value) == ("CNY", 5.527e11)
    assert one_with("產值5527億元", yuan="TWD").unit == "TWD"


def test_verbs_set_the_qualifier_but_stay_outside_the_span() -> None:
    q = one("its optoelectronic industry has passed 500 billion yuan in scale")
    assert (q.surface, q.qualifier) == ("500 billion yuan", "gt")
    q = one("全省电子信息产业规模力争突破1.2万亿元")
    assert (q.surface, q.qualifier, q.value) == ("1.2万亿元", "gt", 1.2e12)


def test_a_qualifier_must_be_a_word() -> None:
    """签约 ends in 约 (about) and 最近 in 近 (nearly): neither qualifies the figure after it."""
    assert [(q.surface, q.qualifier) for q in find_quantities("8家企业签约24.4亿元")] == [
        ("8家企业", "eq"),
        ("24.4亿元", "eq"),
    ]
    assert one("最近300家企业参展").qualifier == "eq"


# --- gold annotations -------------------------------------------------------------------------------------


def _locate(text: str, surface: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]


def _match(gold: dict, text: str, found: list[Quantity]) -> tuple[bool, bool]:
    """(value and unit found inside a surface occurrence, qualifier also right)."""
    spans = _locate(text, gold["surface"])
    assert spans, f"gold surface {gold['surface']!r} not in the text"
    inside = [q for q in found if any(a <= q.start and q.end <= b for a, b in spans)]
    tol = abs(gold["value"]) * 0.005 + 1e-9
    good = [q for q in inside if abs(q.value - gold["value"]) <= tol and q.unit == gold["unit"]]
    return bool(good), any(q.qualifier == gold["qualifier"] for q in good)


def _seed_cases() -> list[tuple[str, dict]]:
    if not SEEDS.exists():
        return []
    cases = []
    for path in sorted((SEEDS / "gold").glob("0*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        cases += [(path.stem, q) for q in gold.get("quantities", [])]
    return cases


def _seed_text(stem: str) -> str:
    need_shared(SEEDS)
    return strip_ruby_pinyin((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize(
    ("stem", "gold"),
    _seed_cases() or [("absent", {})],
    ids=lambda x: x if isinstance(x, str) else x.get("surface", "-"),
)
def test_seed_gold_quantity(stem: str, gold: dict) -> None:
    need_shared(SEEDS)
    text = _seed_text(stem)
    value_ok, qualifier_ok = _match(gold, text, find_quantities(text))
    assert value_ok, gold
    assert qualifier_ok, gold


def test_seed_gold_recall(record_property: pytest.RecordProperty) -> None:
    need_shared(SEEDS)
    cases = _seed_cases()
    texts = {stem: _seed_text(stem) for stem, _ in cases}
    found = {stem: find_quantities(t) for stem, t in texts.items()}
    results = [_match(g, texts[stem], found[stem]) for stem, g in cases]
    recall = sum(v for v, _ in results) / len(results)
    qualifier = sum(q for _, q in results) / max(1, sum(v for v, _ in results))
    record_property("seed_value_recall", recall)
    record_property("seed_qualifier_accuracy", qualifier)
    print(
        f"seeds: {len(results)} gold quantities, value recall {recall:.3f}, qualifier accuracy {qualifier:.3f}"
    )
    assert recall >= 0.95 and qualifier >= 0.95


_EXAMPLES = ROOT / "lasermap" / "examples"
_EXAMPLE_GOLD = ROOT / "tests" / "gold" / "examples"


def _example_text(stem: str) -> str:
    """The example's visible text: a JSON Lines record or a file, tags dropped crudely (enough for numbers)."""
    if stem.startswith("more#"):
        line = (_EXAMPLES / "more.jsonl").read_text(encoding="utf-8").splitlines()[int(stem[5:]) - 1]
        record = json.loads(line)
        raw = record.get("text") or record.get("html", "")
    else:
        path = next(_EXAMPLES.glob(stem + ".*"))
        raw = decode_bytes(path.read_bytes())[0]
    raw = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", raw)
    raw = html.unescape(re.sub(r"<[^>]+>", "\n", raw))
    return strip_ruby_pinyin(raw)[0]


def test_examples_gold_recall(record_property: pytest.RecordProperty) -> None:
    """The bundled examples' gold quantities (259 of them, three scripts, five currencies)."""
    golds = sorted(_EXAMPLE_GOLD.glob("*.json"))
    if not golds:
        pytest.skip(f"{_EXAMPLE_GOLD} has no gold files")
    results = []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = _example_text(path.stem)
        found = find_quantities(text)
        results += [_match(g, text, found) for g in gold.get("quantities", []) if _locate(text, g["surface"])]
    recall = sum(v for v, _ in results) / len(results)
    qualifier = sum(q for _, q in results) / max(1, sum(v for v, _ in results))
    record_property("examples_value_recall", recall)
    print(
        f"examples: {len(results)} gold quantities, value recall {recall:.3f}, qualifier accuracy {qualifier:.3f}"
    )
    assert recall >= 0.95 and qualifier >= 0.95


def test_data_file_supplement_is_well_formed() -> None:
    data = json.loads((ROOT / "lasermap" / "data" / "attributes.json").read_text(encoding="utf-8"))
    sup = data["quantity_supplement"]
    assert {q["meaning"] for q in sup["qualifiers"]} <= {"eq", "gt", "lt", "approx"}
    assert all(u["dimension"] in ("area", "power") for u in sup["units"])
