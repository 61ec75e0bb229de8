"""Build lasermap/data/places.tsv and place_aliases.tsv from cpca's adcodes.csv.

Why a script: the gazetteer of ~3,500 Chinese administrative units is too big to
write by hand and must be reproducible when the upstream list changes. cpca (MIT)
ships ``resources/adcodes.csv`` (adcode, name, longitude, latitude); this script
turns it into lasermap's format and adds short forms, English names (pypinyin plus
a table of official spellings), Traditional Chinese forms and ambiguity flags.
The generated TSV files ship with lasermap; cpca, pandas and the converters used
here are NOT runtime dependencies.

Run in a scratch venv (never in the project venv)::

    python3 -m venv /tmp/cpca-venv
    /tmp/cpca-venv/bin/pip install cpca pypinyin opencc==1.4.2
    /tmp/cpca-venv/bin/python scripts/build_places.py

OpenCC's ``s2t``/``s2tw``/``s2hk`` are used here only, at build time, to emit
Traditional aliases; every emitted form is checked to convert back with ``t2s``,
which is the only config lasermap uses at run time.
"""

from __future__ import annotations

import argparse
import csv
import functools
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

# --- hand-written tables (sources: official English names used by the provincial
# and municipal governments; see lasermap/data/README.md) -------------------------

