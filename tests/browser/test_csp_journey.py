"""The pages work under the Content-Security-Policy: no inline script or style is refused
(Chromium reports each refusal as a securitypolicyviolation event), the print button prints,
the week select submits its form, and the bars and meters get their width from page.js."""

import pytest
from playwright.sync_api import expect

from .conftest import login, open_ok, screenshot
from .test_dashboard_journey import scored  # noqa: F401 (a fixture)
from .test_why_journey import red_project  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
window.__printed = 0;
window.print = function () { window.__printed += 1; };
"""


def violations(page) -> list:
    return page.evaluate("window.__violations")


def test_the_pages_run_under_the_csp(new_page, live_server, manager, scored, week_label):  # noqa: F811
    page = new_page("desktop")
    page.add_init_script(WATCH)
    login(page, live_server, manager.username)

    open_ok(page, f"{live_server.url}/dashboard/")
    weeks = page.locator("select[name=week] option").all_text_contents()
    other = next(w for w in weeks if w != week_label)
    with page.expect_navigation():
        page.locator("select[name=week]").select_option(other)  # submits with no button
    assert f"week={other}" in page.url
    assert violations(page) == []

    open_ok(page, f"{live_server.url}/problems/meeting/")
    page.locator("button[data-print]").click()
    assert page.evaluate("window.__printed") == 1
    assert violations(page) == []

    open_ok(page, f"{live_server.url}/dashboard/wall/")
    marks = page.locator(".bar-mark[data-left]").evaluate_all(
        "els => els.map(e => [parseFloat(e.dataset.left), e.style.left])"
    )
    assert marks and all(style == f"{share:g}%" for share, style in marks)  # the plan due
    assert violations(page) == []
    screenshot(page, "csp-wall")


def test_the_why_meters_get_their_width(new_page, live_server, supervisor, red_project):  # noqa: F811
    page = new_page("desktop")
    page.add_init_script(WATCH)
    login(page, live_server, supervisor.username)
    open_ok(page, f"{live_server.url}/scoring/projects/{red_project.pk}/weeks/2026-W47/")
    meters = page.locator(".meter i[data-width]")
    expect(meters.first).to_be_visible()
    widths = meters.evaluate_all(
        "els => els.map(e => [parseFloat(e.dataset.width), e.style.width])"
    )
    assert any(share > 0 for share, _ in widths)
    for share, style in widths:
        assert style == f"{share:g}%"
    assert violations(page) == []
    screenshot(page, "csp-why")


def test_the_admin_runs_under_the_csp(new_page, live_server, admin_user):
    page = new_page("desktop")
    page.add_init_script(WATCH)
    login(page, live_server, admin_user.username)
    for url in ("/admin/", "/admin/projects/project/", "/admin/projects/project/add/"):
        open_ok(page, f"{live_server.url}{url}")
        assert violations(page) == [], url
