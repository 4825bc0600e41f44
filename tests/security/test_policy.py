"""The security policy: defaults from settings until the security administrator sets it, on a
page only that role may use, kept with who, when and why; the limits reach sign-in, passwords
and (through security_policy()) the session middleware."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.kinds import Kind
from audit.models import Entry
from security.models import SecurityPolicy
from security.policy import security_policy

VALUES = {
    "failure_limit": 4,
    "lockout_minutes": 45,
    "password_min_length": 12,
    "password_history": 3,
    "password_max_age_days": 60,
    "idle_minutes": 15,
    "absolute_hours": 8,
}


def test_the_defaults_come_from_settings(db, settings):
    settings.SECURITY_POLICY_DEFAULTS = {**settings.SECURITY_POLICY_DEFAULTS, "idle_minutes": 20}
    policy = security_policy()
    assert (policy.failure_limit, policy.lockout_minutes) == (5, 30)
    assert (policy.password_min_length, policy.password_history) == (10, 5)
    assert policy.password_max_age_days == 90
    assert (policy.idle_minutes, policy.absolute_hours) == (20, 12)
    assert policy.idle.total_seconds() == 20 * 60 and policy.absolute.total_seconds() == 12 * 3600


def test_the_security_administrator_sets_it_with_a_reason(client, security_admin):
    client.force_login(security_admin)
    page = client.get(reverse("security:policy")).content.decode()
    assert 'name="failure_limit" value="5"' in page  # the defaults, shown
    response = client.post(reverse("security:policy"), {**VALUES, "reason": "区网信办等保测评要求"})
    assert response.status_code == 302
    policy = security_policy()
    assert (policy.failure_limit, policy.idle_minutes, policy.absolute_hours) == (4, 15, 8)
    change = SecurityPolicy.history.get()
    assert change.history_user == security_admin
    assert change.history_change_reason == "区网信办等保测评要求"
    entry = Entry.objects.get(kind=Kind.POLICY)
    assert entry.username == "security"
    assert "failure_limit: 5→4" in entry.detail and "区网信办等保测评要求" in entry.detail
    page = client.get(reverse("security:policy")).content.decode()
    assert "区网信办等保测评要求" in page and security_admin.display_name in page
    # A second change is a second history row; the first stays.
    client.post(reverse("security:policy"), {**VALUES, "idle_minutes": 10, "reason": "再收紧"})
    assert SecurityPolicy.history.count() == 2 and SecurityPolicy.objects.count() == 1
    assert "idle_minutes: 15→10" in Entry.objects.filter(kind=Kind.POLICY).first().detail


def test_a_reason_is_needed_and_values_stay_in_range(client, security_admin):
    client.force_login(security_admin)
    response = client.post(reverse("security:policy"), {**VALUES, "reason": ""})
    assert response.status_code == 200 and not SecurityPolicy.objects.exists()
    response = client.post(
        reverse("security:policy"), {**VALUES, "failure_limit": 0, "reason": "试试"}
    )
    assert response.status_code == 200 and not SecurityPolicy.objects.exists()
    assert "3" in response.content.decode()  # the lowest allowed, said in the form
    response = client.post(
        reverse("security:policy"), {**VALUES, "password_min_length": 6, "reason": "试试"}
    )
    assert response.status_code == 200 and not SecurityPolicy.objects.exists()
    assert not Entry.objects.filter(kind=Kind.POLICY).exists()


@pytest.mark.parametrize("who", ["admin_user", "supervisor", "manager", "reporter"])
def test_only_the_security_administrator(client, request, who):
    """三权分立: not even the system administrator (a superuser) sets the security policy."""
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("security:policy")).status_code == 403
    response = client.post(reverse("security:policy"), {**VALUES, "reason": "越权"})
    assert response.status_code == 403
    assert not SecurityPolicy.objects.exists()
    page = client.get(reverse("security:password_change")).content.decode()
    assert reverse("security:policy") not in page


def test_the_security_administrators_menu(client, security_admin, campaign):
    client.force_login(security_admin)
    page = client.get(reverse("security:password_change")).content.decode()
    assert reverse("security:policy") in page and reverse("security:lockouts") in page


def test_one_row_in_the_database(db):
    SecurityPolicy.objects.create(pk=1, **VALUES)
    with pytest.raises(IntegrityError), transaction.atomic():
        SecurityPolicy.objects.create(pk=2, **VALUES)
    with pytest.raises(IntegrityError), transaction.atomic():
        SecurityPolicy.objects.filter(pk=1).update(failure_limit=0)


def test_the_password_length_follows_the_policy(reporter):
    SecurityPolicy.objects.create(pk=1, **VALUES)
    with pytest.raises(ValidationError, match="至少需要 12 个字符"):
        validate_password("Qing-he-202", reporter)
    validate_password("Qing-he-2026", reporter)  # 12 characters
