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

WLIC_2023 = (
    "Jinan ushered in another conference. On May 6, the 2023 World Laser Industry Conference opened in Jinan. "
    "This is the second time since last year that the World Laser Industry Conference will be held in Jinan, "
    "demonstrating the strong strength of Jinan's laser industry. It is believed that Jinan will become one of the "
    "three major optical valleys after Shenzhen and Wuhan."
)


def test_conference_opened_on_an_undated_page_and_its_earlier_edition() -> None:
    found = events(WLIC_2023, places(WLIC_2023, "Jinan", "Shenzhen", "Wuhan"), None, 2023)
    assert kinds(found) == [("conference", "2023-05-06"), ("conference", "2022")]
    first, earlier = found
    assert first.name == "2023 World Laser Industry Conference" and first.place == "Jinan"
    assert earlier.name == "2022 World Laser Industry Conference" and earlier.place == "Jinan"
    assert WLIC_2023[first.sentence_start : first.sentence_end].startswith("On May 6")


def test_conference_held_with_year_in_name_and_what_happens_there() -> None:
    text = (
        "The World Laser Industry Conference 2024 held in Jinan attracted more than 200 institutions. "
        "In 2023, the representative office of the Federation in Shandong Province was established in Jinan. "
        "“In the future, a German reception room will be set up in Jinan to help German companies.” "
        "During the conference, 10 projects involving laser crystal materials and other fields were successfully signed. "
        "In addition, Jinan laser equipment export Alliance was established at the conference site. "
        "The conference set up a series of parallel activities."
    )
    mentions = places(text, "Jinan", "Shandong Province") + [
        m(text, "the Federation", name="German Federal Federation of Small and Medium-sized Enterprises"),
        m(text, "Jinan laser equipment export Alliance", name="Jinan Laser Equipment Export Alliance"),
    ]
    found = events(text, mentions, "2024-03-21", 2024)
    assert kinds(found) == [
        ("conference", "2024"),
        ("establishment", "2023"),
        ("signing", "2024"),
        ("establishment", "2024"),
    ]
    assert [e.place for e in found] == ["Jinan"] * 4
    assert found[3].name.startswith("Jinan laser equipment export Alliance")


def test_meeting_held_by_an_org_resolved_against_the_publish_date() -> None:
    text = (
        "The Expert Committee of Guangdong Laser Industry Association held a plenary meeting on April 13 in "
        "Bao'an, Shenzhen. Enterprises should strengthen cooperation with colleges and universities."
    )
    mentions = [m(text, "Expert Committee of Guangdong Laser Industry Association")] + places(
        text, "Bao'an", "Shenzhen"
    )
    (meeting,) = events(text, mentions, "2021-07-01", 2021)
    assert (meeting.type, meeting.date, meeting.place) == ("meeting", "2021-04-13", "Bao'an")
    assert "plenary meeting" in meeting.name.lower() and meeting.trigger == "held"


def test_unveilings_at_the_conference_take_its_date_and_a_headline_is_not_a_second_event() -> None:
    text = (
        "On May 6, the 2023 World Laser Industry Conference opened in Jinan.\n\n"
        "Qilu Optics Valley Unveiled, Helping Jinan Build China's Third Laser Pole\n\n"
        'The conference held an unveiling ceremony for the "World Laser Industry Conference Qilu Optics Valley". '
        "At the conference site, the Laser Industry Global Bonded Maintenance Center was unveiled."
    )
    mentions = places(text, "Jinan") + [
        m(text, "Qilu Optics Valley"),
        m(text, "World Laser Industry Conference Qilu Optics Valley", name="Qilu Optics Valley"),
        m(text, "Laser Industry Global Bonded Maintenance Center"),
    ]
    found = events(text, mentions, None, 2023)
    assert kinds(found) == [
        ("conference", "2023-05-06"),
        ("unveiling", "2023-05-06"),
        ("unveiling", "2023-05-06"),
    ]


