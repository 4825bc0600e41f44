"""The second factor (身份鉴别): who must show it, codes right and wrong, recovery codes, opt-in,
the security administrator's reset, the admin, and the switch of the embedded default."""

import datetime as dt
import importlib
import re
import time

import pytest
import time_machine
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.choices import Role
from audit.kinds import Kind, Result
from audit.models import Entry
from tests.factories import RegionFactory, UserFactory
from twofactor import codes as recovery
from twofactor import policy
from twofactor.models import RecoveryCode, RecoveryDevice

VERIFY = reverse("twofactor:verify")
ENROLL = reverse("twofactor:enroll")


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.SECOND_FACTOR_ENFORCED = True


@pytest.fixture
def security(region):
    return UserFactory(username="security", role=Role.SECURITY, region=region, unit=None)


@pytest.fixture
def auditor(region):
    return UserFactory(username="auditor", role=Role.AUDITOR, region=region, unit=None)


def enroll_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def code_now(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():06d}"


def recovery_codes(user, n=3) -> list[str]:
    device = RecoveryDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [recovery.code_new() for _ in range(n)]
    for code in codes:
        device.codes.create(digest=recovery.digest(code))
    return codes


def usable(user, shown: list[str]) -> set[str]:
    """Those of the codes shown that the user's stored hashes still accept."""
    digests = RecoveryCode.objects.filter(device__user=user).values_list("digest", flat=True)
    plain = [code.replace("-", "") for code in shown]
    return {code for code in plain if any(recovery.matches(code, d) for d in digests)}


SHOWN = r"<li><code>((?:[a-z2-7]{4}-){3}[a-z2-7]{4})</code></li>"


def verified(client, user, device=None):
    """Signs the user in with password and code, as the pages do."""
    device = device or enroll_device(user)
    client.force_login(user)
    response = client.post(VERIFY, {"token": code_now(device), "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    return device


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SUPERVISOR, Role.SECURITY, Role.AUDITOR])
def test_enforced_roles_are_sent_to_enroll_before_any_page(client, region, role):
    user = UserFactory(username=f"u-{role}", role=role, region=region, unit=None)
    client.force_login(user)
    for url in ["/", "/projects/", reverse("dashboard:dashboard"), reverse("twofactor:account")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(ENROLL + "?next=")
    # A write is refused the same way, not carried out.
    assert client.post(reverse("twofactor:remove")).url.startswith(ENROLL)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SUPERVISOR, Role.SECURITY, Role.AUDITOR])
def test_enrolled_roles_are_asked_for_the_code(client, region, role):
    user = UserFactory(username=f"u-{role}", role=role, region=region, unit=None)
    enroll_device(user)
    client.force_login(user)
    response = client.get("/projects/?page=2")
    assert response.status_code == 302
    assert response.url == VERIFY + "?next=%2Fprojects%2F%3Fpage%3D2"
    # An enrolled user cannot swap the phone with the password alone.
    assert client.get(ENROLL).url.startswith(VERIFY)


def test_exempt_pages_open_without_the_code(client, supervisor):
    enroll_device(supervisor)
    client.force_login(supervisor)
    assert client.get(VERIFY).status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/static/css/app.css").status_code == 404  # not sent to verify
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/projects/").url.startswith(reverse("login"))


def test_wrong_code_refused_then_right_code_accepted(client, supervisor):
    device = enroll_device(supervisor)
    client.force_login(supervisor)
    right = code_now(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"token": wrong, "next": "/projects/"})
    assert response.status_code == 200
    assert "验证码错误或已过期" in response.content.decode()
    assert client.get("/projects/").status_code == 302
    failed = Entry.objects.get(kind=Kind.LOGIN_FAILED)
    assert failed.result == Result.REFUSED and failed.username == "supervisor"

    # Right after a wrong code the device is throttled (1 s, then 2, 4 …): even the right code
    # waits, and the page says how long.
    response = client.post(VERIFY, {"token": right, "next": "/projects/"})
    assert "秒后再试" in response.content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=2)):
        response = client.post(VERIFY, {"token": code_now(device), "next": "/projects/"})
        assert response.status_code == 302 and response.url == "/projects/"
        assert client.get("/projects/").status_code == 200


