"""On site with a phone: an inspector opens the round, scores a project criterion by criterion
(the total adds up as he types), and the supervisor reads the combined score on the desk."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts.choices import Role
from observation.models import ObservationScore
from observation.services import round_create
from tests.factories import ProjectFactory, UserFactory

from .conftest import login, no_horizontal_scroll, open_ok, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def round_(campaign, unit, leader, supervisor):
    ProjectFactory(campaign=campaign, unit=unit, leader=leader, name="OLED盖板项目")
    ProjectFactory(campaign=campaign, unit=unit, leader=leader, name="种业研发集群")
    return round_create(
        campaign=campaign, name="下半年重点项目现场观摩", held_on=dt.date.today(), user=supervisor
    )


def test_an_inspector_scores_each_criterion_on_a_phone(
    live_server, phone_page, desktop_page, round_, supervisor, region
):
    inspector = UserFactory(username="inspector", role=Role.SUPERVISOR, region=region, unit=None)
    page = phone_page
    login(page, live_server, inspector.username)
    open_ok(page, f"{live_server.url}{round_.get_absolute_url()}")
    page.get_by_role("link", name="评分", exact=True).first.click()
    boxes = page.locator("input[data-mark]")
    expect(boxes).to_have_count(5)
    total = page.locator("[data-total-value]")
    for box, points in zip(boxes.all(), ("27", "21.5", "12", "13", "14"), strict=True):
        box.fill(points)
    expect(total).to_have_text("87.50")
    boxes.nth(0).fill("35")  # above the 30 points 建设进度 is worth
    expect(boxes.nth(0)).to_have_class("over")
    screenshot(page, "observation-sheet-phone", full_page=False)
    assert no_horizontal_scroll(page)
    page.get_by_role("button", name="保存评分").click()
    expect(page.locator(".has-error")).to_have_count(1)
    page.locator("input[data-mark]").nth(0).fill("27")
    page.locator("textarea").fill("现场形象进度超出计划，施工组织有序。")
    page.get_by_role("button", name="保存评分").click()
    page.wait_for_url(f"**{round_.get_absolute_url()}")
    expect(page.locator(".badge-green").first).to_contain_text("87.50")
    screenshot(page, "observation-round-phone")
    sheet = ObservationScore.objects.get(inspector=inspector)
    assert sheet.score == 87.5 and sheet.marks.count() == 5
    desk = desktop_page
    login(desk, live_server, supervisor.username)
    open_ok(desk, f"{live_server.url}{round_.get_absolute_url()}")
    expect(desk.locator(".criteria-avg").first).to_contain_text("建设进度 27.00")
    screenshot(desk, "observation-round-desk")