PROVINCE_EN = {
    "110000": ("北京", "Beijing", "municipality"), "120000": ("天津", "Tianjin", "municipality"),
    "130000": ("河北", "Hebei", "province"), "140000": ("山西", "Shanxi", "province"),
    "150000": ("内蒙古", "Inner Mongolia", "autonomous_region"), "210000": ("辽宁", "Liaoning", "province"),
    "220000": ("吉林", "Jilin", "province"), "230000": ("黑龙江", "Heilongjiang", "province"),
    "310000": ("上海", "Shanghai", "municipality"), "320000": ("江苏", "Jiangsu", "province"),
    "330000": ("浙江", "Zhejiang", "province"), "340000": ("安徽", "Anhui", "province"),
    "350000": ("福建", "Fujian", "province"), "360000": ("江西", "Jiangxi", "province"),
    "370000": ("山东", "Shandong", "province"), "410000": ("河南", "Henan", "province"),
    "420000": ("湖北", "Hubei", "province"), "430000": ("湖南", "Hunan", "province"),
    "440000": ("广东", "Guangdong", "province"), "450000": ("广西", "Guangxi", "autonomous_region"),
    "460000": ("海南", "Hainan", "province"), "500000": ("重庆", "Chongqing", "municipality"),
    "510000": ("四川", "Sichuan", "province"), "520000": ("贵州", "Guizhou", "province"),
    "530000": ("云南", "Yunnan", "province"), "540000": ("西藏", "Tibet", "autonomous_region"),
    "610000": ("陕西", "Shaanxi", "province"), "620000": ("甘肃", "Gansu", "province"),
    "630000": ("青海", "Qinghai", "province"), "640000": ("宁夏", "Ningxia", "autonomous_region"),
    "650000": ("新疆", "Xinjiang", "autonomous_region"), "710000": ("台湾", "Taiwan", "province"),
    "810000": ("香港", "Hong Kong", "sar"), "820000": ("澳门", "Macao", "sar"),
}
PROVINCE_EXTRA_ALIASES = {
    "place:150000": [("Inner Mongolia Autonomous Region", "en"), ("Nei Mongol", "en"), ("Nei Menggu", "en")],
    "place:450000": [("Guangxi Zhuang Autonomous Region", "en")],
    "place:540000": [("Tibet Autonomous Region", "en"), ("Xizang", "en"), ("Xizang Autonomous Region", "en")],
    "place:640000": [("Ningxia Hui Autonomous Region", "en")],
    "place:650000": [("Xinjiang Uygur Autonomous Region", "en"), ("Xinjiang Uyghur Autonomous Region", "en")],
    "place:810000": [("Hong Kong SAR", "en"), ("HKSAR", "en"), ("Hong Kong Special Administrative Region", "en"), ("香港特区", "zh-Hans")],
    "place:820000": [("Macau", "en"), ("Macao SAR", "en"), ("Macau SAR", "en"), ("Macao Special Administrative Region", "en"), ("澳门特区", "zh-Hans")],
    "place:653100": [("Kashi", "en")],
    "place:653101": [("Kashi", "en")],
    "place:710000": [("Taiwan Province", "en")],
}
# Non-pinyin or non-obvious official English spellings, by adcode (short English form).
ADCODE_EN = {
    "150100": "Hohhot", "150600": "Ordos", "150700": "Hulunbuir", "150800": "Bayannur", "150900": "Ulanqab",
    "152200": "Hinggan", "152500": "Xilingol", "152900": "Alxa", "150581": "Holingol", "150703": "Jalainur",
    "150702": "Hailar", "150781": "Manzhouli", "150784": "Ergun", "150981": "Erenhot", "152202": "Arxan",
    "150722": "Morin Dawa", "150723": "Oroqen", "150724": "Evenk",
    "230100": "Harbin", "230200": "Qiqihar", "650100": "Urumqi", "650200": "Karamay", "650400": "Turpan",
    "652300": "Changji", "652700": "Bortala", "652800": "Bayingolin", "652900": "Aksu", "652901": "Aksu",
    "653000": "Kizilsu", "653100": "Kashgar", "653101": "Kashgar", "653200": "Hotan", "653201": "Hotan",
    "654000": "Ili", "654004": "Khorgas", "654300": "Altay", "654301": "Altay", "652801": "Korla",
    "653001": "Artux", "653131": "Taxkorgan", "540100": "Lhasa", "540200": "Shigatse", "540300": "Qamdo",
    "540400": "Nyingchi", "542400": "Nagqu", "542500": "Ngari", "632801": "Golmud", "533401": "Shangri-La",
    "513200": "Ngawa", "513300": "Garze", "632600": "Golog",
}
# Readings pypinyin gets wrong in place names, by name stem.
STEM_EN = {
    "朝阳": "Chaoyang", "乐亭": "Laoting", "乐陵": "Laoling", "乐清": "Yueqing", "蔚": "Yu", "繁峙": "Fanshi",
    "洪洞": "Hongtong", "泊头": "Botou", "珲春": "Hunchun", "闵行": "Minhang", "六合": "Luhe", "六安": "Lu'an",
    "蚌山": "Bengshan", "涡阳": "Guoyang", "马尾": "Mawei", "单": "Shan", "浚": "Xun", "漯河": "Luohe",
    "召陵": "Shaoling", "佛冈": "Fogang", "佛坪": "Foping", "龙圩": "Longxu", "覃塘": "Qintang", "筠连": "Junlian",
    "荥经": "Yingjing", "崆峒": "Kongtong", "伽师": "Jiashi", "浪卡子": "Langkazi", "南乐": "Nanle",
    "民乐": "Minle", "黄埔": "Huangpu", "大埔": "Dabu", "番禺": "Panyu", "铅山": "Yanshan", "莘": "Shen",
    "长子": "Zhangzi",
}
# Character readings that hold in (almost) every place name.
CHAR_FIX = {"长": "chang", "都": "du", "勒": "le", "什": "shi", "柏": "bai", "卡": "ka", "乐": "le", "朝": "chao"}
ETHNIC_EN = {
    "回族": "Hui", "蒙古族": "Mongol", "蒙古": "Mongol", "藏族": "Tibetan", "维吾尔族": "Uyghur", "苗族": "Miao",
    "彝族": "Yi", "壮族": "Zhuang", "布依族": "Buyei", "朝鲜族": "Korean", "满族": "Manchu", "侗族": "Dong",
    "瑶族": "Yao", "白族": "Bai", "土家族": "Tujia", "哈尼族": "Hani", "哈萨克族": "Kazakh", "哈萨克": "Kazakh",
    "傣族": "Dai", "黎族": "Li", "傈僳族": "Lisu", "佤族": "Va", "畲族": "She", "拉祜族": "Lahu", "水族": "Sui",
    "东乡族": "Dongxiang", "纳西族": "Naxi", "景颇族": "Jingpo", "柯尔克孜族": "Kyrgyz", "柯尔克孜": "Kyrgyz",
    "土族": "Tu", "达斡尔族": "Daur", "仫佬族": "Mulao", "羌族": "Qiang", "撒拉族": "Salar", "毛南族": "Maonan",
    "仡佬族": "Gelao", "锡伯族": "Xibe", "锡伯": "Xibe", "普米族": "Pumi", "塔吉克族": "Tajik", "塔吉克": "Tajik",
    "怒族": "Nu", "鄂温克族": "Evenk", "保安族": "Bonan", "裕固族": "Yugur", "独龙族": "Derung",
    "鄂伦春": "Oroqen", "各族": "Various Ethnic Groups", "布朗族": "Blang", "阿昌族": "Achang", "德昂族": "De'ang",
    "基诺族": "Jino", "维吾尔": "Uyghur", "达斡尔": "Daur", "鄂温克": "Evenk",
}
# (id, name_zh, short_zh, name_en, short_en, level, kind, parent, lon, lat, note)
EXTRA_PLACES = [
    ("place:440309", "龙华区", "龙华", "Longhua District", "Longhua", "district", "district", "place:440300", "114.045", "22.696", "hand-added (created 2016; not in cpca)"),
    ("place:440310", "坪山区", "坪山", "Pingshan District", "Pingshan", "district", "district", "place:440300", "114.346", "22.708", "hand-added (created 2016; not in cpca)"),
    ("place:440311", "光明区", "光明", "Guangming District", "Guangming", "district", "district", "place:440300", "113.936", "22.748", "hand-added (created 2018; not in cpca)"),
    ("place:710000-taipei", "台北市", "台北", "Taipei", "Taipei", "city", "city", "place:710000", "121.5654", "25.0330", "hand-added; not in cpca"),
    ("place:710000-new-taipei", "新北市", "新北", "New Taipei", "New Taipei", "city", "city", "place:710000", "121.4628", "25.0120", "hand-added; not in cpca"),
    ("place:710000-taoyuan", "桃园市", "桃园", "Taoyuan", "Taoyuan", "city", "city", "place:710000", "121.3010", "24.9936", "hand-added; not in cpca"),
    ("place:710000-taichung", "台中市", "台中", "Taichung", "Taichung", "city", "city", "place:710000", "120.6736", "24.1477", "hand-added; not in cpca"),
    ("place:710000-tainan", "台南市", "台南", "Tainan", "Tainan", "city", "city", "place:710000", "120.2270", "22.9999", "hand-added; not in cpca"),
    ("place:710000-kaohsiung", "高雄市", "高雄", "Kaohsiung", "Kaohsiung", "city", "city", "place:710000", "120.3014", "22.6273", "hand-added; not in cpca"),
    ("place:710000-hsinchu", "新竹市", "新竹", "Hsinchu", "Hsinchu", "city", "city", "place:710000", "120.9686", "24.8138", "hand-added; not in cpca; home of Hsinchu Science Park"),
    ("place:710000-keelung", "基隆市", "基隆", "Keelung", "Keelung", "city", "city", "place:710000", "121.7419", "25.1276", "hand-added; not in cpca"),
    ("place:440306-xinqiao", "新桥街道", "新桥", "Xinqiao Subdistrict", "Xinqiao", "subdistrict", "subdistrict", "place:440306", "113.835", "22.725", "hand-added; laser-equipment cluster; coordinates approximate (±0.03°)"),
    ("place:440306-shajing", "沙井街道", "沙井", "Shajing Subdistrict", "Shajing", "subdistrict", "subdistrict", "place:440306", "113.810", "22.735", "hand-added; coordinates approximate (±0.03°)"),
    ("place:440306-fuyong", "福永街道", "福永", "Fuyong Subdistrict", "Fuyong", "subdistrict", "subdistrict", "place:440306", "113.825", "22.675", "hand-added; coordinates approximate (±0.03°)"),
    ("place:440306-fuhai", "福海街道", "福海", "Fuhai Subdistrict", "Fuhai", "subdistrict", "subdistrict", "place:440306", "113.810", "22.685", "hand-added; coordinates approximate (±0.03°)"),
    ("place:440306-xixiang", "西乡街道", "西乡", "Xixiang Subdistrict", "Xixiang", "subdistrict", "subdistrict", "place:440306", "113.870", "22.580", "hand-added; coordinates approximate (±0.03°)"),
    ("place:440306-shiyan", "石岩街道", "石岩", "Shiyan Subdistrict", "Shiyan", "subdistrict", "subdistrict", "place:440306", "113.935", "22.680", "hand-added; coordinates approximate (±0.03°)"),
    ("place:440306-songgang", "松岗街道", "松岗", "Songgang Subdistrict", "Songgang", "subdistrict", "subdistrict", "place:440306", "113.850", "22.775", "hand-added; coordinates approximate (±0.03°)"),
]
MISSING_COORDS = {"139001": ("114.990", "38.517"), "139002": ("115.218", "37.943"), "320812": ("119.026", "33.552")}
ABOLISHED = {"130421": "abolished 2016 (merged into Handan districts)", "330204": "abolished 2016 (merged into Yinzhou District)", "410211": "abolished 2014 (merged into Longting District)"}
# (alias, place id, lang, flag): old postal spellings and English exonyms seen in news.
EXONYMS = [
    ("Peking", "place:110000", "en", ""), ("Canton", "place:440100", "en", "needs_context"),
    ("Amoy", "place:350200", "en", ""), ("Tsingtao", "place:370200", "en", "needs_context"),
    ("Hongkong", "place:810000", "en", ""), ("HK", "place:810000", "en", "needs_context"),
    ("Tientsin", "place:120000", "en", ""), ("Sian", "place:610100", "en", "needs_context"),
]
# Short forms that are also ordinary words (or names of lakes, seas, firms): demand context.
COMMON_WORD_SHORTS = {
    "和平", "新华", "长安", "城关", "光明", "平安", "复兴", "解放", "胜利", "团结", "红旗", "友谊", "前进", "新兴",
    "江南", "江北", "东方", "白云", "青山", "江山", "天长", "合作", "万年", "长寿", "大方", "方正", "东海", "南海",
    "北海", "中方", "吉利", "西湖", "东湖", "安宁", "大同", "太和", "金山", "大安", "安定", "新城", "高明", "永康",
    "文明", "建设", "红星", "开放", "和静", "新市", "城中", "市中", "矿区", "郊区", "城区", "新区", "东区", "西区",
    "南区", "北区", "东山", "西山", "南山", "北山", "海口", "中山", "新桥", "沙井", "福永", "福海", "西乡", "石岩",
    "松岗", "和田", "宝山", "华龙", "龙华",
    "Heping", "Dongfang", "Hezuo", "Canton",
}

