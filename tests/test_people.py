"""People with titles and organizations (lasermap.extract.people).

Mentions are built by hand for the organizations and places in each sentence,
as the organization finder would give them, so these tests pin the people
rules alone; one test at the end runs with the real mention finder.
"""

from __future__ import annotations

import importlib

import pytest

from lasermap.annotations import Mention, Person
from lasermap.extract.people import find_people
from lasermap.extract.sentences import split_sentences
from lasermap.normalize.script import to_simplified
from tests.mentionkit import m


def people(text: str, mentions: list[Mention] | None = None) -> dict[str, Person]:
    return {p.name: p for p in find_people(text, split_sentences(text), mentions or [])}


# --- English -----------------------------------------------------------------------------


def test_appositive_senior_director() -> None:
    text = "“Fibre lasers are now the default cutting tool.” RAJ Mehta, senior director of the UK-China Photonics Forum, said in her keynote."
    found = people(text, [m(text, "UK-China Photonics Forum", subtype="association")])
    p = found["RAJ Mehta"]
    assert (p.title, p.org_name, p.org_id) == (
        "senior director",
        "UK-China Photonics Forum",
        "UK-China Photonics Forum",
    )
    assert text[p.start : p.end] == "RAJ Mehta"
    assert (p.sentence_start, p.sentence_end) != (0, len(text))  # its own sentence, not the quote before it


def test_two_posts_share_one_org() -> None:
    text = (
        "Claudia Werner, vice chairman and chief adviser of the Austrian Association of Optical and "
        "Precision Engineering Firms, told reporters during a break that the association keeps growing."
    )
    org = "Austrian Association of Optical and Precision Engineering Firms"
    p = people(text, [m(text, org)])["Claudia Werner"]
    assert (p.title, p.org_name) == ("vice chairman and chief adviser", org)


@pytest.mark.parametrize(
    ("sentence", "name", "title", "org"),
    [
        ("Chen Hao, vice president of the China Association for Machine Tools and Cutting Systems, pointed out that orders rose.",
         "Chen Hao", "vice president", "China Association for Machine Tools and Cutting Systems"),
        ("Ivan Petrov, an academician of the Russian Academy of Sciences, said that Suzhou has a strong supply chain.",
         "Ivan Petrov", "academician", "Russian Academy of Sciences"),
        ("Gao Feng, chairman of the National Photonic Instruments and Fibre Laser Components Standards Working Group, agreed.",
         "Gao Feng", "chairman", "National Photonic Instruments and Fibre Laser Components Standards Working Group"),
    ],
)  # fmt: skip
def test_appositive_title_of_org(sentence: str, name: str, title: str, org: str) -> None:
    p = people(sentence, [m(sentence, org)])[name]
    assert (p.title, p.org_name) == (title, org)


def test_the_company_refers_back_to_the_latest_company() -> None:
    text = (
        "At the fair, a welding cell released by Hangzhou Brightway Laser Co., Ltd. drew a crowd. "
        "Zhao Qiang, director of the overseas Sales Department of the company, noted that the fair brings orders."
    )
    firm = m(text, "Hangzhou Brightway Laser Co., Ltd.", name="Brightway Laser", subtype="company")
    p = people(text, [firm])["Zhao Qiang"]
    assert p.title == "director of the overseas Sales Department"
    assert (p.org_id, p.org_name) == ("Brightway Laser", "Brightway Laser")


def test_chained_posts_keep_the_place_and_report_the_first_org() -> None:
    text = "Sun Lin, deputy secretary of the City Party Committee and mayor of Wuxi, spoke at the opening."
    mentions = [
        m(text, "City Party Committee", name="Wuxi City Party Committee"),
        m(text, "Wuxi", "place", nth=0),
    ]
    p = people(text, mentions)["Sun Lin"]
    assert p.title == "deputy secretary of the City Party Committee and mayor of Wuxi"
    assert p.org_name == "Wuxi City Party Committee"


def test_said_before_the_name() -> None:
    text = "“Demand is strong,” said Anna Schmidt, chairman of Laserline GmbH, at the fair."
    p = people(text, [m(text, "Laserline GmbH", subtype="company")])["Anna Schmidt"]
    assert (p.title, p.org_name) == ("chairman", "Laserline GmbH")


def test_possessive_org_before_title() -> None:
    text = (
        "IPG Photonics' chairman Eugene Scherbakov said the order book was full. Raycus's CEO Wu Jian agreed."
    )
    found = people(text, [m(text, "IPG Photonics"), m(text, "Raycus")])
    assert found["Wu Jian"].title == "CEO" and found["Wu Jian"].org_name == "Raycus"
    assert found["Eugene Scherbakov"].title == "chairman"


def test_parenthesis_and_org_possessive_after_comma() -> None:
    text = "Tom Lee (CEO of Acme Photonics Inc.) spoke first. Later Mary Chen, Acme Photonics Inc.'s chief engineer, spoke."
    acme1, acme2 = m(text, "Acme Photonics Inc."), m(text, "Acme Photonics Inc.", nth=1)
    found = people(text, [acme1, acme2])
    assert (found["Tom Lee"].title, found["Tom Lee"].org_name) == ("CEO", "Acme Photonics Inc.")
    assert (found["Mary Chen"].title, found["Mary Chen"].org_name) == (
        "chief engineer",
        "Acme Photonics Inc.",
    )


