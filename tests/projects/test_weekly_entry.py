"""The weekly entry's rules: drafts, submission, lateness, corrections, nodes, photos, conflicts."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image

from projects import services
from projects.choices import ReportStatus
from projects.models import WeeklyReport
from projects.weeks import SHANGHAI
from tests.factories import MilestoneFactory, WeeklyReportFactory

W47 = dt.date(2026, 11, 16)
BEFORE_DEADLINE = dt.datetime(2026, 11, 23, 11, 0, tzinfo=SHANGHAI)
AFTER_DEADLINE = dt.datetime(2026, 11, 23, 12, 1, tzinfo=SHANGHAI)


def data(**overrides):
    values = {
        "stage": "construction",
        "ytd_investment": Decimal("9000.00"),
        "investment_source": "unit",
        "correction_note": "",
        "progress": "主体结构施工至第五层。",
        "next_plan": "第六层浇筑。",
        "problems": "",
    }
    return values | overrides


def jpeg(name="site.jpg", size=(16, 16)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


def save(project, user, *, version=None, submit=False, now=BEFORE_DEADLINE, week=W47, **kw):
    return services.weekly_report_save(
        project=project,
        week=week,
        user=user,
        data=data(**kw),
        version=version,
        submit=submit,
        now=now,
    )


def test_draft_then_submit_on_time_moves_the_project(project, reporter):
    draft = save(project, reporter)
    assert draft.status == ReportStatus.DRAFT and draft.version == 1
    submitted = save(project, reporter, version=1, submit=True)
    assert submitted.status == ReportStatus.SUBMITTED
    assert not submitted.is_late
    project.refresh_from_db()
    assert project.ytd_investment == Decimal("9000.00")
    reasons = list(submitted.history.values_list("history_change_reason", flat=True))
    assert reasons == [_("Submitted"), _("Draft saved")]


def test_submission_after_deadline_is_accepted_and_marked_late(project, reporter):
    report = save(project, reporter, submit=True, now=AFTER_DEADLINE)
    assert report.status == ReportStatus.SUBMITTED
    assert report.is_late


def test_submitted_is_final_until_returned(project, reporter, supervisor):
    report = save(project, reporter, submit=True)
    with pytest.raises(ValidationError) as caught:
        save(project, reporter, version=report.version, progress="改了")
    assert caught.value.code == "submitted_is_final"
    returned = services.weekly_report_return(
        report=report, user=supervisor, reason="投资额与统计不符"
    )
    assert returned.status == ReportStatus.RETURNED
    again = save(project, reporter, version=returned.version, submit=True, progress="已更正")
    assert again.status == ReportStatus.SUBMITTED and again.progress == "已更正"


def test_return_needs_a_reason(project, reporter, supervisor):
    report = save(project, reporter, submit=True)
    with pytest.raises(ValidationError):
        services.weekly_report_return(report=report, user=supervisor, reason="  ")


def test_a_week_that_has_not_begun_is_refused(project, reporter):
    with pytest.raises(ValidationError) as caught:
        save(project, reporter, week=dt.date(2026, 11, 30), now=BEFORE_DEADLINE)
    assert caught.value.code == "week_not_begun"
    assert "2026-W49" in caught.value.message


def test_a_week_outside_the_campaign_is_refused(project, reporter):
    with pytest.raises(ValidationError) as caught:
        save(project, reporter, week=dt.date(2025, 12, 15))
    assert caught.value.code == "week_outside_campaign"


def test_lower_figure_needs_a_stated_correction(project, reporter):
    WeeklyReportFactory(
        project=project, week=W47 - dt.timedelta(days=7), ytd_investment=Decimal("9500")
    )
    with pytest.raises(ValidationError) as caught:
        save(project, reporter, ytd_investment=Decimal("9000"))
    assert "correction_note" in caught.value.error_dict
    report = save(
        project, reporter, ytd_investment=Decimal("9000"), correction_note="上周误将设备款计入"
    )
    assert report.ytd_investment == Decimal("9000")


def test_negative_amount_is_refused(project, reporter):
    with pytest.raises(ValidationError):
        save(project, reporter, ytd_investment=Decimal("-1"))
    assert not WeeklyReport.objects.exists()


def test_node_reached_moves_the_milestone_on_submit(project, reporter):
    node = MilestoneFactory(project=project, name="主体封顶", planned_date=dt.date(2026, 11, 10))
    entry = services.NodeEntry(milestone=node, reached_on=dt.date(2026, 11, 18))
    services.weekly_report_save(
        project=project,
        week=W47,
        user=reporter,
        data=data(),
        version=None,
        nodes=[entry],
        submit=True,
        now=BEFORE_DEADLINE,
    )
    node.refresh_from_db()
    assert node.reached_on == dt.date(2026, 11, 18)


@pytest.mark.parametrize("day", [dt.date(2025, 12, 31), dt.date(2026, 11, 30)])
def test_node_date_outside_campaign_or_in_future_is_refused(project, reporter, day):
    node = MilestoneFactory(project=project)
    with pytest.raises(ValidationError) as caught:
        services.weekly_report_save(
            project=project,
            week=W47,
            user=reporter,
            data=data(),
            version=None,
            nodes=[services.NodeEntry(milestone=node, reached_on=day)],
            now=BEFORE_DEADLINE,
        )
    assert "nodes" in caught.value.error_dict


def test_stale_version_is_a_conflict_and_writes_nothing(project, reporter):
    first = save(project, reporter)
    save(project, reporter, version=first.version, progress="甲先保存")
    with pytest.raises(services.ConflictError):
        save(project, reporter, version=first.version, progress="乙后保存")
    assert WeeklyReport.objects.get().progress == "甲先保存"


def test_two_first_saves_of_the_same_week(project, reporter):
    save(project, reporter, progress="甲")
    with pytest.raises(services.ConflictError):
        save(project, reporter, version=None, progress="乙")
    assert WeeklyReport.objects.get().progress == "甲"


def test_a_draft_save_does_not_check_the_constraints_twice(
    project, reporter, django_assert_max_num_queries
):
    # The database checks them on save; asking it before too cost 12 queries a save.
    first = save(project, reporter)
    with django_assert_max_num_queries(9):
        save(project, reporter, version=first.version, progress="第二稿")
    assert WeeklyReport.objects.get().progress == "第二稿"


# Through the form: errors come back in the user's language and keep what was typed.


@pytest.fixture
def edit_url(project):
    return reverse("projects:report_edit", args=[project.pk, "2026-W47"])


def post(client, url, **fields):
    payload = {k: v for k, v in data().items()} | {"version": ""} | fields
    return client.post(url, payload)


@time_machine.travel(BEFORE_DEADLINE)
def test_form_keeps_typed_text_on_error(client, reporter, edit_url):
    client.force_login(reporter)
    response = post(client, edit_url, ytd_investment="abc", progress="我写的进度不能丢")
    assert response.status_code == 200
    body = response.content.decode()
    assert "我写的进度不能丢" in body
    assert "请以万元为单位填写数字" in body
    assert not WeeklyReport.objects.exists()


@time_machine.travel(BEFORE_DEADLINE)
def test_form_refuses_negative_amount(client, reporter, edit_url):
    client.force_login(reporter)
    response = post(client, edit_url, ytd_investment="-5")
    assert response.status_code == 200
    assert response.context["form"].errors["ytd_investment"]


@time_machine.travel(BEFORE_DEADLINE)
def test_form_refuses_non_image_and_large_photo(client, reporter, edit_url, settings):
    client.force_login(reporter)
    fake = SimpleUploadedFile("plan.jpg", b"not an image at all", "image/jpeg")
    response = client.post(edit_url, data() | {"photos": [fake]})
    assert "photos" in response.context["form"].errors
    settings.PHOTO_MAX_BYTES = 100
    response = client.post(edit_url, data() | {"photos": [jpeg(size=(400, 400))]})
    assert "photos" in response.context["form"].errors
    assert not WeeklyReport.objects.exists()


@time_machine.travel(BEFORE_DEADLINE)
def test_form_submits_with_photo(client, reporter, edit_url, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(reporter)
    response = client.post(
        edit_url, data() | {"photos": [jpeg("a.jpg"), jpeg("b.jpg")], "submit": "1"}
    )
    assert response.status_code == 302
    report = WeeklyReport.objects.get()
    assert report.status == ReportStatus.SUBMITTED
    assert report.photos.count() == 2


@time_machine.travel(BEFORE_DEADLINE)
def test_form_conflict_tells_the_second_official_and_keeps_the_text(
    client, reporter, edit_url, project
):
    client.force_login(reporter)
    post(client, edit_url, progress="第一版")
    report = WeeklyReport.objects.get()
    post(client, edit_url, version=str(report.version), progress="甲的修改")
    response = post(client, edit_url, version=str(report.version), progress="乙的修改")
    assert response.status_code == 200
    assert "乙的修改" in response.content.decode()
    assert response.context["form"].non_field_errors()
    assert WeeklyReport.objects.get().progress == "甲的修改"


@time_machine.travel(BEFORE_DEADLINE)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_node_date_comes_back_in_the_date_box_after_a_draft(
    client, reporter, edit_url, project, language
):
    node = MilestoneFactory(project=project, name="主体封顶", planned_date=dt.date(2026, 11, 10))
    client.force_login(reporter)
    client.cookies["django_language"] = language
    response = post(client, edit_url, **{f"node_{node.pk}": "2026-11-18"})
    assert response.status_code == 302
    body = client.get(edit_url).content.decode()
    # A date box takes only yyyy-mm-dd: "2026/11/18" would show as blank and be lost.
    assert f'name="node_{node.pk}" value="2026-11-18"' in body
