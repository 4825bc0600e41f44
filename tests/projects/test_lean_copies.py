"""A request's filters, form fields and table columns are its own though not deep-copied
(config.filtersets.LeanFilterSet, config.tables.LeanTable): what one request changes never
reaches the class or the next request."""

import pytest
from django.http import QueryDict

from projects.filtersets import ProjectFilterSet, ReviewFilterSet
from projects.models import Project, WeeklyReport
from projects.tables import ProjectTable

pytestmark = pytest.mark.django_db


def test_a_filtersets_filters_are_its_own(supervisor, project):
    first = ProjectFilterSet(QueryDict("q=x"), queryset=Project.objects.all(), user=supervisor)
    second = ProjectFilterSet(QueryDict(""), queryset=Project.objects.all(), user=supervisor)
    base = ProjectFilterSet.base_filters
    for name in base:
        assert first.filters[name] is not base[name]
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name].extra is not base[name].extra
        assert not hasattr(base[name], "_field")
    # The search's method is called on this request's filter, whose parent is this filterset.
    assert first.filters["q"].filter.f is first.filters["q"]
    assert first.filters["q"].parent is first
    assert base["unit"].extra["queryset"].query.is_empty()  # the class's stays none()
    assert "listed" not in vars(base["campaign"])
    # The form takes the fields as made for this request.
    assert first.form.fields["unit"] is first.filters["unit"].field
    assert list(first.qs) == []  # "x" matches no project


def test_the_review_weeks_are_each_requests(supervisor):
    reports = WeeklyReport.objects.all()
    ReviewFilterSet(QueryDict(""), queryset=reports)
    assert "choices" not in ReviewFilterSet.base_filters["week"].extra


def test_a_tables_columns_are_its_own():
    table = ProjectTable([], exclude=("district",))
    table.columns.hide("code")
    assert ProjectTable.base_columns["code"].visible
    assert "district" in ProjectTable.base_columns
    assert ProjectTable([]).columns["code"].visible
