"""Mentions, org rules, sentences and name keys on sentences written for these tests."""

from __future__ import annotations

from lasermap.extract.mentions import find_mentions, rule_entity_id
from lasermap.extract.org_rules import find_orgs_en, find_orgs_zh
from lasermap.extract.sentences import split_sentences
from lasermap.normalize.script import to_simplified
from lasermap.resolve.names import name_key, same_name


def _m(text: str) -> dict[str, tuple[str, str | None, str]]:
    simp = to_simplified(text)
    return {m.text: (m.type, m.entity_id, m.method) for m in find_mentions(text, simp if simp != text or not text.isascii() else None)}


def test_gazetteer_links_names_in_both_scripts_and_languages() -> None:
    zh = _m("銳科激光與華工科技在武漢簽約。")
    en = _m("Raycus and HGTECH signed the deal in Wuhan.")
    assert zh["銳科激光"][1] == en["Raycus"][1] == "org:raycus"
    assert zh["武漢"][1] == en["Wuhan"][1]


def test_known_mistranslation_and_legal_suffix_link_to_the_known_company() -> None:
    found = _m("Jinan Bond Laser Co., Ltd. opened a service centre in Poznan on Monday.")
    assert found["Jinan Bond Laser Co., Ltd."][1] == "org:bodor"


def test_unknown_orgs_by_shape_have_stable_ids() -> None:
    text = "由临沂市光电产业促进会和山东某某激光装备有限公司联合主办。"
    names = {text[s.start : s.end] for s in find_orgs_zh(text)}
    assert {"临沂市光电产业促进会", "山东某某激光装备有限公司"} <= names
    assert rule_entity_id("org", "Foo Laser Alliance") == rule_entity_id("org", "foo  laser alliance")


def test_generic_phrases_are_not_organizations() -> None:
    text = "企业要加强与研发中心、服务中心的合作,共同打造产业联盟。"
    assert not {text[s.start : s.end] for s in find_orgs_zh(text)} & {"研发中心", "服务中心", "产业联盟"}


def test_english_org_shapes() -> None:
    text = "The Management Committee of Suzhou Industrial Park met the Jiangsu Photonics Alliance on Friday."
    names = {text[s.start : s.end] for s in find_orgs_en(text)}
    assert "Management Committee of Suzhou Industrial Park" in names and "Jiangsu Photonics Alliance" in names


def test_person_names_are_not_places() -> None:
    found = _m("Jiang Dongsheng, chairman of the committee, spoke in Jinan.")
    assert "Dongsheng" not in found and found["Jinan"][0] == "place"


def test_county_names_that_are_words_need_their_city() -> None:
    assert "资源" not in _m("要实现资源共享、优势互补。")
    assert _m("深圳市宝安区和龙岗区的激光企业")["宝安区"][0] == "place"


def test_sentences_keep_company_abbreviations_together() -> None:
    text = "Jinan Bond Laser Co., Ltd. hired staff. Orders grew! 奔腾激光扩产。下一句"
    got = [text[s.start : s.end] for s in split_sentences(text)]
    assert got == ["Jinan Bond Laser Co., Ltd. hired staff.", "Orders grew!", "奔腾激光扩产。", "下一句"]


def test_name_keys_cross_languages_but_not_types() -> None:
    assert same_name("Pentium Laser Wenzhou production base", "奔騰激光溫州生產基地")
    assert same_name("Jinan", "济南")
    assert not same_name("Shenzhen", "Shenzhen-Zhongshan Link")
    assert name_key("") == ""
