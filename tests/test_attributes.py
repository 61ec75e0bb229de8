"""What a quantity measures (attribute) and which year it refers to."""

from __future__ import annotations

import json

import pytest

from lasermap.extract.attributes import classify_attribute, resolve_year
from lasermap.extract.quantities import find_quantities
from lasermap.extract.sentences import split_sentences
from lasermap.normalize.pinyin import strip_ruby_pinyin
from lasermap.normalize.script import to_simplified
from tests.conftest import ROOT, SEEDS, need_shared

BRIEF_ATTRIBUTES = {
    "output_value", "export_value", "export_share", "enterprise_count", "member_count", "attendee_count",
    "project_count", "investment", "revenue", "growth_rate", "area", "building_area", "power", "market_share",
}  # fmt: skip


def attribute_of(sentence: str, surface: str) -> str:
    """Classify the quantity of ``sentence`` whose surface contains ``surface``."""
    q = next(q for q in find_quantities(sentence) if surface in q.surface or q.surface in surface)
    return classify_attribute(sentence, q.start, q.end, q)


def year_of(
    sentence: str, surface: str, published: str | None = None, doc_year: int | None = None
) -> int | None:
    start = sentence.index(surface)
    return resolve_year(sentence, start, published, doc_year)


ATTRIBUTE_CASES = [
    # sentences written in the shape of the seed pages' facts (seed text itself is read from ../shared below)
    (
        "the export share of fiber lasers and marking machines in Wuhan accounts for more than 45% of the nation.",
        "45%",
        "export_share",
    ),
    (
        "there are more than 180 photonics enterprises in the district, with a total industrial scale of 26 billion RMB, while the export scale of optical modules has reached 7 billion RMB.",
        "26 billion RMB",
        "output_value",
    ),
    (
        "there are more than 180 photonics enterprises in the district, with a total industrial scale of 26 billion RMB, while the export scale of optical modules mainly for data center use has reached 7 billion RMB.",
        "7 billion RMB",
        "export_value",
    ),
    (
        "there are more than 180 photonics enterprises in the district, with a total industrial scale of 26 billion RMB.",
        "180",
        "enterprise_count",
    ),
    (
        "14 projects were signed on the spot, with a planned investment of more than 6.5 billion yuan.",
        "6.5 billion yuan",
        "investment",
    ),
    (
        "14 projects were signed on the spot, with a planned investment of more than 6.5 billion yuan.",
        "14 projects",
        "project_count",
    ),
    ("Suzhou Industrial Park has a planned area of 278 hectare.", "278 hectare", "area"),
    (
        "In 2019, the photonics output value of Hubei reached 41 billion yuan.",
        "41 billion yuan",
        "output_value",
    ),
    ("the chamber now has about 48,000 member companies.", "48,000", "member_count"),
    ("the consortium was set up in spring, with more than 45 core member enterprises.", "45", "member_count"),
    (
        "The expo attracted more than 150 overseas research institutes, trade bodies and photonics firms.",
        "150",
        "attendee_count",
    ),
    ("a new 60,000 watt fiber laser was shown at the booth.", "60,000 watt", "power"),
    (
        "新廠區總占地面積達80畝,建筑面積6萬平方米,總投資為8億元,達產后可實現光纖激光器年產值15億元。",
        "80畝",
        "area",
    ),
    (
        "新廠區總占地面積達80畝,建筑面積6萬平方米,總投資為8億元,達產后可實現光纖激光器年產值15億元。",
        "6萬平方米",
        "building_area",
    ),
    (
        "新廠區總占地面積達80畝,建筑面積6萬平方米,總投資為8億元,達產后可實現光纖激光器年產值15億元。",
        "8億元",
        "investment",
    ),
    (
        "新廠區總占地面積達80畝,建筑面積6萬平方米,總投資為8億元,達產后可實現光纖激光器年產值15億元。",
        "15億元",
        "output_value",
    ),
    ("其中第二期占地30畝,建筑面積3萬多平方米,主要用作研發大樓。", "3萬多平方米", "building_area"),
    ("該園區二期工程將于明年3月建成,投產后年產值可達8億以上。", "8億以上", "output_value"),
    ("去年華日激光銷售收入4.2億元,同比2020年的銷售額增長了35%。", "4.2億元", "revenue"),
    ("去年華日激光銷售收入4.2億元,同比2020年的銷售額增長了35%。", "35%", "growth_rate"),
    ("光电行业专家、园区企业代表等约80人现场见证。", "约80人", "attendee_count"),
    ("以党建为纽带把42家产业链企业团结在党组织周围。", "42家", "enterprise_count"),
    # more, both scripts
    ("中小功率泵源国内市场占比超过80%。", "80%", "market_share"),
    ("该产品国内市场佔有率超過90%。", "90%", "market_share"),
    ("激光切割和雕刻设备的出口份额在全国占比超过60%。", "60%", "export_share"),
    ("2022年公司营收已超过120亿元。", "120亿元", "revenue"),
    ("Overseas revenue rose 81.18% to 105 million yuan.", "105 million yuan", "export_value"),
    ("Overseas revenue rose 81.18% to 105 million yuan.", "81.18%", "growth_rate"),
    (
        "revenue of 1.587 billion yuan for the first half of 2024, down 11.40% from a year earlier.",
        "11.40%",
        "growth_rate",
    ),
    ("本届光博会共有360家企业参展,展览面积达20000平方米。", "360家", "other:exhibitor_count"),
    ("本届光博会共有360家企业参展,展览面积达20000平方米。", "20000平方米", "area"),
    ("开幕首日,光谷集中签约重大项目29个,总金额约320亿元。", "29个", "project_count"),
    ("开幕首日,光谷集中签约重大项目29个,总金额约320亿元。", "约320亿元", "investment"),
    ("預計超過15000人次參觀。", "15000人次", "attendee_count"),
    ("累计吸引30多个国家和地区的5400余家企业参展。", "30多个", "other:country_count"),
    ("24位國內外院士、40餘位國際專家和230餘位知名企業家出席。", "40餘位", "other:expert_count"),
    ("24位國內外院士、40餘位國際專家和230餘位知名企業家出席。", "230餘位", "other:entrepreneur_count"),
    ("El.En. employs about 2,000 people worldwide.", "about 2,000 people", "other:employee_count"),
    ("息税前利润率由11.1%提升至11.5%。", "11.1%", "other:margin"),
    (
        "Han's Laser alone booked more than 5.5 billion yuan in 2014, over 40% of the city's laser industry.",
        "5.5 billion yuan",
        "revenue",
    ),
    (
        "Han's Laser alone booked more than 5.5 billion yuan in 2014, over 40% of the city's laser industry.",
        "40%",
        "market_share",
    ),
    ("合計佔比超過76%。", "76%", "other:share"),
    ("a 355 nm ultraviolet laser", "355 nm", "other:length"),
]


