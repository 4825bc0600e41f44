"""数据完整性: what a person may type is what the database can hold. A reason of 2,000 characters
(a return, an adjustment, an exemption) is saved whole with its history on PostgreSQL; one
longer is refused by the form; a date outside 2000–2100 and a number the column cannot hold are
refused with a message; query parameters are read by config.params."""

import datetime as dt

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from accounts.choices import Role
from accounts.models import User
from config import dates, params
from projects.choices import ReportStatus
from projects.models import Project, WeeklyReport
from scoring.forms import RubricForm
from scoring.models import Exemption, ScoreAdjustment, WeeklyScore

REASON = "因征地手续调整，" + "延" * 1992  # 2,000 characters
assert len(REASON) == 2000


def test_params_fall_back_or_refuse():
    assert params.year({}) is None
    assert params.year({"year": "2026"}) == 2026
    assert params.year({"year": "\x00"}) is None  # NUL bytes are dropped: nothing was asked
    for bad in ("abc", "-1", "1999", "9" * 40, "2026.5", "²"):
        with pytest.raises(params.BadParameter):
            params.year({"year": bad})
        assert params.year({"year": bad}, strict=False) is None
    assert params.week({"week": "2026-W47"}) == dt.date(2026, 11, 16)
    for bad in ("2026-W99", "0001-W01", "abc", "x" * 300):
        with pytest.raises(params.BadParameter):
            params.week({"week": bad})
    assert params.choice({"kind": "units"}, "kind", ["units"], "projects") == "units"
    assert params.choice({"kind": "\x00"}, "kind", ["units"], "projects") == "projects"
    with pytest.raises(params.BadParameter):
        params.choice({"kind": "x"}, "kind", ["units"], strict=True)
    with pytest.raises(params.BadParameter):
        params.date({"d": "0001-01-01"}, "d")
    assert params.text({"q": "a\x00b"}, "q") == "ab"
    assert params.BoundedPaginator(range(10), -1).per_page == 1
    assert params.BoundedPaginator(range(10), 10**20).per_page == params.MAX_PER_PAGE


def test_every_text_column_a_person_writes_has_a_length():
    """A TextField without max_length takes anything into the form and the database."""
    ours = {"accounts", "projects", "scoring", "escalation", "problems", "reports", "instructions"}
    # Written by the code (an error, a finding), or in the admin (whose forms are its own).
    machine = {
        "reports.Report.reason", "reports.Rebuild.error", "scoring.ReportFlag.evidence",
        "reports.DistributionList.emails",
    }  # fmt: skip
    missing = [
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        if m._meta.app_label in ours and not m.__name__.startswith("Historical")
        for f in m._meta.get_fields()
        if isinstance(f, models.TextField) and not f.max_length
    ]
    assert sorted(set(missing) - machine) == []


def test_a_date_outside_the_range_is_refused_in_chinese():
    field = forms.DateField()  # any form's: the range is every date field's default validator
    with translation.override("zh-hans"):
        with pytest.raises(forms.ValidationError) as caught:
            field.clean("0001-01-01")
    assert "请输入" in caught.value.messages[0] and "2000-01-01" in caught.value.messages[0]
    assert field.clean("2026-11-30") == dt.date(2026, 11, 30)
    assert dates.in_range(dt.date(2100, 12, 31)) and not dates.in_range(dt.date(2101, 1, 1))
    with pytest.raises(forms.ValidationError):
        forms.DateTimeField().clean("9999-12-31 10:00")


def test_a_forty_digit_rubric_number_is_refused():
    form = RubricForm(data={"red_missing_in_row": "9" * 40})
    assert not form.is_valid()
    assert "red_missing_in_row" in form.errors


@pytest.fixture
def supervisor(demo, db):
    return User.objects.filter(role=Role.SUPERVISOR).order_by("pk").first()


def test_a_2000_character_return_reason_is_kept_whole(client, supervisor):
    report = WeeklyReport.objects.filter(status=ReportStatus.SUBMITTED).first()
    client.force_login(supervisor)
    response = client.post(reverse("projects:report_return", args=[report.pk]), {"reason": REASON})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.return_reason == REASON
    assert REASON in report.history.latest().history_change_reason
    too_long = client.post(
        reverse("projects:report_return", args=[report.pk]), {"reason": REASON + "。"}
    )
    assert too_long.status_code in (200, 302)
    report.refresh_from_db()
    assert report.return_reason == REASON  # the longer one was refused, nothing changed


def test_a_2000_character_adjustment_and_exemption_are_kept_whole(client, supervisor):
    score = WeeklyScore.objects.order_by("-week").first()
    client.force_login(supervisor)
    response = client.post(
        reverse("scoring:adjust", args=[score.pk]), {"points": "1.5", "reason": REASON}
    )
    assert response.status_code == 302
    assert ScoreAdjustment.objects.filter(score=score, reason=REASON).exists()
    assert REASON in score.history.latest().history_change_reason
    project = Project.objects.get(pk=score.project_id)
    url = reverse("scoring:exemption_new", args=[project.pk])
    form = {"kind": Exemption._meta.get_field("kind").choices[0][0], "reason": REASON}
    before = Exemption.objects.filter(project=project).count()
    response = client.post(url, {**form, "starts": "2026-11-02", "ends": "2026-11-15"})
    assert response.status_code == 302
    assert Exemption.objects.filter(project=project, reason=REASON).exists()
    refused = client.post(url, {**form, "starts": "0001-01-01", "ends": "2026-11-15"})
    assert refused.status_code == 200
    assert "2000-01-01" in refused.content.decode()
    assert Exemption.objects.filter(project=project).count() == before + 1
