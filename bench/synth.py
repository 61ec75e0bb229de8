"""Deterministic generator of synthetic laser-industry news pages for the ingest benchmark.

Why synthetic: the ingest benchmark needs 100k distinct pages with the language, format and
furniture mix of the real crawl, and the real benchmark sets hold a few hundred pages whose
text may not be copied into the project. Every word here comes from the vocabulary and
sentence templates below, filled with random choices, so no two pages are alike (the store
deduplicates by content hash, so a repeated page would be ingested once and flatter the
numbers).

Mix (per page, drawn from its own RNG): ~40% English, ~40% Simplified Chinese, ~12%
Traditional Chinese (Simplified text converted with OpenCC ``s2twp``, so Taiwan usage such as
雷射 appears), ~8% mixed Chinese/English; ~60% HTML pages with full site furniture, ~40% text
captures. Some Chinese pages are stored as GBK/GB18030 or Big5, and a few declare gb2312 while
being UTF-8, as real pages do.

Determinism: page ``i`` of seed ``s`` comes from its own ``random.Random("s:i:0")``, so any page
can be regenerated alone, the first 10k pages of a 100k set are the 10k set, and the output is
the same whatever ``--jobs`` is. Every page's bytes are checked unique (SHA-256); a repeat would
be redrawn with the next attempt number and counted in the summary.

Speed: ~2,700-2,900 pages/s per core in memory. Writing files costs more than generating them
on this VM's ext4 (0.5-0.8 ms of kernel time per small file), so write to tmpfs
(``/dev/shm``), as ``bench/ingest.py`` does, and use both cores (``--jobs``, default: all).

Usage::

    .venv/bin/python bench/synth.py --n 100000 --seed 1 --out /dev/shm/pages     # folder of files
    .venv/bin/python bench/synth.py --n 1000 --jsonl - | lasermap ingest -      # stream as JSON Lines
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

#: Files per subfolder: big flat folders are slow to list and unlike any crawl layout.
FOLDER_SIZE = 1000
LANG_WEIGHTS = {"en": 40, "zh-hans": 40, "zh-hant": 12, "mixed": 8}
HTML_SHARE = 0.6
#: Body text size bounds in UTF-8 bytes; the target is drawn below the cap so that the
#: last sentence's overshoot keeps the body within 0.8-5 KB.
BODY_MIN, BODY_TARGET_MAX = 800, 4800

# ---------------------------------------------------------------- vocabulary (zh, en)

CITIES = (
    ("武汉", "Wuhan", "鄂"), ("深圳", "Shenzhen", "粤"), ("济南", "Jinan", "鲁"), ("苏州", "Suzhou", "苏"),
    ("温州", "Wenzhou", "浙"), ("东莞", "Dongguan", "粤"), ("佛山", "Foshan", "粤"), ("无锡", "Wuxi", "苏"),
    ("上海", "Shanghai", "沪"), ("北京", "Beijing", "京"), ("广州", "Guangzhou", "粤"), ("南京", "Nanjing", "苏"),
    ("宁波", "Ningbo", "浙"), ("西安", "Xi'an", "陕"), ("长春", "Changchun", "吉"), ("合肥", "Hefei", "皖"),
    ("成都", "Chengdu", "川"), ("天津", "Tianjin", "津"), ("青岛", "Qingdao", "鲁"), ("厦门", "Xiamen", "闽"),
    ("杭州", "Hangzhou", "浙"), ("常州", "Changzhou", "苏"), ("长沙", "Changsha", "湘"), ("重庆", "Chongqing", "渝"),
)  # fmt: skip
PARKS = (
    ("{c}高新区", "{c} Hi-Tech Zone"), ("{c}经济技术开发区", "{c} Economic and Technological Development Zone"),
    ("{c}激光产业园", "{c} Laser Industrial Park"), ("{c}智能制造产业园", "{c} Intelligent Manufacturing Park"),
    ("{c}光电子产业基地", "{c} Optoelectronics Industry Base"), ("{c}临港新城", "{c} Lingang New Town"),
)  # fmt: skip
NAME_PARTS = (
    ("华瑞", "Huarui"), ("锐光", "Ruiguang"), ("创科", "Chuangke"), ("恒泰", "Hengtai"), ("鑫源", "Xinyuan"),
    ("金拓", "Jintuo"), ("宏达", "Hongda"), ("中科", "Zhongke"), ("海川", "Haichuan"), ("联创", "Lianchuang"),
    ("天瑞", "Tianrui"), ("博锐", "Borui"), ("科诺", "Kenuo"), ("光越", "Guangyue"), ("明德", "Mingde"),
    ("远航", "Yuanhang"), ("卓越", "Zhuoyue"), ("正源", "Zhengyuan"), ("德力", "Deli"), ("凯普", "Kaipu"),
    ("星辰", "Xingchen"), ("华光", "Huaguang"), ("精工", "Jinggong"), ("嘉泰", "Jiatai"), ("长风", "Changfeng"),
    ("睿达", "Ruida"), ("领航", "Linghang"), ("铭镭", "Minglei"), ("光韵", "Guangyun"), ("新锐", "Xinrui"),
    ("泰德", "Taide"), ("弘毅", "Hongyi"), ("迅镭", "Xunlei"), ("奥创", "Aochuang"), ("英诺", "Yingnuo"),
    ("帝光", "Diguang"), ("启明", "Qiming"), ("九州", "Jiuzhou"), ("同创", "Tongchuang"), ("蓝海", "Lanhai"),
)  # fmt: skip
NAME_SUFFIXES = (
    ("激光", "Laser"), ("光电", "Optoelectronics"), ("光子", "Photonics"), ("激光科技", "Laser Technology"),
    ("智能装备", "Intelligent Equipment"), ("激光设备", "Laser Equipment"), ("光纤科技", "Fiber Technology"),
)  # fmt: skip
MAJORS = (
    ("大族激光", "Han's Laser"), ("锐科激光", "Raycus"), ("华工科技", "HGTECH"), ("创鑫激光", "Maxphotonics"),
    ("通快", "TRUMPF"), ("IPG光电", "IPG Photonics"), ("相干", "Coherent"), ("百超", "Bystronic"),
    ("杰普特", "JPT"), ("帝尔激光", "DR Laser"),
)  # fmt: skip
PRODUCTS = (
    ("光纤激光器", "fiber lasers"), ("超快激光器", "ultrafast lasers"), ("紫外激光器", "ultraviolet lasers"),
    ("半导体激光器", "diode lasers"), ("万瓦级光纤激光器", "10-kW-class fiber lasers"),
    ("激光切割机", "laser cutting machines"), ("激光焊接机", "laser welding systems"),
    ("激光清洗设备", "laser cleaning equipment"), ("激光打标机", "laser marking machines"),
    ("激光熔覆设备", "laser cladding equipment"), ("金属3D打印设备", "metal 3D printers"),
    ("皮秒激光器", "picosecond lasers"), ("飞秒激光器", "femtosecond lasers"), ("激光雷达", "lidar units"),
    ("光学元器件", "optical components"), ("激光切管机", "laser tube cutters"), ("泵浦源", "pump diodes"),
)  # fmt: skip
HP_PRODUCTS = (
    ("光纤激光器", "fiber laser"),
    ("激光切割机", "laser cutter"),
    ("激光焊接系统", "welding laser"),
)
PROCESSES = (
    ("激光切割", "laser cutting"), ("激光焊接", "laser welding"), ("激光清洗", "laser cleaning"),
    ("激光打标", "laser marking"), ("激光熔覆", "laser cladding"), ("增材制造", "additive manufacturing"),
    ("精密微加工", "precision micromachining"), ("激光钻孔", "laser drilling"),
)  # fmt: skip
APPS = (
    ("新能源汽车", "new energy vehicles"), ("动力电池", "power batteries"), ("光伏", "photovoltaics"),
    ("消费电子", "consumer electronics"), ("钣金加工", "sheet metal fabrication"), ("船舶制造", "shipbuilding"),
    ("工程机械", "construction machinery"), ("半导体", "semiconductors"), ("医疗器械", "medical devices"),
    ("航空航天", "aerospace"), ("轨道交通", "rail transit"), ("储能", "energy storage"),
)  # fmt: skip
ORGS = (
    ("工信部", "the Ministry of Industry and Information Technology"), ("科技部", "the Ministry of Science and Technology"),
    ("国家发改委", "the National Development and Reform Commission"), ("中国光学学会", "the Chinese Optical Society"),
    ("中国科学院", "the Chinese Academy of Sciences"), ("华中科技大学", "Huazhong University of Science and Technology"),
    ("{c}市政府", "the {c} municipal government"), ("{c}市激光行业协会", "the {c} Laser Industry Association"),
    ("{c}市科技局", "the {c} science and technology bureau"),
)  # fmt: skip
SURNAMES = (
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("赵", "Zhao"),
    ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"), ("胡", "Hu"), ("朱", "Zhu"),
    ("高", "Gao"), ("林", "Lin"), ("何", "He"), ("郭", "Guo"), ("马", "Ma"), ("罗", "Luo"),
)  # fmt: skip
GIVEN = (
    ("海峰", "Haifeng"), ("志强", "Zhiqiang"), ("晓明", "Xiaoming"), ("立新", "Lixin"), ("建国", "Jianguo"),
    ("文华", "Wenhua"), ("亚平", "Yaping"), ("红梅", "Hongmei"), ("国庆", "Guoqing"), ("永刚", "Yonggang"),
    ("丽娟", "Lijuan"), ("振宇", "Zhenyu"), ("思远", "Siyuan"), ("德明", "Deming"), ("春华", "Chunhua"),
    ("雪峰", "Xuefeng"), ("伟", "Wei"), ("敏", "Min"), ("磊", "Lei"), ("静", "Jing"),
)  # fmt: skip
ROLES = (
    ("董事长", "chairman"), ("总经理", "general manager"), ("副总裁", "vice president"), ("技术总监", "chief technology officer"),
    ("销售总监", "sales director"), ("首席科学家", "chief scientist"), ("研发中心主任", "head of research"),
)  # fmt: skip
SITES = (
    ("中国激光资讯网", "China Laser News", "laser-news.cn"), ("激光制造在线", "Laser Manufacturing Online", "lasermfg.cn"),
    ("光电产业网", "Optoelectronics Industry Net", "oe-industry.cn"), ("光谷资讯", "Optics Valley Daily", "ovdaily.cn"),
    ("激光行业观察", "Laser Industry Watch", "laserwatch.cn"), ("先进制造报", "Advanced Manufacturing Post", "amp-news.com"),
    ("光子产业周刊", "Photonics Weekly Asia", "photonicsweekly-asia.com"), ("智造前沿", "Smart Manufacturing Frontier", "smfrontier.com"),
)  # fmt: skip

ZH_SENTENCES = (
    "{co}位于{park}的{prod}生产基地项目总投资{money}，占地约{area}，预计{year}年建成投产。",
    "{year}年，{city}激光产业规模突破{money}，集聚相关企业{firms}。",
    "{co}{role}{person}表示，公司将继续加大在{app}领域的研发投入。",
    "据统计，{co}上半年实现营业收入{money}，同比增长{pct}%。",
    "报告期内，公司{prod}出货量达到{units}，其中{app}领域占比约{pct}%。",
    "目前，国产{prod}在国内市场的占有率已超过{pct}%。",
    "该项目达产后，预计年产值可达{money}，新增就业岗位约{jobs}个。",
    "{org}相关负责人介绍，{city}将围绕{proc}、{proc2}等方向打造千亿级光电子信息产业集群。",
    "近年来，{app}行业对{proc}的需求快速增长，带动了{prod}市场规模持续扩大。",
    "{co}推出的{power}{hp}已在{app}客户处实现批量应用。",
    "记者在现场看到，{co}的{n}条{proc}生产线正在满负荷运转。",
    "受价格竞争影响，{prod}平均售价较去年下降约{pct}%，行业利润空间进一步收窄。",
    "{city}市出台专项政策，对新引进的激光企业最高给予{money}的资金支持。",
    "截至{year}年底，{park}已累计引进激光及光电企业{firms}。",
    "{co}与{co2}签署战略合作协议，双方将在{app}领域开展深度合作。",
    "业内人士认为，{app}和{app2}将成为未来几年{proc}最重要的增长点。",
    "{co}的{prod}产品已出口到{n}个国家和地区。",
    "本届展会吸引了{firms}展商参展，展览面积达{n}万平方米。",
    "{person}指出，核心器件的国产化是降低{prod}成本的关键。",
    "公司研发人员占比超过{pct}%，累计获得授权专利{jobs}项。",
    "在{app}领域，{proc}正在逐步替代传统加工工艺。",
    "{year}年{month}月，{co}在{city2}设立了研发中心，首期投入{money}。",
    "据{org}数据，{year}年我国激光设备市场销售收入约{money}。",
    "{co}计划通过定向增发募集资金{money}，用于{prod}扩产项目。",
    "第{quarter}季度，公司净利润为{money}，同比下降{pct}%。",
    "据介绍，新产线投产后{prod}的年产能将提升至{units}。",
    "{city}与{city2}两地的激光企业在{app}供应链上形成了较强的互补。",
    "{co}{role}{person}在接受采访时说：“我们的目标是在{year}年进入全球前{n}。”",
    "{org}发布的报告显示，{proc}设备在{app}行业的渗透率已达到{pct}%。",
    "与会专家围绕{prod}、{prod2}及其在{app}中的应用进行了深入交流。",
    "该园区目前已形成从{prod}到{prod2}的完整产业链，年产值超过{money}。",
    "值得注意的是，{co}海外收入同比增长{pct}%，达到{money}。",
    "{person}介绍，{power}{hp}的切割效率比上一代产品提高了{pct}%。",
    "{org}组织调研组赴{city}，实地考察了{co}等{firms}企业。",
)
EN_SENTENCES = (
    "{co} will invest {money} in a {prod} plant in the {park}, on a site of about {area}, with production due to start in {year}.",
    "In {year} the laser industry in {city} passed {money} in output, with {firms} companies in the cluster.",
    "{person}, {role} of {co}, said the company would keep raising research spending on {app}.",
    "{co} reported first-half revenue of {money}, up {pct}% from a year earlier.",
    "Shipments of {prod} reached {units} in the period, with {app} accounting for about {pct}% of the total.",
    "Domestic makers now hold more than {pct}% of the Chinese market for {prod}.",
    "Once at full capacity, the project is expected to generate annual output of {money} and about {jobs} jobs.",
    "An official from {org} said {city} would build an optoelectronics cluster around {proc} and {proc2}.",
    "Demand for {proc} from {app} makers has grown quickly, lifting the market for {prod}.",
    "The {power} {hp} launched by {co} is already in volume use at {app} customers.",
    "At the plant, {n} {proc} lines at {co} were running at full load.",
    "Price competition pushed the average selling price of {prod} down by about {pct}% from last year.",
    "{city} has announced subsidies of up to {money} for laser companies that move to the city.",
    "By the end of {year}, the {park} had attracted {firms} laser and photonics companies.",
    "{co} signed a strategic cooperation agreement with {co2} covering {app}.",
    "Analysts expect {app} and {app2} to be the main growth markets for {proc} over the next few years.",
    "{co} now exports its {prod} to {n} countries and regions.",
    "The fair drew {firms} exhibitors and covered {n}0,000 square meters.",
    "{person} said localising core components was the key to cutting the cost of {prod}.",
    "Engineers make up more than {pct}% of the workforce, and the company holds {jobs} granted patents.",
    "In {app}, {proc} is steadily replacing conventional processes.",
    "In {monthname} {year}, {co} opened a research center in {city2} with an initial budget of {money}.",
    "According to {org}, sales of laser equipment in China came to about {money} in {year}.",
    "{co} plans to raise {money} through a private placement to expand capacity for {prod}.",
    "Net profit in the {ordinal} quarter was {money}, down {pct}% year on year.",
    "The new line will raise annual capacity for {prod} to {units}, the company said.",
    "Laser makers in {city} and {city2} have built complementary supply chains for {app}.",
    '"Our goal is to be among the top {n} in the world by {year}," {person} of {co} said in an interview.',
    "A report from {org} puts the penetration of {proc} equipment in {app} at {pct}%.",
    "Experts at the meeting discussed {prod}, {prod2} and their use in {app}.",
    "The park now covers the whole chain from {prod} to {prod2}, with annual output above {money}.",
    "Overseas revenue at {co} rose {pct}% to {money}.",
    "{person} said the {power} {hp} cuts {pct}% faster than the previous generation.",
    "A delegation from {org} visited {city} and toured {co} and {firms} other companies.",
)
ZH_OPENERS = (
    "",
    "",
    "",
    "",
    "据了解，",
    "记者获悉，",
    "此外，",
    "与此同时，",
    "另据悉，",
    "值得一提的是，",
    "数据显示，",
    "据悉，",
)
EN_OPENERS = (
    "",
    "",
    "",
    "",
    "Meanwhile, ",
    "In addition, ",
    "According to people familiar with the matter, ",
    "Separately, ",
)
ZH_TITLES = (
    "{co}{park}{prod}项目开工 总投资{money}",
    "{city}激光产业规模突破{money} 集聚企业{firms}",
    "{co}上半年营收{money} 同比增长{pct}%",
    "{power}{hp}发布：{co}再创国产功率新纪录",
    "{city}出台激光产业扶持政策 最高奖励{money}",
    "{co}与{co2}签署战略合作协议",
    "{year}{city}国际激光博览会开幕 {firms}企业参展",
    "{proc}在{app}领域加速渗透",
    "{co}{prod}出货量突破{units}",
    "{org}调研{city}激光产业发展情况",
    "{co}拟募资{money}扩产{prod}",
)
EN_TITLES = (
    "{co} breaks ground on {money} {prod} project in {city}",
    "{city} laser industry tops {money} as cluster reaches {firms} firms",
    "{co} first-half revenue rises {pct}%",
    "{co} unveils {power} {hp}",
    "{city} offers up to {money} to attract laser makers",
    "{co} and {co2} sign strategic cooperation deal",
    "{year} {city} laser fair opens with {firms} exhibitors",
    "{proc} gains ground in {app}",
    "{co} shipments of {prod} pass {units}",
    "{co} to raise {money} for {prod} expansion",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip

# ---------------------------------------------------------------- slot filling

Gen = Callable[[random.Random], str]


def _zh_money(r: random.Random) -> str:
    k = r.random()
    if k < 0.4:
        return f"{r.randint(1, 99)}.{r.randint(1, 9)}亿元"
    return f"{r.randint(2, 300)}亿元" if k < 0.7 else f"{r.randint(300, 9900)}万元"


def _en_money(r: random.Random) -> str:
    k = r.random()
    if k < 0.4:
        return f"{r.randint(1, 99)}.{r.randint(1, 9)} billion yuan"
    return f"{r.randint(2, 300)} billion yuan" if k < 0.7 else f"{r.randint(30, 990)} million yuan"


def pick(r: random.Random, seq: tuple[str, ...] | tuple[tuple[str, ...], ...]):  # type: ignore[no-untyped-def]
    """``r.choice`` at half the cost (no rejection sampling): the hot path draws ~300 per page."""
    return seq[int(r.random() * len(seq))]


def _pair(table: tuple[tuple[str, ...], ...], i: int) -> Gen:
    column = tuple(row[i] for row in table)
    return lambda r: column[int(r.random() * len(column))]


def _person(i: int) -> Gen:
    sep = "" if i == 0 else " "
    sur, given = tuple(x[i] for x in SURNAMES), tuple(x[i] for x in GIVEN)
    return lambda r: pick(r, sur) + sep + pick(r, given)


def _power(unit: str) -> Gen:
    return lambda r: f"{r.choice((1, 1.5, 2, 3, 6, 12, 20, 30, 40, 60, 100, 120))}{unit}"


SLOT_GENS: dict[str, dict[str, Gen]] = {
    "zh": {
        "money": _zh_money, "prod": _pair(PRODUCTS, 0), "proc": _pair(PROCESSES, 0), "app": _pair(APPS, 0),
        "hp": _pair(HP_PRODUCTS, 0), "role": _pair(ROLES, 0), "person": _person(0),
        "power": _power("千瓦"), "pct": lambda r: f"{r.randint(1, 80)}.{r.randint(0, 99):02d}",
        "firms": lambda r: r.choice(("超过{}家", "近{}家", "{}余家")).format(r.randint(12, 900)),
        "units": lambda r: r.choice(("{}万台", "{}台套", "{}万套")).format(r.randint(2, 900)),
        "area": lambda r: f"{r.randint(50, 1200)}亩", "year": lambda r: str(r.randint(2016, 2027)),
        "month": lambda r: str(r.randint(1, 12)), "quarter": lambda r: r.choice("一二三四"),
        "n": lambda r: str(r.randint(3, 60)), "jobs": lambda r: str(r.randint(80, 5000)),
    },
    "en": {
        "money": _en_money, "prod": _pair(PRODUCTS, 1), "proc": _pair(PROCESSES, 1), "app": _pair(APPS, 1),
        "hp": _pair(HP_PRODUCTS, 1), "role": _pair(ROLES, 1), "person": _person(1),
        "power": _power(" kW"), "pct": lambda r: f"{r.randint(1, 80)}.{r.randint(0, 99):02d}",
        "firms": lambda r: r.choice(("more than {}", "nearly {}", "over {}")).format(r.randint(12, 900)),
        "units": lambda r: r.choice(("{},000 units", "{} sets", "{},000 sets")).format(r.randint(2, 900)),
        "area": lambda r: f"{r.randint(50, 1200)} mu", "year": lambda r: str(r.randint(2016, 2027)),
        "monthname": lambda r: r.choice(MONTHS), "ordinal": lambda r: r.choice(("first", "second", "third", "fourth")),
        "n": lambda r: str(r.randint(3, 60)), "jobs": lambda r: str(r.randint(80, 5000)),
    },
}  # fmt: skip


CITY_NAMES = {"zh": tuple(c[0] for c in CITIES), "en": tuple(c[1] for c in CITIES)}
#: English sentences whose first word may be lower-cased after an opener ("In addition, the ...").
_LOWERABLE = frozenset(
    "The In Shipments Domestic Once Demand At Price By Analysts Engineers According Net Laser A An Experts Overseas".split()
)


def company(r: random.Random, city: tuple[str, str, str] | None = None) -> tuple[str, str]:
    """A company name in (Chinese, English): mostly invented, sometimes a well-known maker."""
    k = r.random()
    if k < 0.15:
        return pick(r, MAJORS)
    (nz, ne), (sz, se) = pick(r, NAME_PARTS), pick(r, NAME_SUFFIXES)
    if k < 0.4:
        return nz + sz, f"{ne} {se}"
    cz, ce, _ = city or pick(r, CITIES)
    return cz + nz + sz, f"{ce} {ne} {se}"


class Slots(dict[str, str]):
    """Template values: the page's protagonists are preset; any other slot is drawn on first use.

    Why lazy: a sentence uses three or four of twenty possible slots, and drawing only those
    keeps generation well above 2,000 pages/s.
    """

    __slots__ = ("lang", "rng")

    def __init__(self, base: dict[str, str], lang: str, rng: random.Random):
        super().__init__(base)
        self.lang, self.rng = lang, rng

    def __missing__(self, key: str) -> str:
        r, stem, i = self.rng, key.rstrip("0123456789"), 0 if self.lang == "zh" else 1
        if stem == "co":
            value = company(r)[i]
        elif stem == "city":
            value = pick(r, CITY_NAMES[self.lang])
        elif stem in ("org", "park"):
            value = pick(r, ORGS if stem == "org" else PARKS)[i].replace("{c}", self["city"])
        else:
            value = SLOT_GENS[self.lang][stem](r)
        self[key] = value
        return value


@dataclass(slots=True)
class Story:
    """One page's protagonists in both languages, so a mixed page talks about one company."""

    rng: random.Random
    base: dict[str, dict[str, str]]

    @classmethod
    def draw(cls, r: random.Random) -> Story:
        city = r.choice(CITIES)
        co = company(r, city)
        park = ("光谷", "Optics Valley") if city[1] == "Wuhan" and r.random() < 0.4 else r.choice(PARKS)
        zh = {"city": city[0], "co": co[0], "park": park[0].replace("{c}", city[0])}
        en = {"city": city[1], "co": co[1], "park": park[1].replace("{c}", city[1])}
        return cls(r, {"zh": zh, "en": en})

    def fill(self, lang: str, template: str, fresh: bool = False) -> str:
        """Fill a template; ``fresh`` ignores the protagonists (for other stories' headlines)."""
        return template.format_map(Slots({} if fresh else self.base[lang], lang, self.rng))

    def sentence(self, lang: str) -> str:
        r = self.rng
        if lang == "zh":
            return pick(r, ZH_OPENERS) + self.fill("zh", pick(r, ZH_SENTENCES))
        text, opener = self.fill("en", pick(r, EN_SENTENCES)), pick(r, EN_OPENERS)
        first = text.split(" ", 1)[0]
        if opener and first in _LOWERABLE:
            return opener + text[0].lower() + text[1:]
        return text

    def title(self, lang: str, fresh: bool = False) -> str:
        return self.fill(lang, pick(self.rng, ZH_TITLES if lang == "zh" else EN_TITLES), fresh)

    def body(self, lang_of: Callable[[int], str]) -> list[tuple[str, str]]:
        """3-15 paragraphs, (language, text), sized so the body is 0.8-5 KB of UTF-8 text."""
        r = self.rng
        n_paras, target = r.randint(3, 15), r.randint(BODY_MIN, BODY_TARGET_MAX)
        paras: list[tuple[str, str]] = []
        total = 0
        for k in range(n_paras):
            lang = lang_of(k)
            want = (target - total) / (n_paras - k)
            parts: list[str] = []
            size = 0
            while not parts or size < want:
                s = self.sentence(lang)
                parts.append(s)
                size += len(s.encode("utf-8")) + (lang == "en")
            paras.append((lang, ("" if lang == "zh" else " ").join(parts)))
            total += size
        return paras


