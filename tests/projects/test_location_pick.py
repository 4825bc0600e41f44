"""Setting a project's location on the district's map: who may, what is kept in the history,
which points are refused, and the projection the page's script inverts."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.choices import Role
from projects.location import outside_boundary, project_location_clear, project_location_set
from projects.maps import Projection
from tests.factories import CampaignFactory, ProjectFactory, RegionFactory, UnitFactory, UserFactory

SVG = "{http://www.w3.org/2000/svg}"
# A district-sized square around 寒亭: lon 119.0–119.4, lat 36.6–36.9.
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[119.0, 36.6], [119.4, 36.6], [119.4, 36.9], [119.0, 36.9], [119.0, 36.6]]],
}


@pytest.fixture
def bounded(region):
    region.boundary = SQUARE
    region.save()
    return region


def url(project) -> str:
    return reverse("projects:location", args=[project.pk])


def the_svg(html: str):
    found = re.search(r"<svg .*?</svg>", html, re.S)
    assert found, html
    return ET.fromstring(found.group(0))


def invert(svg, x: float, y: float) -> tuple[float, float]:
    """What static/js/location-pick.js computes from the svg's data-* attributes."""
    west, north, kx, scale, margin = (
        float(svg.get(f"data-{name}")) for name in ("west", "north", "kx", "scale", "margin")
    )
    return west + (x - margin) / (kx * scale), north - (y - margin) / scale


# --- the projection ----------------------------------------------------------------------------


@pytest.mark.parametrize("lon,lat", [(119.0, 36.6), (119.4, 36.9), (119.2345, 36.7712)])
def test_projection_inverse_round_trips(lon, lat):
    proj = Projection([119.0, 119.4], [36.6, 36.9], width=800)
    x, y = proj.xy(lon, lat)
    back_lon, back_lat = proj.lonlat(x, y)
    pixel = 0.05 / proj.scale  # xy() rounds to a tenth of a pixel
    assert abs(back_lon - lon) <= pixel / proj.kx + 1e-12
    assert abs(back_lat - lat) <= pixel + 1e-12
    # and the other way, from any pixel
    assert proj.xy(*proj.lonlat(123.4, 56.7)) == (123.4, 56.7)


def test_the_page_carries_the_projection_the_map_was_drawn_with(client, supervisor, project,
                                                                bounded):  # fmt: skip
    project.lat, project.lon = Decimal("36.75"), Decimal("119.2")
    project.save()
    client.force_login(supervisor)
    svg = the_svg(client.get(url(project)).content.decode())
    assert "pick-map" in svg.get("class")
    (marker,) = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "pick-marker"]
    lon, lat = invert(svg, float(marker.get("cx")), float(marker.get("cy")))
    assert abs(lon - 119.2) < 1e-3 and abs(lat - 36.75) < 1e-3
    # the outline's corner, inverted as the script does, is the boundary's corner
    (outline,) = svg.iter(f"{SVG}polygon")
    x, y = map(float, outline.get("points").split()[0].split(","))
    lon, lat = invert(svg, x, y)
    assert abs(lon - 119.0) < 1e-3 and abs(lat - 36.6) < 1e-3


# --- who may ------------------------------------------------------------------------------------


def test_supervisor_of_the_region_sees_the_map_and_the_link(client, supervisor, project,
                                                          other_project, bounded):  # fmt: skip
    other_project.lat, other_project.lon = Decimal("36.8"), Decimal("119.3")
    other_project.save()
    client.force_login(supervisor)
    response = client.get(url(project))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="/static/js/location-pick.js"' in html and "<script>" not in html
    svg = the_svg(html)
    dots = [c for c in svg.iter(f"{SVG}circle") if c.get("class") != "pick-marker"]
    assert len(dots) == 1  # the other project, grey, no link to follow by mistake
    assert not list(svg.iter(f"{SVG}a"))
    assert not [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "pick-marker"]
    detail = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert f'href="{url(project)}"' in detail


@pytest.mark.parametrize("who", ["reporter", "leader_user", "manager"])
def test_other_roles_are_refused(client, request, who, project, bounded):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(url(project)).status_code == 403
    assert client.post(url(project), {"lat": "36.8", "lon": "119.2"}).status_code == 403
    project.refresh_from_db()
    assert project.lat is None
    detail = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert url(project) not in detail


def test_another_regions_project_is_not_found(client, project):
    elsewhere = RegionFactory(name="奎文区", code="kuiwen")
    outsider = UserFactory(username="sup2", role=Role.SUPERVISOR, region=elsewhere, unit=None)
    client.force_login(outsider)
    assert client.get(url(project)).status_code == 404
    assert client.post(url(project), {"lat": "36.8", "lon": "119.2"}).status_code == 404
    project.refresh_from_db()
    assert project.lat is None


def test_anonymous_goes_to_login(client, project):
    response = client.get(url(project))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- saving -------------------------------------------------------------------------------------


def test_save_keeps_who_and_why_in_the_history(client, supervisor, project, bounded):
    client.force_login(supervisor)
    response = client.post(
        url(project), {"lat": "36.7712345", "lon": "119.2101", "note": "与业主现场核实"}
    )
    assert response.status_code == 302 and response["Location"] == url(project)
    project.refresh_from_db()
    assert (project.lat, project.lon) == (Decimal("36.771235"), Decimal("119.210100"))
    latest = project.history.first()
    assert latest.history_user == supervisor
    assert latest.history_change_reason == "位置设为 36.771235, 119.210100：与业主现场核实"
    page = client.get(url(project)).content.decode()
    assert "位置已保存" in page
    assert 'value="36.771235"' in page