@pytest.mark.parametrize(
    ("sentence", "surface", "attribute"), ATTRIBUTE_CASES, ids=[c[1] for c in ATTRIBUTE_CASES]
)
def test_classify_attribute(sentence: str, surface: str, attribute: str) -> None:
    assert attribute_of(sentence, surface) == attribute


def test_counted_noun_decides_before_the_sentence() -> None:
    """A sentence about attendance can still count members or enterprises."""
    s = "出席大会的有300家企业、5000名会员和约800人。"
    assert attribute_of(s, "300家") == "enterprise_count"
    assert attribute_of(s, "5000名") == "member_count"
    assert attribute_of(s, "约800人") == "attendee_count"  # 人 alone: the sentence (出席) decides
    s = "The meeting was attended by 40 member companies and 120 participants."
    assert attribute_of(s, "40") == "member_count"
    assert attribute_of(s, "120 participants") == "attendee_count"


YEAR_CASES = [
    # sentence, surface of the quantity, published, doc_year, expected
    (
        "In 2019, the photonics output value of Hubei reached 41 billion yuan.",
        "41 billion",
        "2021-07-01",
        None,
        2019,
    ),
    ("去年華日激光銷售收入4.2億元,同比2020年的銷售額增長了35%。", "4.2億元", "2022-06-03", None, 2021),
    ("去年華日激光銷售收入4.2億元,同比2020年的銷售額增長了35%。", "35%", "2022-06-03", None, 2021),
    (
        "The China Optoelectronic Expo 2024 held in Shenzhen attracted more than 150 institutions.",
        "more than 150",
        "2024-03-21",
        None,
        2024,
    ),
    (
        "On June 14, the 2023 China Photonics Expo, with 500 exhibitors, opened in Wuhan.",
        "500 exhibitors",
        None,
        None,
        2023,
    ),
    ("Last year, sales reached 5 billion yuan.", "5 billion", "2023-10-27", None, 2022),
    ("今年銷售額預計達到5億元。", "5億元", "2015-06-03", None, 2015),
    ("This year the fair drew 15,000 visitors.", "15,000", "2022-05-03", None, 2022),
    ("The fair drew 15,000 visitors.", "15,000", "2022-05-03", 2019, 2022),
    ("The fair drew 15,000 visitors.", "15,000", None, 2019, 2019),
    ("The fair drew 15,000 visitors.", "15,000", None, None, None),
    ("到2025年,规模以上激光企业产值达到1000亿元。", "1000亿元", "2022-03-21", None, 2025),
    ("2018年1月,奔腾楚天激光宣布交付50套大型激光切割设备,总价值1亿元。", "1亿元", "2025-04-10", None, 2018),
    ("集团销售额达到54亿欧元,较上一财年的42亿欧元增长27%。", "42亿欧元", "2023-10-30", None, 2022),
    ("集团销售额达到54亿欧元,较上一财年的42亿欧元增长27%。", "27%", "2023-10-30", None, 2023),
    ("全球员工约1.84万人,比上年增加近2000人。", "近2000人", "2023-10-30", None, 2023),
    ("公司1999年成立时还是一家校办企业,当年销售规模不足7000万元。", "7000万元", "2023-08-03", None, 1999),
    ("光博会自2002年创办以来,累计吸引5400余家企业参展。", "5400余家", "2023-05-16", None, 2023),
    ("據悉,新廠區于2020年9月18日奠基開工,總占地面積達80畝。", "80畝", "2022-06-03", None, 2022),
    (
        "New orders came to 5.1 billion euros, 8.8 percent below the record 5.6 billion euros of the previous year.",
        "5.6 billion",
        "2023-10-27",
        None,
        2022,
    ),
    (
        "New orders came to 5.1 billion euros, 8.8 percent below the record 5.6 billion euros of the previous year.",
        "5.1 billion",
        "2023-10-27",
        None,
        2023,
    ),
    ("The company, with more than 2000 employees, grew in 2021.", "more than 2000", None, None, 2021),
    (
        "II-VI sold US$990 million of senior notes due 2029 in December 2021.",
        "US$990 million",
        "2022-07-05",
        None,
        2021,
    ),
    ("德國通快集團公佈2022/23財年業績,銷售額達到54億歐元。", "54億歐元", "2023-10-30", None, 2023),
]


