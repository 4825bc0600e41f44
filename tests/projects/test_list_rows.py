"""The project list's rows: their order is defined whatever column sorts them, and each cell
holds what the project's own fields say."""

import re

import pytest
from django.urls import reverse

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def codes(html: str) -> list[str]:
    return re.findall(r'<td class="c-sub nowrap" data-th="[^"]*">([^<]*)</td>', html)


@pytest.mark.parametrize("column", ["unit", "leader", "category", "stage", "target", "card"])
def test_ties_of_a_sorted_column_come_by_code_both_ways(client, supervisor, campaign, column):
    first = ProjectFactory(campaign=campaign, code="A01")
    for code in ("P05", "P02", "P09", "P01", "P07"):  # the same unit, leader, stage, card…
        ProjectFactory(campaign=campaign, code=code, unit=first.unit, leader=first.leader)
    client.force_login(supervisor)
    url = reverse("projects:list")
    sorted_by = lambda sort: [  # noqa: E731
        c for c in codes(client.get(url, {"sort": sort}).content.decode()) if c[0] == "P"
    ]
    up, down = sorted_by(column), sorted_by(f"-{column}")
    assert up == ["P01", "P02", "P05", "P07", "P09"]
    assert down == up[::-1]
