"""Production: every setting from the environment; no default secret key."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SITE_URL, env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set in production")
DEBUG = False

# Transport (等保2.0 数据保密性; README "Production", docs/SECURITY.md). TLS by default: secure
# cookies, HSTS, HTTP redirected to HTTPS. PLAIN_HTTP=true is the operator saying "this intranet
# host has no certificate": cookies without Secure (else the browser drops the CSRF cookie and
# every login answers 403), no HSTS, no redirect. The forwarded-protocol header is trusted only
# when PROXY_SSL_HEADER names it (our nginx sets it; a client reaching gunicorn directly could
# forge it). CSRF_TRUSTED_ORIGINS defaults to the site's own hosts in the scheme in use.
PLAIN_HTTP = env_bool("PLAIN_HTTP", False)
SCHEME = "http" if PLAIN_HTTP else "https"
_proxy_header = env_str("PROXY_SSL_HEADER").strip()  # e.g. X-Forwarded-Proto
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https") if _proxy_header else None
)
SECURE_SSL_REDIRECT = not PLAIN_HTTP and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not PLAIN_HTTP
CSRF_COOKIE_SECURE = not PLAIN_HTTP
SECURE_HSTS_SECONDS = 0 if PLAIN_HTTP else env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not PLAIN_HTTP
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True) and not PLAIN_HTTP
SECURE_CONTENT_TYPE_NOSNIFF = True
# First sign-in and expired passwords must be changed (security/middleware.py).
PASSWORD_CHANGE_ENFORCED = env_bool("PASSWORD_CHANGE_ENFORCED", True)
# 等保2.0 身份鉴别: the administrators' second factor is never off in production.
SECOND_FACTOR_ENFORCED = True
_site_host = urlsplit(SITE_URL).hostname
ALLOWED_HOSTS = [
    *ALLOWED_HOSTS,
    *([_site_host] if _site_host and _site_host not in ALLOWED_HOSTS else []),
]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or sorted(
    {f"{SCHEME}://{host}" for host in ALLOWED_HOSTS if host and not host.startswith((".", "*"))}
    | {"{0.scheme}://{0.netloc}".format(urlsplit(SITE_URL))}
)
