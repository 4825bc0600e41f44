"""The attacks that crossed districts in the admin, each tried again: restoring another district's
old version, reverting to a version that belonged elsewhere, a raw-id field pointed at another
district's project, and every dropdown of every editable form pointed at another district."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.contrib.admin.utils import quote
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.urls import reverse

from audit.admin_mixins import REGION_PATHS
from audit.kinds import Kind, Result
from audit.models import Entry
from config.history import note_change
from projects.models import WeeklyReport
from scoring.models import WeeklyScore
from tests.factories import ProjectFactory, UserFactory

from .districts import district, snapshot
from .test_admin_matrix import LABELS, actor, model_admin, url, version


@pytest.fixture
def home(db):
    return district("hanting", "寒亭区")


@pytest.fixture
def away(home):
    return district("kuiwen", "奎文区")


def form_data(response) -> dict:
    """What the browser would post back for the form on ``response``, unchanged."""
    data = {}
    forms_ = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms_.extend(formset.forms)
    for form in forms_:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            key, value = form.add_prefix(name), form[name].value()
            if isinstance(field, forms.SplitDateTimeField):
                if value:
                    moment = forms.DateTimeField().to_python(value)
                    assert moment is not None  # a value was given
                    data[f"{key}_0"], data[f"{key}_1"] = moment.date(), moment.time()
            elif isinstance(field, forms.BooleanField):
                if value:
                    data[key] = "on"
            elif isinstance(value, (list, tuple)):
                data[key] = [str(v) for v in value]
            elif value is not None:
                data[key] = value
    if "change_reason" in response.context["adminform"].form.fields:
        data["change_reason"] = "核对台账"
    return data


def editable_labels():
    """The models a region's own staff edit (a superuser's admins are not scoped for them)."""
    return [lb for lb in LABELS if not model_admin(lb).read_only and model_admin(lb).roles]


# --- restore another district's old version -----------------------------------------------


def _accepted_twice(report, first, then):
    report.ytd_investment = first
    note_change(report, reason="首次核定")
    report.save()
    report.ytd_investment = then
    note_change(report, reason="复核后更正")
    report.save()
    return report.history.order_by("history_id")


def test_restoring_another_districts_version_is_not_found(client, home, away):
    report = away.objects["projects.WeeklyReport"]
    versions = _accepted_twice(report, Decimal("1.00"), Decimal("8620.00"))
    old = versions.filter(ytd_investment=Decimal("1.00")).get()
    before = snapshot(report)
    client.force_login(home.supervisor)
    address = url("projects.WeeklyReport", "simple_history", report, old.history_id)
    assert client.get(address).status_code == 404
    posted = client.post(
        address,
        {
            "project": report.project_id,
            "week": report.week,
            "status": report.status,
            "ytd_investment": "1.00",
            "change_reason": "恢复旧版本",
        },
    )
    assert posted.status_code == 404
    assert snapshot(report) == before
    assert WeeklyReport.objects.get(pk=report.pk).ytd_investment == Decimal("8620.00")
    assert client.get(url("projects.WeeklyReport", "history", report)).status_code == 404
    refused = Entry.objects.filter(result=Result.REFUSED, username=home.supervisor.username)
    assert refused.exists()


def test_restoring_the_own_districts_version_works_with_a_reason(client, home):
    report = home.objects["projects.WeeklyReport"]
    versions = _accepted_twice(report, Decimal("7000.00"), Decimal("7100.00"))
    old = versions.filter(ytd_investment=Decimal("7000.00")).get()
    client.force_login(home.supervisor)
    address = url("projects.WeeklyReport", "simple_history", report, old.history_id)
    page = client.get(address)
    assert page.status_code == 200
    data = form_data(page)
    data["change_reason"] = "按复核意见恢复"
    response = client.post(address, data)
    assert response.status_code == 302, page.context["adminform"].form.errors
    report.refresh_from_db()
    assert report.ytd_investment == Decimal("7000.00")
    latest = report.history.first()
    assert latest.history_user == home.supervisor
    assert latest.history_change_reason == "按复核意见恢复"
    assert Entry.objects.filter(kind=Kind.ADMIN_CHANGE, username="hanting-supervisor").exists()


def test_a_version_that_belonged_to_another_district_is_refused(client, home, away):
    """The own report, once (wrongly) on another district's project: that version is theirs."""
    report = home.objects["projects.WeeklyReport"]
    home_project = report.project
    elsewhere = ProjectFactory(campaign=away.objects["projects.Campaign"], name="奎文区另一项目")
    report.project = elsewhere
    note_change(report, reason="误挂")
    report.save()
    report.project = home_project
    note_change(report, reason="改回")
    report.save()
    wrong = report.history.filter(project=elsewhere).get()
    before = snapshot(report)
    client.force_login(home.supervisor)
    address = url("projects.WeeklyReport", "simple_history", report, wrong.history_id)
    assert client.get(address).status_code == 403
    assert client.post(address, {"change_reason": "恢复"}).status_code == 403
    assert snapshot(report) == before


