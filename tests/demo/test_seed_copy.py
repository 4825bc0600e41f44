"""The province-sized seed writes its big tables with PostgreSQL's COPY: the same rows, from the
same seed, as the bulk_create path that SQLite keeps."""

import datetime as dt

import pytest
from django.db import connection

from demo.city import districts_of
from demo.district import seed_demo
from projects import weeks
from projects.models import Milestone, MonthlyPlan, NodeReached, Project, WeeklyReport

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=weeks.SHANGHAI)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
]


def tables() -> dict[str, list[tuple]]:
    """The big tables' rows by what they say, not by id: projects by code, users by name."""
    return {
        "projects": sorted(
            Project.objects.values_list("code", "stage", "ytd_investment", "annual_plan")
        ),
        "plans": sorted(MonthlyPlan.objects.values_list("project__code", "month", "amount")),
        "milestones": sorted(
            Milestone.objects.values_list(
                "project__code", "kind", "name", "planned_date", "reached_on"
            )
        ),
        "reports": sorted(
            WeeklyReport.objects.values_list(
                "project__code",
                "week",
                "status",
                "stage",
                "ytd_investment",
                "investment_source",
                "correction_note",
                "progress",
                "next_plan",
                "problems",
                "is_late",
                "submitted_at",
                "submitted_by__username",
                "return_reason",
                "reviewed_at",
                "reviewed_by__username",
                "version",
                "updated_at",
            )
        ),
        "nodes": sorted(
            NodeReached.objects.values_list(
                "report__project__code", "report__week", "milestone__name", "reached_on"
            )
        ),
    }


def test_copy_writes_the_rows_bulk_create_writes():
    district = districts_of(2)[1]  # another district: its rubric and deadline too
    seed_demo(projects=12, weeks=60, today=NOW, district=district, copy=True)
    copied = tables()
    seed_demo(projects=12, weeks=60, today=NOW, district=district, copy=False, reset=True)
    bulk = tables()
    # two campaign years, reports in every state, nodes reached: the comparison has teeth
    assert {r[1].year for r in bulk["reports"]} == {2025, 2026}
    assert {r[2] for r in bulk["reports"]} == {"draft", "submitted", "accepted", "returned"}
    assert len(bulk["nodes"]) > 10 and len(bulk["plans"]) == 2 * 12 * 12
    for name, rows in bulk.items():
        assert copied[name] == rows, name


def test_copied_rows_take_their_defaults_and_later_ids_follow():
    summary = seed_demo(projects=5, weeks=30, today=NOW, copy=True)
    report = WeeklyReport.objects.filter(status="submitted").first()
    assert report.version == 1 and report.correction_note == ""
    assert report.updated_at == report.submitted_at
    # the sequence moved past the copied rows: the app's next report gets a fresh id
    project = Project.objects.filter(campaign=summary.campaigns[-1]).first()
    later = WeeklyReport.objects.create(
        project=project, week=dt.date(2026, 1, 5), stage=project.stage, ytd_investment=0
    )
    assert later.pk > max(WeeklyReport.objects.exclude(pk=later.pk).values_list("pk", flat=True))
    # the foreign keys written unchecked point at rows that exist
    assert not WeeklyReport.objects.exclude(project_id__in=Project.objects.values("pk")).exists()
    assert not NodeReached.objects.exclude(report_id__in=WeeklyReport.objects.values("pk")).exists()
    assert not NodeReached.objects.exclude(milestone_id__in=Milestone.objects.values("pk")).exists()
    assert NodeReached.objects.exists()