def test_code_computed_with_the_library_accepted(client, supervisor):
    device = enroll_device(supervisor)
    client.force_login(supervisor)
    token = f"{totp(device.bin_key):06d}"
    assert client.post(VERIFY, {"token": token, "next": "/"}).url == "/"
    assert client.get(reverse("twofactor:account")).status_code == 200


def test_a_code_is_used_once(client, supervisor):
    device = verified(client, supervisor)
    client.logout()
    client.force_login(supervisor)
    # The same step's code again (someone who saw it over the shoulder) is refused.
    response = client.post(VERIFY, {"token": code_now(device), "next": "/"})
    assert response.status_code == 200


def test_code_from_a_past_step_refused(client, supervisor):
    device = enroll_device(supervisor)
    window = {code_now(device, steps_ahead=n) for n in (-1, 0, 1)}  # what tolerance accepts
    for minutes in (2, 3, 4, 5):
        with time_machine.travel(timezone.now() - dt.timedelta(minutes=minutes), tick=False):
            old = code_now(device)
        if old not in window:  # six digits can coincide by chance; then take an older step
            break
    client.force_login(supervisor)
    response = client.post(VERIFY, {"token": old, "next": "/"})
    assert response.status_code == 200
    assert client.get("/").url.startswith(VERIFY)


def test_recovery_code_works_once(client, supervisor):
    enroll_device(supervisor)
    codes = recovery_codes(supervisor)
    client.force_login(supervisor)
    response = client.post(VERIFY, {"token": codes[0].upper(), "next": "/projects/"}, follow=True)
    assert response.redirect_chain[0] == ("/projects/", 302)
    assert "还剩 2 个" in response.content.decode()
    client.logout()
    client.force_login(supervisor)
    assert client.post(VERIFY, {"token": codes[0], "next": "/"}).status_code == 200
    assert RecoveryCode.objects.filter(device__user=supervisor).count() == 2


def test_reporter_may_opt_in_and_is_then_asked(client, reporter):
    client.force_login(reporter)
    assert client.get("/projects/").status_code == 200  # not required
    page = client.get(ENROLL)
    assert page.status_code == 200
    body = page.content.decode()
    # The QR code is drawn on the server: an inline SVG, and no script but the site's own files.
    assert "<svg" in body and not re.search(r"<script(?![^>]*\bsrc=)", body)
    device = TOTPDevice.objects.get(user=reporter, confirmed=False)
    secret = re.search(r'id="tf-secret">([A-Z2-7 ]+)<', body).group(1).replace(" ", "")
    import base64

    assert base64.b32decode(secret) == device.bin_key  # the key typed by hand is the QR's

    response = client.post(ENROLL, {"token": code_now(device), "next": "/projects/"})
    assert response.url.startswith(reverse("twofactor:codes"))
    codes_page = client.get(response.url).content.decode()
    shown = re.findall(SHOWN, codes_page)
    assert len(shown) == 10
    assert RecoveryCode.objects.filter(device__user=reporter).count() == 10
    assert len(usable(reporter, shown)) == 10
    assert client.get(reverse("twofactor:codes")).url == reverse("twofactor:account")  # once
    assert Entry.objects.filter(kind=Kind.SECOND_FACTOR, target="reporter").count() == 2

    client.logout()
    client.force_login(reporter)
    assert client.get("/projects/").url.startswith(VERIFY)
    assert client.post(VERIFY, {"token": shown[3], "next": "/"}).url == "/"

    # A reporter may take it away again; logged.
    response = client.post(reverse("twofactor:remove"), follow=True)
    assert "已移除" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=reporter).exists()
    assert Entry.objects.filter(kind=Kind.SECOND_FACTOR, detail="removed by the user").exists()


def test_a_required_role_cannot_remove_it(client, supervisor):
    verified(client, supervisor)
    response = client.post(reverse("twofactor:remove"), follow=True)
    assert "必须使用双因素认证" in response.content.decode()
    assert TOTPDevice.objects.filter(user=supervisor).exists()


def test_new_recovery_codes_replace_the_old(client, supervisor):
    verified(client, supervisor)
    old = recovery_codes(supervisor, n=2)
    response = client.post(reverse("twofactor:regenerate"), follow=True)
    shown = re.findall(SHOWN, response.content.decode())
    assert len(shown) == 10 and not set(old) & set(shown)
    assert RecoveryCode.objects.filter(device__user=supervisor).count() == 10
    assert len(usable(supervisor, shown)) == 10 and not usable(supervisor, old)
    assert Entry.objects.filter(kind=Kind.SECOND_FACTOR, detail="recovery codes issued").exists()


