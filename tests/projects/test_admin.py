"""Supervisors keep the register in the admin, within their region, and each change says why."""

from django.urls import reverse

from config.history import note_change
from tests.factories import CampaignFactory, ProjectFactory, RegionFactory


def test_supervisor_edits_a_project_with_a_reason(client, supervisor, project):
    supervisor.is_staff = True
    supervisor.save()
    client.force_login(supervisor)
    url = reverse("admin:projects_project_change", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "campaign": project.campaign_id,
            "unit": project.unit_id,
            "leader": project.leader_id,
            "name": "OLED盖板项目（二期）",
            "change_reason": "按区政府会议纪要更名",
            "monthly_plans-TOTAL_FORMS": 0,
            "monthly_plans-INITIAL_FORMS": 0,
            "milestones-TOTAL_FORMS": 0,
            "milestones-INITIAL_FORMS": 0,
        }
    )
    # Inline management forms for the existing monthly plans are posted unchanged.
    plans = list(project.monthly_plans.all())
    data["monthly_plans-TOTAL_FORMS"] = data["monthly_plans-INITIAL_FORMS"] = len(plans)
    for i, plan in enumerate(plans):
        data.update(
            {
                f"monthly_plans-{i}-id": plan.pk,
                f"monthly_plans-{i}-project": project.pk,
                f"monthly_plans-{i}-month": plan.month,
                f"monthly_plans-{i}-amount": plan.amount,
            }
        )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.name == "OLED盖板项目（二期）"
    latest = project.history.first()
    assert latest.history_change_reason == "按区政府会议纪要更名"
    assert latest.history_user == supervisor


def test_change_without_reason_is_refused(client, supervisor, leader):
    supervisor.is_staff = True
    supervisor.save()
    client.force_login(supervisor)
    url = reverse("admin:accounts_leader_change", args=[leader.pk])
    response = client.post(url, {"region": leader.region_id, "name": "新名字", "title": "副区长"})
    assert response.status_code == 200
    assert "change_reason" in response.context["adminform"].form.errors
    leader.refresh_from_db()
    assert leader.name != "新名字"


def test_admin_lists_are_scoped_to_the_region(client, supervisor, project):
    supervisor.is_staff = True
    supervisor.save()
    other = CampaignFactory(region=RegionFactory(name="奎文区", code="kuiwen"))
    hidden = ProjectFactory(campaign=other)
    client.force_login(supervisor)
    response = client.get(reverse("admin:projects_project_changelist"))
    shown = {p.pk for p in response.context["cl"].result_list}
    assert project.pk in shown and hidden.pk not in shown
    assert client.get(reverse("admin:projects_project_change", args=[hidden.pk])).status_code == 404


def test_reporter_cannot_use_the_admin(client, reporter):
    reporter.is_staff = True
    reporter.save()
    client.force_login(reporter)
    response = client.get(reverse("admin:projects_project_changelist"))
    assert response.status_code == 403


def test_change_log_shows_what_changed_without_a_query_per_row(client, supervisor, project):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(6):
        project.name = f"项目改名{n}"
        note_change(project, reason=f"第{n}次更名")
        project.save()
    client.force_login(supervisor)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("projects:changes"))
    entries = response.context["entries"]
    renamed = [e for e in entries if e.reason == "第5次更名"][0]
    assert any(old == "项目改名4" and new == "项目改名5" for _f, old, new in renamed.changes)
    # session, user, seven history kinds, and one "previous" lookup per kind that appears
    assert len(ctx.captured_queries) <= 2 + 7 + 7
