"""Headers every response carries (等保2.0 入侵防范, 数据保密性): a CSP that allows no inline
script or style, a Permissions-Policy with the device features off, no caching of a signed-in
page (static files keep theirs), and the API schema only after sign-in."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.authtoken.models import Token

from scoring.services import score_campaign_week
from tests.scoring.factories import W47

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# E-mails are read in a mail client and the PDF page by WeasyPrint: neither is served to a browser.
NOT_SERVED = ("emails/", "reports/pdf/")
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "style element": re.compile(r"<style", re.I),
}


def directives(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_no_served_template_has_inline_script_or_style():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(NOT_SERVED):
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{name}: {what}" for what, pattern in INLINE.items() if pattern.search(text)]
    assert found == []


def test_the_csp_allows_only_own_scripts_and_styles(client, db):
    csp = directives(client.get("/accounts/login/"))
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in client.get("/accounts/login/").headers["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/dashboard/", "/problems/meeting/", "/dashboard/wall/"])
def test_signed_in_pages_render_no_inline_script_or_style(client, manager, campaign, url):
    client.force_login(manager)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Content-Security-Policy" in response.headers
    for what, pattern in INLINE.items():
        assert not pattern.search(html), what
    assert "js/page.js" in html


def test_permissions_policy_turns_the_device_features_off(client, db):
    policy = client.get("/accounts/login/").headers["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_a_signed_in_page_is_not_cached(client, manager, campaign):
    client.force_login(manager)
    response = client.get("/projects/")
    assert response.headers["Cache-Control"] == "private, no-store"


def test_a_conditional_page_is_kept_by_the_browser_only_and_always_revalidated(
    client, manager, campaign
):
    """The dashboard answers 304 to a browser holding it: no shared cache, no use unasked."""
    score_campaign_week(campaign=campaign, week=W47)  # a page of a scored week is kept
    client.force_login(manager)
    response = client.get("/dashboard/")
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert response.headers["ETag"]
    again = client.get("/dashboard/", HTTP_IF_NONE_MATCH=response.headers["ETag"])
    assert again.status_code == 304
    assert again.headers["Cache-Control"] == "private, no-cache"


def test_an_api_answer_to_a_token_is_not_cached(manager, campaign):
    token = Token.objects.create(user=manager)
    response = Client(HTTP_AUTHORIZATION=f"Token {token.key}").get("/api/v1/projects/")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"


def test_static_files_keep_their_cache(settings, manager):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()  # a new handler: WhiteNoise reads its settings when it is built
    client.force_login(manager)
    response = client.get("/static/js/page.js")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "Permissions-Policy" not in response.headers  # WhiteNoise answered before us


def test_the_api_schema_needs_a_sign_in(client, manager):
    assert client.get("/api/schema/").status_code in (401, 403)
    client.force_login(manager)
    assert client.get("/api/schema/").status_code == 200


def test_the_forwarded_protocol_is_not_trusted_by_default(client, manager):
    # Without PROXY_SSL_HEADER (production settings) any client could claim HTTPS with it.
    from django.test import RequestFactory

    assert settings.SECURE_PROXY_SSL_HEADER is None
    request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https")
    assert not request.is_secure()


def _address_seen(settings, **headers) -> str:
    """The address the app sees for a request from 172.18.0.5 (nginx's, in compose)."""
    from config.proxy import ProxyClientAddressMiddleware

    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]

    from django.test import RequestFactory

    request = RequestFactory().get("/", REMOTE_ADDR="172.18.0.5", **headers)
    ProxyClientAddressMiddleware(view)(request)
    return seen["address"]


def test_a_client_address_header_is_ignored_unless_configured(settings):
    settings.PROXY_CLIENT_IP_HEADER = ""
    assert _address_seen(settings, HTTP_X_REAL_IP="10.9.8.7") == "172.18.0.5"


def test_behind_our_proxy_the_client_address_is_its_header(settings):
    settings.PROXY_CLIENT_IP_HEADER = "X-Real-IP"
    assert _address_seen(settings, HTTP_X_REAL_IP="10.9.8.7") == "10.9.8.7"
    assert _address_seen(settings, HTTP_X_REAL_IP="2001:db8::1") == "2001:db8::1"
    # Not an address (or absent): the socket's address stays.
    assert _address_seen(settings, HTTP_X_REAL_IP="10.9.8.7, 1.2.3.4") == "172.18.0.5"
    assert _address_seen(settings) == "172.18.0.5"


def test_the_audit_log_keeps_the_client_address_behind_the_proxy(settings, manager):
    from django.test import RequestFactory

    from audit.kinds import Kind
    from audit.log import record
    from config.proxy import ProxyClientAddressMiddleware

    settings.PROXY_CLIENT_IP_HEADER = "X-Real-IP"
    request = RequestFactory().get("/register/export.xlsx", REMOTE_ADDR="172.18.0.5")
    request.META["HTTP_X_REAL_IP"] = "10.9.8.7"
    request.user = manager
    entry = ProxyClientAddressMiddleware(lambda r: record(r, Kind.EXPORT, target="台账"))(request)
    assert entry.address == "10.9.8.7"
