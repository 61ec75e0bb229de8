"""Events (lasermap.extract.events) and the dates written next to them (event_dates).

Organization and place mentions are built by hand for each test text, as the
mention finder would give them; one test at the end runs the real finder.
"""

from __future__ import annotations

from datetime import date

import pytest

from lasermap.annotations import Event, Mention
from lasermap.extract.event_dates import resolve, scan
from lasermap.extract.events import find_events
from lasermap.extract.sentences import split_sentences
from lasermap.normalize.script import to_simplified
from tests.mentionkit import m


def places(text: str, *names: str) -> list[Mention]:
    """Every occurrence of each place name."""
    out = []
    for n in names:
        i = text.find(n)
        while i >= 0:
            out.append(Mention(i, i + len(n), n, "place", "city", n, n))
            i = text.find(n, i + 1)
    return out


def events(
    text: str, mentions: list[Mention], published: str | None = None, doc_year: int | None = None
) -> list[Event]:
    return find_events(text, split_sentences(text), mentions, published, doc_year)


def kinds(found: list[Event]) -> list[tuple[str, str | None]]:
    return [(e.type, e.date) for e in found]


# --- English -----------------------------------------------------------------------------

CCPC_2023 = (
    "Wuhan hosted yet another big gathering. On September 14, the 2023 Central China Photonics Conference opened in Wuhan. "
    "This is the second occasion since last year that the Central China Photonics Conference will be held in Wuhan, "
    "a sign of how deep the city's photonics base runs. Observers expect Wuhan to rank with Shenzhen and Suzhou "
    "as a leading photonics hub."
)


def test_conference_opened_on_an_undated_page_and_its_earlier_edition() -> None:
    found = events(CCPC_2023, places(CCPC_2023, "Wuhan", "Shenzhen", "Suzhou"), None, 2023)
    assert kinds(found) == [("conference", "2023-09-14"), ("conference", "2022")]
    first, earlier = found
    assert first.name == "2023 Central China Photonics Conference" and first.place == "Wuhan"
    assert earlier.name == "2022 Central China Photonics Conference" and earlier.place == "Wuhan"
    assert CCPC_2023[first.sentence_start : first.sentence_end].startswith("On September 14")


def test_conference_held_with_year_in_name_and_what_happens_there() -> None:
    text = (
        "The Photonics Industry Summit 2024 held in Suzhou drew more than 150 exhibitors. "
        "In 2022, the liaison office of the Association in Jiangsu Province was established in Suzhou. "
        "“Next spring, a French service desk will be set up in Suzhou to support French suppliers.” "
        "During the summit, 8 projects covering ultrafast optics and optical sensing were successfully signed. "
        "In addition, Suzhou photonics supply chain Alliance was established at the summit venue. "
        "The summit set up a range of side sessions."
    )
    mentions = places(text, "Suzhou", "Jiangsu Province") + [
        m(text, "the Association", name="Franco-Chinese Photonics Association"),
        m(text, "Suzhou photonics supply chain Alliance", name="Suzhou Photonics Supply Chain Alliance"),
    ]
    found = events(text, mentions, "2024-05-16", 2024)
    assert kinds(found) == [
        ("conference", "2024"),
        ("establishment", "2022"),
        ("signing", "2024"),
        ("establishment", "2024"),
    ]
    assert [e.place for e in found] == ["Suzhou"] * 4
    assert found[3].name.startswith("Suzhou photonics supply chain Alliance")


def test_meeting_held_by_an_org_resolved_against_the_publish_date() -> None:
    text = (
        "The Technical Board of Hubei Optoelectronics Society held a working meeting on June 9 in "
        "Hongshan, Wuhan. Member firms ought to share test equipment with research institutes."
    )
    mentions = [m(text, "Technical Board of Hubei Optoelectronics Society")] + places(
        text, "Hongshan", "Wuhan"
    )
    (meeting,) = events(text, mentions, "2022-08-15", 2022)
    assert (meeting.type, meeting.date, meeting.place) == ("meeting", "2022-06-09", "Hongshan")
    assert "working meeting" in meeting.name.lower() and meeting.trigger == "held"