DATA = Path(__file__).resolve().parent.parent / "lasermap" / "data"
SKIP_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
PLACE_COLUMNS = ["id", "name_zh", "short_zh", "name_en", "short_en", "level", "kind", "parent", "lon", "lat", "note"]
ALIAS_COLUMNS = ["alias", "place", "lang", "form", "flag", "prefer"]
LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 2, "subdistrict": 3}

# Suffix -> (kind, English suffix) for units that are not province-level.
SUFFIX_KIND = [
    ("自治州", "autonomous_prefecture", "Autonomous Prefecture"),
    ("自治县", "autonomous_county", "Autonomous County"),
    ("自治旗", "autonomous_banner", "Autonomous Banner"),
    ("地区", "prefecture", "Prefecture"),
    ("市", "city", ""),
    ("新区", "district", "New Area"),
    ("区", "district", "District"),
    ("县", "county", "County"),
    ("旗", "banner", "Banner"),
    ("盟", "league", "League"),
]
SPECIAL_KIND = {
    "429021": ("神农架", "forestry_district", "Forestry District"),
    "520203": ("六枝", "special_district", "Special District"),
    "460321": ("西沙群岛", "islands", ""),
    "460322": ("南沙群岛", "islands", ""),
    "460323": ("中沙群岛", "islands", ""),
}