@pytest.mark.parametrize(
    ("sentence", "surface", "published", "doc_year", "year"),
    YEAR_CASES,
    ids=[f"{c[1]}-{c[4]}" for c in YEAR_CASES],
)
def test_resolve_year(
    sentence: str, surface: str, published: str | None, doc_year: int | None, year: int | None
) -> None:
    assert year_of(sentence, surface, published, doc_year) == year


def test_attributes_json_is_simplified_lower_case_data() -> None:
    data = json.loads((ROOT / "lasermap" / "data" / "attributes.json").read_text(encoding="utf-8"))
    assert BRIEF_ATTRIBUTES <= set(data["attributes"]) | set(data["count_nouns"])
    for name, spec in data["attributes"].items():
        assert name in BRIEF_ATTRIBUTES or name.startswith("other:"), name
        assert spec["unit"] in {"money", "%", "m2", "W", "count"}
        for key in ("zh", "zh_weak"):
            assert all(w == to_simplified(w) for w in spec.get(key, [])), (name, key)
        for key in ("en", "en_weak"):
            assert all(w == w.lower() for w in spec.get(key, [])), (name, key)


def _seed_facts() -> list[tuple[str, dict]]:
    if not SEEDS.exists():
        return []
    out = []
    for path in sorted((SEEDS / "gold").glob("0*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out += [(path.stem, {**q, "published": gold.get("published")}) for q in gold.get("quantities", [])]
    return out


@pytest.mark.parametrize(
    ("stem", "gold"),
    _seed_facts() or [("absent", {})],
    ids=lambda x: x if isinstance(x, str) else x.get("surface", "-"),
)
def test_seed_gold_attribute_and_year(stem: str, gold: dict) -> None:
    """Every seed gold quantity gets its gold attribute; its year too where the gold gives one."""
    need_shared(SEEDS)
    text = strip_ruby_pinyin((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))[0]
    spans = [(i, i + len(gold["surface"])) for i in _find_all(text, gold["surface"])]
    found = [q for q in find_quantities(text) if any(a <= q.start and q.end <= b for a, b in spans)]
    found = [q for q in found if abs(q.value - gold["value"]) <= abs(gold["value"]) * 0.005]
    assert found, gold
    q = found[0]
    sent = next(s for s in split_sentences(text) if s.start <= q.start < s.end)
    sentence = text[sent.start : sent.end]
    assert classify_attribute(sentence, q.start - sent.start, q.end - sent.start, q) == gold["attribute"]
    if gold["year"] is not None:
        assert resolve_year(sentence, q.start - sent.start, gold["published"], 2023) == gold["year"]


def _find_all(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out