def test_unveilings_at_the_conference_take_its_date_and_a_headline_is_not_a_second_event() -> None:
    text = (
        "On September 14, the 2023 Central China Photonics Conference opened in Wuhan.\n\n"
        "Donghu Photonics Park Unveiled, Giving Wuhan a New Base for Optical Start-ups\n\n"
        'The conference staged an unveiling ceremony for the "Central China Photonics Conference Donghu Photonics Park". '
        "At the conference venue, the Photonic Equipment Repair and Calibration Center was unveiled."
    )
    mentions = places(text, "Wuhan") + [
        m(text, "Donghu Photonics Park"),
        m(text, "Central China Photonics Conference Donghu Photonics Park", name="Donghu Photonics Park"),
        m(text, "Photonic Equipment Repair and Calibration Center"),
    ]
    found = events(text, mentions, None, 2023)
    assert kinds(found) == [
        ("conference", "2023-09-14"),
        ("unveiling", "2023-09-14"),
        ("unveiling", "2023-09-14"),
    ]


def test_founded_forms() -> None:
    text = "Delphi Laser, founded in 2005, makes micro-machining tools. TRUMPF started out in 1923 as a small workshop."
    found = events(text, [m(text, "Delphi Laser"), m(text, "TRUMPF")], "2023-10-27", 2023)
    assert kinds(found) == [("establishment", "2005"), ("establishment", "1923")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Suzhou is expected to become one of the leading photonics hubs.",
        "Suppliers should pool their resources and set up a joint laboratory.",
        "The summit set up a range of side sessions.",
        "Valentin Gapontsev, the physicist who founded IPG Photonics, died on Monday.",
        "LASER World of PHOTONICS CHINA is held every March in Shanghai.",
        "I was signed off work and spent most of the time asleep.",
        "The two founders decided to set up a joint venture in Germany.",
    ],
)
def test_not_events(sentence: str) -> None:
    mentions = [m(sentence, "IPG Photonics")] if "IPG" in sentence else []
    assert events(sentence, mentions, "2021-10-22", 2021) == []


# --- Chinese -----------------------------------------------------------------------------

JIAXING = (
    "近日,工信部人才交流中心副處級調研員劉建平帶領產業發展處相關同志,來嘉調研光電子器件特色產業集群的培育進展。"
    "嘉興市科技局副局長王建國陪同調研。\n\n"
    "劉建平一行實地走訪了華錦精密機電股份有限公司。三是要建立光電子產業協同創新聯盟。\n\n"
    "光瀚激光嘉興製造基地二期廠房主體結構順利封頂。該基地二期項目將于今年9月正式啟用,投產后年銷售收入預計超過8億元。\n\n"
    "據悉,光瀚激光嘉興製造基地于2014年11月奠基開工,總投資為8億元。"
    "2011年,德國光學企業Optoteam集團和深圳光瀚科技集團共同投資設立光瀚激光(嘉興)有限公司。"
)


def test_traditional_page_visit_groundbreaking_establishment_planned_start() -> None:
    mentions = [
        m(JIAXING, "工信部人才交流中心"),
        m(JIAXING, "嘉興市科技局"),
        m(JIAXING, "華錦精密機電股份有限公司"),
        m(JIAXING, "光瀚激光", name="Guanghan Laser", nth=0),
        m(JIAXING, "光瀚激光", name="Guanghan Laser", nth=1),
        m(JIAXING, "光瀚激光", name="Guanghan Laser", nth=2),
        m(JIAXING, "德國光學企業Optoteam集團"),
        m(JIAXING, "深圳光瀚科技集團"),
        m(JIAXING, "光瀚激光(嘉興)有限公司", name="Guanghan Laser"),
        m(JIAXING, "嘉興", "place", name="Jiaxing", nth=1),
    ]
    found = events(JIAXING, mentions, "2016-05-20", 2016)
    assert kinds(found) == [
        ("visit", "2016-05"),
        ("production_start", "2016-09"),
        ("groundbreaking", "2014-11"),
        ("establishment", "2011"),
    ]
    visit, start, ground, est = found
    assert visit.place == "Jiaxing" and visit.trigger == "調研"  # 来嘉 → 嘉兴; trigger in the original script
    assert start.name.endswith("(planned)") and "光瀚激光嘉兴制造基地" in start.name
    assert ground.name == "光瀚激光嘉兴制造基地奠基开工"
    assert "设立光瀚激光(嘉兴)有限公司" in est.name and est.place == "Jiaxing"