# ---------------------------------------------------------------- page furniture

FURNITURE: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "nav": ("首页", "新闻中心", "行业资讯", "企业动态", "技术前沿", "展会活动", "市场分析", "人物访谈", "视频", "专题", "招聘", "联系我们"),
        "crumbs": ("新闻中心", "行业资讯", "企业动态", "激光切割", "激光焊接", "政策法规", "市场分析"),
        "home": ("首页",), "crumb_heads": ("当前位置：", "您现在的位置：", "位置：", ""), "seps": (" > ", " >> ", " » ", " / "),
        "date_labels": ("发布时间：", "发布日期：", "时间：", "更新时间：", ""), "source": ("来源：",),
        "authors": ("作者：", "编辑：", "责任编辑：", "记者 "), "views": ("浏览次数：{}", "阅读：{}", "点击：{}次", "人气：{}", "阅读量：{}"),
        "share": ("分享到：", "微信", "微博", "QQ空间", "复制链接"), "hot": ("热门资讯", "热点排行", "推荐阅读", "24小时热文"),
        "related": ("相关阅读", "相关新闻", "延伸阅读"), "comments": ("评论（{}）", "网友评论 {} 条", "我要评论（{}）"),
        "prev": ("上一篇：",), "next": ("下一篇：",), "tags": ("标签：", "关键词："),
        "footer_links": ("关于我们", "联系我们", "广告服务", "网站地图", "免责声明", "友情链接", "投稿指南"),
        "rights": ("Copyright © {y0}-{y} {site} 版权所有", "版权所有 © {y0}-{y} {site}", "{site} 版权所有 未经授权禁止复制"),
        "disclaimers": (
            "免责声明：本文来源于网络，仅供读者参考，版权归原作者所有，如有侵权请联系删除。",
            "声明：本网转载此文出于传递更多信息之目的，并不意味着赞同其观点或证实其描述。",
            "免责声明：本站所发布的文章内容仅代表作者观点，与本站立场无关。",
        ),
        "reprint": ("转载请注明出处：{site}", "（本文为{site}原创，转载请注明来源）", "本文链接：{url}"),
        "login": ("登录", "注册", "投稿", "订阅"), "search": ("搜索",), "welcome": ("欢迎访问{site}！", "您好，欢迎来到{site}"),
        "dates": ("{y}-{m:02d}-{d:02d} {H:02d}:{M:02d}", "{y}-{m:02d}-{d:02d}", "{y}年{m}月{d}日 {H:02d}:{M:02d}",
                  "{y}/{m:02d}/{d:02d} {H:02d}:{M:02d}:{S:02d}"),
        "title_fmt": ("{t}_{site}", "{t}-{site}", "{t}_行业资讯_{site}"), "comment_box": ("发表评论", "网友评论"),
    },
    "en": {
        "nav": ("Home", "News", "Markets", "Technology", "Companies", "Events", "Interviews", "Video", "Jobs", "Contact"),
        "crumbs": ("News", "Industry news", "Markets", "Technology", "Companies", "Events", "Policy"),
        "home": ("Home",), "crumb_heads": ("You are here: ", ""), "seps": (" > ", " › ", " / ", " » "),
        "date_labels": ("Time:", "Published: ", "Posted on ", "Date: ", ""), "source": ("Source: ",),
        "authors": ("By ", "Author: ", "Editor: "), "views": ("Read volume:{}", "Views: {}", "{} views", "Hits: {}"),
        "share": ("Share:", "Facebook", "Twitter", "LinkedIn", "Email"), "hot": ("Most read", "Popular", "Trending now"),
        "related": ("Related articles", "Related news", "You may also like"), "comments": ("Comments ({})", "{} comments", "Leave a comment ({})"),
        "prev": ("Previous: ",), "next": ("Next: ",), "tags": ("Tags: ",),
        "footer_links": ("About us", "Contact", "Advertise", "Privacy policy", "Terms of use", "Sitemap"),
        "rights": ("Copyright © {y0}-{y} {site}. All rights reserved.", "© {y} {site}", "Copyright {y} {site}"),
        "disclaimers": (
            "Disclaimer: This article is reprinted for information only and does not represent the views of this site.",
            "Disclaimer: Content is provided for reference only; contact us for removal if it infringes your rights.",
        ),
        "reprint": ("Please credit {site} when reprinting.", "Permalink: {url}", "Reprints must credit {site}."),
        "login": ("Sign in", "Register", "Newsletter", "Subscribe"), "search": ("Search",), "welcome": ("Welcome to {site}",),
        "dates": ("{y}-{m:02d}-{d:02d}", "{mon} {d}, {y}", "{d} {mon} {y}", "{mon} {d}, {y} {H:02d}:{M:02d}"),
        "title_fmt": ("{t} - {site}", "{t} | {site}", "{t}"), "comment_box": ("Leave a reply", "Comments"),
    },
}  # fmt: skip
#: Body containers as different CMSs name them: (div class, id).
BODY_BOXES = (("content", "article-body"), ("article-content", "content"), ("TRS_Editor", "zoom"),
              ("news_con", "newsContent"), ("entry-content", "post-body"), ("detail-text", "text"))  # fmt: skip
