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


@pytest.mark.parametrize("chosen", [None, "department"])
def test_the_departments_options_are_djangos(supervisor, region, department, chosen):
    """Drawn from the units' names (filtersets.unit_options), the select is Django's own, a
    unit's short name shown for it as its str() does."""
    from django import forms
    from django.http import QueryDict

    from problems.filtersets import ProblemFilterSet
    from problems.models import Problem

    UnitFactory(region=region, name="潍坊市寒亭区住房和城乡建设局", short_name="区住建局")
    UnitFactory(region=region, name='<b>"局"</b> & 所')
    data = QueryDict(mutable=True)
    if chosen:
        data["department"] = str(department.pk)
    bar = ProblemFilterSet(data, queryset=Problem.objects.all(), user=supervisor)
    field = bar.form.fields["department"]
    drawn = bar.form["department"].as_widget()
    stock = forms.Select(choices=field.choices).render(
        bar.form.add_prefix("department"), bar.form["department"].value(), {"id": "id_department"}
    )
    assert drawn == stock
    assert "区住建局" in drawn and "寒亭区住房" not in drawn
    assert (f'<option value="{department.pk}" selected>' in drawn) == bool(chosen)
