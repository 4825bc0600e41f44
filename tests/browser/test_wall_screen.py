"""The wall screen (驾驶舱) on a 1920×1080 display: one screen, nothing scrolls, nothing spills
out of its panel on any of the pages the panels turn through, and it turns and reloads itself.

The data is the demo district (seed_demo), as a meeting room would show it; a bigger demo gives
the red list and the standings more than one page.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from dashboard.views_wall import REFRESH_SECONDS, ROTATE_SECONDS

from .conftest import login, open_ok, screenshot

pytestmark = pytest.mark.browser
WALL = {"width": 1920, "height": 1080}
DEMO_PASSWORD = "demo12345"

# Everything that spills: the document past the screen, a panel past its box or the screen, an
# element past its panel. Hidden pages (display: none) have no box and are skipped.
OVERFLOWS = """() => {
  const found = [];
  const doc = document.documentElement;
  if (doc.scrollHeight > innerHeight || doc.scrollWidth > innerWidth)
    found.push(`document ${doc.scrollWidth}x${doc.scrollHeight}`);
  for (const panel of document.querySelectorAll(".wall-head, .wall-panel")) {
    const name = panel.className;
    const box = panel.getBoundingClientRect();
    if (box.bottom > innerHeight + 0.5 || box.right > innerWidth + 0.5)
      found.push(`${name} leaves the screen`);
    const [w, h] = [panel.clientWidth, panel.clientHeight];
    if (panel.scrollHeight > h + 1 || panel.scrollWidth > w + 1)
      found.push(`${name} holds ${panel.scrollWidth}x${panel.scrollHeight} in ${w}x${h}`);
    for (const el of panel.querySelectorAll("*")) {
      if (!el.getClientRects().length) continue;
      const r = el.getBoundingClientRect();
      const out = r.bottom > box.bottom + 1 || r.right > box.right + 1
        || r.top < box.top - 1 || r.left < box.left - 1;
      const text = el.textContent.trim().slice(0, 20);
      if (out) found.push(`${el.tagName}.${el.className} "${text}" spills out of ${name}`);
    }
  }
  return found;
}"""

# Show page ``i`` of every rotator (as wall.js would in turn); returns the most pages any has.
SHOW_PAGE = """(i) => {
  let most = 1;
  for (const rotator of document.querySelectorAll("[data-rotate]")) {
    const pages = rotator.querySelectorAll(".rotor-page");
    most = Math.max(most, pages.length);
    pages.forEach((page, n) => { page.hidden = n !== Math.min(i, pages.length - 1); });
  }
  return most;
}"""


def seed(projects: int) -> None:
    call_command("seed_demo", "--projects", str(projects), "--score", stdout=StringIO())


def open_wall(browser, live_server):
    context = browser.new_context(viewport=WALL, locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    login(page, live_server, "manager", DEMO_PASSWORD)
    return context, page


def assert_fits_on_every_page(page) -> int:
    pages = page.evaluate(SHOW_PAGE, 0)
    for i in range(pages):
        page.evaluate(SHOW_PAGE, i)
        assert page.evaluate(OVERFLOWS) == [], f"page {i + 1} of the rotating panels"
    page.evaluate(SHOW_PAGE, 0)
    return pages


def test_the_demo_district_fits_one_wall_screen(browser, live_server, transactional_db):
    seed(50)
    context, page = open_wall(browser, live_server)
    try:
        open_ok(page, f"{live_server.url}/dashboard/wall/")
        # No menu, no scrolling; large type: the counts read from across a room.
        expect(page.locator(".topbar, nav.nav")).to_have_count(0)
        assert page.evaluate("getComputedStyle(document.body).overflow") == "hidden"
        assert float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")) >= 20
        count = page.locator(".wall-count.red strong")
        assert float(count.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 80
        expect(page.locator(".wall-redlist li").first).to_be_visible()
        expect(page.locator(".wall-reason").first).not_to_be_empty()
        expect(page.locator(".wall-kpis")).to_contain_text("加快建设")
        expect(page.locator(".wall-table tr").first).to_be_visible()
        assert_fits_on_every_page(page)
        shot = screenshot(page, "wall-1920x1080-demo", full_page=False)
        assert shot.stat().st_size > 50_000
    finally:
        context.close()


def test_a_crowded_wall_turns_its_pages_and_reloads_itself(browser, live_server, transactional_db):
    seed(200)
    context, page = open_wall(browser, live_server)
    try:
        page.clock.install()
        open_ok(page, f"{live_server.url}/dashboard/wall/")
        pages = assert_fits_on_every_page(page)
        assert pages > 1, "the red list or the standings should need more than one page"
        rank = page.locator(".wall-rank .rotor-page")
        expect(rank.nth(0)).to_be_visible()
        expect(rank.nth(1)).to_be_hidden()
        page.clock.run_for(ROTATE_SECONDS * 1000 + 100)
        expect(rank.nth(0)).to_be_hidden()
        expect(rank.nth(1)).to_be_visible()
        screenshot(page, "wall-1920x1080-crowded", full_page=False)
        # The reload asks the server first, then reloads the page: a fresh document.
        page.evaluate("window.__before_reload = true")
        with page.expect_navigation():
            page.clock.run_for(REFRESH_SECONDS * 1000)
        assert page.evaluate("window.__before_reload === undefined")
        expect(page.locator(".wall-head")).to_be_visible()
    finally:
        context.close()


def test_the_wall_marks_itself_stale_when_the_server_does_not_answer(
    browser, live_server, transactional_db
):
    seed(20)
    context, page = open_wall(browser, live_server)
    try:
        page.clock.install()
        open_ok(page, f"{live_server.url}/dashboard/wall/")
        expect(page.locator(".wall-stale")).to_be_hidden()
        page.route("**/dashboard/wall/**", lambda route: route.abort())
        page.clock.run_for(REFRESH_SECONDS * 1000 + 100)
        expect(page.locator(".wall-stale")).to_be_visible()  # the last good screen stays up
        expect(page.locator(".wall-count.red strong")).to_be_visible()
    finally:
        context.close()
