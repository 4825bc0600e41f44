"""A manager opens the colour-card dashboard, filters to red and opens a red project; the
dashboard is photographed on a desk and on a phone, and both must show the tiles (the wall
screen has its own page: test_wall_screen.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from scoring.models import WeeklyScore
from scoring.versions import rubric_version_current
from tests.factories import ProjectFactory

from .conftest import login, no_horizontal_scroll, open_ok, screenshot

pytestmark = pytest.mark.browser
CARDS = ["blue"] * 5 + ["yellow"] * 3 + ["red"] * 2


@pytest.fixture
def scored(campaign, unit, leader, reporting_week):
    """Ten projects with this week's and last week's cards (one turned red this week)."""
    from scoring.models import ScoringRun

    version = rubric_version_current(campaign)
    week, last = reporting_week, reporting_week - dt.timedelta(days=7)
    projects = []
    for i, card in enumerate(CARDS):
        project = ProjectFactory(
            campaign=campaign, unit=unit, leader=leader, name=f"项目{i:02d}", card=card
        )
        for monday, colour in ((last, "yellow" if i == 9 else card), (week, card)):
            note = "投资完成率 41.0%，落后序时进度 59.0 个百分点" if colour == "red" else ""
            WeeklyScore.objects.create(
                project=project,
                week=monday,
                rubric_version=version,
                card=colour,
                total=Decimal("50" if colour == "red" else "90"),
                scored_at=dt.datetime.now(dt.UTC),
                breakdown={
                    "total": "50",
                    "card": colour,
                    "card_note": note,
                    "exempt": False,
                    "items": [],
                    "triggers": [{"key": "investment_gap", "note": note}] if note else [],
                },
            )
        projects.append(project)
    for monday in (last, week):
        ScoringRun.objects.create(
            campaign=campaign,
            week=monday,
            rubric_version=version,
            scored_at=dt.datetime.now(dt.UTC),
            projects=10,
        )
    return projects


def test_manager_filters_to_red_and_opens_a_red_project(new_page, live_server, manager, scored):
    page = new_page("desktop")
    login(page, live_server, manager.username)
    open_ok(page, f"{live_server.url}/dashboard/")
    expect(page.locator(".tile")).to_have_count(10)
    expect(page.locator(".count-box.red strong")).to_have_text("2")
    expect(page.locator(".redlist li")).to_have_count(2)
    expect(page.locator(".redlist .reason").first).to_contain_text("落后序时进度")
    expect(page.locator(".changed li")).to_have_count(1)

    page.locator("select[name=card]").select_option("red")
    page.locator(".filters button[type=submit]").click()
    expect(page.locator(".tile")).to_have_count(2)
    expect(page.locator(".tile.tile-red")).to_have_count(2)
    page.locator(".tile.tile-red").first.click()
    expect(page.locator("h1")).to_have_text(scored[8].name)
    expect(page.locator(".card-strip, .card").first).to_be_visible()


@pytest.mark.parametrize(("device", "size"), [("desk", (1366, 900)), ("phone", (390, 844))])
def test_dashboard_reads_on_a_desk_and_a_phone(browser, live_server, manager, scored, device, size):
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]},
        locale="zh-CN",
        is_mobile=device == "phone",
        has_touch=device == "phone",
        device_scale_factor=2 if device == "phone" else 1,
    )
    page = context.new_page()
    try:
        login(page, live_server, manager.username)
        open_ok(page, f"{live_server.url}/dashboard/")
        tiles = page.locator(".tile")
        expect(tiles).to_have_count(10)
        first, last = tiles.first.bounding_box(), tiles.last.bounding_box()
        assert first["width"] > 100 and first["height"] >= 60  # legible, not crushed
        assert last["x"] + last["width"] <= size[0]  # nothing off the side of the screen
        assert no_horizontal_scroll(page)
        shot = screenshot(page, f"dashboard-{device}")
        assert shot.stat().st_size > 20_000  # a real picture, not a blank page
    finally:
        context.close()