def test_a_read_only_record_cannot_be_reverted(client, home):
    """simple_history saves a revert after checking only the view permission: not here."""
    score = home.objects["scoring.WeeklyScore"]
    before = snapshot(score)
    client.force_login(home.supervisor)
    address = url("scoring.WeeklyScore", "simple_history", score, version(score))
    assert client.get(address).status_code == 200  # readable
    assert client.post(address, {"total": "0", "card": "red"}).status_code == 403
    assert snapshot(score) == before
    assert WeeklyScore.objects.get(pk=score.pk).total == score.total


# --- the raw-id field ----------------------------------------------------------------------


def test_a_report_cannot_be_moved_to_another_districts_project(client, home, away):
    report = home.objects["projects.WeeklyReport"]
    foreign = away.objects["projects.Project"]
    client.force_login(home.supervisor)
    address = url("projects.WeeklyReport", "change", report)
    page = client.get(address)
    data = form_data(page)
    assert client.post(address, data).status_code == 302  # the unchanged form is accepted
    before = snapshot(report)
    data["project"] = foreign.pk
    response = client.post(address, data)
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert snapshot(report) == before


def test_a_report_cannot_be_added_to_another_districts_project(client, home, away):
    foreign = away.objects["projects.Project"]
    client.force_login(home.supervisor)
    count = WeeklyReport.objects.count()
    response = client.post(
        reverse("admin:projects_weeklyreport_add"),
        {
            "project": foreign.pk,
            "week": dt.date(2026, 11, 23),
            "status": "submitted",
            "stage": "construction",
            "ytd_investment": "1.00",
            "investment_source": "unit_report",
            "progress": "越权",
            "change_reason": "越权",
        },
    )
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert WeeklyReport.objects.count() == count


def test_the_raw_id_popup_lists_the_own_district_only(client, home, away):
    client.force_login(home.supervisor)
    response = client.get(
        reverse("admin:projects_project_changelist"), {"_popup": "1", "_to_field": "id"}
    )
    shown = {p.pk for p in response.context["cl"].result_list}
    assert shown == {home.objects["projects.Project"].pk}


# --- every dropdown of every editable form -------------------------------------------------


@pytest.mark.parametrize("label", editable_labels())
def test_every_dropdown_refuses_another_districts_choice(client, home, away, label):
    user = actor(label, home)
    obj = home.objects[label]
    client.force_login(user)
    address = url(label, "change", obj)
    page = client.get(address)
    assert page.status_code == 200
    data = form_data(page)
    # The unchanged form saves: the refusals below are the dropdowns', not a broken form.
    response = client.post(address, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    before = snapshot(fresh)
    form = page.context["adminform"].form
    tried = 0
    for name, field in form.fields.items():
        if not isinstance(field, ModelChoiceField) or field.disabled:
            continue
        target = field.queryset.model
        if target._meta.label not in REGION_PATHS:
            continue
        foreign = away.of(target)
        attack = dict(data)
        attack[form.add_prefix(name)] = (
            [str(foreign.pk)] if isinstance(field, ModelMultipleChoiceField) else foreign.pk
        )
        response = client.post(address, attack)
        assert response.status_code == 200, (label, name)
        assert name in response.context["adminform"].form.errors, (label, name)
        assert snapshot(fresh) == before, (label, name)
        tried += 1
    if label != "accounts.Region":  # the tree fields are read-only to the administrator
        assert tried, f"{label}: no dropdown tried"


@pytest.mark.parametrize("label", editable_labels())
def test_another_districts_object_cannot_be_changed_with_valid_data(client, home, away, label):
    """The own form's valid data, posted to the other district's address: 404, nothing saved."""
    user = actor(label, home)
    client.force_login(user)
    data = form_data(client.get(url(label, "change", home.objects[label])))
    other = away.objects[label]
    before = snapshot(other)
    assert client.post(url(label, "change", other), data).status_code == 404
    assert client.post(url(label, "delete", other), {"post": "yes"}).status_code == 404
    assert snapshot(other) == before


def test_a_change_in_the_admin_is_audited(client, home):
    leader = home.objects["accounts.Leader"]
    client.force_login(home.supervisor)
    address = reverse("admin:accounts_leader_change", args=[quote(leader.pk)])
    data = form_data(client.get(address))
    data.update(name="王副区长", change_reason="人事调整")
    assert client.post(address, data).status_code == 302
    entry = Entry.objects.get(kind=Kind.ADMIN_CHANGE)
    assert entry.username == "hanting-supervisor" and entry.result == Result.OK
    assert entry.target.startswith(f"accounts.Leader:{leader.pk}")
    assert "changed" in entry.detail


def test_a_deletion_by_a_superuser_is_audited(client, home):
    root = UserFactory(
        username="root",
        is_staff=True,
        is_superuser=True,
        region=home.region,
        unit=None,
        role="admin",
    )
    route = home.objects["problems.CategoryRoute"]
    client.force_login(root)
    address = url("problems.CategoryRoute", "delete", route)
    assert client.post(address, {"post": "yes"}).status_code == 302
    assert not type(route).objects.filter(pk=route.pk).exists()
    entry = Entry.objects.get(kind=Kind.ADMIN_CHANGE)
    assert entry.username == "root" and entry.detail.startswith("deleted")
