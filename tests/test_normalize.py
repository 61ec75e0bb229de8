from lasermap.normalize.language import detect_language
from lasermap.normalize.pinyin import strip_ruby_pinyin
from lasermap.normalize.script import detect_script, simplified_with_offsets, to_original
from lasermap.normalize.unicode import nfkc_safe


def test_ruby_pinyin_is_removed_after_its_character():
    text, n = strip_ruby_pinyin("經(jīng)開區(qū)的產(chǎn)業(yè)調(diào)研")
    assert text == "經開區的產業調研" and n == 5


def test_real_parentheses_are_kept():
    for s in ("奔騰激光(溫州)有限公司", "邦德激光(Bodor)", "the meeting (over)", "中国光谷(guanggu)", "华工(hua)科技"):
        assert strip_ruby_pinyin(s)[0] == s, s


def test_pinyin_must_read_the_character_before_it():
    # 'chǎn' is not a reading of 激, so this is not a flattened ruby annotation.
    assert strip_ruby_pinyin("激(chǎn)光")[0] == "激(chǎn)光"


def test_nfkc_folds_width_but_keeps_superscripts():
    assert nfkc_safe("ＬＡＳＥＲ１２３，") == "LASER123,"
    assert nfkc_safe("487 km² and 10⁶ W") == "487 km² and 10⁶ W"


def test_simplified_shadow_maps_offsets_back():
    original = "溫州激光產業集群"
    shadow, anchors = simplified_with_offsets(original)
    assert shadow == "温州激光产业集群"
    start = shadow.index("产业")
    assert original[to_original(start, anchors) : to_original(start + 2, anchors)] == "產業"


def test_script_and_language():
    assert detect_script("溫州激光與光電產業集群的建設情況") == "Hant"
    assert detect_script("温州激光与光电产业集群的建设情况") == "Hans"
    assert detect_language("温州激光与光电产业集群的建设情况，企业代表参加了座谈。") == "zh"
    assert detect_language("Wuhan's optics valley hosts thousands of photonics companies and research labs.") == "en"
