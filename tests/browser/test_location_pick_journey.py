"""A supervisor sets a project's location by clicking on the district's map: the click fills the
latitude and longitude (the projection inverted in static/js/location-pick.js), the marker
follows, typing moves it too, and saving moves the project's dot — all under the CSP."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from projects.maps import Projection
from tests.factories import ProjectFactory

from .conftest import login, open_ok, screenshot
from .test_csp_journey import WATCH, violations

pytestmark = pytest.mark.browser

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[119.0, 36.6], [119.4, 36.6], [119.4, 36.9], [119.0, 36.9], [119.0, 36.6]]],
}
WIDTH = 800  # projects/views_location.py draws the map this wide


def marker_centre(page) -> tuple[float, float]:
    ring = page.locator("svg.pick-map .pick-marker")
    return float(ring.get_attribute("cx")), float(ring.get_attribute("cy"))


def test_click_on_the_map_fills_the_fields_and_saving_moves_the_dot(
    new_page, live_server, supervisor, project, campaign, region
):
    region.boundary = SQUARE
    region.save()
    ProjectFactory(campaign=campaign, name="邻近项目", lat=Decimal("36.85"), lon=Decimal("119.35"))
    proj = Projection([119.0, 119.4], [36.6, 36.9], width=WIDTH)
    page = new_page("desktop")
    page.add_init_script(WATCH)
    login(page, live_server, supervisor.username)

    open_ok(page, f"{live_server.url}/projects/{project.pk}/")
    page.locator("a.location-link").click()
    page.wait_for_url(f"**/projects/{project.pk}/location/")
    svg = page.locator("svg.pick-map")
    expect(svg).to_be_visible()
    assert page.locator("svg.pick-map .pick-marker").count() == 0  # not placed yet
    expect(page.locator("svg.pick-map circle")).to_have_count(1)  # the neighbour, grey

    # Click where 119.1°E 36.8°N is drawn; the map is scaled to its box by the CSS.
    x, y = proj.xy(119.1, 36.8)
    box = svg.bounding_box()
    ratio = box["width"] / WIDTH
    svg.click(position={"x": x * ratio, "y": y * ratio})
    lat, lon = (
        float(page.locator("#id_lat").input_value()),
        float(page.locator("#id_lon").input_value()),
    )
    pixel = 1.5 / ratio / proj.scale  # a click lands on a whole screen pixel
    assert abs(lat - 36.8) < pixel and abs(lon - 119.1) < pixel / proj.kx
    cx, cy = marker_centre(page)
    assert abs(cx - x) < 1.5 / ratio and abs(cy - y) < 1.5 / ratio
    screenshot(page, "location-pick-clicked")

    # Typed numbers move the marker too.
    page.locator("#id_lat").fill("36.7")
    page.locator("#id_lon").fill("119.3")
    tx, ty = proj.xy(119.3, 36.7)
    cx, cy = marker_centre(page)
    assert abs(cx - tx) < 0.2 and abs(cy - ty) < 0.2

    # Back to the clicked place, with a reason, and save.
    svg.click(position={"x": x * ratio, "y": y * ratio})
    page.locator("#id_note").fill("现场核实")
    with page.expect_navigation():
        page.get_by_role("button", name="保存位置").click()
    expect(page.locator(".messages")).to_contain_text("位置已保存")
    project.refresh_from_db()
    assert abs(float(project.lat) - 36.8) < pixel and abs(float(project.lon) - 119.1) < pixel
    assert project.history.first().history_change_reason.endswith("：现场核实")
    assert project.history.first().history_user == supervisor
    # The dot is now drawn by the server where it was clicked.
    sx, sy = proj.xy(float(project.lon), float(project.lat))
    assert marker_centre(page) == (sx, sy)
    assert abs(sx - x) < 1.5 / ratio and abs(sy - y) < 1.5 / ratio
    assert page.locator("#id_lat").input_value() == str(project.lat)
    assert violations(page) == []
    screenshot(page, "location-pick-saved")


def test_a_click_outside_the_outline_is_refused_in_chinese(
    new_page, live_server, supervisor, project, region
):
    region.boundary = {  # a triangle: its box's top-right corner is outside it
        "type": "Polygon",
        "coordinates": [[[119.0, 36.6], [119.4, 36.6], [119.0, 36.9], [119.0, 36.6]]],
    }
    region.save()
    proj = Projection([119.0, 119.4], [36.6, 36.9], width=WIDTH)
    page = new_page("desktop")
    login(page, live_server, supervisor.username)
    open_ok(page, f"{live_server.url}/projects/{project.pk}/location/")
    svg = page.locator("svg.pick-map")
    ratio = svg.bounding_box()["width"] / WIDTH
    x, y = proj.xy(119.35, 36.85)
    svg.click(position={"x": x * ratio, "y": y * ratio})
    with page.expect_navigation():
        page.get_by_role("button", name="保存位置").click()
    expect(page.locator(".errorbox")).to_contain_text("边界之外")
    screenshot(page, "location-pick-outside")
    project.refresh_from_db()
    assert project.lat is None
    page.locator("#id_outside_ok").check()
    with page.expect_navigation():
        page.get_by_role("button", name="保存位置").click()
    expect(page.locator(".messages")).to_contain_text("位置已保存")
    project.refresh_from_db()
    assert project.lat is not None


def test_a_wrong_location_is_cleared_with_a_reason(
    new_page, live_server, supervisor, project, region
):
    region.boundary = SQUARE
    region.save()
    project.lat, project.lon = Decimal("36.8"), Decimal("119.1")
    project.save()
    page = new_page("desktop")
    page.add_init_script(WATCH)
    login(page, live_server, supervisor.username)
    open_ok(page, f"{live_server.url}/projects/{project.pk}/location/")
    expect(page.locator("svg.pick-map .pick-marker")).to_have_count(1)
    page.locator("#id_note").fill("点位录错，待现场核实")
    screenshot(page, "location-clear-before")
    with page.expect_navigation():
        page.locator("button[name=clear]").click()
    expect(page.locator(".messages .success, .messages")).to_be_visible()
    expect(page.locator("svg.pick-map .pick-marker")).to_have_count(0)
    expect(page.locator("button[name=clear]")).to_have_count(0)
    assert page.locator("#id_lat").input_value() == ""
    project.refresh_from_db()
    assert project.lat is None and project.lon is None
    assert project.history.first().history_user == supervisor
    assert project.history.first().history_change_reason.endswith("：点位录错，待现场核实")
    assert violations(page) == []
    screenshot(page, "location-cleared")
