"""The demo's words: routes of the demo district, problem wording, answers, and how many problems
follow each story. No database."""

from problems.choices import ProblemCategory

C = ProblemCategory
# Category → (department short name, days to solve, days per escalation level or None).
ROUTES = {
    C.LAND: ("区自然资源局", 15, None),
    C.PLANNING: ("区自然资源局", 10, None),
    C.PERMITS: ("区行政审批服务局", 7, None),
    C.FUNDS: ("区财政局", 15, None),
    C.POWER: ("国网寒亭供电中心", 10, None),
    C.WATER: ("区水利局", 10, None),
    C.LABOUR: ("区人社局", 7, None),
    C.DEMOLITION: ("区综合行政执法局", 20, 7),
    C.ENVIRONMENT: ("区生态环境分局", 10, None),
}  # gas and "other" have no route: a supervisor routes them
TEXTS = {
    C.LAND: [
        ("二期用地指标未落实", "需协调解决约45亩新增建设用地指标，完成土地组卷报批。"),
        ("土地证办理滞后", "需加快不动产权证书核发，以便办理后续施工许可。"),
    ],
    C.PLANNING: [
        ("规划设计方案待审查", "需尽快组织规划方案技术审查并出具规划条件。"),
        ("厂区道路红线需调整", "需复核道路红线，同意厂区出入口位置调整。"),
    ],
    C.PERMITS: [
        ("施工许可证办理滞后", "需并联审批，加快核发主体工程施工许可证。"),
        ("消防设计审查未通过", "需组织消防设计专家复审，明确整改意见。"),
    ],
    C.FUNDS: [
        ("专项债资金拨付未到位", "需加快拨付第二批专项债资金3000万元。"),
        ("配套资金缺口较大", "需协调政策性银行贷款约1.2亿元。"),
    ],
    C.POWER: [
        ("施工临时用电容量不足", "需增设一台800kVA临时变压器。"),
        ("双回路供电未接入", "需加快110kV专线接入工程，保障设备调试。"),
    ],
    C.WATER: [("厂区供水管网未接通", "需协调完成DN300供水管道接驳。")],
    C.GAS: [("天然气管道接入未落实", "需协调燃气公司完成中压管道接入工程。")],
    C.LABOUR: [("技术工人招工困难", "需组织专场招聘会，补充焊工、电工约60人。")],
    C.DEMOLITION: [("地上附着物清表未完成", "需协调完成剩余3户地上附着物补偿和清表。")],
    C.ENVIRONMENT: [("环评批复待办理", "需加快环评审查，出具批复文件。")],
    C.OTHER: [("施工道路与村道冲突", "需协调临时改移村道约200米。")],
}
ANSWERS = [
    "已协调完毕，相关文件已印发，请查收附件。",
    "已完成现场踏勘并出具书面意见。",
    "已列入本月专题会议并形成会议纪要，按纪要落实。",
]
# (story, how many): a story is the list of moves after raising; days are relative to raising.
STORIES = [
    ("closed", 7),
    ("answered", 5),
    ("accepted", 6),
    ("assigned", 4),
    ("asked", 2),
    ("unrouted", 2),
    ("overdue1", 3),
    ("overdue2", 3),
    ("overdue3", 3),
    ("reopened", 1),
    ("withdrawn", 1),
]
