"""The deployment as files: docker-compose.yml puts nginx (TLS by default) in front of gunicorn,
which nobody else reaches; nginx's site script picks TLS or plain HTTP from PLAIN_HTTP like the
app does; and the production settings are strict over TLS and work over plain HTTP when the
operator says so. There is no Docker engine in CI: the files are read, the script is run with
sh, and the settings are loaded in a fresh interpreter as gunicorn would load them."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from problems.forms import max_file_bytes

ROOT = Path(settings.BASE_DIR)
NGINX = ROOT / "deploy" / "nginx"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_nginx_is_the_only_way_in(compose):
    services = compose["services"]
    assert {"db", "redis", "migrate", "web", "nginx", "worker", "beat"} <= set(services)
    assert "ports" not in services["web"]  # gunicorn is reached only through nginx
    assert services["web"]["expose"] == ["8000"]
    published = [str(p).split(":")[-1] for p in services["nginx"]["ports"]]
    assert published == ["80", "443"]
    assert services["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"
    for service in ("db", "redis"):
        assert "ports" not in services[service]


def test_the_app_and_nginx_read_the_same_switch(compose):
    for name in ("web", "worker", "beat", "migrate"):
        env = compose["services"][name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert env["PLAIN_HTTP"] == "${PLAIN_HTTP:-false}"  # TLS unless the operator says so
        assert env["PROXY_SSL_HEADER"] == "X-Forwarded-Proto"
        assert env["PROXY_CLIENT_IP_HEADER"] == "X-Real-IP"  # nginx overwrites it (proxy.conf)
        assert env["CSRF_TRUSTED_ORIGINS"] == "${CSRF_TRUSTED_ORIGINS:-}"  # derived by default
    assert compose["services"]["nginx"]["environment"]["PLAIN_HTTP"] == "${PLAIN_HTTP:-false}"


def test_every_file_nginx_mounts_is_in_the_repo(compose):
    volumes = compose["services"]["nginx"]["volumes"]
    mounts = {target: source for source, target, _mode in (v.rsplit(":", 2) for v in volumes)}
    assert mounts["/etc/keyproject/nginx"] == "./deploy/nginx"
    script = mounts["/docker-entrypoint.d/40-keyproject-site.sh"]
    assert (ROOT / script).is_file() and os.access(ROOT / script, os.X_OK)
    assert mounts["/etc/nginx/tls"] == "${TLS_DIR:-./deploy/tls}"
    assert (ROOT / "deploy" / "tls").is_dir()


def test_the_nginx_sites():
    tls, http, proxy = ((NGINX / f"{n}.conf").read_text() for n in ("tls", "http", "proxy"))
    assert "listen 443 ssl;" in tls and "ssl_certificate /etc/nginx/tls/fullchain.pem;" in tls
    assert "return 301 https://$host$request_uri;" in tls
    assert "TLSv1.2 TLSv1.3" in tls
    assert "ssl" not in http.replace("PLAIN_HTTP", "") and "listen 80;" in http
    for site in (tls, http):
        assert "proxy_pass http://keyproject_web;" in site
        assert "include /etc/keyproject/nginx/proxy.conf;" in site
        limit = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
        assert limit * 1024 * 1024 > max_file_bytes() + 4 * 1024 * 1024
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxy
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in proxy  # overwritten, not appended
    assert "proxy_set_header X-Real-IP $remote_addr;" in proxy


def run_site_script(tmp_path, plain: str | None, with_cert: bool):
    """The entrypoint script with /etc/ moved under tmp_path, run by sh as the image does."""
    etc = tmp_path / "etc"
    (etc / "nginx" / "conf.d").mkdir(parents=True)
    (etc / "nginx" / "tls").mkdir()
    (etc / "keyproject").mkdir()
    (etc / "keyproject" / "nginx").symlink_to(NGINX)
    if with_cert:
        for name in ("fullchain.pem", "privkey.pem"):
            (etc / "nginx" / "tls" / name).write_text("-----BEGIN-----\n")
    script = (NGINX / "40-keyproject-site.sh").read_text().replace("/etc/", f"{etc}/")
    env = {"PATH": os.environ["PATH"]} | ({"PLAIN_HTTP": plain} if plain is not None else {})
    result = subprocess.run(["sh", "-c", script], env=env, capture_output=True, text=True)
    site = etc / "nginx" / "conf.d" / "default.conf"
    return result, site.read_text() if site.exists() else None


def test_the_site_script_serves_tls_by_default(tmp_path):
    result, site = run_site_script(tmp_path, None, with_cert=True)
    assert result.returncode == 0
    assert site == (NGINX / "tls.conf").read_text()


def test_the_site_script_refuses_tls_without_a_certificate(tmp_path):
    result, site = run_site_script(tmp_path, "false", with_cert=False)
    assert result.returncode != 0 and site is None
    assert "PLAIN_HTTP=true" in result.stderr


@pytest.mark.parametrize("plain", ["true", "TRUE", "1", "yes"])
def test_the_site_script_serves_plain_http_when_told(tmp_path, plain):
    result, site = run_site_script(tmp_path, plain, with_cert=False)
    assert result.returncode == 0
    assert site == (NGINX / "http.conf").read_text()


def production(**env) -> dict:
    """The production settings as gunicorn would load them, in a fresh interpreter."""
    names = [
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
    ]  # fmt: skip
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PLAIN_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=base
        | {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "t"}
        | env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_is_strict_over_tls():
    s = production(SITE_URL="https://xmdb.hanting.gov.cn")
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]
    assert s["SECURE_HSTS_SECONDS"] >= 31536000 and s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_PROXY_SSL_HEADER"] is None  # not trusted unless configured
    assert "xmdb.hanting.gov.cn" in s["ALLOWED_HOSTS"]
    assert "https://xmdb.hanting.gov.cn" in s["CSRF_TRUSTED_ORIGINS"]
    assert not [o for o in s["CSRF_TRUSTED_ORIGINS"] if o.startswith("http:")]


def test_production_trusts_the_proxy_header_only_when_configured():
    s = production(PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_over_plain_http_on_an_intranet_host():
    s = production(PLAIN_HTTP="true", SITE_URL="http://10.20.30.40")
    assert not s["SESSION_COOKIE_SECURE"] and not s["CSRF_COOKIE_SECURE"]
    assert s["SECURE_HSTS_SECONDS"] == 0 and not s["SECURE_SSL_REDIRECT"]
    assert "10.20.30.40" in s["ALLOWED_HOSTS"]
    assert "http://10.20.30.40" in s["CSRF_TRUSTED_ORIGINS"]


def test_production_keeps_explicit_trusted_origins():
    s = production(PLAIN_HTTP="true", CSRF_TRUSTED_ORIGINS="http://xm.intra:8080")
    assert s["CSRF_TRUSTED_ORIGINS"] == ["http://xm.intra:8080"]


def test_a_site_url_without_a_host_adds_no_empty_allowed_host():
    # urlsplit("xmdb.hanting.gov.cn").hostname is None: once in ALLOWED_HOSTS, every request failed.
    s = production(SITE_URL="xmdb.hanting.gov.cn")
    assert None not in s["ALLOWED_HOSTS"]


def test_the_served_application_is_loaded_whole_and_set_aside_from_the_collector():
    """config.wsgi, as a gunicorn worker imports it: every view already imported, and the
    loaded objects frozen, so that the collector's full passes no longer walk them."""
    code = (
        "import gc, sys, json; import config.wsgi as w; "
        "print(json.dumps([gc.get_freeze_count(), len(gc.get_objects()),"
        " 'projects.views' in sys.modules, 'instructions.views' in sys.modules,"
        " callable(w.application)]))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=base | {"DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    frozen, tracked, projects_views, instructions_views, served = json.loads(result.stdout)
    assert frozen > 50_000 and tracked < frozen / 10
    assert projects_views and instructions_views and served
