"""The problem list's filter bar, drawn in Python: what was chosen stays chosen, names escaped,
and only the units the reader may name."""

import pytest
from django.urls import reverse

from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def bar(client, query=""):
    html = client.get(reverse("problems:list") + query).content.decode()
    start = html.index('<form method="get" class="filters">')
    return html[start : html.index("</form>", start)]


def test_the_choices_stay_chosen(client, supervisor, department, problem):
    client.force_login(supervisor)
    drawn = bar(client, f"?status=closed&level=1&overdue=true&department={department.pk}")
    assert '<option value="closed" selected>' in drawn
    assert '<option value="1" selected>' in drawn
    assert '<option value="true" selected>' in drawn
    assert f'<option value="{department.pk}" selected>' in drawn
    # The list opens on what is still in the loop.
    assert '<option value="open" selected>' in bar(client)


def test_a_units_name_is_escaped(client, supervisor, region):
    UnitFactory(region=region, name='<b>"局"</b>')
    client.force_login(supervisor)
    drawn = bar(client)
    assert "&lt;b&gt;&quot;局&quot;&lt;/b&gt;" in drawn
    assert "<b>" not in drawn


def test_a_reporter_is_offered_only_the_units_of_his_problems(
    client, reporter, problem, department, region
):
    UnitFactory(region=region, name="无关的局")
    client.force_login(reporter)
    drawn = bar(client)
    assert department.name in drawn
    assert "无关的局" not in drawn