_CHARSET = "\x00charset\x00"


@dataclass(slots=True)
class Spec:
    """Everything a page shows, decided before it is laid out as HTML or as a text capture."""

    lang: str
    flang: str
    title: str
    paras: list[tuple[str, str]]
    date: tuple[int, int, int, int, int, int]
    site: tuple[str, str, str]
    icp: str | None
    url: str
    author: str | None
    tags: list[str]
    views: int

    def date_str(self, r: random.Random) -> str:
        y, m, d, hh, mm, ss = self.date
        fmt = r.choice(FURNITURE[self.flang]["dates"])
        return fmt.format(y=y, m=m, d=d, H=hh, M=mm, S=ss, mon=MONTHS[m - 1])

    @property
    def site_name(self) -> str:
        return self.site[0 if self.flang == "zh" else 1]


def _f(r: random.Random, flang: str, key: str) -> str:
    return r.choice(FURNITURE[flang][key])


def draw_spec(story: Story, lang: str, index: int) -> Spec:
    """Decide language, body, date, site and the other facts a page shows."""
    r = story.rng
    flang = "en" if lang == "en" or (lang == "mixed" and r.random() < 0.4) else "zh"
    if lang == "mixed":
        paras = story.body(lambda k: "zh" if k == 0 else "en" if k == 1 else r.choice(("zh", "en")))
    else:
        paras = story.body(lambda k: "en" if lang == "en" else "zh")
    date = (
        r.randint(2016, 2025),
        r.randint(1, 12),
        r.randint(1, 28),
        r.randint(0, 23),
        r.randint(0, 59),
        r.randint(0, 59),
    )
    site = r.choice(SITES)
    city = next(c for c in CITIES if c[0 if flang == "zh" else 1] == story.base[flang]["city"])
    icp = (
        None
        if lang == "zh-hant" or r.random() < 0.3
        else f"{city[2]}ICP备{r.randint(10**7, 10**8 - 1)}号-{r.randint(1, 9)}"
    )
    url = f"https://www.{site[2]}/news/{date[0]}{date[1]:02d}/{r.randint(10, 99)}{index:07d}.html"
    author = None if r.random() < 0.35 else SLOT_GENS[flang]["person"](r)
    tags = [story.base[flang]["co"], story.base[flang]["city"], SLOT_GENS[flang]["prod"](r)]
    return Spec(
        lang, flang, story.title(flang), paras, date, site, icp, url, author, tags, r.randint(12, 99999)
    )