def cpca_adcodes() -> tuple[Path, str]:
    """Locate cpca's adcodes.csv and its version, so the README can cite them."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or spec.origin is None:
        sys.exit("cpca is not installed in this interpreter; see the module docstring")
    from importlib.metadata import version

    return Path(spec.origin).parent / "resources" / "adcodes.csv", version("cpca")


def pinyin_of(stem: str) -> str:
    """Romanise a name stem: pinyin syllables joined, apostrophe before a/o/e syllables.

    pypinyin picks common-word readings (长 zhang, 都 dou); place names use others,
    so known stems and characters are corrected from STEM_EN and CHAR_FIX.
    """
    if stem in STEM_EN:
        return STEM_EN[stem]
    from pypinyin import Style, lazy_pinyin

    sylls = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True)
    out = ""
    for i, (ch, s) in enumerate(zip(stem, sylls, strict=True)):
        s = CHAR_FIX.get(ch, s)
        if i and s[0] in "aoe":
            out += "'"
        out += s
    return out.capitalize()


def strip_ethnic(stem: str, nations: list[str]) -> tuple[str, list[str]]:
    """Split trailing ethnic-group names off an autonomous unit's stem (longest first)."""
    found: list[str] = []
    while True:
        for n in nations:
            if stem.endswith(n) and len(stem) > len(n):
                stem = stem[: -len(n)]
                found.insert(0, n)
                break
        else:
            return stem, found