@pytest.mark.parametrize(
    "lat,lon,field", [("95", "119.2", "lat"), ("36.8", "190", "lon"), ("-91", "-181", "lat")]
)
def test_out_of_range_is_refused(client, supervisor, project, lat, lon, field):
    client.force_login(supervisor)
    response = client.post(url(project), {"lat": lat, "lon": lon})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    project.refresh_from_db()
    assert project.lat is None and project.history.count() == 1


def test_the_service_checks_the_range_too(supervisor, project):
    with pytest.raises(ValidationError) as caught:
        project_location_set(project=project, user=supervisor, lat=Decimal("91"), lon=Decimal("0"))
    assert set(caught.value.error_dict) == {"lat"}
    assert "纬度" in caught.value.error_dict["lat"][0].messages[0]


def test_outside_the_boundary_is_refused_unless_confirmed(client, supervisor, project, bounded):
    client.force_login(supervisor)
    # latitude and longitude typed the wrong way round is the usual slip: it lands far away
    response = client.post(url(project), {"lat": "36.95", "lon": "119.2"})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "该点（36.950000, 119.200000）在寒亭区边界之外。请在边界内点选；"
        "如项目确实在区界外，请勾选“项目确在边界外”。"
    ]
    project.refresh_from_db()
    assert project.lat is None

    response = client.post(url(project), {"lat": "36.95", "lon": "119.2", "outside_ok": "on"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.lat == Decimal("36.95")
    assert "边界外" in project.history.first().history_change_reason


def test_without_a_boundary_any_point_on_earth_is_kept(client, supervisor, project):
    client.force_login(supervisor)
    page = client.get(url(project)).content.decode()
    assert "pick-map" not in page  # nothing to click on yet: the numbers are typed
    assert client.post(url(project), {"lat": "36.95", "lon": "119.2"}).status_code == 302
    project.refresh_from_db()
    assert project.lon == Decimal("119.2")


def test_a_multipolygon_counts_each_part():
    two = {
        "type": "MultiPolygon",
        "coordinates": [SQUARE["coordinates"], [[[120, 37], [121, 37], [121, 38], [120, 37]]]],
    }
    assert not outside_boundary(two, 36.7, 119.1)
    assert not outside_boundary(two, 37.2, 120.8)
    assert outside_boundary(two, 37.8, 120.2)  # the triangle's empty half
    assert not outside_boundary(None, 0, 0)


def test_a_city_supervisor_sets_a_district_project(client, project, bounded):
    city = RegionFactory(name="潍坊市", code="weifang", level="city")
    bounded.parent = city
    bounded.save()
    chief = UserFactory(username="city", role=Role.SUPERVISOR, region=city, unit=None)
    client.force_login(chief)
    assert client.post(url(project), {"lat": "36.8", "lon": "119.2"}).status_code == 302
    # the other district's campaign is not in the map of this one
    far = RegionFactory(name="奎文区", code="kuiwen", parent=city)
    ProjectFactory(campaign=CampaignFactory(region=far), unit=UnitFactory(region=far),
                   lat=Decimal("36.7"), lon=Decimal("119.1"))  # fmt: skip
    svg = the_svg(client.get(url(project)).content.decode())
    assert [c.get("class") for c in svg.iter(f"{SVG}circle")] == ["pick-marker"]


# --- clearing -----------------------------------------------------------------------------------


def test_clear_takes_the_project_off_the_map_and_keeps_who_where_and_why(
    client, supervisor, project, bounded
):
    project.lat, project.lon = Decimal("36.75"), Decimal("119.2")
    project.save()
    client.force_login(supervisor)
    assert 'name="clear"' in client.get(url(project)).content.decode()
    response = client.post(url(project), {"clear": "1", "lat": "", "lon": "", "note": "点位录错"})
    assert response.status_code == 302 and response["Location"] == url(project)
    project.refresh_from_db()
    assert project.lat is None and project.lon is None
    latest, before = project.history.all()[:2]
    assert latest.history_user == supervisor
    assert latest.history_change_reason == (
        str(_("Location %(was)s cleared") % {"was": "36.750000, 119.200000"}) + "：点位录错"
    )
    assert (before.lat, before.lon) == (Decimal("36.75"), Decimal("119.2"))  # where it was
    page = client.get(url(project)).content.decode()
    assert 'name="clear"' not in page  # nothing left to clear
    assert "pick-marker" not in page


def test_clearing_an_unplaced_project_writes_no_history(supervisor, project):
    rows = project.history.count()
    assert project_location_clear(project=project, user=supervisor, note="x").lat is None
    assert project.history.count() == rows


@pytest.mark.parametrize("who", ["reporter", "leader_user", "manager"])
def test_other_roles_cannot_clear(client, request, who, project):
    project.lat, project.lon = Decimal("36.75"), Decimal("119.2")
    project.save()
    client.force_login(request.getfixturevalue(who))
    assert client.post(url(project), {"clear": "1"}).status_code == 403
    project.refresh_from_db()
    assert project.lat == Decimal("36.75")