def test_founded_forms() -> None:
    text = "Delphi Laser, founded in 2005, makes micro-machining tools. TRUMPF started out in 1923 as a small workshop."
    found = events(text, [m(text, "Delphi Laser"), m(text, "TRUMPF")], "2023-10-27", 2023)
    assert kinds(found) == [("establishment", "2005"), ("establishment", "1923")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Jinan will become one of the three major optical valleys.",
        "Enterprises should strengthen cooperation and set up a joint laboratory.",
        "The conference set up a series of parallel activities.",
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

WENZHOU = (
    "近日,科技部火炬中心副局級調研員段俊虎帶領產業集群發展處相關同志,來溫調研激光與光電創新型產業集群的建設情況。"
    "溫州市科技局副局長匡連庭陪同調研。\n\n"
    "段俊虎一行實地考察了金龍機電股份有限公司。二是要建立激光與光電產業聯盟。\n\n"
    "奔騰激光溫州生產基地第一期主體建筑成功封頂。該基地一期工程將于今年10月正式啟用,投產后年產值可達5億以上。\n\n"
    "據了解,奔騰激光溫州生產基地于2013年12月奠基開工,總投資為5億元。"
    "2012年,世界著名的激光公司意大利EL.EN集團和武漢楚天激光集團共同投資設立奔騰激光(溫州)有限公司。"
)


def test_traditional_page_visit_groundbreaking_establishment_planned_start() -> None:
    mentions = [
        m(WENZHOU, "科技部火炬中心"),
        m(WENZHOU, "溫州市科技局"),
        m(WENZHOU, "金龍機電股份有限公司"),
        m(WENZHOU, "奔騰激光", name="Pentium Laser", nth=0),
        m(WENZHOU, "奔騰激光", name="Pentium Laser", nth=1),
        m(WENZHOU, "奔騰激光", name="Pentium Laser", nth=2),
        m(WENZHOU, "意大利EL.EN集團"),
        m(WENZHOU, "武漢楚天激光集團"),
        m(WENZHOU, "奔騰激光(溫州)有限公司", name="Pentium Laser"),
        m(WENZHOU, "溫州", "place", name="Wenzhou", nth=1),
    ]
    found = events(WENZHOU, mentions, "2015-06-03", 2015)
    assert kinds(found) == [
        ("visit", "2015-06"),
        ("production_start", "2015-10"),
        ("groundbreaking", "2013-12"),
        ("establishment", "2012"),
    ]
    visit, start, ground, est = found
    assert visit.place == "Wenzhou" and visit.trigger == "調研"  # 来温 → 温州; trigger in the original script
    assert start.name.endswith("(planned)") and "奔腾激光温州生产基地" in start.name
    assert ground.name == "奔腾激光温州生产基地奠基开工"
    assert "设立奔腾激光(温州)有限公司" in est.name and est.place == "Wenzhou"


def test_meeting_signing_and_opening_on_a_simplified_page() -> None:
    text = (
        "近日,由宝安区新桥街道党工委等单位联合主办的“共建促融,聚链成势”深中通道沿线激光产业链产业发展交流会在中山隆重召开。\n\n"
        "今年6月30日作为国家重大工程的深中通道正式开通运营\n\n"
        "在共建签约仪式上新桥街道激光产业链党委和中山市光电产业协会党支部的代表共同签署了合作协议\n\n"
        "该协议的签署,标志着各方将在党建引领下开展合作。"
    )
    mentions = places(text, "中山") + [
        m(text, "宝安区新桥街道党工委"),
        m(text, "新桥街道激光产业链党委"),
        m(text, "中山市光电产业协会党支部"),
    ]
    found = events(text, mentions, "2024-11-11", 2024)
    assert kinds(found) == [("meeting", "2024-11"), ("opening", "2024-06-30"), ("signing", "2024-11")]
    meeting, opening, signing = found
    assert (
        meeting.name == "“共建促融,聚链成势”深中通道沿线激光产业链产业发展交流会" and meeting.place == "中山"
    )
    assert opening.name == "深中通道正式开通运营"
    assert signing.place == "中山" and "合作协议" in signing.name


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
        "二是要建立激光与光电产业联盟,创建共赢机制。",
        "投产后年产值可达5亿以上。",
        "总投资为5亿元,建筑面积10万平方米。",
        "公司成立以来实现了快速发展。",
        "行业协会组建等方面介绍了主要做法。",
        "展会期间还将同时召开12场高规格论坛。",
    ],
)
def test_chinese_not_events(text: str) -> None:
    assert events(text, [], "2015-06-03", 2015) == []


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zh", "published", "doc_year", "want"),
    [
        ("今年6月30日", True, "2024-11-11", 2024, "2024-06-30"),
        ("近日", True, "2015-06-03", 2015, "2015-06"),
        ("去年", True, "2024-11-11", 2024, "2023"),
        ("10月", True, "2015-06-03", 2015, "2015-10"),
        ("二〇一五年六月", True, None, None, None),
        ("2013年12月", True, None, None, "2013-12"),
        ("On May 6", False, None, 2023, "2023-05-06"),
        ("On May 6", False, None, None, None),
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
    found = events(WLIC_2023, find_mentions(WLIC_2023, to_simplified(WLIC_2023)), None, 2023)
    assert ("conference", "2023-05-06") in kinds(found)
    found = events(WENZHOU, find_mentions(WENZHOU, to_simplified(WENZHOU)), "2015-06-03", 2015)
    assert {("visit", "2015-06"), ("groundbreaking", "2013-12"), ("establishment", "2012")} <= set(
        kinds(found)
    )