def ethnic_names(adcodes: Path) -> list[str]:
    """cpca's 56 ethnic groups, plus the bare forms used in names (蒙古, 哈萨克 …)."""
    names = [n.strip() for n in (adcodes.parent / "56_nations.csv").read_text("utf-8").split() if n.strip()]
    bare = [n[:-1] for n in names if len(n) >= 3]
    return sorted(set(names + bare + ["各族"]), key=len, reverse=True)


def classify(code: str, name: str, nations: list[str]) -> tuple[str, str, str, str]:
    """Return (kind, short_zh, name_en, short_en) for a city- or county-level unit."""
    if code in SPECIAL_KIND:
        stem, kind, en_suffix = SPECIAL_KIND[code]
        eth: list[str] = []
    else:
        match = next((entry for entry in SUFFIX_KIND if name.endswith(entry[0])), None)
        if match is None:
            raise SystemExit(f"unknown suffix: {code} {name}")
        suffix, kind, en_suffix = match
        stem = name[: -len(suffix)]
        eth = []
        if kind.startswith("autonomous"):
            stem, eth = strip_ethnic(stem, nations)
            if not stem:
                stem, eth = eth[0].removesuffix("族"), eth[1:]
    if kind == "city" and code[4:6] != "00":
        kind = "county_city"
    short_en = ADCODE_EN.get(code) or pinyin_of(stem)
    eth_en = " and ".join(ETHNIC_EN[e] for e in eth)
    name_en = " ".join(p for p in (short_en, eth_en, en_suffix) if p)
    if kind == "islands":
        name_en = short_en = {"西沙群岛": "Xisha Islands", "南沙群岛": "Nansha Islands"}.get(stem, "Zhongsha Islands")
    if len(stem) >= 2:
        return kind, stem, name_en, short_en
    # One-character stems (歙县, 芒市): the bare syllable is no name; use the whole.
    whole = short_en + pinyin_of(name[len(stem) :]).lower()
    return kind, name, name_en if en_suffix else whole, whole


def level_of(code: str, kind: str) -> str:
    """Map adcode position and kind to the four coarse levels the matcher uses."""
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "district" if kind == "district" else "county"


def parent_of(code: str, codes: set[str]) -> str:
    """Nearest existing ancestor; municipalities' 市辖区 and 省直辖 rows are skipped."""
    city = code[:4] + "00"
    if code[4:] != "00" and city in codes:
        return f"place:{city}"
    return f"place:{code[:2]}0000"


def read_rows(path: Path) -> list[dict[str, str]]:
    """adcodes.csv rows that are real places (no 市辖区/县/省直辖 placeholders)."""
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["name"] not in SKIP_NAMES]
    for r in rows:
        r["code"] = r["adcode"][:6]
    return sorted(rows, key=lambda r: r["code"])


def build_places(rows: list[dict[str, str]], nations: list[str]) -> list[dict[str, str]]:
    """One output record per adcode row, plus hand-added places."""
    codes = {r["code"] for r in rows}
    by_code = {r["code"]: r for r in rows}
    out = []
    for r in rows:
        code, name = r["code"], r["name"]
        if code[2:] == "0000":
            short, en, kind = PROVINCE_EN[code]
            rec = {"short_zh": short, "name_en": en, "short_en": en, "kind": kind, "parent": ""}
        else:
            kind, short, name_en, short_en = classify(code, name, nations)
            rec = {"short_zh": short, "name_en": name_en, "short_en": short_en, "kind": kind}
            rec["parent"] = parent_of(code, codes)
        lon, lat, note = r["longitude"], r["latitude"], ABOLISHED.get(code, "")
        if not lon:
            if code in MISSING_COORDS:
                lon, lat = MISSING_COORDS[code]
                note = note or "coordinates added by hand (missing in cpca)"
            else:
                parent = by_code[rec["parent"].removeprefix("place:")]
                lon, lat = parent["longitude"], parent["latitude"]
                note = (note + "; " if note else "") + "coordinates of parent"
        rec.update(id=f"place:{code}", name_zh=name, level=level_of(code, rec["kind"]), lon=lon, lat=lat, note=note)
        out.append(rec)
    for extra in EXTRA_PLACES:
        out.append(dict(zip(PLACE_COLUMNS, extra, strict=True)))
    return out


