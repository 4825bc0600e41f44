"""Sessions read from the cache in front of their row (config/sessions.py): a signed-in page reads
no session row, a sign-out ends the session everywhere, a copy lives a minute at most, and with
Redis down every page and every rule works from the database."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.sessions import CACHE_SECONDS, SessionStore

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
PAGE = "/projects/"
# Nothing listens there: connections are refused at once, as when Redis is down.
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@pytest.fixture(autouse=True)
def cached_sessions(settings):
    settings.SESSION_ENGINE = "config.sessions"


def signed_in(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def session_queries(client: Client, url: str = PAGE) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum("django_session" in q["sql"] for q in ctx.captured_queries)


def seconds_left(session_key: str) -> float:
    """How long the cache keeps the session's copy (Redis or the in-process cache)."""
    cache = caches["default"]
    key = cache.make_key(SessionStore.cache_key_prefix + session_key)
    if hasattr(cache, "_cache") and hasattr(cache._cache, "get_client"):  # Redis
        return cache._cache.get_client(key).ttl(key)
    import time

    return getattr(cache, "_expire_info")[key] - time.time()  # noqa: B009


def test_a_page_reads_the_session_from_the_cache(supervisor):
    client = signed_in(supervisor)
    session_queries(client)  # the first page after signing in may read the row
    assert session_queries(client) == 0


def test_a_copy_lives_a_minute_at_most(supervisor):
    client = signed_in(supervisor)
    client.get(PAGE)
    assert 0 < seconds_left(client.session.session_key) <= CACHE_SECONDS


def test_signing_out_ends_the_session_for_its_cookie(supervisor):
    client = signed_in(supervisor)
    client.get(PAGE)
    stolen = Client()
    stolen.cookies = client.cookies.__class__(client.cookies)  # the same cookie, copied
    assert stolen.get(PAGE).status_code == 200
    client.post(reverse("logout"))
    response = stolen.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_sign_in_elsewhere_reaches_the_older_sessions_copy(supervisor):
    first = signed_in(supervisor)
    assert first.get(PAGE).status_code == 200  # its copy is in the cache
    signed_in(supervisor)
    response = first.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_with_redis_down_pages_and_rules_still_work(supervisor, settings):
    settings.CACHES = REDIS_DOWN
    client = signed_in(supervisor)
    assert client.get(PAGE).status_code == 200
    assert session_queries(client) == 1  # from the row, every time
    second = signed_in(supervisor)  # one session per account, still
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    second.post(reverse("logout"))
    assert second.get(PAGE).status_code == 302
    assert signed_in(supervisor).get(PAGE).status_code == 200