def test_meeting_signing_and_opening_on_a_simplified_page() -> None:
    text = (
        "近日,由苏州工业园区光电产业服务中心等单位联合主办的“协同创新,链动未来”环太湖光电产业协同发展交流会在昆山隆重召开。\n\n"
        "今年8月18日作为省重点工程的环湖快速路正式开通运营\n\n"
        "在合作签约仪式上园区光电产业联盟和昆山市激光行业协会的代表共同签署了战略合作协议\n\n"
        "该协议的签署,意味着两地将在人才培养方面深化合作。"
    )
    mentions = places(text, "昆山") + [
        m(text, "苏州工业园区光电产业服务中心"),
        m(text, "园区光电产业联盟"),
        m(text, "昆山市激光行业协会"),
    ]
    found = events(text, mentions, "2024-10-15", 2024)
    assert kinds(found) == [("meeting", "2024-10"), ("opening", "2024-08-18"), ("signing", "2024-10")]
    meeting, opening, signing = found
    assert meeting.name == "“协同创新,链动未来”环太湖光电产业协同发展交流会" and meeting.place == "昆山"
    assert opening.name == "环湖快速路正式开通运营"
    assert signing.place == "昆山" and "合作协议" in signing.name


def test_forums_listed_during_a_conference_get_its_month() -> None:
    text = (
        "第二届中国激光科技创新产业大会11月21日在四川绵阳召开。\n\n"
        "大会期间还安排了激光清洗技术与应用论坛、激光医疗与创新应用论坛,以及“揭榜挂帅”技术难题需求对接会。"
    )
    found = events(text, places(text, "绵阳"), "2023-11-22", 2023)
    assert kinds(found) == [
        ("conference", "2023-11-21"),
        ("conference", "2023-11"),
        ("conference", "2023-11"),
        ("meeting", "2023-11"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "三是要建立光电子产业协同创新联盟,健全利益共享机制。",
        "投产后年销售收入预计超过8亿元。",
        "总投资为8亿元,占地面积6万平方米。",
        "公司成立以来实现了快速发展。",
        "从人才引进、产业联盟组建等方面分享了经验。",
        "展会期间还将同时召开12场高规格论坛。",
    ],
)
def test_chinese_not_events(text: str) -> None:
    assert events(text, [], "2016-05-20", 2016) == []


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zh", "published", "doc_year", "want"),
    [
        ("今年8月18日", True, "2024-10-15", 2024, "2024-08-18"),
        ("近日", True, "2016-05-20", 2016, "2016-05"),
        ("去年", True, "2024-10-15", 2024, "2023"),
        ("9月", True, "2016-05-20", 2016, "2016-09"),
        ("二〇一六年五月", True, None, None, None),
        ("2014年11月", True, None, None, "2014-11"),
        ("On September 14", False, None, 2023, "2023-09-14"),
        ("On September 14", False, None, None, None),
        ("on Dec 28", False, "2024-01-03", 2024, "2023-12-28"),
        ("last year", False, "2024-03-21", 2024, "2023"),
        ("in 2023", False, None, None, "2023"),
        ("March 25, 2021", False, None, None, "2021-03-25"),
    ],
)
def test_date_resolution(
    text: str, zh: bool, published: str | None, doc_year: int | None, want: str | None
) -> None:
    exprs = scan(text, zh)
    pub = date.fromisoformat(published) if published else None
    got = resolve(exprs[0], pub, doc_year) if exprs else None
    assert got == want


def test_that_year_points_back_to_the_year_written_before() -> None:
    text = "武汉激光产业起步于1971年。当年,华中工学院决定组建激光教研组。"
    found = events(text, [m(text, "华中工学院")], "2022-03-21", 2022)
    assert kinds(found) == [("establishment", "1971")]


# --- with the real organization finder -----------------------------------------------------


def test_with_the_mention_finder_when_present() -> None:
    mentions_mod = pytest.importorskip("lasermap.extract.mentions")
    find_mentions = getattr(mentions_mod, "find_mentions", None)
    if find_mentions is None:
        pytest.skip("lasermap.extract.mentions.find_mentions is not there yet")
    found = events(CCPC_2023, find_mentions(CCPC_2023, to_simplified(CCPC_2023)), None, 2023)
    assert ("conference", "2023-09-14") in kinds(found)
    found = events(JIAXING, find_mentions(JIAXING, to_simplified(JIAXING)), "2016-05-20", 2016)
    assert {("visit", "2016-05"), ("groundbreaking", "2014-11"), ("establishment", "2011")} <= set(
        kinds(found)
    )
