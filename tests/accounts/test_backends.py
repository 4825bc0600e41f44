"""The signed-in user's read, compiled once per process (accounts/backends.py): it builds the
same user as the ORM, and what changes about a user still takes effect on his next request."""

from django.contrib.auth.backends import ModelBackend
from django.urls import reverse

from accounts.backends import AccountBackend, read_user
from accounts.choices import Role
from accounts.models import User

PAGE = "twofactor:account"  # any signed-in page


def fields(user: User) -> dict:
    return {field.attname: getattr(user, field.attname) for field in User._meta.concrete_fields}


def test_the_compiled_read_builds_the_user_the_orm_builds(reporter, supervisor):
    for person in (reporter, supervisor):
        built = AccountBackend().get_user(person.pk)
        assert built is not None
        assert fields(built) == fields(ModelBackend().get_user(person.pk))
        assert not built._state.adding  # saved as an update, not an insert
        assert built.unit_id == person.unit_id and built.region_id == person.region_id


def test_no_such_user_is_none(reporter):
    assert read_user(reporter.pk + 10_000) is None
    assert AccountBackend().get_user(reporter.pk + 10_000) is None


def test_a_user_deactivated_is_signed_out_on_his_next_request(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse(PAGE)).status_code == 200
    User.objects.filter(pk=reporter.pk).update(is_active=False)
    answer = client.get(reverse(PAGE))
    assert answer.status_code == 302 and reverse("login") in answer["Location"]


def test_a_new_password_ends_his_other_sessions(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse(PAGE)).status_code == 200
    reporter.set_password("Another-Pass-2026!")
    reporter.save()
    answer = client.get(reverse(PAGE))
    assert answer.status_code == 302 and reverse("login") in answer["Location"]


def test_a_changed_role_is_read_on_the_next_request(client, reporter, region, campaign):
    client.force_login(reporter)
    review = reverse("projects:review")
    assert client.get(review).status_code in (403, 404)
    User.objects.filter(pk=reporter.pk).update(role=Role.SUPERVISOR, unit=None)
    assert client.get(review).status_code == 200


def test_sessions_sign_in_with_this_backend(client, reporter):
    client.force_login(reporter)
    assert client.session["_auth_user_backend"] == "accounts.backends.AccountBackend"