def test_security_administrator_resets_a_users_second_factor(client, security, supervisor):
    device = enroll_device(supervisor)
    recovery_codes(supervisor)
    at_work = Client()
    verified(at_work, supervisor, device)
    assert at_work.get("/").status_code == 302  # home sends the supervisor on to a page
    assert not at_work.get("/").url.startswith(reverse("twofactor:verify"))
    far = UserFactory(
        username="far",
        role=Role.SUPERVISOR,
        region=RegionFactory(code="kuiwen", name="奎文区"),
        unit=None,
    )
    enroll_device(far)
    verified(client, security)

    listing = client.get(reverse("twofactor:users")).content.decode()
    assert ">supervisor<" in listing and ">far<" not in listing
    response = client.post(reverse("twofactor:reset", args=[supervisor.pk]), follow=True)
    assert "重置" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=supervisor).exists()
    assert not RecoveryDevice.objects.filter(user=supervisor).exists()
    entry = Entry.objects.get(kind=Kind.SECOND_FACTOR, target="supervisor")
    assert entry.username == "security" and entry.detail == "reset"
    # Another district's account answers 404 and keeps its device.
    assert client.post(reverse("twofactor:reset", args=[far.pk])).status_code == 404
    assert TOTPDevice.objects.filter(user=far).exists()

    # The verified session of the supervisor is verified no more: enroll again, now or at the
    # next sign-in.
    assert at_work.get("/projects/").url.startswith(ENROLL)
    client.logout()
    client.force_login(supervisor)
    assert client.get("/").url.startswith(ENROLL)


def test_only_the_security_administrator_resets(client, admin_user, auditor, supervisor):
    enroll_device(supervisor)
    for user in (
        auditor,
        UserFactory(username="adm2", role=Role.ADMIN, region=supervisor.region, unit=None),
    ):
        client.logout()
        verified(client, user)
        assert client.get(reverse("twofactor:users")).status_code == 403
        assert client.post(reverse("twofactor:reset", args=[supervisor.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=supervisor).exists()


def test_admin_requires_the_verified_user(client, admin_user, settings):
    device = enroll_device(admin_user)
    client.force_login(admin_user)
    assert client.get("/admin/").url.startswith(VERIFY)
    # Without the middleware the admin site itself still refuses the unverified user.
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "twofactor.middleware.SecondFactorMiddleware"
    ] + ["django_otp.middleware.OTPMiddleware"]
    bare = Client()  # a client loads the middleware once
    bare.force_login(admin_user)
    response = bare.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    bare.post(VERIFY, {"token": code_now(device), "next": "/admin/"})
    assert bare.get("/admin/").status_code == 200


def test_api_token_unaffected(supervisor):
    enroll_device(supervisor)
    key = Token.objects.create(user=supervisor).key
    assert APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/projects/").status_code == 200


def test_api_with_an_unverified_session_refused(client, supervisor):
    enroll_device(supervisor)
    client.force_login(supervisor)
    assert client.get("/api/v1/projects/").status_code == 403


def test_off_in_the_embedded_default(client, supervisor, settings, monkeypatch):
    local = importlib.import_module("config.settings.local")
    assert local.SECOND_FACTOR_ENFORCED is False
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    assert importlib.import_module("config.settings.production").SECOND_FACTOR_ENFORCED is True

    settings.SECOND_FACTOR_ENFORCED = False
    client.force_login(supervisor)
    assert client.get("/projects/").status_code == 200
    # Enrolled anyway: asked for the code from the next sign-in on, even then.
    enroll_device(supervisor)
    client.force_login(supervisor)
    assert client.get("/projects/").url.startswith(VERIFY)


def test_no_query_for_users_without_a_device(client, reporter, django_assert_num_queries):
    client.force_login(reporter)
    request = RequestFactory().get("/projects/")
    request.user, request.session = reporter, client.session
    request.session.get("loaded")  # the session itself is read once per request anyway
    with django_assert_num_queries(0):
        assert policy.satisfied(request)
