"""The invented demo district: units, leaders, project names and report wording. No database.

Every person's name here is invented; none is a real official's. Project names follow the style of
the real Hanting list (see the seed article); the few named there are used as they appear.
"""

import random

from projects.choices import Category

REGION_NAME = "寒亭区"
REGION_CODE = "hanting"
CAMPAIGN_NAME = "{year}年重点项目建设大比拼"
DEMO_PASSWORD = "demo12345"

# The district's own figures for 50 projects; larger demos scale them per project.
BASE_PROJECTS = 50
BASE_INVESTMENT = 860000  # 万元 = 8.6 billion yuan
BASE_PRODUCTION = 12

RESPONSIBLE_UNITS = [
    ("潍坊市寒亭区发展和改革局", "区发改局"),
    ("潍坊市寒亭区工业和信息化局", "区工信局"),
    ("潍坊市寒亭区住房和城乡建设局", "区住建局"),
    ("潍坊市寒亭区农业农村局", "区农业农村局"),
    ("潍坊市寒亭区商务局", "区商务局"),
    ("潍坊市寒亭区教育和体育局", "区教体局"),
    ("潍坊市寒亭区卫生健康局", "区卫健局"),
    ("潍坊市寒亭区文化和旅游局", "区文旅局"),
    ("寒亭经济开发区管委会", "经济区管委会"),
    ("寒亭区开元街道办事处", "开元街道"),
    ("寒亭区寒亭街道办事处", "寒亭街道"),
    ("寒亭区固堤街道办事处", "固堤街道"),
    ("寒亭区高里街道办事处", "高里街道"),
    ("寒亭区朱里街道办事处", "朱里街道"),
]

DEPARTMENTS = [
    ("潍坊市寒亭区自然资源局", "区自然资源局"),
    ("潍坊市生态环境局寒亭分局", "区生态环境分局"),
    ("潍坊市寒亭区行政审批服务局", "区行政审批服务局"),
    ("潍坊市寒亭区财政局", "区财政局"),
    ("国网潍坊市寒亭区供电中心", "国网寒亭供电中心"),
    ("潍坊市寒亭区水利局", "区水利局"),
    ("潍坊市寒亭区人力资源和社会保障局", "区人社局"),
    ("潍坊市寒亭区交通运输局", "区交通运输局"),
    ("潍坊市寒亭区应急管理局", "区应急管理局"),
    ("潍坊市寒亭区综合行政执法局", "区综合行政执法局"),
]

# Invented names; titles are the usual ones of a district's leadership.
LEADERS = [
    ("韩立群", "区委副书记"),
    ("秦文博", "常务副区长"),
    ("邓若澜", "区委常委、组织部部长"),
    ("宋明哲", "区委常委、经济区党工委书记"),
    ("姜永刚", "副区长"),
    ("曹静怡", "副区长"),
    ("贺春山", "副区长"),
    ("邵景川", "副区长"),
    ("田沐阳", "区人大常委会副主任"),
    ("孔令琪", "区政协副主席"),
]
EXTRA_LEADER_TITLES = "副区长 区委常委 区人大常委会副主任 区政协副主席 经济区管委会副主任".split()

SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
GIVEN = (
    "晓燕 建国 海峰 志强 丽娟 文静 立新 春梅 国栋 雪梅 振华 子涵 明辉 "
    "秀英 宏伟 俊杰 淑华 德胜 玉兰 永庆 晨阳 思远 慧芳 博文 家豪 婉清 "
    "向东 红霞 金龙 晓东"
).split()

