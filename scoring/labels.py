"""The page labels of the scoring keys (items, triggers, inputs), translatable.

The pure modules keep their own Chinese notes for the stored breakdown; the pages label the
keys through gettext so the English interface reads in English.
"""

from django.utils.translation import gettext_lazy as _

ITEMS = {
    "investment": _("Investment against the plan due"),
    "nodes": _("Milestone nodes"),
    "reporting": _("Reporting discipline"),
    "problems": _("Problems"),
    "assessment": _("Supervisor assessment"),
    "adjustment": _("Supervisor adjustment"),
}
TRIGGERS = {
    "node_overdue": _("Node overdue too long"),
    "missing_reports": _("Weekly reports missing in a row"),
    "investment_gap": _("Investment far behind plan"),
}
REPORT_STATES = {
    "on_time": _("On time"),
    "late": _("Late"),
    "missing": _("Missing"),
}
NODE_STATES = {
    "not_due": _("Not due"),
    "on_time": _("Reached on time"),
    "late": _("Reached late"),
    "due_today": _("Due this Sunday"),
    "overdue": _("Overdue"),
}
FACTS = {
    "plan_due": _("Plan due by Sunday (10k yuan)"),
    "ytd_done": _("Done this year (10k yuan)"),
    "ratio": _("Done against plan"),
    "source": _("Source of the figure"),
    "figure_week": _("Figure from the report of the week of"),
    "stats_figure": _("Investment statistics (10k yuan)"),
    "report": _("This week's report"),
    "missing_in_row": _("Reports missing in a row"),
    "overdue_own_problems": _("Overdue own problems"),
    "assessment": _("Assessment (0–10)"),
    "asked": _("Points asked"),
    "applied": _("Points applied"),
    "reason": _("Reason"),
}
