"""The project page reads each thing it shows once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_monthly_plans_are_read_once_for_the_chart_and_the_table(client, project, supervisor):
    client.force_login(supervisor)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("projects:detail", args=[project.pk]))
    assert response.status_code == 200
    reads = [q["sql"] for q in ctx.captured_queries if 'FROM "projects_monthlyplan"' in q["sql"]]
    assert len(reads) == 1
    # Both still drawn from it: the table's twelve months and the chart's plan line.
    assert response.content.decode().count('<th class="num">') >= 12
    assert response.context["chart"]