def _crumb(r: random.Random, s: Spec) -> str:
    sep = _f(r, s.flang, "seps")
    trail = [_f(r, s.flang, "home"), *r.sample(FURNITURE[s.flang]["crumbs"], r.randint(1, 3))]
    return _f(r, s.flang, "crumb_heads") + sep.join(trail)


def _info_items(r: random.Random, s: Spec) -> list[str]:
    """The meta line under a title: date, source, author, view count, in a site's own order."""
    items = [_f(r, s.flang, "date_labels") + s.date_str(r)]
    if r.random() < 0.7:
        items.append(_f(r, s.flang, "source") + s.site_name)
    if s.author:
        items.append(_f(r, s.flang, "authors") + s.author)
    if r.random() < 0.6:
        items.append(_f(r, s.flang, "views").format(s.views))
    return items


# ---------------------------------------------------------------- HTML layout


def _links(r: random.Random, items: list[str] | tuple[str, ...], prefix: str) -> str:
    return "".join(f'<li><a href="/{prefix}/{r.randint(100, 99999)}.html">{t}</a></li>' for t in items)


def _head(r: random.Random, s: Spec) -> str:
    """<head> with title, keywords, description, Open Graph and the usual scripts and styles."""
    title_tag = _f(r, s.flang, "title_fmt").format(t=s.title, site=s.site_name)
    desc = escape(s.paras[0][1][: r.randint(60, 120)])
    y, m, d, hh, mm, _ = s.date
    parts = [
        "<head>", _CHARSET, '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title_tag}</title>", f'<meta name="keywords" content="{escape(",".join(s.tags))}">',
        f'<meta name="description" content="{desc}">', f'<link rel="canonical" href="{s.url}">',
    ]  # fmt: skip
    if r.random() < 0.5:
        parts.append(f'<meta property="og:title" content="{escape(s.title)}">')
        parts.append(f'<meta property="og:site_name" content="{escape(s.site_name)}">')
    if r.random() < 0.4:
        parts.append(
            f'<meta property="article:published_time" content="{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00+08:00">'
        )
    if s.author and r.random() < 0.3:
        parts.append(f'<meta name="author" content="{escape(s.author)}">')
    parts += [
        f'<link rel="stylesheet" href="/static/css/style.css?v={r.randint(100, 999)}">',
        f'<script src="/static/js/jquery-{r.choice(("1.11.3", "1.12.4", "3.6.0"))}.min.js"></script>',
        "<script>var _hmt = _hmt || [];(function(){var hm = document.createElement('script');"
        f"hm.src = '/stat/hm.js?{r.getrandbits(64):016x}';var s = document.getElementsByTagName('script')[0];"
        "s.parentNode.insertBefore(hm, s);})();</script>",
        "<style>.article p{line-height:1.8;margin:0 0 1em}.sidebar li{overflow:hidden;white-space:nowrap}</style>",
        "</head>",
    ]
    return "\n".join(parts)


