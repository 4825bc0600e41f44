"""Recovery codes are kept as keyed hashes: the database holds no usable code, a code works
once, the admin shows none, and the codes issued before the hashing still work after it."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import Role
from tests.factories import UserFactory
from tests.security.test_second_factor import code_now, enroll_device, recovery_codes
from twofactor import codes as recovery
from twofactor.models import RecoveryCode, RecoveryDevice

VERIFY = reverse("twofactor:verify")


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.SECOND_FACTOR_ENFORCED = True


def test_the_stored_value_is_not_the_code_and_reveals_none(supervisor):
    codes = recovery_codes(supervisor, n=2)
    digests = list(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(digests) == 2
    for code, stored in zip(codes, digests, strict=True):
        assert code not in stored and code.upper() not in stored
        assert stored.startswith("hmac_sha256$") and len(stored.split("$")[2]) == 64
    # Salted: the same code hashed twice gives two different values, both accepted.
    again = recovery.digest(codes[0])
    assert again != digests[0] and recovery.matches(codes[0], again)
    assert not recovery.matches(codes[1], digests[0])


def test_a_rotated_secret_key_keeps_the_codes(settings, supervisor):
    [code] = recovery_codes(supervisor, n=1)
    stored = RecoveryCode.objects.get().digest
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "the-new-key", [settings.SECRET_KEY]
    assert recovery.matches(code, stored)
    settings.SECRET_KEY_FALLBACKS = []
    assert not recovery.matches(code, stored)  # the key is part of the hash, not in the database


def test_a_recovery_code_signs_in_once_and_a_reused_one_fails(client, supervisor):
    enroll_device(supervisor)
    codes = recovery_codes(supervisor, n=2)
    client.force_login(supervisor)
    shown = recovery.code_shown(codes[0]).upper()  # as the page showed it, typed in capitals
    assert client.post(VERIFY, {"token": shown, "next": "/projects/"}).url == "/projects/"
    assert RecoveryCode.objects.filter(device__user=supervisor).count() == 1
    client.logout()
    client.force_login(supervisor)
    response = client.post(VERIFY, {"token": codes[0], "next": "/"})
    assert response.status_code == 200 and "错误" in response.content.decode()
    assert client.get("/projects/").url.startswith(VERIFY)
    assert RecoveryCode.objects.filter(device__user=supervisor).count() == 1


def test_the_device_uses_a_code_once_even_called_directly(supervisor):
    [code] = recovery_codes(supervisor, n=1)
    device = RecoveryDevice.objects.get(user=supervisor)
    assert device.verify_token(code) is True
    device.throttle_reset()
    assert device.verify_token(code) is False
    assert device.throttling_failure_count == 1  # a wrong code throttles, as django-otp's do


def test_the_admin_shows_no_code(client, admin_user, supervisor):
    codes = recovery_codes(supervisor)
    for model in (RecoveryDevice, RecoveryCode, StaticDevice, StaticToken, TOTPDevice):
        assert not admin.site.is_registered(model), model
    device = enroll_device(admin_user)
    client.force_login(admin_user)
    client.post(VERIFY, {"token": code_now(device), "next": "/admin/"})
    stored = RecoveryCode.objects.values_list("digest", flat=True)
    for url in ["/admin/", reverse("admin:accounts_user_change", args=[supervisor.pk])]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not any(c in body for c in codes) and not any(d in body for d in stored)
    assert client.get("/admin/twofactor/recoverycode/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_migration_hashes_the_plain_codes_and_each_still_works_once(client, back_to_today):
    user = UserFactory(username="sup", role=Role.SUPERVISOR, unit=None)
    totp = enroll_device(user)
    call_command("migrate", "twofactor", "0001_initial", verbosity=0)
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    plain = [StaticToken.random_token() for _n in range(3)]  # django-otp's: 8 letters, in clear
    for code in plain:
        device.token_set.create(token=code)

    call_command("migrate", "twofactor", "0002_hash_recovery_codes", verbosity=0)
    assert not StaticDevice.objects.exists() and not StaticToken.objects.exists()
    stored = list(RecoveryCode.objects.filter(device__user=user).values_list("digest", flat=True))
    assert len(stored) == 3 and not any(code in d for code in plain for d in stored)

    client.force_login(user)
    assert client.post(VERIFY, {"token": plain[1], "next": "/projects/"}).url == "/projects/"
    client.logout()
    client.force_login(user)
    assert client.post(VERIFY, {"token": plain[1], "next": "/"}).status_code == 200  # used up
    assert client.post(VERIFY, {"token": code_now(totp), "next": "/"}).url == "/"
    assert RecoveryCode.objects.filter(device__user=user).count() == 2
