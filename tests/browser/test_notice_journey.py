"""A supervision notice worked in the browser: the unit signs for it and answers with a file on
a phone, the supervisor returns the answer with a reason, the unit answers again, the supervisor
accepts it; every step is in the notice's log and its documents download."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from escalation.models import NoticeStatus, SupervisionNotice
from escalation.services import ladder_run
from projects import weeks
from tests.escalation.conftest import score_red

from .conftest import login, make_jpeg, no_horizontal_scroll, open_ok, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def notice(project, reporter, supervisor):
    """Issued today after two red weeks."""
    today = weeks.local_today()
    last = weeks.week_start(today) - dt.timedelta(days=7)
    score_red(project, last - dt.timedelta(days=7))
    score_red(project, last)
    ladder_run(campaign=project.campaign, week=last, today=today)
    return SupervisionNotice.objects.get()


def test_the_unit_answers_and_the_supervisor_returns_then_accepts(
    new_page, live_server, notice, reporter, supervisor, tmp_path
):
    url = f"{live_server.url}{notice.get_absolute_url()}"
    unit = new_page("phone")
    login(unit, live_server, reporter.username)
    open_ok(unit, url)
    expect(unit.locator("#notice-status")).to_have_text("已下发，待签收")
    assert no_horizontal_scroll(unit)
    screenshot(unit, "notice-1-issued-phone")
    unit.locator(".act-sign button").click()
    expect(unit.locator("#notice-status")).to_have_text("已签收，办理中")

    # An answer without text is refused in the user's language, nothing is lost.
    unit.locator(".act-answer button").click()
    expect(unit.locator("#notice-status")).to_have_text("已签收，办理中")
    unit.locator(".act-answer textarea").fill("已召开专班调度会，倒排工期，新增两个施工班组。")
    unit.locator(".act-answer input[type=file]").set_input_files(
        str(make_jpeg(tmp_path / "现场照片.jpg"))
    )
    unit.locator(".act-answer button").click()
    expect(unit.locator("#notice-status")).to_have_text("已反馈，待复核")
    expect(unit.locator(".notice-log")).to_contain_text("现场照片.jpg")
    screenshot(unit, "notice-2-answered-phone")

    desk = new_page("desktop")
    login(desk, live_server, supervisor.username)
    open_ok(desk, url)
    desk.locator(".act-return textarea").fill("未说明资金到位时间，请补充。")
    desk.locator(".act-return button").click()
    expect(desk.locator("#notice-status")).to_have_text("已退回，待重新反馈")
    screenshot(desk, "notice-3-returned-desk")

    unit.reload()
    expect(unit.locator(".notice-log")).to_contain_text("未说明资金到位时间")
    unit.locator(".act-answer textarea").fill("资金已于本周到位，下周一全面复工。")
    unit.locator(".act-answer button").click()
    expect(unit.locator("#notice-status")).to_have_text("已反馈，待复核")

    desk.reload()
    desk.locator(".act-accept textarea").fill("整改措施具体，同意办结。")
    desk.locator(".act-accept button").click()
    expect(desk.locator("#notice-status")).to_have_text("已办结")
    log = desk.locator(".notice-log li")
    expect(log).to_have_count(6)
    screenshot(desk, "notice-4-closed-desk")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CLOSED
    assert [e.kind for e in notice.events.order_by("pk")] == [
        "issue",
        "sign",
        "answer",
        "return",
        "answer",
        "accept",
    ]
    # Its document downloads as PDF and Word from the page.
    for link in ("PDF", "Word"):
        href = desk.locator(".panel table a", has_text=link).first.get_attribute("href")
        assert desk.request.get(f"{live_server.url}{href}").ok