def _masthead(r: random.Random, s: Spec) -> str:
    """Top bar, logo, search box and the navigation menu."""
    f = FURNITURE[s.flang]
    nav = f["nav"][: r.randint(6, len(f["nav"]))]
    login = " | ".join(f'<a href="/user/{k}">{w}</a>' for k, w in enumerate(f["login"][: r.randint(2, 4)]))
    return (
        f'<div class="topbar"><div class="w1200">{_f(r, s.flang, "welcome").format(site=s.site_name)} {login}</div></div>\n'
        f'<div class="header"><a class="logo" href="/"><img src="/static/img/logo.png" alt="{escape(s.site_name)}"></a>'
        f'<form class="search" action="/search"><input name="q" type="text"><button>{f["search"][0]}</button></form></div>\n'
        f'<ul class="nav">{_links(r, nav, "list")}</ul>'
    )


def _paragraph_html(r: random.Random, text: str, style: int) -> str:
    if style == 0:
        return f"<p>{text}</p>"
    if style == 1:
        return f'<p style="text-indent:2em;">{text}</p>'
    return f"<p>\u3000\u3000{text}</p>"


def _article(r: random.Random, story: Story, s: Spec) -> str:
    """Title, meta line, share bar, body, tags, previous/next, related list and comments."""
    f, box = FURNITURE[s.flang], r.choice(BODY_BOXES)
    style = 0 if s.flang == "en" else r.randint(0, 2)
    body = [_paragraph_html(r, text, style) for _, text in s.paras]
    if r.random() < 0.3:
        body.insert(
            1,
            f'<p style="text-align:center"><img src="/uploads/{s.date[0]}/{r.getrandbits(40):x}.jpg" alt=""></p>',
        )
    if r.random() < 0.2:
        body.append("<p>&nbsp;</p>")
    info = "".join(f"<span>{x}</span>" for x in _info_items(r, s))
    share = " ".join(f'<a href="javascript:;">{w}</a>' for w in f["share"][1:])
    related = [story.title(s.flang, fresh=True) for _ in range(r.randint(3, 6))]
    tags = "".join(f'<a href="/tag/{escape(t)}">{t}</a> ' for t in s.tags)
    return "\n".join([
        f'<div class="breadcrumb">{_crumb(r, s)}</div>',
        '<div class="article">', f'<h1 class="title">{s.title}</h1>', f'<div class="info">{info}</div>',
        f'<div class="share">{f["share"][0]} {share}</div>',
        f'<div class="{box[0]}" id="{box[1]}">', *body, "</div>",
        f'<div class="tags">{_f(r, s.flang, "tags")}{tags}</div>',
        f'<div class="pages"><p>{f["prev"][0]}<a href="#">{story.title(s.flang, fresh=True)}</a></p>'
        f'<p>{f["next"][0]}<a href="#">{story.title(s.flang, fresh=True)}</a></p></div>',
        f'<div class="related"><h3>{_f(r, s.flang, "related")}</h3><ul>{_links(r, related, "news")}</ul></div>',
        f'<div class="comment"><h3>{_f(r, s.flang, "comment_box")}</h3><span>{_f(r, s.flang, "comments").format(r.randint(0, 300))}</span>'
        '<textarea name="body"></textarea><button>OK</button></div>',
        "</div>",
    ])  # fmt: skip


