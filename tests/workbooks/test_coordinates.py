"""A register's coordinate columns (经度/纬度) set each project's location on import; a
region's boundary and a project's outline must be GeoJSON polygons on Earth."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Region
from demo import data as demo_data
from projects.models import Project

from .conftest import import_workbook, preview_errors, start
from .test_register_workbook import NODE_HEADER, PROJECT_HEADER, build, project_row


def test_coordinate_columns_set_the_location(campaign, unit, leader):
    stream = build(
        [project_row("HT101") + [119.2101, "36.7712"], project_row("HT102") + [None, None]],
        project_header=PROJECT_HEADER + ["经度", "纬度"],
        node_header=NODE_HEADER,
    )
    import_workbook(campaign, stream)
    placed = Project.objects.get(campaign=campaign, code="HT101")
    assert (placed.lat, placed.lon) == (Decimal("36.771200"), Decimal("119.210100"))
    unplaced = Project.objects.get(campaign=campaign, code="HT102")
    assert unplaced.lat is None and unplaced.lon is None


def test_an_impossible_coordinate_is_an_error_of_its_row(campaign, unit, leader):
    stream = build(
        [project_row("HT101") + ["东经119.21°", "北纬 136.77"]],
        project_header=PROJECT_HEADER + ["经度", "纬度"],
    )
    run = start(campaign, stream)
    assert any("坐标超出范围" in error for error in preview_errors(run))
    assert not run.preview["can_confirm"]


def test_boundary_must_be_a_polygon_on_earth(db):
    region = Region(name="示例区", code="shili", level="district", boundary=demo_data.BOUNDARY)
    region.full_clean()
    region.boundary = {"type": "Point", "coordinates": [119.2, 36.7]}
    with pytest.raises(ValidationError) as caught:
        region.full_clean()
    assert "GeoJSON" in str(caught.value)
    region.boundary = {"type": "Polygon", "coordinates": [[[500, 1], [501, 2], [502, 1], [500, 1]]]}
    with pytest.raises(ValidationError):
        region.full_clean()
