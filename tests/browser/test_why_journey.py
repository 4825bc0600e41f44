"""A supervisor opens a red project's "why" page, records an adjustment with a reason, and sees
the card change and the reason shown."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from projects.choices import NodeKind
from scoring.models import ScoreAdjustment, WeeklyScore
from scoring.services import score_campaign_week
from tests.factories import CampaignFactory, MilestoneFactory, ProjectFactory
from tests.scoring.factories import W45, W46, W47, report

from .conftest import login, open_ok, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def red_project(region, unit, leader):
    """Red by its score alone, no hard trigger: 72% of the plan due, a node three weeks
    overdue and a late report give about 58 points, so an on-site adjustment can lift it."""
    # The fixed 2026 campaign of the scoring factories' weeks, whatever today's date.
    campaign = CampaignFactory(region=region, year=2026)
    project = ProjectFactory(campaign=campaign, unit=unit, leader=leader, name="红牌示例项目")
    MilestoneFactory(
        project=project, kind=NodeKind.TOPPING, name="主体封顶", planned_date=dt.date(2026, 11, 1)
    )
    report(project, W45, 7000)
    report(project, W46, 7400)
    report(project, W47, 7730, late=True)
    score_campaign_week(campaign=project.campaign, week=W47)
    return project


def test_supervisor_adjusts_a_red_card_with_a_reason(
    new_page, live_server, supervisor, red_project
):
    project = red_project
    score = WeeklyScore.objects.get(project=project, week=W47)
    assert score.card == "red" and not score.result.triggers
    page = new_page("desktop")
    login(page, live_server, supervisor.username)
    label = "2026-W47"
    open_ok(page, f"{live_server.url}/scoring/projects/{project.pk}/weeks/{label}/")
    expect(page.locator(".card.card-red.big")).to_be_visible()
    screenshot(page, "why-1-red")

    # Without a reason the adjustment is refused and nothing is recorded.
    page.locator(".adjust-form input[name=points]").fill("30")
    page.locator(".adjust-form button[type=submit]").click()
    expect(page.locator(".adjust-form .error").first).to_be_visible()
    assert not ScoreAdjustment.objects.exists()

    reason = "现场核查：项目已复工，本周实际完成投资高于填报数。"
    page.locator(".adjust-form input[name=points]").fill("30")
    page.locator(".adjust-form textarea[name=reason]").fill(reason)
    page.locator(".adjust-form button[type=submit]").click()
    expect(page.locator(".adjustment-reason")).to_contain_text(reason)
    score.refresh_from_db()
    adjustment = ScoreAdjustment.objects.get()
    assert adjustment.by == supervisor and adjustment.points == Decimal("30")
    assert score.card == "blue" and score.total >= Decimal(85)
    expect(page.locator(".card.big").first).to_have_class("card card-blue big")
    assert score.history.count() >= 2  # the red card stays on record
    screenshot(page, "why-2-adjusted")
