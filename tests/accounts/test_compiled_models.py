"""Reads of model instances from SQL compiled once (accounts.compiled_reads.compile_models,
read_of_one) build what iterating the queryset builds: the same rows in the same order, the
select_related instances, the deferred fields deferred, the annotations and the prefetches; and
the 批示 on a project, compiled per shape of reader, are for each reader those his scope lets
through."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.test.utils import CaptureQueriesContext

from accounts.choices import Role
from accounts.compiled_reads import THING, compile_models, read_of_one, run_models
from instructions.scope import instructions_for
from instructions.selectors import instructions_on
from instructions.services import instruction_write
from projects.models import SitePhoto, WeeklyReport
from projects.selectors import (
    investment_against_plan,
    project_photos,
    project_plans,
    project_timeline,
)
from tests.factories import (
    ProjectFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
    WeeklyReportFactory,
)

pytestmark = pytest.mark.django_db
WEEKS = [dt.date(2026, 11, 16) - dt.timedelta(days=7 * n) for n in range(15)]


def _reports(project):
    return (
        WeeklyReport.objects.filter(project_id=project)
        .select_related("project__leader", "submitted_by")
        .defer("progress", "project__description")
        .annotate(sent=ExpressionWrapper(Q(status="submitted"), output_field=BooleanField()))
        .prefetch_related("photos")
        .order_by("-week")
    )


def test_the_instances_are_those_the_queryset_builds(project, reporter):
    for n, week in enumerate(WEEKS):
        WeeklyReportFactory(
            project=project,
            week=week,
            status="submitted" if n % 2 else "accepted",
            submitted_by=reporter if n % 3 else None,
        )
    compiled = compile_models(
        _reports(THING), stand_ins={THING}, what="A read", constants={"submitted"}
    )
    assert compiled is not None
    with CaptureQueriesContext(connection) as queries:
        got = run_models(compiled, {THING: project.pk})
    assert len(queries) == 2  # the rows, then their photos as prefetch_related reads them
    expected = list(_reports(project.pk))
    assert [r.pk for r in got] == [r.pk for r in expected] and len(got) == len(WEEKS)
    for mine, theirs in zip(got, expected, strict=True):
        assert mine.get_deferred_fields() == theirs.get_deferred_fields() == {"progress"}
        assert mine.sent == theirs.sent
        assert mine.project.leader.name == theirs.project.leader.name
        assert mine.project.get_deferred_fields() == {"description"}
        assert (mine.submitted_by_id, mine.submitted_by) == (
            theirs.submitted_by_id,
            theirs.submitted_by,
        )
        assert list(mine.photos.all()) == list(theirs.photos.all())
    with CaptureQueriesContext(connection) as queries:
        [r.project.leader for r in got] + [list(r.photos.all()) for r in got]
    assert len(queries) == 0  # all read already


def test_a_read_of_one_is_sent_with_each_id(project, other_project):
    WeeklyReportFactory(project=project, week=WEEKS[0])
    WeeklyReportFactory(project=other_project, week=WEEKS[1])
    read = read_of_one("A read", lambda pk: WeeklyReport.objects.filter(project_id=pk))
    assert [r.week for r in read(project.pk)] == [WEEKS[0]]
    assert [r.week for r in read(other_project.pk)] == [WEEKS[1]]
    assert read(-5) == []


def test_the_project_pages_reads_answer_what_the_orm_answers(project, reporter):
    for n, week in enumerate(WEEKS):
        status = ("draft", "submitted", "accepted", "returned")[n % 4]
        WeeklyReportFactory(
            project=project, week=week, status=status, ytd_investment=n * 10, return_reason="改"
        )
    timeline = project_timeline(project)
    expected = list(project.reports.order_by("-week")[:12])
    assert [r.pk for r in timeline] == [r.pk for r in expected] and len(timeline) == 12
    assert all(r.project is project for r in timeline)
    assert [p.pk for p in project_plans(project)] == [p.pk for p in project.monthly_plans.all()]
    points = {p.week: p.done for p in investment_against_plan(project, until=WEEKS[0])}
    counted = project.reports.filter(
        Q(status__in=["submitted", "accepted"]) | Q(status="returned", submitted_at__isnull=False)
    )
    assert {w: d for w, d in points.items() if d is not None} == {
        r.week: r.ytd_investment for r in counted
    }


def test_the_instructions_on_a_project_are_each_readers_own(
    project, other_project, unit, other_unit, manager, leader_user, reporter, other_reporter
):
    written = instruction_write(user=leader_user, on=project, text="加快进度", units=[unit])
    instruction_write(user=manager, on=project, text="请二单位配合", units=[other_unit])
    instruction_write(user=manager, on=other_project, text="别的项目", units=[other_unit])
    far = RegionFactory(code="far", name="远区")
    readers = [
        manager,
        leader_user,
        reporter,
        other_reporter,
        UserFactory(username="s", role=Role.SUPERVISOR, region=project.campaign.region),
        UserFactory(username="fm", role=Role.MANAGER, region=far, unit=None),
        UserFactory(username="fr", role=Role.REPORTER, region=far, unit=UnitFactory(region=far)),
        UserFactory(username="su", role=Role.ADMIN, region=None, unit=None, is_superuser=True),
        UserFactory(
            username="off", role=Role.MANAGER, region=project.campaign.region, is_active=False
        ),
    ]
    seen = 0
    for user in readers:
        for on in (project, other_project):
            expected = list(instructions_for(user).filter(project=on))
            got = instructions_on(user, on)
            assert got == expected, (user.username, on.pk)
            assert [[a.unit_id for a in i.addressees.all()] for i in got] == [
                [a.unit_id for a in i.addressees.all()] for i in expected
            ]
            seen += len(got)
    assert seen >= 8
    assert instructions_on(reporter, project) == [written]  # his unit's, not the other's
    assert instructions_on(other_reporter, other_project) != []


def test_the_project_page_shows_the_latest_twelve_photos(project, other_project):
    reports = [WeeklyReportFactory(project=project, week=week) for week in WEEKS[:5]]
    for n, report in enumerate(reports):
        for k in range(3):
            SitePhoto.objects.create(report=report, image=f"p{n}{k}.jpg", caption=f"{n}-{k}")
    theirs = WeeklyReportFactory(project=other_project, week=WEEKS[0])
    SitePhoto.objects.create(report=theirs, image="o.jpg", caption="别的")
    photos = project_photos(project)
    # The newest report's first, each report's in the order they came.
    assert [p.caption for p in photos] == [f"{n}-{k}" for n in range(4) for k in range(3)]
    assert photos[0].get_deferred_fields() >= {"exif", "image"}


def test_a_project_of_a_new_page_is_not_taken_for_another(project):
    other = ProjectFactory(campaign=project.campaign, unit=project.unit, leader=project.leader)
    WeeklyReportFactory(project=other, week=WEEKS[0])
    assert project_timeline(project) == []
    assert [r.project for r in project_timeline(other)] == [other]


def test_an_id_past_64_bits_is_no_rows_not_an_error(client, project, reporter):
    read = read_of_one("A read", lambda pk: WeeklyReport.objects.filter(project_id=pk))
    assert read(2**63) == [] and read(-(2**63) - 1) == []
    client.force_login(reporter)
    for url in (f"/projects/{2**64}/", f"/projects/{2**64}/weeks/2026-W47/"):
        assert client.get(url).status_code == 404


def test_a_kept_prefetch_keeps_no_requests_instances(project):
    from django.db.models import Prefetch

    WeeklyReportFactory(project=project, week=WEEKS[0])
    kept = Prefetch("photos", queryset=SitePhoto.objects.order_by("pk"))
    reports = WeeklyReport.objects.filter(project_id=THING).prefetch_related(kept)
    compiled = compile_models(reports, stand_ins={THING}, what="A read")
    assert compiled is not None
    found = run_models(compiled, {THING: project.pk})
    assert len(found) == 1 and list(found[0].photos.all()) == []
    assert compiled.prefetches[0].queryset._hints == {}  # the process-wide one holds no report