def english_variants(name: str) -> set[str]:
    """Spellings news uses for one English name: with/without apostrophe, hyphen, ü as u/v."""
    forms = {name}
    if "'" in name:
        forms |= {name.replace("'", ""), name.replace("'", "-")}
    if "ü" in name:
        forms |= {f.replace("ü", "u") for f in forms} | {f.replace("ü", "v") for f in forms}
    return forms


@functools.cache
def converter(config: str) -> Any:
    """One OpenCC converter per config: building one costs tens of milliseconds."""
    import opencc

    return opencc.OpenCC(config)


def trad_forms(text: str) -> set[str]:
    """Traditional forms of a Simplified name that convert back to it with t2s."""
    forms = {converter(c).convert(text) for c in ("s2t", "s2tw", "s2hk")}
    return {f for f in forms if f != text and converter("t2s").convert(f) == text}


EN_SUFFIX_ALIASES = {"city": ["City"], "county_city": ["City"], "province": ["Province"], "municipality": ["City", "Municipality"]}


def place_alias_rows(p: dict[str, str]) -> list[tuple[str, str, str]]:
    """(alias, lang, form) for one place, before ambiguity is computed."""
    rows = [(p["name_zh"], "zh-Hans", "full")]
    if p["short_zh"] != p["name_zh"]:
        rows.append((p["short_zh"], "zh-Hans", "short"))
    for zh in {p["name_zh"], p["short_zh"]}:
        rows += [(t, "zh-Hant", "trad") for t in sorted(trad_forms(zh))]
    ens = {p["name_en"], p["short_en"]}
    ens |= {f"{p['short_en']} {s}" for s in EN_SUFFIX_ALIASES.get(p["kind"], [])}
    for en in sorted(ens):
        rows += [(v, "en", "en") for v in sorted(english_variants(en))]
    rows += [(a, lang, "extra") for a, lang in PROVINCE_EXTRA_ALIASES.get(p["id"], [])]
    return rows


def build_aliases(places: list[dict[str, str]]) -> list[dict[str, str]]:
    """All aliases, with `ambiguous` set wherever one string names several places.

    `prefer` marks, for an ambiguous alias, the one target of strictly highest
    level (吉林 → the province), a default the matcher may take without context.
    """
    level = {p["id"]: p["level"] for p in places}
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for p in places:
        for alias, lang, form in place_alias_rows(p):
            seen.setdefault((alias, p["id"]), (lang, form))
    for alias, pid, lang, flag in EXONYMS:
        seen[(alias, pid)] = (lang, "exonym:" + flag)
    targets: dict[str, set[str]] = defaultdict(set)
    for alias, pid in seen:
        targets[alias].add(pid)
    out = []
    for (alias, pid), (lang, form) in sorted(seen.items()):
        flag = ""
        if form.startswith("exonym:"):
            form, flag = "exonym", form.split(":", 1)[1]
        if level[pid] == "subdistrict" and form != "full":
            flag = "needs_context"
        prefer = ""
        if len(targets[alias]) > 1:
            flag = "ambiguous"
            ranks = sorted(LEVEL_RANK[level[t]] for t in targets[alias])
            if ranks[0] < ranks[1] and LEVEL_RANK[level[pid]] == ranks[0]:
                prefer = "1"
        elif alias in COMMON_WORD_SHORTS:
            flag = "needs_context"
        out.append({"alias": alias, "place": pid, "lang": lang, "form": form, "flag": flag, "prefer": prefer})
    return out


def write_tsv(path: Path, columns: list[str], rows: list[dict[str, str]], header: str) -> None:
    """TSV with a leading comment line (source and licence) and a header row."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {header}\n")
        fh.write("\t".join(columns) + "\n")
        for r in rows:
            fh.write("\t".join(str(r.get(c, "")) for c in columns) + "\n")


def main(argv: list[str] | None = None) -> None:
    """Read cpca's adcodes.csv, write places.tsv and place_aliases.tsv."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args(argv)
    adcodes, cpca_version = cpca_adcodes()
    places = build_places(read_rows(adcodes), ethnic_names(adcodes))
    aliases = build_aliases(places)
    src = f"generated by scripts/build_places.py from cpca {cpca_version} resources/adcodes.csv (MIT); do not edit by hand"
    write_tsv(args.out / "places.tsv", PLACE_COLUMNS, places, src)
    write_tsv(args.out / "place_aliases.tsv", ALIAS_COLUMNS, aliases, src)
    print(f"{len(places)} places, {len(aliases)} aliases (cpca {cpca_version})")


if __name__ == "__main__":
    main()
