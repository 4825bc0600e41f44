"""项目一张图 of a province: past settings.MAP_INLINE_DOTS the map page and the wall screen draw
only the outline and static/js/map-dots.js fetches the dots as cached, ETagged JSON. In Chromium:
the fetched dots are drawn where the server would have drawn them, one per placed project in its
card's colour, a card filter changes them, a reload revalidates them with a 304, and a failed
fetch says so instead of showing an empty district.

The demo district is seeded with more projects than the threshold, lowered for the test.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from demo.district import seed_demo
from projects.choices import Card
from projects.maps import UNSCORED
from scoring.services import score_campaign_week

from .conftest import login, open_ok, screenshot
from .test_csp_journey import WATCH, violations
from .test_wall_screen import DEMO_PASSWORD, OVERFLOWS, WALL

pytestmark = pytest.mark.browser
PROJECTS = 60
THRESHOLD = 5  # fewer than the demo's red projects: even the filtered map fetches its dots
CARDS = {"blue": Card.BLUE.hex, "yellow": Card.YELLOW.hex, "red": Card.RED.hex, "none": UNSCORED}

# Every dot drawn, as (group's card, group's fill, cx, cy, title, link), in document order.
DOTS = """() => [...document.querySelectorAll("svg.project-map g.dots")].flatMap(g =>
  [...g.querySelectorAll("circle")].map(c => [
    g.getAttribute("class").replace("dots dots-", ""), g.getAttribute("fill"),
    parseFloat(c.getAttribute("cx")), parseFloat(c.getAttribute("cy")),
    c.querySelector("title").textContent,
    c.parentNode.tagName.toLowerCase() === "a" ? c.parentNode.getAttribute("href") : ""]))"""


@pytest.fixture
def province(settings, transactional_db, reporting_week):
    """The demo district with its last two weeks scored (seed_demo --score also builds a year of
    reports: minutes, for nothing the map shows)."""
    settings.MAP_INLINE_DOTS = THRESHOLD
    (campaign,) = seed_demo(projects=PROJECTS, weeks=3).campaigns
    for week in (reporting_week - dt.timedelta(days=14), reporting_week - dt.timedelta(days=7)):
        score_campaign_week(campaign=campaign, week=week)


def dots_responses(page: Page) -> list:
    """Every answer to the dots' JSON the page receives, in order."""
    seen: list = []
    page.on("response", lambda r: seen.append(r) if "/dashboard/map/dots/" in r.url else None)
    return seen


def wire_statuses(page: Page) -> list:
    """The status each answer to the dots' JSON had on the wire (Chromium's DevTools protocol):
    a revalidated copy reaches the page, and Playwright's response, as the kept 200."""
    urls: dict[str, str] = {}
    raw: list = []
    cdp = page.context.new_cdp_session(page)
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.responseReceivedExtraInfo", lambda e: raw.append((e["requestId"], e["statusCode"]))
    )
    cdp.send("Network.enable")

    class Statuses(list):
        def now(self) -> list[int]:
            return [code for rid, code in raw if "/dashboard/map/dots/" in urls.get(rid, "")]

    return Statuses()


def legend(page: Page) -> dict[str, int]:
    """The map page's counts of each card, as the server counted them."""
    text = page.locator(".map-legend").inner_text()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return dict(zip(["blue", "yellow", "red", "none"], numbers[:4], strict=True))


def drawn(page: Page, total: int) -> list:
    expect(page.locator("svg.project-map g.dots circle")).to_have_count(total)
    return page.evaluate(DOTS)


def assert_cards_match(dots: list, counts: dict[str, int], width: float, height: float) -> None:
    by_card = {card: [d for d in dots if d[0] == card] for card in CARDS}
    assert {card: len(mine) for card, mine in by_card.items()} == counts
    labels = {"blue": "· 蓝牌", "yellow": "· 黄牌", "red": "· 红牌"}
    for card, fill, cx, cy, title, link in dots:
        assert fill == CARDS[card], title
        assert card == "none" or title.endswith(labels[card]), title  # the dot's own card
        assert 0 <= cx <= width and 0 <= cy <= height, title
        assert link.startswith("/projects/"), title


def svg_size(page: Page) -> tuple[float, float]:
    box = page.locator("svg.project-map").evaluate(
        "s => [s.viewBox.baseVal.width, s.viewBox.baseVal.height]"
    )
    return float(box[0]), float(box[1])