def _sidebar(r: random.Random, story: Story, s: Spec) -> str:
    hot = [story.title(s.flang, fresh=True) for _ in range(r.randint(5, 10))]
    return (
        f'<div class="sidebar"><div class="box"><h3>{_f(r, s.flang, "hot")}</h3><ol>{_links(r, hot, "news")}</ol></div>'
        f'<div class="box ad"><a href="/ad/{r.randint(1, 99)}"><img src="/ad/banner{r.randint(1, 9)}.jpg" alt=""></a></div></div>'
    )


def _footer(r: random.Random, s: Spec) -> str:
    f = FURNITURE[s.flang]
    links = " | ".join(f'<a href="/about/{k}">{w}</a>' for k, w in enumerate(f["footer_links"]))
    y = s.date[0] + r.randint(0, 2)
    rights = _f(r, s.flang, "rights").format(y0=r.randint(2003, 2012), y=y, site=s.site_name)
    icp = f'<p><a href="https://beian.miit.gov.cn/" target="_blank">{s.icp}</a></p>' if s.icp else ""
    return f'<div class="footer"><p>{links}</p><p>{rights}</p>{icp}</div>\n<script src="/static/js/common.js"></script>'


def html_page(story: Story, s: Spec) -> str:
    """A full page; the charset declaration is left as a placeholder until the encoding is known."""
    r = story.rng
    lang_attr = {"en": "en", "zh-hant": "zh-TW"}.get(s.lang, "en" if s.flang == "en" else "zh-CN")
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{lang_attr}">', _head(r, s), "<body>", _masthead(r, s),
        '<div class="wrap"><div class="main">', _article(r, story, s), "</div>", _sidebar(r, story, s), "</div>",
        _footer(r, s), "</body>", "</html>", "",
    ])  # fmt: skip


