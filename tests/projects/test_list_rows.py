"""The project list's rows: their order is defined whatever column sorts them, and each cell
holds what the project's own fields say."""

import re
from decimal import Decimal

import pytest
from django.template import Context
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from config.tables import row_html
from projects.choices import Category, Stage, TargetKind
from projects.models import Project
from projects.rows import ProjectRow, project_rows
from projects.tables import ProjectTable
from tests.factories import LeaderFactory, ProjectFactory, UnitFactory

pytestmark = pytest.mark.django_db


def codes(html: str) -> list[str]:
    return re.findall(r'<td class="c-sub nowrap" data-th="[^"]*">([^<]*)</td>', html)


@pytest.mark.parametrize("column", ["unit", "leader", "category", "stage", "target", "card"])
def test_ties_of_a_sorted_column_come_by_code_both_ways(client, supervisor, campaign, column):
    first = ProjectFactory(campaign=campaign, code="A01")
    for code in ("P05", "P02", "P09", "P01", "P07"):  # the same unit, leader, stage, card…
        ProjectFactory(campaign=campaign, code=code, unit=first.unit, leader=first.leader)
    client.force_login(supervisor)
    url = reverse("projects:list")
    sorted_by = lambda sort: [  # noqa: E731
        c for c in codes(client.get(url, {"sort": sort}).content.decode()) if c[0] == "P"
    ]
    up, down = sorted_by(column), sorted_by(f"-{column}")
    assert up == ["P01", "P02", "P05", "P07", "P09"]
    assert down == up[::-1]


@pytest.fixture
def odd_projects(campaign):
    """Projects whose cells take every way a cell is drawn: a card and none, a stage no choice
    names, markup in a name and a unit's, a unit's short name, a leader without a title."""
    plain = ProjectFactory(campaign=campaign, code="A1", card="red", stage=Stage.CONSTRUCTION)
    unit = UnitFactory(region=campaign.region, name="<b>局</b> & 所", short_name="")
    ProjectFactory(
        campaign=campaign,
        code="A2",
        name='<script>"x"</script>',
        card="",
        stage="no-such-stage",
        unit=unit,
        leader=LeaderFactory(region=campaign.region, title=""),
        ytd_investment=Decimal("1234567.5"),
    )
    ProjectFactory(
        campaign=campaign,
        code="A3",
        card="purple",  # a code no card names: a dash, as CardColumn draws it
        unit=UnitFactory(
            region=campaign.region, name="潍坊市寒亭区住房和城乡建设局", short_name="区住建局"
        ),
        category=Category.LIVELIHOOD,
        target=TargetKind.PRODUCTION,
    )
    return plain


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("district", [False, True])
def test_the_drawn_rows_are_django_tables2s(odd_projects, language, district):
    exclude = () if district else ("district",)
    with translation.override(language):
        table = ProjectTable(
            project_rows(Project.objects.order_by("code"), district=district), exclude=exclude
        )
        table.request = RequestFactory().get("/projects/")
        context = Context({})
        drawn = [table.draw_row(row, context) for row in table.rows]
        # django-tables2's own cells (config.tables.row_html is held to them: tests/pages)
        theirs = ProjectTable(
            project_rows(Project.objects.order_by("code"), district=district), exclude=exclude
        )
        stock = [row_html(row, context) for row in theirs.rows]
    assert drawn == stock
    assert len(drawn) == 3
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in drawn[1]
    assert "&lt;b&gt;局&lt;/b&gt; &amp; 所" in drawn[1] and "区住建局" in drawn[2]
    assert (f">{odd_projects.campaign.region.name}<" in drawn[0]) == district


def test_a_page_reads_plain_rows_not_model_instances(client, supervisor, odd_projects):
    client.force_login(supervisor)
    response = client.get(reverse("projects:list"))
    records = [row.record for row in response.context["table"].page.object_list]
    assert len(records) == 3
    assert all(isinstance(record, ProjectRow) for record in records)
    assert records[0].pk == odd_projects.pk
