"""The review queue's rows drawn from its plain rows (projects.review_cells) are django-tables2's
own, cell for cell, in both languages and for every way a cell is drawn."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import WeeklyReport
from projects.rows import review_rows
from projects.tables import ReviewTable
from projects.weeks import SHANGHAI
from tests.drawn_rows import drawn_and_stock
from tests.factories import ProjectFactory, UnitFactory, UserFactory, WeeklyReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def odd_reports(campaign, supervisor):
    """Reports whose cells take every way one is drawn: late and on time, no figure, markup in
    a project's, a unit's and a person's name, no submitter, no time, a time past midnight in
    Shanghai."""
    unit = UnitFactory(region=campaign.region, name="<b>局</b> & 所")
    odd = ProjectFactory(campaign=campaign, code="A2", name='<script>"x"</script>', unit=unit)
    person = UserFactory(
        username="odd", first_name="<i>张</i>", last_name="", region=campaign.region
    )
    WeeklyReportFactory(
        project=ProjectFactory(campaign=campaign, code="A1"),
        is_late=True,
        submitted_by=supervisor,
        submitted_at=dt.datetime(2026, 11, 16, 23, 30, tzinfo=dt.UTC),  # 07:30 the next day
        ytd_investment=Decimal("1234567.5"),
    )
    WeeklyReportFactory(
        project=odd, week=dt.date(2026, 11, 9), submitted_by=person, submitted_at=None
    )
    WeeklyReportFactory(
        project=ProjectFactory(campaign=campaign, code="A3"),
        status="returned",
        return_reason="再核",
        submitted_by=None,
        submitted_at=dt.datetime(2026, 11, 17, 9, 5, tzinfo=SHANGHAI),
        ytd_investment=Decimal("0"),
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_drawn_rows_are_django_tables2s(odd_reports, language):
    reports = WeeklyReport.objects.order_by("project__code")
    with translation.override(language):
        drawn, stock = drawn_and_stock(lambda: ReviewTable(review_rows(reports)), "/review/")
    assert drawn == stock
    assert len(drawn) == 3
    assert "2026-11-17 07:30" in drawn[0] and "1,234,567.50" in drawn[0]
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in drawn[1]
    assert "&lt;b&gt;局&lt;/b&gt; &amp; 所" in drawn[1] and "&lt;i&gt;张&lt;/i&gt;" in drawn[1]


def test_the_queue_page_draws_its_reports(client, supervisor, odd_reports):
    WeeklyReport.objects.update(status="submitted")
    client.force_login(supervisor)
    html = client.get(reverse("projects:review")).content.decode()
    assert html.count('<tr class="even"') + html.count('<tr class="odd"') == 3
    assert "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in html
    assert '<script>"x"' not in html
