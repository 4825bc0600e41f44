"""项目一张图: the district's outline and every project as a dot in its card's colour, drawn on
the server as SVG — no tiles, no CDN, the same drawing on the page, the wall and the PDF.

The projection is plain equirectangular with longitude scaled by cos(latitude) at the centre:
at a district's or a city's size the distortion is far below a dot's width.
"""

import dataclasses
import html
import math
from xml.sax.saxutils import quoteattr

from django.utils.safestring import SafeString, mark_safe

from config import geo
from config.colours import PALETTE
from projects.choices import Card

UNSCORED = PALETTE["grey"][0]


@dataclasses.dataclass(frozen=True)
class Dot:
    lat: float
    lon: float
    card: str  # a Card value, or "" when not scored
    title: str
    url: str


class Projection:
    """Degrees to SVG pixels for a bounding box, north up, fitted in ``width`` with a margin."""

    def __init__(self, lons, lats, width: int, margin: int = 16):
        self.west, self.east = min(lons), max(lons)
        self.south, self.north = min(lats), max(lats)
        if self.east - self.west < 1e-6:
            self.west, self.east = self.west - 0.01, self.east + 0.01
        if self.north - self.south < 1e-6:
            self.south, self.north = self.south - 0.01, self.north + 0.01
        self.kx = math.cos(math.radians((self.north + self.south) / 2))
        span_x = (self.east - self.west) * self.kx
        self.scale = (width - 2 * margin) / span_x
        self.margin = margin
        self.width = width
        self.height = round((self.north - self.south) * self.scale + 2 * margin)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.margin + (lon - self.west) * self.kx * self.scale
        y = self.margin + (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        """SVG pixels back to degrees: the inverse of ``xy`` (static/js/location-pick.js does
        the same sum from the svg's data-* attributes)."""
        return self.west + (x - self.margin) / (self.kx * self.scale), self.north - (
            y - self.margin
        ) / self.scale

    def data_attrs(self) -> str:
        """The projection's parameters as data-* attributes, for a page that inverts a click."""
        return (
            f'data-west="{self.west!r}" data-north="{self.north!r}" data-kx="{self.kx!r}" '
            f'data-scale="{self.scale!r}" data-margin="{self.margin}"'
        )


COLOURS = {card.value: card.hex for card in Card}


def _colour(card: str) -> str:
    return COLOURS.get(card, UNSCORED)


def draw(
    boundary: dict | None,
    dots: list[Dot],
    *,
    width: int = 800,
    label: str = "",
    pick: bool = False,
    marker: tuple[float, float] | None = None,
    source: str = "",
) -> SafeString:
    """The map as an inline SVG element. The box is the outline's (or the dots' when there is
    no outline); a dot outside the outline is still drawn. ``pick`` adds the projection as data-*
    attributes (a click is turned back into degrees); ``marker`` (lon, lat) is drawn on top."""
    outline = geo.rings(boundary)
    lons = [p[0] for ring in outline for p in ring] or [d.lon for d in dots] or [0.0]
    lats = [p[1] for ring in outline for p in ring] or [d.lat for d in dots] or [0.0]
    proj = Projection(lons, lats, width)
    radius = 6 if len(dots) <= 200 else 3 if len(dots) <= 2000 else 2
    # ``source``: the dots are not in the page but fetched from there (static/js/map-dots.js
    # draws them with this projection): a province's 20,000 dots would weigh megabytes of HTML.
    remote = f' data-dots={quoteattr(source)} data-radius="{radius}"' if source else ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="project-map{" pick-map" if pick else ""}" '
        f'viewBox="0 0 {width} {proj.height}" width="{width}" height="{proj.height}" role="img" '
        f"aria-label={quoteattr(label)}"
        f"{' ' + proj.data_attrs() if pick or source else ''}{remote}>"
    ]
    for ring in outline:
        points = " ".join(f"{x},{y}" for x, y in (proj.xy(lon, lat) for lon, lat in ring))
        out.append(
            f'<polygon class="outline" points="{points}" fill="#f3f6fb" stroke="#1a4f9c" '
            'stroke-width="2"/>'
        )
    # One group per card carries the colour (a dot is only its place and its title: 5,000 dots
    # stay a light page); red last, so on a crowded map the projects needing attention are on top.
    groups: dict[str, list[Dot]] = {"": [], Card.BLUE: [], Card.YELLOW: [], Card.RED: []}
    for dot in [] if source else dots:
        groups.get(dot.card, groups[""]).append(dot)
    for card, mine in groups.items():
        if not mine:
            continue
        out.append(
            f'<g class="dots dots-{card or "none"}" fill="{_colour(card)}" stroke="#fff" '
            'stroke-width="1">'
        )
        west, north, kx, scale, margin = proj.west, proj.north, proj.kx, proj.scale, proj.margin
        for dot in mine:  # the projection inlined: 5,000 dots are drawn in a few milliseconds
            x = margin + (dot.lon - west) * kx * scale
            y = margin + (north - dot.lat) * scale
            circle = (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}">'
                f"<title>{html.escape(dot.title, quote=False)}</title></circle>"
            )
            out.append(f'<a href="{html.escape(dot.url)}">{circle}</a>' if dot.url else circle)
        out.append("</g>")
    if marker is not None:  # a ring in no card's colour: the place being set, not a state
        x, y = proj.xy(*marker)
        out.append(
            f'<circle class="pick-marker" cx="{x}" cy="{y}" r="7" fill="#fff" stroke="#c2185b" '
            'stroke-width="4"/>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every text in it is escaped above


def dots_json(dots: list[Dot]) -> dict:
    """The dots as the map's script reads them: [lat, lon, card, title, link] each."""
    return {
        "colours": {card or "none": _colour(card) for card in ("", *COLOURS)},
        "dots": [[d.lat, d.lon, d.card, d.title, d.url] for d in dots],
    }


def project_dots(projects, region_name: str = "") -> list[Dot]:
    """The dots of ``projects`` (annotated with ``week_card`` by the tile queryset) that have a
    location: one query, the link built once and filled in (reverse() per dot costs 5,000×)."""
    from django.urls import reverse

    link = reverse("projects:detail", args=[987654321])
    labels = {card: str(label) for card, label in Card.choices}  # translated once, not per dot
    from django.db.models import FloatField
    from django.db.models.functions import Cast

    rows = (  # floats from the database: 5,000 Decimals cost more than the drawing
        projects.filter(lat__isnull=False, lon__isnull=False)
        .order_by()
        .annotate(flat=Cast("lat", FloatField()), flon=Cast("lon", FloatField()))
        .values_list("pk", "code", "name", "flat", "flon", "week_card")
    )
    dots = []
    for pk, code, name, lat, lon, card in rows:
        card = card or ""
        state = labels.get(card, "")
        dots.append(
            Dot(float(lat), float(lon), card, f"{code} {name}" + (f" · {state}" if state else ""),
                link.replace("987654321", str(pk)))
        )  # fmt: skip
    return dots


def snapshot_map(campaign, cards: dict[int, str]) -> dict:
    """The map as data for a stored report snapshot (JSON): the outline and a dot per project
    of ``cards`` (project id -> its card as of the report) that has a location."""
    from projects.models import Project

    dots = [
        [float(lat), float(lon), cards.get(pk) or "", f"{code} {name}"]
        for pk, lat, lon, code, name in Project.objects.filter(
            campaign=campaign, lat__isnull=False, lon__isnull=False
        )
        .order_by("code")
        .values_list("pk", "lat", "lon", "code", "name")
        if pk in cards and lat is not None and lon is not None  # the filter's, again for the type
    ]
    return {"boundary": campaign.region.boundary, "dots": dots}


def draw_snapshot(data: dict | None, width: int = 640) -> SafeString:
    """A stored snapshot's map, without links (a PDF is read on paper)."""
    if not data or not (data.get("dots") or data.get("boundary")):
        return mark_safe("")
    dots = [Dot(lat, lon, card, title, "") for lat, lon, card, title in data.get("dots", [])]
    return draw(data.get("boundary"), dots, width=width, label="项目一张图")