# ---------------------------------------------------------------- text captures


def text_page(story: Story, s: Spec) -> str:
    """A capture as saved from a browser: crumbs, title (maybe twice), meta lines, body, footer."""
    r = story.rng
    lines: list[str] = []
    if r.random() < 0.9:
        lines += [_crumb(r, s), ""]
    lines.append(s.title)
    if r.random() < 0.3:
        lines.append(_f(r, s.flang, "title_fmt").format(t=s.title, site=s.site_name))
    lines.append(("    " if s.flang == "en" else "  ").join(_info_items(r, s)))
    if r.random() < 0.3:
        lines.append(FURNITURE[s.flang]["share"][0])
    lines.append("")
    if s.flang == "zh" and r.random() < 0.3:  # full-width indented paragraphs, no blank lines
        lines += ["\u3000\u3000" + text for _, text in s.paras]
    else:
        for _, text in s.paras:
            lines += [text, ""]
    lines += _text_footer(r, story, s)
    return "\n".join(lines) + "\n"


def _text_footer(r: random.Random, story: Story, s: Spec) -> list[str]:
    f, out = FURNITURE[s.flang], [""]
    if r.random() < 0.4:
        out.append(_f(r, s.flang, "tags") + "  ".join(s.tags))
    if r.random() < 0.5:
        out.append(f["prev"][0] + story.title(s.flang, fresh=True))
        out.append(f["next"][0] + story.title(s.flang, fresh=True))
    if r.random() < 0.5:
        out.append(_f(r, s.flang, "disclaimers"))
    out.append(_f(r, s.flang, "reprint").format(site=s.site_name, url=s.url))
    if r.random() < 0.6:
        rights = _f(r, s.flang, "rights").format(y0=r.randint(2003, 2012), y=s.date[0], site=s.site_name)
        out.append(rights + (f"  {s.icp}" if s.icp else ""))
    return out


