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
    text = "“Laser processing will become the norm.” LAN Patel, senior director of the China-Britain Business Council, said in a speech."
    found = people(text, [m(text, "China-Britain Business Council", subtype="association")])
    p = found["LAN Patel"]
    assert (p.title, p.org_name, p.org_id) == (
        "senior director",
        "China-Britain Business Council",
        "China-Britain Business Council",
    )
    assert text[p.start : p.end] == "LAN Patel"
    assert (p.sentence_start, p.sentence_end) != (0, len(text))  # its own sentence, not the quote before it


def test_two_posts_share_one_org() -> None:
    text = (
        "Friedmann Hofiger, regional president and senior adviser of the German Federal Federation of Small and "
        "Medium-sized Enterprises, said in an interview with reporters that the federation is large."
    )
    org = "German Federal Federation of Small and Medium-sized Enterprises"
    p = people(text, [m(text, org)])["Friedmann Hofiger"]
    assert (p.title, p.org_name) == ("regional president and senior adviser", org)


@pytest.mark.parametrize(
    ("sentence", "name", "title", "org"),
    [
        ("Yu Jianlong, vice president of the China Council for the Promotion of International Trade, pointed out that exports grew.",
         "Yu Jianlong", "vice president", "China Council for the Promotion of International Trade"),
        ("Zhou Shouhuan, an academician of the Chinese Academy of Engineering, said that Jinan has a solid foundation.",
         "Zhou Shouhuan", "academician", "Chinese Academy of Engineering"),
        ("Jiang Dongsheng, chairman of the National Optical Radiation Safety and Laser Equipment Standardization Technical Committee, said so.",
         "Jiang Dongsheng", "chairman", "National Optical Radiation Safety and Laser Equipment Standardization Technical Committee"),
    ],
)  # fmt: skip
def test_appositive_title_of_org(sentence: str, name: str, title: str, org: str) -> None:
    p = people(sentence, [m(sentence, org)])[name]
    assert (p.title, p.org_name) == (title, org)


def test_the_company_refers_back_to_the_latest_company() -> None:
    text = (
        "At this conference, the laser cutting machine launched by Jinan Bond Laser Co., Ltd. was on display. "
        "Li Lei, director of the domestic Marketing Department of the company, said that the conference helps."
    )
    bond = m(text, "Jinan Bond Laser Co., Ltd.", name="Bodor Laser", subtype="company")
    p = people(text, [bond])["Li Lei"]
    assert p.title == "director of the domestic Marketing Department"
    assert (p.org_id, p.org_name) == ("Bodor Laser", "Bodor Laser")


def test_chained_posts_keep_the_place_and_report_the_first_org() -> None:
    text = "Yu Haidian, deputy secretary of the Municipal Party Committee and mayor of Jinan, said in his speech."
    mentions = [
        m(text, "Municipal Party Committee", name="Jinan Municipal Party Committee"),
        m(text, "Jinan", "place", nth=0),
    ]
    p = people(text, mentions)["Yu Haidian"]
    assert p.title == "deputy secretary of the Municipal Party Committee and mayor of Jinan"
    assert p.org_name == "Jinan Municipal Party Committee"


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
    text = "Jinan Comprehensive Bonded Zone issued a plan. Shenzhen and Wuhan, and the only northern optical valley, grew. Mr. Patel agreed."
    assert people(text, [m(text, "Shenzhen", "place"), m(text, "Wuhan", "place")]) == {}


def test_one_word_names_are_roles_not_people() -> None:
    assert people("President Xi met Chairman Mao's successors. Dr. Smith, director of the lab, spoke.") == {}


# --- Chinese -----------------------------------------------------------------------------


def test_traditional_title_before_name_with_verb_after() -> None:
    text = "近日,科技部火炬中心副局級調研員段俊虎帶領產業集群發展處相關同志,來溫調研。"
    torch = m(text, "科技部火炬中心", name="Torch High Technology Industry Development Center")
    p = people(text, [torch])["段俊虎"]
    assert p.title == "副局级调研员"
    assert p.org_name == "Torch High Technology Industry Development Center"
    assert text[p.start : p.end] == "段俊虎"


def test_two_people_in_a_list_names_in_simplified() -> None:
    text = "溫州市科技局副局長匡連庭、溫州高新區管委會副主任李道鈕陪同調研。"
    mentions = [m(text, "溫州市科技局"), m(text, "溫州高新區管委會")]
    found = people(text, mentions)
    assert set(found) == {"匡连庭", "李道钮"}
    assert (found["匡连庭"].title, found["匡连庭"].org_name) == ("副局长", "溫州市科技局")
    assert (found["李道钮"].title, found["李道钮"].org_name) == ("副主任", "溫州高新區管委會")
    assert text[found["李道钮"].start : found["李道钮"].end] == "李道鈕"  # offsets index the original script


def test_department_between_org_and_title_and_honorific_after_name() -> None:
    text = "随后,长春理工大学中山研究院激光制造实验室主任王菲博士在主题报告中探讨了党建引领的作用。"
    p = people(text, [m(text, "长春理工大学中山研究院")])["王菲"]
    assert set(p.title.split(", ")) == {"博士", "激光制造实验室主任"}
    assert p.org_name == "长春理工大学中山研究院"


def test_honorific_after_name_alone() -> None:
    assert people("会上,王菲博士作了主题报告。")["王菲"].title == "博士"


@pytest.mark.parametrize(
    "text",
    [
        "张总表示,订单饱满。",
        "李主任介绍了情况。",
        "中山火炬开发区党建办相关负责人表示,将开展合作。",
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
    p = people("近日,科技部火炬中心副局级调研员段俊虎带领相关同志来温调研。")["段俊虎"]
    assert p.org_name == "科技部火炬中心" and p.org_id is None


# --- with the real organization finder -----------------------------------------------------


def test_with_the_mention_finder_when_present() -> None:
    mod = pytest.importorskip("lasermap.extract.mentions")
    find_mentions = getattr(importlib.import_module(mod.__name__), "find_mentions", None)
    if find_mentions is None:
        pytest.skip("lasermap.extract.mentions.find_mentions is not there yet")
    text = "溫州市科技局副局長匡連庭、溫州高新區管委會副主任李道鈕陪同調研。Zhou Shouhuan, an academician of the Chinese Academy of Engineering, spoke."
    found = people(text, find_mentions(text, to_simplified(text)))
    assert {"匡连庭", "李道钮", "Zhou Shouhuan"} <= set(found)
    assert found["Zhou Shouhuan"].title == "academician"