# (name, category, responsible unit short name, owner company): the 50 projects of the demo.
PROJECTS = [
    ("OLED盖板项目", Category.INDUSTRY, "经济区管委会", "潍坊显晟光电科技有限公司"),
    ("潍坊大数据与5G新材料产业项目", Category.INDUSTRY, "区工信局", "潍坊数联新材料有限公司"),
    ("中凯国际农产品云仓基地", Category.INDUSTRY, "区商务局", "中凯国际农产品物流有限公司"),
    ("智能兽药生产基地", Category.INDUSTRY, "区农业农村局", "潍坊康牧动物药业有限公司"),
    ("寒亭算力中心", Category.INDUSTRY, "区发改局", "潍坊云算数据科技有限公司"),
    ("种业研发集群", Category.INDUSTRY, "区农业农村局", "山东禾源种业科技有限公司"),
    ("高端医药中间体产业化项目", Category.INDUSTRY, "经济区管委会", "潍坊恒瑞达医药化工有限公司"),
    ("新能源汽车零部件产业园", Category.INDUSTRY, "区工信局", "潍坊驰远汽车零部件有限公司"),
    ("年产10万吨生物基新材料项目", Category.INDUSTRY, "经济区管委会", "潍坊绿源生物材料有限公司"),
    ("精密铸件智能化改造项目", Category.INDUSTRY, "固堤街道", "潍坊固达精密铸造有限公司"),
    ("氢燃料电池关键材料项目", Category.INDUSTRY, "经济区管委会", "潍坊氢能新材料有限公司"),
    ("萝卜预制菜精深加工项目", Category.INDUSTRY, "区农业农村局", "潍坊青萝食品有限公司"),
    ("智能农机装备制造项目", Category.INDUSTRY, "朱里街道", "潍坊丰田农机装备有限公司"),
    ("高性能锂电池隔膜项目", Category.INDUSTRY, "经济区管委会", "潍坊锐能隔膜科技有限公司"),
    ("工业互联网产业园", Category.INDUSTRY, "区工信局", "潍坊智联产业园运营有限公司"),
    ("冷链物流集散中心", Category.INDUSTRY, "区商务局", "潍坊鲜达冷链物流有限公司"),
    ("光伏组件智能工厂", Category.INDUSTRY, "高里街道", "潍坊晶耀光伏科技有限公司"),
    ("杨家埠风筝文创产业园", Category.INDUSTRY, "区文旅局", "潍坊鸢都文创发展有限公司"),
    ("高端纺织面料技改项目", Category.INDUSTRY, "开元街道", "潍坊锦程纺织有限公司"),
    ("电子级化学品项目", Category.INDUSTRY, "经济区管委会", "潍坊纯源电子材料有限公司"),
    ("生物发酵饲料项目", Category.INDUSTRY, "区农业农村局", "潍坊牧丰生物科技有限公司"),
    ("半导体封装测试项目", Category.INDUSTRY, "区工信局", "潍坊芯瑞微电子有限公司"),
    ("绿色建材产业园", Category.INDUSTRY, "固堤街道", "潍坊筑绿新型建材有限公司"),
    ("跨境电商产业园", Category.INDUSTRY, "区商务局", "潍坊海通跨境电商有限公司"),
    ("环保装备制造基地", Category.INDUSTRY, "寒亭街道", "潍坊清源环保装备有限公司"),
    ("海洋化工新材料项目", Category.INDUSTRY, "经济区管委会", "潍坊海晶化工新材料有限公司"),
    ("食品级包装材料项目", Category.INDUSTRY, "朱里街道", "潍坊洁安包装材料有限公司"),
    ("动力电池回收利用项目", Category.INDUSTRY, "高里街道", "潍坊循能资源科技有限公司"),
    ("中央商务区基础设施项目", Category.INFRASTRUCTURE, "区住建局", "潍坊寒亭城市建设发展集团"),
    ("海龙路北延工程", Category.INFRASTRUCTURE, "区住建局", "潍坊寒亭城市建设发展集团"),
    ("白浪河寒亭段综合治理工程", Category.INFRASTRUCTURE, "区住建局", "潍坊寒亭水务发展有限公司"),
    (
        "经济区污水处理厂扩建工程",
        Category.INFRASTRUCTURE,
        "经济区管委会",
        "潍坊寒亭水务发展有限公司",
    ),
    ("城区老旧小区改造工程", Category.INFRASTRUCTURE, "区住建局", "潍坊寒亭城市更新有限公司"),
    ("城区雨污分流改造工程", Category.INFRASTRUCTURE, "区住建局", "潍坊寒亭水务发展有限公司"),
    ("智慧停车及充电设施项目", Category.INFRASTRUCTURE, "区发改局", "潍坊寒亭智慧城市有限公司"),
    ("高铁片区路网工程", Category.INFRASTRUCTURE, "开元街道", "潍坊寒亭城市建设发展集团"),
    ("220千伏输变电工程", Category.INFRASTRUCTURE, "区发改局", "国网潍坊供电公司"),
    ("城区供热管网扩容工程", Category.INFRASTRUCTURE, "区住建局", "潍坊寒亭热力有限公司"),
    ("农村公路提档升级工程", Category.INFRASTRUCTURE, "区农业农村局", "潍坊寒亭交通发展有限公司"),
    ("工业园区标准化厂房", Category.INFRASTRUCTURE, "经济区管委会", "潍坊寒亭产业投资有限公司"),
    ("杨家埠民俗艺术博览园", Category.LIVELIHOOD, "区文旅局", "潍坊寒亭文旅发展有限公司"),
    ("区人民医院新院区", Category.LIVELIHOOD, "区卫健局", "潍坊市寒亭区人民医院"),
    ("寒亭第一中学扩建工程", Category.LIVELIHOOD, "区教体局", "潍坊市寒亭第一中学"),
    ("开元学校新建工程", Category.LIVELIHOOD, "区教体局", "潍坊寒亭教育发展有限公司"),
    ("全民健身中心", Category.LIVELIHOOD, "区教体局", "潍坊寒亭文旅发展有限公司"),
    ("寒亭颐养中心", Category.LIVELIHOOD, "寒亭街道", "潍坊寒亭康养产业有限公司"),
    ("保障性租赁住房项目", Category.LIVELIHOOD, "区住建局", "潍坊寒亭城市更新有限公司"),
    ("妇幼保健院综合楼", Category.LIVELIHOOD, "区卫健局", "潍坊市寒亭区妇幼保健院"),
    ("高里街道安置区", Category.LIVELIHOOD, "高里街道", "潍坊寒亭城市更新有限公司"),
    ("朱里街道乡村振兴示范片区", Category.LIVELIHOOD, "朱里街道", "潍坊寒亭乡村振兴发展有限公司"),
]