def test_the_map_fetches_its_dots_filters_them_and_revalidates(
    province, new_page, live_server, settings
):
    # The reference, in another browser (its own cache): below the threshold the server draws.
    settings.MAP_INLINE_DOTS = 10_000
    reference = new_page("desktop")
    login(reference, live_server, "manager", DEMO_PASSWORD)
    open_ok(reference, f"{live_server.url}/dashboard/map/")
    counts = legend(reference)
    total = sum(counts.values())
    assert total > THRESHOLD and reference.locator("svg.project-map[data-dots]").count() == 0
    inline = sorted(drawn(reference, total))

    settings.MAP_INLINE_DOTS = THRESHOLD
    page = new_page("desktop")  # signing in ends the reference's session (one per person)
    page.add_init_script(WATCH)
    login(page, live_server, "manager", DEMO_PASSWORD)
    answers = dots_responses(page)
    wire = wire_statuses(page)
    open_ok(page, f"{live_server.url}/dashboard/map/")
    assert page.locator("svg.project-map").get_attribute("data-dots") == "/dashboard/map/dots/"
    fetched = drawn(page, total)
    assert_cards_match(fetched, counts, *svg_size(page))
    # Where the server would have drawn them, to the tenth of a pixel, red on top.
    assert sorted(fetched) == inline
    assert [d[0] for d in fetched][-counts["red"] :] == ["red"] * counts["red"]
    assert [a.status for a in answers] == [200]
    assert "no-cache" in answers[0].headers["cache-control"] and answers[0].headers["etag"]
    expect(page.locator(".map-failed")).to_be_hidden()
    shot = screenshot(page, "map-fetched-dots")
    assert shot.stat().st_size > 30_000

    # Coming back unchanged: the browser asks again and the server answers an empty 304.
    page.reload()
    drawn(page, total)
    assert len(answers) == 2 and wire.now() == [200, 304]

    # A card filter: only the red ones, fetched with the filter.
    page.locator("select[name=card]").select_option("red")
    with page.expect_navigation():
        page.get_by_role("button", name="筛选").click()
    assert counts["red"] > THRESHOLD, "the demo's red projects are fetched too"
    assert "card=red" in (page.locator("svg.project-map").get_attribute("data-dots") or "")
    red = drawn(page, counts["red"])
    assert {d[0] for d in red} == {"red"} and {d[1] for d in red} == {Card.RED.hex}
    assert "card=red" in answers[-1].url and answers[-1].status == 200
    assert sorted(red) == sorted(d for d in fetched if d[0] == "red")

    # A dot is a link to its project.
    first = page.locator("svg.project-map g.dots-red a").first
    href = first.get_attribute("href")
    with page.expect_navigation():
        first.locator("circle").click()
    assert page.url.endswith(href)
    assert violations(page) == []


def test_a_map_whose_dots_cannot_be_fetched_says_so(province, new_page, live_server):
    page = new_page("desktop")
    login(page, live_server, "manager", DEMO_PASSWORD)
    page.route("**/dashboard/map/dots/**", lambda route: route.abort())
    open_ok(page, f"{live_server.url}/dashboard/map/")
    expect(page.locator(".map-failed")).to_be_visible()
    expect(page.locator(".map-failed")).not_to_be_empty()
    assert page.locator("svg.project-map g.dots circle").count() == 0
    screenshot(page, "map-fetched-dots-failed")


def test_the_wall_fetches_its_dots_and_revalidates(province, browser, live_server):
    context = browser.new_context(viewport=WALL, locale="zh-CN", timezone_id="Asia/Shanghai")
    try:
        page = context.new_page()
        login(page, live_server, "manager", DEMO_PASSWORD)
        answers = dots_responses(page)
        wire = wire_statuses(page)
        open_ok(page, f"{live_server.url}/dashboard/wall/")
        source = page.locator("svg.project-map").get_attribute("data-dots")
        assert source.startswith("/dashboard/map/dots/?week=")  # the wall's week, not today's
        counts = {
            card: int(page.locator(f".wall-count.{card} strong").inner_text())
            for card in ("blue", "yellow", "red")
        }
        dots = drawn(page, sum(counts.values()))
        assert_cards_match(dots, {**counts, "none": 0}, *svg_size(page))
        assert [a.status for a in answers] == [200]
        assert page.evaluate(OVERFLOWS) == []
        screenshot(page, "wall-fetched-dots", full_page=False)

        page.reload()
        drawn(page, sum(counts.values()))
        assert len(answers) == 2 and wire.now() == [200, 304]
    finally:
        context.close()