# ---------------------------------------------------------------- encoding and pages


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page: where it goes, what it is, and its bytes as a crawler saved them."""

    name: str
    kind: str
    lang: str
    encoding: str
    raw: bytes
    body_bytes: int
    attempt: int = 0  # > 0 when an earlier draw repeated another page's bytes


def _encoding(r: random.Random, lang: str, kind: str) -> tuple[str | None, str]:
    """(declared, actual): mostly UTF-8; some GBK/GB18030 or Big5; a few misdeclared as real pages are."""
    k = r.random()
    if lang == "en":
        return (None if k < 0.05 else "utf-8"), "utf-8"
    if kind == "text":
        legacy = "big5" if lang == "zh-hant" else "gb18030"
        return None, legacy if k < 0.1 else "utf-8"
    if k < 0.15:
        enc = "big5" if lang == "zh-hant" else r.choice(("gbk", "gb2312"))
        return enc, "big5" if enc == "big5" else "gbk"
    if k < 0.18 and lang != "zh-hant":
        return "gb2312", "utf-8"
    return (None if k > 0.98 else "utf-8"), "utf-8"


def _charset_meta(r: random.Random, declared: str | None) -> str:
    if declared is None:
        return ""
    if r.random() < 0.5:
        return f'<meta charset="{declared}">'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'


def _encode(r: random.Random, page: str, s: Spec, kind: str) -> tuple[bytes, str]:
    declared, actual = _encoding(r, s.lang, kind)
    if kind == "html":
        page = page.replace(_CHARSET, _charset_meta(r, declared))
        return page.encode(actual, "xmlcharrefreplace"), actual
    try:
        return page.encode(actual), actual
    except UnicodeEncodeError:  # Big5 lacks a few characters (©): such captures were saved as UTF-8
        return page.encode("utf-8"), "utf-8"


@lru_cache(maxsize=2)
def _opencc(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def _to_traditional(s: Spec) -> None:
    """Taiwan wording (雷射, 軟體) for the article; the furniture is converted with the whole page.

    One OpenCC call per page: the call overhead, not the text length, dominates its cost.
    """
    zh = [k for k, (lang, _) in enumerate(s.paras) if lang == "zh"]
    parts = _opencc("s2twp").convert("\n".join([s.title, *s.tags, *(s.paras[k][1] for k in zh)])).split("\n")
    s.title, s.tags = parts[0], parts[1 : 1 + len(s.tags)]
    for k, text in zip(zh, parts[1 + len(s.tags) :], strict=True):
        s.paras[k] = ("zh", text)


def make_page(seed: int, index: int, attempt: int = 0) -> Page:
    """Page ``index`` of ``seed``: a pure function of its arguments."""
    r = random.Random(f"{seed}:{index}:{attempt}")
    lang = r.choices(tuple(LANG_WEIGHTS), weights=tuple(LANG_WEIGHTS.values()))[0]
    kind = "html" if r.random() < HTML_SHARE else "text"
    story = Story.draw(r)
    s = draw_spec(story, lang, index)
    body_bytes = sum(len(t.encode("utf-8")) for _, t in s.paras)
    if lang == "zh-hant":
        _to_traditional(s)
    page = html_page(story, s) if kind == "html" else text_page(story, s)
    if lang == "zh-hant":
        page = _opencc("s2tw").convert(page)
    raw, enc = _encode(r, page, s, kind)
    name = f"{index // FOLDER_SIZE:04d}/{index:07d}-{lang}.{'html' if kind == 'html' else 'txt'}"
    return Page(name, kind, lang, enc, raw, body_bytes, attempt)


def iter_pages(n: int, seed: int, start: int = 0) -> Iterator[Page]:
    """Pages ``start`` .. ``start + n - 1``, each unique in its bytes (a clash is redrawn)."""
    seen: set[bytes] = set()
    for index in range(start, start + n):
        attempt = 0
        while True:
            page = make_page(seed, index, attempt)
            digest = hashlib.sha256(page.raw).digest()[:12]
            if digest not in seen:
                break
            attempt += 1
        seen.add(digest)
        yield page


# ---------------------------------------------------------------- output


@dataclass(slots=True)
class Summary:
    """What a generation run produced, printed so a benchmark can state its input exactly."""

    pages: int = 0
    seconds: float = 0.0
    mix: Counter[str] = field(default_factory=Counter)
    encodings: Counter[str] = field(default_factory=Counter)
    body_bytes: list[int] = field(default_factory=list)
    raw_bytes: int = 0
    redrawn: int = 0
    cpu: float = 0.0

    def add(self, page: Page) -> None:
        self.pages += 1
        self.mix[f"{page.lang}/{page.kind}"] += 1
        self.encodings[page.encoding] += 1
        self.body_bytes.append(page.body_bytes)
        self.raw_bytes += len(page.raw)
        self.redrawn += page.attempt > 0

    def merge(self, other: Summary) -> None:
        self.pages += other.pages
        self.mix.update(other.mix)
        self.encodings.update(other.encodings)
        self.body_bytes.extend(other.body_bytes)
        self.raw_bytes += other.raw_bytes
        self.redrawn += other.redrawn

    def lines(self) -> list[str]:
        b = self.body_bytes or [0]
        rate = self.pages / self.seconds if self.seconds else 0.0
        cpu = f", {self.cpu:.1f} CPU-s ({self.pages / self.cpu:,.0f} pages per CPU-s)" if self.cpu else ""
        return [
            f"{self.pages} pages in {self.seconds:.1f} s ({rate:,.0f} pages/s){cpu}, {self.raw_bytes / 1e6:.1f} MB",
            "mix: "
            + ", ".join(f"{k} {v} ({v / max(self.pages, 1):.1%})" for k, v in sorted(self.mix.items())),
            "encodings: " + ", ".join(f"{k} {v}" for k, v in self.encodings.most_common()),
            f"body text (UTF-8 bytes): min {min(b)}, median {statistics.median(b):.0f}, max {max(b)}",
            f"pages redrawn because their bytes repeated an earlier page: {self.redrawn}",
        ]


def write_folder(out: Path, n: int, seed: int, *, jobs: int = 1, progress: bool = True) -> Summary:
    """Write ``n`` pages as files under ``out/NNNN/`` (≤ FOLDER_SIZE files per subfolder).

    Each subfolder is one task, so ``jobs`` processes can share the work; generation is pure
    Python and creating a small file costs 0.3-0.7 ms of kernel time on this VM, so both
    cores help. Tasks are consumed in order and a page whose bytes repeat an earlier folder's
    page is redrawn, so the output does not depend on ``jobs``.
    """
    from tqdm import tqdm

    summary, seen = Summary(), set[bytes]()
    tasks = [(out, seed, lo, min(FOLDER_SIZE, n - lo)) for lo in range(0, n, FOLDER_SIZE)]
    start, cpu = time.perf_counter(), _cpu_seconds()
    with tqdm(total=n, unit="page", disable=not progress, desc="generate") as bar:
        for part, digests in _map(_write_chunk, tasks, jobs):
            for index, digest in digests:
                while digest in seen:  # same bytes as a page of an earlier folder: redraw this one
                    part.redrawn += 1
                    digest = _rewrite(out, seed, index, part.redrawn)
                seen.add(digest)
            summary.merge(part)
            bar.update(part.pages)
    summary.seconds, summary.cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    return summary


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers once it is closed)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _map(func: Callable, tasks: list, jobs: int) -> Iterator:  # type: ignore[type-arg]
    """Ordered map over ``tasks`` in ``jobs`` forked processes (in this process for one job)."""
    if jobs <= 1:
        yield from map(func, tasks)
        return
    import multiprocessing as mp

    with mp.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(func, tasks)


def _write_chunk(task: tuple[Path, int, int, int]) -> tuple[Summary, list[tuple[int, bytes]]]:
    """Generate and write pages ``lo .. lo + count - 1`` (one subfolder); return their digests."""
    out, seed, lo, count = task
    part, digests = Summary(), []
    (out / f"{lo // FOLDER_SIZE:04d}").mkdir(parents=True, exist_ok=True)
    for index, page in enumerate(iter_pages(count, seed, start=lo), lo):
        _write(out / page.name, page.raw)
        digests.append((index, hashlib.sha256(page.raw).digest()[:12]))
        part.add(page)
    return part, digests


def _rewrite(out: Path, seed: int, index: int, attempt: int) -> bytes:
    page = make_page(seed, index, 1000 + attempt)
    _write(out / page.name, page.raw)
    return hashlib.sha256(page.raw).digest()[:12]


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)  # fewer syscalls than open()
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def write_jsonl(stream: object, n: int, seed: int) -> Summary:
    """Stream pages as JSON Lines records (``html`` or ``text``), as ``lasermap ingest -`` reads them."""
    summary = Summary()
    start = time.perf_counter()
    write = stream.write  # type: ignore[attr-defined]
    for page in iter_pages(n, seed):
        rec = {page.kind: page.raw.decode(page.encoding), "source": page.name}
        write(json.dumps(rec, ensure_ascii=False) + "\n")
        summary.add(page)
    summary.seconds = time.perf_counter() - start
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=10_000, help="number of pages")
    ap.add_argument("--seed", type=int, default=1, help="same seed, same pages")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path, help="folder to write pages into (subfolders of ≤ 1,000 files)")
    group.add_argument("--jsonl", metavar="FILE", help="write JSON Lines records instead; - for stdout")
    ap.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, help="processes (folder output only)"
    )
    ap.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    args = ap.parse_args(argv)
    if args.out is not None:
        if args.out.exists() and any(args.out.iterdir()):
            ap.error(f"{args.out} is not empty: pages of another run would be mixed in")
        summary = write_folder(args.out, args.n, args.seed, jobs=args.jobs, progress=not args.quiet)
    elif args.jsonl == "-":
        summary = write_jsonl(sys.stdout, args.n, args.seed)
    else:
        with open(args.jsonl, "w", encoding="utf-8") as fh:
            summary = write_jsonl(fh, args.n, args.seed)
    for line in summary.lines():
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