# Parts for the names of demos larger than the district's 50 projects.
BRANDS = list("鸿瑞恒信华泰中科金诚盛达新宇天元博远汇通海阔宏图鼎盛瑞丰永兴佳禾东方润泽")
BRANDS = [a + b for a, b in zip(BRANDS[0::2], BRANDS[1::2], strict=True)]
PRODUCTS = (
    "新能源电池 高端装备 生物医药 精密铸造 智能家电 新型建材 食品加工 冷链物流 "
    "汽车零部件 电子信息 新材料 节能环保 智能制造 光电显示 氢能装备 化工新材料 "
    "医疗器械 现代纺织 农产品加工 数字经济"
).split()
SUFFIXES = "项目 产业园 生产基地 扩建项目 技改项目 智能工厂".split()
PLACES = (
    "禹王 泊子 双杨 河滩 杨家埠 央子 前阙庄 北海 浞河 崔家 东利渔 西小章 "
    "郭家 埠头 黄埠 孙家 官亭 玉泉 望留 凤凰 民主 通亭 北园 南孙"
).split()
INFRA_PARTS = (
    "路北延工程 路拓宽改造工程 片区雨污分流工程 河综合治理工程 片区供热管网工程 片区道路配套工程"
).split()
LIVELIHOOD_PARTS = (
    "学校新建工程 卫生院改扩建工程 社区养老服务中心 安置区 幼儿园新建工程 文体活动中心"
).split()
UNIT_KINDS = (
    "街道 工业园管委会 片区指挥部 产业园服务中心 新区建设办 社区 现代农业园 "
    "物流园管委会 科创园服务中心 文旅片区 商贸区服务中心 城建片区"
).split()
SEASONAL = [0.04, 0.04, 0.07, 0.09, 0.10, 0.11, 0.11, 0.10, 0.10, 0.09, 0.08, 0.07]


