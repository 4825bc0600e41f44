"""The weekly entry form's compiled reads (projects.entry_reads) give what the ORM's own reads
give: the project as selectors.project_get scopes it (404 beyond it), the report of the week
and the figure before it (selectors.report_of_week, services.previous_figure), the open nodes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from projects import entry_reads, selectors, services
from projects.choices import ReportStatus
from projects.models import NodeReached, Project, SitePhoto
from tests.factories import MilestoneFactory, WeeklyReportFactory
from tests.projects.test_list_campaigns import readers  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

WEEK = dt.date(2026, 11, 16)


def _columns(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_the_project_is_project_gets_for_every_reader(readers):  # noqa: F811
    projects = list(Project.objects.order_by("pk"))
    for user in readers:
        for project in projects:
            try:
                expected = selectors.project_get(user=user, pk=project.pk)
            except Http404:
                with pytest.raises(Http404):
                    entry_reads.project_to_report(user=user, pk=project.pk)
                continue
            read = entry_reads.project_to_report(user=user, pk=project.pk)
            assert _columns(read) == _columns(expected)
            assert _columns(read.campaign) == _columns(expected.campaign)


def _orms(project, week):
    return selectors.report_of_week(project=project, week=week), services.previous_figure(
        project, week
    )


@pytest.mark.parametrize(
    "reports",
    [
        [],
        [(WEEK, ReportStatus.DRAFT, None)],
        [(WEEK, ReportStatus.RETURNED, True), (WEEK - dt.timedelta(7), ReportStatus.SUBMITTED, 1)],
        [
            (WEEK + dt.timedelta(7), ReportStatus.SUBMITTED, True),
            (WEEK, ReportStatus.DRAFT, None),
            (WEEK - dt.timedelta(7), ReportStatus.DRAFT, None),
            (WEEK - dt.timedelta(14), ReportStatus.RETURNED, None),  # never submitted
            (WEEK - dt.timedelta(21), ReportStatus.RETURNED, True),
            (WEEK - dt.timedelta(28), ReportStatus.ACCEPTED, True),
        ],
        [(WEEK - dt.timedelta(7), ReportStatus.ACCEPTED, True)],
    ],
)
def test_the_report_and_the_figure_before_it_are_the_orms(project, reports):
    for n, (week, status, submitted) in enumerate(reports):
        WeeklyReportFactory(
            project=project,
            week=week,
            status=status,
            submitted_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC) if submitted else None,
            ytd_investment=Decimal(100 + n),
            return_reason="数字有误" if status == ReportStatus.RETURNED else "",
        )
    for week in (WEEK, WEEK - dt.timedelta(7), WEEK + dt.timedelta(14)):
        expected = _orms(project, week)
        read = entry_reads.report_and_previous(project, week)
        assert [r and r.pk for r in read] == [r and r.pk for r in expected]
        if read[0] is not None:
            assert _columns(read[0]) == _columns(expected[0])
        if read[1] is not None:
            assert (read[1].week, read[1].ytd_investment) == (
                expected[1].week,
                expected[1].ytd_investment,
            )


def test_the_open_nodes_are_the_orms(project, other_project):
    MilestoneFactory(project=project, name="竣工", planned_date=dt.date(2026, 12, 1))
    MilestoneFactory(project=project, name="开工", planned_date=dt.date(2026, 3, 1))
    MilestoneFactory(project=project, planned_date=dt.date(2026, 2, 1), reached_on=WEEK)
    MilestoneFactory(project=other_project)
    expected = project.milestones.filter(reached_on__isnull=True).order_by("planned_date")
    assert [_columns(m) for m in entry_reads.open_milestones(project)] == [
        _columns(m) for m in expected
    ]
    assert entry_reads.open_milestones(other_project) != []


def test_the_nodes_and_photos_of_a_report_are_the_orms(project, other_project):
    report = WeeklyReportFactory(project=project, week=WEEK, status=ReportStatus.DRAFT)
    other = WeeklyReportFactory(project=other_project, week=WEEK, status=ReportStatus.DRAFT)
    first, second = (
        MilestoneFactory(project=project, planned_date=dt.date(2026, m, 1)) for m in (3, 6)
    )
    NodeReached.objects.create(report=report, milestone=first, reached_on=dt.date(2026, 3, 4))
    NodeReached.objects.create(report=other, milestone=second, reached_on=dt.date(2026, 5, 4))
    for caption in ("东侧 & <基坑>", ""):
        SitePhoto.objects.create(report=report, image="photos/x.jpg", caption=caption)
    SitePhoto.objects.create(report=other, image="photos/y.jpg", caption="别的")
    assert entry_reads.nodes_reached(report) == {
        n.milestone_id: n.reached_on for n in report.nodes.all()
    }
    shown = entry_reads.photos_shown(report)
    assert [(p.pk, p.caption) for p in shown] == list(
        report.photos.order_by("pk").values_list("pk", "caption")
    )
