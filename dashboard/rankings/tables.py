"""Tables of the dashboard: rankings and scorecards."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from projects.badges import card_badge
from projects.tables import CardColumn, MoneyColumn, cell


class ChangeColumn(tables.Column):
    """▲ places gained, ▼ places lost, — unchanged, "new" when there was no previous rank."""

    def render(self, value):
        if value > 0:
            return format_html('<span class="pos">▲{}</span>', value)
        if value < 0:
            return format_html('<span class="neg">▼{}</span>', -value)
        return "—"


class CardCountsColumn(tables.Column):
    """A unit's or leader's projects by card that week: three small badges."""

    def render(self, record):
        return format_html_join(
            " ", "{}", ((card_badge(c, text=n),) for c, n in record.card_counts)
        )


class RankingTable(tables.Table):
    """A standing: every row is shown, only the rows the viewer may open are links."""

    rank = tables.Column(
        verbose_name=_("Rank"),
        accessor="standing__rank",
        default="—",
        orderable=False,
        attrs=cell("rank"),
    )
    change = ChangeColumn(
        verbose_name=_("Change"), default=_("new"), orderable=False, attrs=cell("change")
    )
    name = tables.Column(
        verbose_name=_("Name"),
        linkify=lambda record: record.url or None,
        orderable=False,
        attrs=cell("title"),
    )
    detail = tables.Column(verbose_name="", orderable=False, attrs=cell("sub"))
    card = CardColumn(verbose_name=_("Card"), orderable=False, attrs=cell("card"))
    cards = CardCountsColumn(
        verbose_name=_("Cards"),
        orderable=False,
        default="—",
        empty_values=(None, "", {}),
        attrs=cell("cards"),
    )
    score = tables.Column(
        verbose_name=_("Average score"),
        accessor="standing__score",
        default="—",
        orderable=False,
        attrs=cell("score", "num"),
    )
    weeks = tables.Column(
        verbose_name=_("Weeks scored"),
        accessor="standing__weeks",
        orderable=False,
        attrs=cell("weeks", "num"),
    )

    class Meta:
        attrs = {"class": "table stack ranking"}
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