def person_name(rng: random.Random) -> str:
    """An invented two- or three-character Chinese name."""
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def unit_rows(count: int) -> list[tuple[str, str]]:
    """``count`` responsible units (full name, short name): the district's, then invented ones."""
    rows = list(RESPONSIBLE_UNITS[:count])
    extra = (f"{place}{kind}" for kind in UNIT_KINDS for place in PLACES)
    for name in extra:
        if len(rows) >= count:
            break
        rows.append((f"寒亭区{name}", name))
    while len(rows) < count:  # beyond every combination: numbered
        rows.append((f"寒亭区项目推进专班{len(rows) + 1}", f"推进专班{len(rows) + 1}"))
    return rows


def leader_rows(count: int) -> list[tuple[str, str]]:
    """``count`` leaders (name, title) with names unique in the region."""
    rows = list(LEADERS[:count])
    taken = {name for name, _ in rows}
    names = (s + g for g in GIVEN for s in SURNAMES)
    for index, name in enumerate(names):
        if len(rows) >= count:
            break
        if name not in taken:
            taken.add(name)
            rows.append((name, EXTRA_LEADER_TITLES[index % len(EXTRA_LEADER_TITLES)]))
    while len(rows) < count:
        rows.append((f"领导{len(rows) + 1}", "副区长"))
    return rows


def project_rows(count: int, rng: random.Random) -> list[tuple[str, str, str | None, str]]:
    """``count`` projects (name, category, unit short name or None, owner). The district's 50
    first; more are combined from parts, with 二期/三期… when a combination comes again."""
    rows: list[tuple[str, str, str | None, str]] = [
        (name, category, unit, owner) for name, category, unit, owner in PROJECTS[:count]
    ]
    seen: dict[str, int] = {row[0]: 1 for row in rows}
    while len(rows) < count:
        roll = rng.random()
        brand, place = rng.choice(BRANDS), rng.choice(PLACES)
        if roll < 0.56:
            category = Category.INDUSTRY
            product = rng.choice(PRODUCTS)
            name = f"{brand}{product}{rng.choice(SUFFIXES)}"
            owner = f"潍坊{brand}{product}有限公司"
        elif roll < 0.80:
            category, name = Category.INFRASTRUCTURE, f"{place}{rng.choice(INFRA_PARTS)}"
            owner = "潍坊寒亭城市建设发展集团"
        else:
            category, name = Category.LIVELIHOOD, f"{place}{rng.choice(LIVELIHOOD_PARTS)}"
            owner = "潍坊寒亭城市更新有限公司"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name}（{_phase(seen[name])}）"
        rows.append((name, category, None, owner))
    return rows


def _phase(number: int) -> str:
    digits = "一二三四五六七八九十"
    return f"{digits[number - 1]}期" if number <= 10 else f"{number}期"


def short_name(name: str) -> str:
    """The name without 项目/工程, for task forces."""
    for tail in ("项目", "工程"):
        if name.endswith(tail) and len(name) > len(tail) + 1:
            return name[: -len(tail)]
    return name