def test_capitalised_runs_without_a_title_are_not_people() -> None:
    text = "Wuxi High-Tech Industrial Zone issued a plan. Suzhou and Hefei, and the largest inland photonics cluster, grew. Mr. Mehta agreed."
    assert people(text, [m(text, "Suzhou", "place"), m(text, "Hefei", "place")]) == {}


def test_one_word_names_are_roles_not_people() -> None:
    assert people("President Xi met Chairman Mao's successors. Dr. Smith, director of the lab, spoke.") == {}


# --- Chinese -----------------------------------------------------------------------------


def test_traditional_title_before_name_with_verb_after() -> None:
    text = "近日,工信部人才交流中心副處級調研員劉建平帶領產業發展處相關同志,來嘉調研。"
    centre = m(text, "工信部人才交流中心", name="MIIT Talent Exchange Center")
    p = people(text, [centre])["刘建平"]
    assert p.title == "副处级调研员"
    assert p.org_name == "MIIT Talent Exchange Center"
    assert text[p.start : p.end] == "劉建平"


def test_two_people_in_a_list_names_in_simplified() -> None:
    text = "嘉興市科技局副局長王建國、嘉興經開區管委會副主任陳曉鋒陪同考察。"
    mentions = [m(text, "嘉興市科技局"), m(text, "嘉興經開區管委會")]
    found = people(text, mentions)
    assert set(found) == {"王建国", "陈晓锋"}
    assert (found["王建国"].title, found["王建国"].org_name) == ("副局长", "嘉興市科技局")
    assert (found["陈晓锋"].title, found["陈晓锋"].org_name) == ("副主任", "嘉興經開區管委會")
    assert text[found["陈晓锋"].start : found["陈晓锋"].end] == "陳曉鋒"  # offsets index the original script


def test_department_between_org_and_title_and_honorific_after_name() -> None:
    text = "随后,合肥工业大学芜湖研究院精密光学实验室主任刘静博士在专题报告中分享了校企联合攻关的经验。"
    p = people(text, [m(text, "合肥工业大学芜湖研究院")])["刘静"]
    assert set(p.title.split(", ")) == {"博士", "精密光学实验室主任"}
    assert p.org_name == "合肥工业大学芜湖研究院"


def test_honorific_after_name_alone() -> None:
    assert people("会上,刘静博士作了专题报告。")["刘静"].title == "博士"


@pytest.mark.parametrize(
    "text",
    [
        "张总表示,订单饱满。",
        "李主任介绍了情况。",
        "昆山高新区经发局相关负责人表示,将加强对接。",
        "向李主任汇报工作。",
        "公司负责人介绍了进展。",
    ],
)
def test_no_person_without_a_full_name(text: str) -> None:
    assert people(text) == {}


def test_name_ends_before_function_words_and_verbs() -> None:
    found = people("董事长张三等出席。总经理马新强向记者介绍,市长吴庆文在仪式上表示。")
    assert set(found) == {"张三", "马新强", "吴庆文"}


def test_compound_surname() -> None:
    assert "欧阳明高" in people("中国科学院院士欧阳明高表示,前景广阔。")


def test_names_listed_before_a_shared_title() -> None:
    found = people("受邀嘉宾包括姚建铨、吴培亨等院士和清华大学教授钟敏霖。")
    assert set(found) == {"姚建铨", "吴培亨", "钟敏霖"}
    assert found["吴培亨"].title == "院士"


def test_chained_posts_each_with_an_org_take_the_first_org() -> None:
    text = "光谷激光行业协会名誉会长、华中科技大学教授朱晓介绍,武汉激光产业起步于1971年。"
    p = people(text, [m(text, "光谷激光行业协会"), m(text, "华中科技大学")])["朱晓"]
    assert set(p.title.split(", ")) == {"名誉会长", "教授"}
    assert p.org_name == "光谷激光行业协会"


def test_foreign_name_in_chinese_text() -> None:
    found = people("EL.EN.董事长加布里埃莱·克莱门蒂表示,合作将带来机遇。执行长Elizabeth Rogan表示同意。")
    assert {"加布里埃莱·克莱门蒂", "Elizabeth Rogan"} <= set(found)


def test_org_named_by_shape_when_no_mention_is_given() -> None:
    p = people("近日,工信部人才交流中心副处级调研员刘建平带领相关同志来嘉调研。")["刘建平"]
    assert p.org_name == "工信部人才交流中心" and p.org_id is None


# --- with the real organization finder -----------------------------------------------------


def test_with_the_mention_finder_when_present() -> None:
    mod = pytest.importorskip("lasermap.extract.mentions")
    find_mentions = getattr(importlib.import_module(mod.__name__), "find_mentions", None)
    if find_mentions is None:
        pytest.skip("lasermap.extract.mentions.find_mentions is not there yet")
    text = "嘉興市科技局副局長王建國、嘉興經開區管委會副主任陳曉鋒陪同考察。Ivan Petrov, an academician of the Russian Academy of Sciences, spoke."
    found = people(text, find_mentions(text, to_simplified(text)))
    assert {"王建国", "陈晓锋", "Ivan Petrov"} <= set(found)
    assert found["Ivan Petrov"].title == "academician"
