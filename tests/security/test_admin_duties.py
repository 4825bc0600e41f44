"""Separation of duties (三权分立) in the admin: the system administrator keeps the region's
accounts and nothing else, and cannot make administrators or superusers; the security and the
audit administrators edit neither accounts nor business data; the audit log is read by the audit
administrator and changed by nobody; every account and role change is in the audit log."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User
from audit.admin_mixins import KEEPERS, ReadOnlyAdmin
from audit.kinds import Kind
from audit.models import Entry
from tests.factories import UserFactory

from .districts import district, snapshot
from .test_admin_attacks import form_data
from .test_admin_matrix import LABELS, MODELS, model_admin, url

BUSINESS = [label for label in LABELS if model_admin(label).roles == KEEPERS]


@pytest.fixture
def home(db):
    return district("hanting", "寒亭区")


@pytest.fixture
def away(home):
    return district("kuiwen", "奎文区")


def test_the_register_keepers_are_supervisors_only():
    assert KEEPERS == {Role.SUPERVISOR}
    assert "projects.Project" in BUSINESS and "projects.WeeklyReport" in BUSINESS


@pytest.mark.parametrize("role", ["admin", "security", "auditor"])
def test_no_administrator_edits_business_data(client, home, role):
    user = getattr(home, role)
    client.force_login(user)
    for label in BUSINESS:
        obj = home.objects[label]
        before = snapshot(obj)
        for view in ("changelist", "add"):
            assert client.get(url(label, view)).status_code == 403, (role, label, view)
        assert client.get(url(label, "change", obj)).status_code == 403, (role, label)
        posted = client.post(url(label, "change", obj), {"name": "越权", "change_reason": "越权"})
        assert posted.status_code == 403, (role, label)
        assert snapshot(obj) == before
    index = client.get(reverse("admin:index"))
    shown = {m["object_name"] for app in index.context["app_list"] for m in app["models"]}
    if role == "security":
        assert shown == set()  # the policies and unlocking are the security pages' own
    if role == "auditor":
        assert shown == {"Entry"}
    if role == "admin":
        assert shown == {"User", "Region"}


@pytest.mark.parametrize("role", ["supervisor", "security", "auditor"])
def test_only_the_system_administrator_keeps_accounts(client, home, role):
    client.force_login(getattr(home, role))
    handler = home.objects["accounts.User"]
    before = snapshot(handler)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403
    change = reverse("admin:accounts_user_change", args=[handler.pk])
    assert client.post(change, {"username": "x", "role": Role.SUPERVISOR}).status_code == 403
    password = reverse("admin:auth_user_password_change", args=[handler.pk])
    posted = client.post(password, {"password1": "Xx-12345678", "password2": "Xx-12345678"})
    assert posted.status_code == 403
    assert snapshot(handler) == before


def test_the_administrator_keeps_the_regions_accounts(client, home, away):
    client.force_login(home.admin)
    listed = client.get(reverse("admin:accounts_user_changelist")).context["cl"].result_list
    usernames = {u.username for u in listed}
    assert "hanting-handler" in usernames and "hanting-supervisor" in usernames
    # Not another region's, not another administrator, not oneself, not a superuser.
    assert not usernames & {
        "kuiwen-handler",
        "hanting-admin",
        "hanting-security",
        "hanting-auditor",
    }
    root = UserFactory(
        username="root",
        is_superuser=True,
        is_staff=True,
        region=home.region,
        unit=None,
        role=Role.ADMIN,
    )
    for other in (away.objects["accounts.User"], home.admin, home.auditor, root):
        assert client.get(reverse("admin:accounts_user_change", args=[other.pk])).status_code == 404


def test_the_administrator_grants_business_roles_only(client, home):
    handler = home.objects["accounts.User"]
    client.force_login(home.admin)
    address = reverse("admin:accounts_user_change", args=[handler.pk])
    page = client.get(address)
    form = page.context["adminform"].form
    assert "is_superuser" not in form.fields and "groups" not in form.fields
    assert "user_permissions" not in form.fields
    offered = {value for value, _label in form.fields["role"].choices}
    assert offered.isdisjoint({Role.ADMIN, Role.SECURITY, Role.AUDITOR})
    assert Role.SUPERVISOR in offered
    data = form_data(page)
    before = snapshot(handler)
    for role in (Role.ADMIN, Role.SECURITY, Role.AUDITOR):
        response = client.post(address, {**data, "role": role})
        assert response.status_code == 200 and "role" in response.context["adminform"].form.errors
    # is_superuser is not a field: posting it changes nothing.
    assert client.post(address, {**data, "is_superuser": "on"}).status_code == 302
    handler.refresh_from_db()
    assert not handler.is_superuser
    assert snapshot(handler)[0]["role"] == before[0]["role"]


def test_a_role_change_is_audited(client, home):
    handler = home.objects["accounts.User"]
    client.force_login(home.admin)
    address = reverse("admin:accounts_user_change", args=[handler.pk])
    data = form_data(client.get(address))
    data.update(role=Role.SUPERVISOR, unit="", is_staff="on")
    response = client.post(address, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    handler.refresh_from_db()
    assert handler.role == Role.SUPERVISOR and handler.is_staff
    account = Entry.objects.get(kind=Kind.ACCOUNT)
    role = Entry.objects.get(kind=Kind.ROLE)
    assert account.username == role.username == "hanting-admin"
    assert role.target.startswith(f"accounts.User:{handler.pk}")
    assert "role: handler → supervisor" in role.detail and "is_staff" in role.detail


def test_the_administrator_adds_an_account_in_the_own_region(client, home, away):
    client.force_login(home.admin)
    add = reverse("admin:accounts_user_add")
    page = client.get(add)
    assert page.status_code == 200
    regions = page.context["adminform"].form.fields["region"].queryset
    assert list(regions) == [home.region]
    response = client.post(
        add,
        {
            "username": "newsupervisor",
            "password1": "Kx-8342-pqz!",
            "password2": "Kx-8342-pqz!",
            "usable_password": "true",
            "role": Role.SUPERVISOR,
            "region": home.region.pk,
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    created = User.objects.get(username="newsupervisor")
    assert created.region == home.region and not created.is_superuser
    assert Entry.objects.filter(kind=Kind.ACCOUNT, target__contains="newsupervisor").exists()
    refused = client.post(
        add,
        {
            "username": "elsewhere",
            "password1": "Kx-8342-pqz!",
            "password2": "Kx-8342-pqz!",
            "usable_password": "true",
            "role": Role.SUPERVISOR,
            "region": away.region.pk,
        },
    )
    assert refused.status_code == 200 and "region" in refused.context["adminform"].form.errors
    assert not User.objects.filter(username="elsewhere").exists()


def test_the_audit_log_is_read_by_the_auditor_and_changed_by_nobody(client, home, away):
    entry = home.objects["audit.Entry"]
    before = snapshot(entry)
    root = UserFactory(
        username="root",
        is_superuser=True,
        is_staff=True,
        region=home.region,
        unit=None,
        role=Role.ADMIN,
    )
    client.force_login(home.auditor)
    listed = client.get(reverse("admin:audit_entry_changelist")).context["cl"].result_list
    assert entry in listed and away.objects["audit.Entry"] not in listed
    assert client.get(url("audit.Entry", "change", entry)).status_code == 200
    for user in (home.auditor, root):
        client.force_login(user)
        assert client.get(url("audit.Entry", "add")).status_code == 403
        assert client.post(url("audit.Entry", "add"), {"kind": "login"}).status_code == 403
        posted = client.post(url("audit.Entry", "change", entry), {"detail": "抹去"})
        assert posted.status_code == 403
        assert client.post(url("audit.Entry", "delete", entry), {"post": "yes"}).status_code == 403
        changelist = client.post(
            url("audit.Entry", "changelist"),
            {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
        )
        assert changelist.status_code in (200, 302, 403)
    assert snapshot(entry) == before
    assert isinstance(admin.site._registry[MODELS["audit.Entry"]], ReadOnlyAdmin)


def test_demo_accounts_follow_the_separation(db):
    """The demo's administrators are staff of their duty, none a superuser."""
    from demo.district import seed_demo

    seed_demo(projects=2, weeks=1)
    for username, role in (
        ("admin", Role.ADMIN),
        ("security", Role.SECURITY),
        ("auditor", Role.AUDITOR),
    ):
        user = User.objects.get(username=username)
        assert user.role == role and user.is_staff and not user.is_superuser
        assert user.check_password("demo12345")
    assert not User.objects.filter(is_superuser=True).exists()