PROGRESS = {
    "preparation": [
        "办理施工许可手续，施工图审查已完成{p}%",
        "土地摘牌手续办理中",
        "完成项目备案，环评报告编制中",
        "场地平整完成{p}%",
        "施工总承包招标公告已发布",
        "完成地质勘察，施工图设计深化中",
        "能评、稳评材料已报送审批",
        "规划方案通过专家评审",
    ],
    "started": [
        "施工队伍进场，开展基础施工",
        "桩基施工完成{n}根",
        "基坑开挖完成{p}%",
        "临建设施搭建完成，塔吊安装调试",
        "基础垫层浇筑完成{p}%",
    ],
    "construction-industry": [
        "主体结构施工至第{floor}层",
        "钢结构厂房吊装完成{p}%",
        "车间屋面板铺设完成{p}%",
        "设备进场调试",
        "完成{n}台（套）设备安装",
        "办公楼二次结构砌筑",
        "厂区道路及管网施工",
        "外墙保温施工完成{p}%",
        "生产线设备基础浇筑完成",
    ],
    "construction-infrastructure": [
        "道路路基施工完成{p}%",
        "雨污管网铺设{km}公里",
        "完成{n}座检查井砌筑",
        "沥青摊铺完成{p}%",
        "桥梁下部结构施工",
        "顶管施工完成{n}0米",
        "绿化及照明配套施工",
    ],
    "construction-livelihood": [
        "主体结构施工至第{floor}层",
        "二次结构砌筑完成{p}%",
        "室内装修完成{p}%",
        "外立面幕墙施工",
        "室外配套工程施工",
        "机电安装完成{p}%",
    ],
    "completed": [
        "工程竣工验收，整理竣工资料",
        "设备联动试车",
        "办理消防验收",
        "试生产准备，人员培训",
    ],
    "production": [
        "项目投产，产能逐步释放",
        "生产线稳定运行，开展二期前期工作",
        "试生产运行平稳，产品良率提升至{pct}%",
        "达产达效，本周产量{n}0吨",
    ],
}
NEXT_PLAN = (
    "继续推进主体施工 加快设备采购与安装 组织阶段性验收 落实施工用电增容 "
    "加快办理不动产权证 推进配套管网施工 做好安全生产检查 协调资金拨付进度 "
    "增加施工人员，倒排工期 推进装修及室外工程 开展设备单机调试"
).split()
PROBLEMS = [
    "建设用地指标尚未落实，需区自然资源局协调解决",
    "施工用电增容审批未完成，影响设备调试，需国网寒亭供电中心加快办理",
    "环评批复尚未取得，需区生态环境分局指导完善材料",
    "施工许可证办理进度慢，需区行政审批服务局提前介入",
    "专项债资金待拨付，配套资金到位不足，需区财政局协调",
    "施工用水接入未完成，需区水利局协调",
    "技术工人短缺，用工缺口约{n}0人，需区人社局组织招聘",
    "部分地块征迁未完成，影响施工作业面",
    "连续降雨影响室外施工，工期滞后",
    "关键设备供货延期约{n}周",
    "燃气管道迁改方案未确定",
    "周边道路交通导改方案待区交通运输局审批",
]
RETURN_REASONS = [
    "本周投资额较上周增长异常，与统计入库数据不符，请核实后重新填报。",
    "形象进度与上周描述相同，请补充本周实际进展并上传现场照片。",
]


def progress_text(rng: random.Random, stage: str, category: str, increment: float) -> str:
    """One week's 形象进度, one or two fragments and the money of the week."""
    key = f"{stage}-{category}" if stage == "construction" else stage
    pool = PROGRESS[key]
    parts = rng.sample(pool, k=min(len(pool), rng.choice((1, 1, 2))))
    text = "；".join(_fill(rng, part) for part in parts)
    return f"{text}，本周完成投资{increment:.0f}万元。" if increment >= 1 else f"{text}。"


def next_plan_text(rng: random.Random) -> str:
    return "；".join(rng.sample(NEXT_PLAN, k=rng.choice((1, 2)))) + "。"


def problem_text(rng: random.Random) -> str:
    return _fill(rng, rng.choice(PROBLEMS)) + "。"


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        p=rng.randrange(20, 100, 5),
        n=rng.randint(2, 9),
        floor=rng.randint(2, 18),
        km=round(rng.uniform(0.5, 6), 1),
        pct=rng.randint(90, 99),
    )


# An invented outline of the demo district (not the real boundary): a GeoJSON Polygon, [lon, lat].
BOUNDARY = {
    "type": "Polygon",
    "coordinates": [
        [
            [119.118, 36.702],
            [119.176, 36.668],
            [119.248, 36.662],
            [119.301, 36.690],
            [119.352, 36.734],
            [119.371, 36.801],
            [119.362, 36.879],
            [119.338, 36.951],
            [119.296, 37.012],
            [119.241, 37.043],
            [119.192, 37.031],
            [119.158, 36.978],
            [119.131, 36.905],
            [119.104, 36.832],
            [119.097, 36.761],
            [119.118, 36.702],
        ]
    ],
}
