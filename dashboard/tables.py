"""Tables of the dashboard: rankings and scorecards."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from projects.tables import CardColumn, MoneyColumn


class ChangeColumn(tables.Column):
    """▲ places gained, ▼ places lost, — unchanged, "new" when there was no previous rank."""

    def render(self, value):
        if value > 0:
            return format_html('<span class="pos">▲{}</span>', value)
        if value < 0:
            return format_html('<span class="neg">▼{}</span>', -value)
        return "—"


class RankingTable(tables.Table):
    rank = tables.Column(
        verbose_name=_("Rank"), accessor="standing__rank", default="—", orderable=False
    )
    change = ChangeColumn(verbose_name=_("Change"), default=_("new"), orderable=False)
    name = tables.Column(verbose_name=_("Name"), linkify=lambda record: record.url, orderable=False)
    detail = tables.Column(verbose_name="", orderable=False)
    score = tables.Column(
        verbose_name=_("Average score"),
        accessor="standing__score",
        default="—",
        orderable=False,
        attrs={"td": {"class": "num"}},
    )
    weeks = tables.Column(
        verbose_name=_("Weeks scored"),
        accessor="standing__weeks",
        orderable=False,
        attrs={"td": {"class": "num"}},
    )

    class Meta:
        attrs = {"class": "table"}
        empty_text = _("No score in this period yet.")


class ScorecardTable(tables.Table):
    code = tables.Column(verbose_name=_("Code"))
    name = tables.Column(
        verbose_name=_("Project"), linkify=lambda record: record.get_absolute_url()
    )
    week_card = CardColumn(verbose_name=_("Card"))
    week_total = tables.Column(verbose_name=_("Score"), attrs={"td": {"class": "num"}})
    stage = tables.Column(verbose_name=_("Stage"), accessor="get_stage_display", order_by="stage")
    annual_plan = MoneyColumn(verbose_name=_("Annual plan (10k yuan)"))
    ytd_investment = MoneyColumn(verbose_name=_("Done this year (10k yuan)"))

    class Meta:
        attrs = {"class": "table"}
        order_by = "code"
