"""Tables read on a phone and on a desk, with the demo district's real names and numbers: the
standing, the register and the ladder are cards on a phone, nothing clipped at the screen's
edge, no column one character wide; a card's label stays on one line at the desk; the change
log reads in Chinese with names and Beijing time."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from projects import services
from projects.models import WeeklyReport

from .conftest import login, open_ok, screenshot

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "demo12345"

# A table is clipped when it is wider than the box that holds it (the page or its scroller).
CLIPPED = """() => [...document.querySelectorAll(".table-wrap")]
  .filter(w => w.scrollWidth > w.clientWidth + 1)
  .map(w => `${w.scrollWidth} > ${w.clientWidth}`)"""
# The tallest cell of a column, in lines of its own text: one character a line is many lines.
LINES = """(selector) => Math.max(0, ...[...document.querySelectorAll(selector)].map(e => {
  const lh = parseFloat(getComputedStyle(e).lineHeight) || 20;
  return Math.round(e.getBoundingClientRect().height / lh);
}))"""


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--score", stdout=StringIO())


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/dashboard/rankings/?kind=projects&period=week", "rankings-projects"),
        ("/dashboard/rankings/?kind=units&period=year", "rankings-units"),
        ("/dashboard/rankings/?kind=leaders&period=year", "rankings-leaders"),
        ("/projects/", "projects"),
        ("/ladder/", "ladder"),
    ],
)
def test_tables_are_cards_on_a_phone(phone_page, live_server, demo, path, name):
    page = phone_page
    login(page, live_server, "manager", DEMO_PASSWORD)
    open_ok(page, f"{live_server.url}{path}")
    expect(page.locator(".table tbody tr").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.evaluate(CLIPPED) == []
    # The standing's "unit · leader" line and every headline read across, not down.
    assert page.evaluate(LINES, "td.c-sub") <= 2
    assert page.evaluate(LINES, "td.c-title") <= 2
    screenshot(page, f"phone-{name}")


def test_the_standing_on_a_phone_is_a_page_not_a_scroll(phone_page, live_server, demo):
    page = phone_page
    login(page, live_server, "reporter1", DEMO_PASSWORD)
    open_ok(page, f"{live_server.url}/dashboard/rankings/?kind=projects&period=year")
    rows = page.locator(".table.ranking tbody tr")
    expect(rows).to_have_count(50)  # the reporter sees all fifty, not his unit's few
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, f"{height} px for fifty rows (it was ~11,000)"
    expect(rows.first.locator("td.c-card .card")).to_be_visible()


def test_a_card_s_label_stays_on_one_line_in_the_register(desktop_page, live_server, demo):
    page = desktop_page
    login(page, live_server, "manager", DEMO_PASSWORD)
    open_ok(page, f"{live_server.url}/projects/")
    badge = page.locator("td .card.card-yellow").first
    expect(badge).to_be_visible()
    font = badge.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert badge.bounding_box()["height"] < 2 * font  # "黄牌", not "黄" over "牌"
    screenshot(page, "desk-projects", full_page=False)


def test_the_change_log_reads_in_chinese(desktop_page, phone_page, live_server, demo):
    supervisor = User.objects.get(username="supervisor")
    report = WeeklyReport.objects.filter(status="submitted").order_by("-week").first()
    services.weekly_report_return(
        report=report, user=supervisor, reason="投资完成额与统计数据不一致，请核实后重报。"
    )
    for page, name in ((desktop_page, "desk-changes"), (phone_page, "phone-changes")):
        login(page, live_server, "supervisor", DEMO_PASSWORD)
        open_ok(page, f"{live_server.url}/changes/")
        body = page.locator("main").inner_text()
        assert supervisor.display_name in body and "退回" in body
        assert "as of" not in body and "+00:00" not in body and "None" not in body
        assert "blue" not in body and "version" not in body
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        screenshot(page, name)
