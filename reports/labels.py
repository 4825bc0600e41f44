"""Chinese labels printed in the reports. The reports are official Chinese documents, so their
content is written in Chinese whatever the reader's UI language; the pages around them use
gettext as the rest of the site does."""

from projects.choices import Card, ChineseLabels

# The cards' own labels come from their choice; a report adds "not scored" and "exempt".
CARDS = ChineseLabels(Card, extra={"": "未评分", "exempt": "豁免"})
CATEGORIES = {"industry": "产业项目", "infrastructure": "基础设施", "livelihood": "社会民生"}
STAGES = {
    "preparation": "前期准备",
    "started": "已开工",
    "construction": "在建",
    "completed": "已竣工",
    "production": "已投产",
}
TARGETS = {"production": "年内投产", "accelerate": "加快建设"}
PROBLEM_LEVELS = {0: "责任部门", 1: "部门负责人", 2: "包靠领导", 3: "调度会商"}
PROBLEM_STATUSES = {
    "unrouted": "待分派",
    "assigned": "已交办",
    "accepted": "办理中",
    "info_requested": "待补充材料",
    "answered": "已答复待确认",
    "reopened": "已重新打开",
    "closed": "已销号",
    "withdrawn": "已撤回",
}
UNROUTED_DEPARTMENT = "待分派"
