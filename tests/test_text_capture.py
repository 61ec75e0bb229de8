"""Text captures written for these tests (not copied from any page)."""

from lasermap.clean.fragments import fragment_paragraphs
from lasermap.clean.text_capture import clean_text_capture

EN_CAPTURE = """Home > News > Company news

Wuhan's optics valley opens a new photonics incubator

  • Time:2023-04-12

  • Read volume:312

  • Share:

The East Lake High-tech Zone opened a photonics incubator on Tuesday, with space for more than 40 start-ups working on lasers and optical chips.

Officials said the incubator would focus on ultrafast lasers, silicon photonics and laser radar.

Tags: laser, Wuhan, incubator

Copyright 2023 Example Photonics News. All rights reserved.
"""

ZH_CAPTURE = """首页 > 新闻中心 > 行业动态
阅读 | 订阅
深圳宝安激光企业座谈会召开

来源:某某激光网 2023-05-06 我要评论(0)

近日,宝安区召开激光企业座谈会,二十余家企业代表参加。

  近日,宝安区召开激光企业座谈会,二十余家企业代表参加。会议讨论了激光焊接和激光切割设备的出口情况。
20230506_副本.jpg
与会企业表示,将继续加大研发投入。

转载请注明出处。
激光 宝安 座谈会
免责声明
本网转载的作品,版权归原作者所有。
"""


def test_english_capture_loses_furniture_and_keeps_paragraphs():
    cap = clean_text_capture(EN_CAPTURE)
    assert cap.title == "Wuhan's optics valley opens a new photonics incubator"
    text = "\n\n".join(cap.paragraphs)
    for junk in ("Home > News", "Time:", "Read volume", "Share:", "Tags:", "Copyright"):
        assert junk not in text
    assert len(cap.paragraphs) == 2 and cap.paragraphs[1].startswith("Officials said")


def test_chinese_capture_footer_lead_and_image_names():
    cap = clean_text_capture(ZH_CAPTURE)
    assert cap.title == "深圳宝安激光企业座谈会召开"
    text = "\n\n".join(cap.paragraphs)
    for junk in ("首页", "阅读 | 订阅", "我要评论", "_副本", "转载请注明出处", "免责声明", "版权"):
        assert junk not in text
    assert text.count("近日,宝安区召开激光企业座谈会") == 1
    assert "与会企业表示" in text


def test_repeated_title_is_dropped_from_body():
    cap = clean_text_capture("Laser week in Jinan\nLaser week in Jinan\n\nJinan hosted a week of laser events, attracting more than 200 companies.\n")
    assert cap.title == "Laser week in Jinan"
    assert cap.paragraphs == ["Jinan hosted a week of laser events, attracting more than 200 companies."]


def test_markup_inside_a_capture_becomes_paragraphs():
    line = (
        "<p>本次活动</p><p>由多家激光企业</p><p>共同参与</p><p><br/></p>"
        '<p><img src="https://img.example.com/a.jpg" alt="Image"/></p>'
        "<section><p>会议期间,与会代表参观了激光焊接生产线,并就产业链协同发展进行了深入交流。</p></section>"
    )
    assert fragment_paragraphs(line) == ["本次活动\n由多家激光企业\n共同参与", "会议期间,与会代表参观了激光焊接生产线,并就产业链协同发展进行了深入交流。"]


def test_capture_without_title_line():
    body = "The laser cluster in Suzhou grew quickly last year, according to the local industry association, which counted over 100 firms."
    cap = clean_text_capture(body)
    assert cap.title is None and cap.paragraphs == [body]


def test_lone_date_lines_are_furniture_anywhere() -> None:
    cap = clean_text_capture(
        "Laser park opens\n\nThe new photonics park in Suzhou opened its doors to 30 start-ups on Monday morning.\n\n"
        "时间: 2023-04-12\n\nPosted on April 12, 2023\n\nOfficials expect more tenants by the end of the year, they said.\n"
    )
    text = "\n\n".join(cap.paragraphs)
    assert "时间" not in text and "Posted on" not in text and "more tenants" in text
