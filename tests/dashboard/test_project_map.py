"""项目一张图: the demo district's outline with every project as a dot in its card's colour,
inside the outline, linking to its project; filtered like the dashboard; on the wall; drawn in
the monthly bulletin's PDF and looked at as an image."""

import datetime as dt
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from PIL import Image

from accounts.choices import Role
from accounts.models import Region
from config import geo
from demo import data as demo_data
from demo.district import seed_demo
from projects.choices import Card
from projects.models import Campaign, Project
from scoring.services import score_campaign_week
from tests.factories import UserFactory

NOW = dt.datetime(2026, 11, 25, 18, 0)
W44, W46, W47 = dt.date(2026, 10, 26), dt.date(2026, 11, 9), dt.date(2026, 11, 16)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def district(db):
    summary = seed_demo(projects=20, weeks=6, today=NOW.date())
    for campaign in summary.campaigns:
        for week in (W44, W46, W47):  # W44 ends October's bulletin
            score_campaign_week(campaign=campaign, week=week)
    return Region.objects.get(code=demo_data.REGION_CODE)


@pytest.fixture
def chief(district):
    return UserFactory(username="chief", role=Role.SUPERVISOR, region=district, unit=None)


def parse(svg: str):
    root = ET.fromstring(svg)
    (outline,) = root.iter(f"{SVG}polygon")
    ring = [tuple(map(float, p.split(","))) for p in outline.attrib["points"].split()]
    dots = [  # the colour is the card's group's
        (float(c.attrib["cx"]), float(c.attrib["cy"]), g.get("fill"), c.findtext(f"{SVG}title"))
        for g in root.iter(f"{SVG}g")
        for c in g.iter(f"{SVG}circle")
    ]
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    return ring, dots, links


def the_svg(html: str) -> str:
    found = re.search(r"<svg .*?</svg>", html, re.S)
    assert found, html
    return found.group(0)


def test_demo_projects_are_inside_the_demo_boundary(district):
    (ring,) = geo.rings(district.boundary)
    projects = Project.objects.filter(campaign__region=district)
    assert projects.count() == 20
    assert all(geo.inside(float(p.lon), float(p.lat), ring) for p in projects)


def test_map_page_draws_every_dot_inside_the_outline(district, chief, client):
    client.force_login(chief)
    response = client.get(reverse("dashboard:map"))
    assert response.status_code == 200
    ring, dots, links = parse(the_svg(response.content.decode()))
    assert len(dots) == 20 and len(links) == 20
    assert all(geo.inside(x, y, ring) for x, y, _, _ in dots)  # the same test in SVG pixels
    projects = {p.pk: p for p in Project.objects.filter(campaign__region=district)}
    for href, (_, _, _, title) in zip(links, dots, strict=True):
        project = projects[int(href.strip("/").split("/")[-1])]
        assert title.startswith(f"{project.code} {project.name}")
    colours = {fill for _, _, fill, _ in dots}
    assert colours <= {Card.BLUE.hex, Card.YELLOW.hex, Card.RED.hex, "#7b8794"}
    assert len(colours) >= 2
    assert 'href="/dashboard/map/"' in client.get(reverse("dashboard:dashboard")).content.decode()


def test_map_is_filtered_like_the_dashboard(district, chief, client):
    client.force_login(chief)
    red = client.get(reverse("dashboard:map"), {"card": "red"}).content.decode()
    _, dots, _ = parse(the_svg(red))
    assert dots and {fill for _, _, fill, _ in dots} == {Card.RED.hex}


def test_another_region_sees_none_of_the_dots(district, client):
    other = Region.objects.create(name="别区", code="other", level="district")
    client.force_login(UserFactory(username="far", role=Role.SUPERVISOR, region=other, unit=None))
    assert client.get(reverse("dashboard:map")).status_code == 404


def test_wall_has_the_map_panel(district, chief, client):
    client.force_login(chief)
    html = client.get(reverse("dashboard:wall")).content.decode()
    assert 'class="wall-panel wall-map"' in html
    _, dots, _ = parse(the_svg(html[html.index("wall-map") :]))
    assert len(dots) == 20


def test_monthly_bulletin_pdf_has_the_map(district, tmp_path):
    from reports import periods, render
    from reports.services import snapshot_build

    campaign = Campaign.objects.get(region=district, year=2026)
    snapshot = snapshot_build(campaign, periods.parse("monthly", "2026-10"))
    assert len(snapshot["map"]["dots"]) == 20
    pdf = tmp_path / "monthly.pdf"
    pdf.write_bytes(render.pdf_bytes(snapshot))
    subprocess.run(["pdftotext", str(pdf), str(tmp_path / "m.txt")], check=True)
    text = (tmp_path / "m.txt").read_text()
    assert "项目一张图" in text
    # Look at the page with the map: the outline's blue line and the cards' dots are drawn.
    page = next(n + 1 for n, chunk in enumerate(text.split("\f")) if "项目一张图" in chunk)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", str(page), "-l", str(page), str(pdf),
         str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    (png,) = tmp_path.glob("page*.png")
    shots = django_settings.BASE_DIR / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    (shots / "monthly-map.png").write_bytes(png.read_bytes())  # to look at
    image = Image.open(png).convert("RGB")
    colours = set(image.getdata())

    def near(hexa: str) -> bool:
        rgb = [int(hexa[i : i + 2], 16) for i in (1, 3, 5)]
        return any(all(abs(c - t) < 24 for c, t in zip(px, rgb, strict=True)) for px in colours)

    assert near("#1a4f9c")  # the outline
    assert sum(near(card.hex) for card in Card) >= 2


def test_a_province_s_dots_are_fetched_not_written_into_the_page(district, chief, client, settings):
    settings.MAP_INLINE_DOTS = 1
    client.force_login(chief)
    page = client.get(reverse("dashboard:map"), {"card": "red"})
    svg = the_svg(page.content.decode())
    assert "<circle" not in svg and 'data-dots="/dashboard/map/dots/?card=red"' in svg
    assert "js/map-dots.js" in page.content.decode()
    fetched = client.get(reverse("dashboard:map_dots"), {"card": "red"})
    dots = fetched.json()["dots"]
    assert dots and {card for _lat, _lon, card, _title, _url in dots} == {"red"}
    assert all(url.startswith("/projects/") for *_, url in dots)
    again = client.get(
        reverse("dashboard:map_dots"), {"card": "red"}, HTTP_IF_NONE_MATCH=fetched["ETag"]
    )
    assert again.status_code == 304 and again.content == b""
