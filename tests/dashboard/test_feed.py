"""Reporting upward through the API: a district's installation (a live server) serves an
incremental feed (``?updated_since=``, paged, in the schema); another installation reads it
over HTTP with ``dashboard.api.pull`` and asks only for what changed since its last pull."""

import time
import urllib.error

import pytest
import yaml
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dashboard.api.pull import latest, pull
from projects.models import WeeklyReport
from scoring.services import score_campaign_week
from tests.factories import UserFactory
from tests.scoring.factories import W46, W47, make_district

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def small_pages(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 3}


@pytest.fixture
def upstream(campaign, unit, leader, small_pages):
    """The district's installation: 5 projects with three weeks of reports, W47 scored, and
    the API token the city's installation was given."""
    projects = make_district(campaign, unit, leader, 5)
    score_campaign_week(campaign=campaign, week=W47)
    reader = UserFactory(username="city-feed", role="manager", region=campaign.region, unit=None)
    return projects, Token.objects.create(user=reader).key


def test_a_second_installation_pulls_what_changed(live_server, upstream):
    projects, token = upstream
    reports = pull(live_server.url, token, "reports")
    assert len(reports) == WeeklyReport.objects.count() > 3  # every page followed
    assert len({r["id"] for r in reports}) == len(reports)
    cursor = latest(reports)
    time.sleep(0.05)

    # One report is corrected upstream; the next pull brings it (and nothing older).
    changed = WeeklyReport.objects.filter(project=projects[0], week=W47).get()
    changed.progress = "主体结构封顶，转入装修。"
    changed.save()
    again = pull(live_server.url, token, "reports", since=cursor)
    ids = {r["id"] for r in again}
    assert changed.pk in ids
    assert len(again) <= 2  # the correction, and at most the row at the cursor itself
    fresh = next(r for r in again if r["id"] == changed.pk)
    assert fresh["progress"] == "主体结构封顶，转入装修。"
    assert fresh["week"] == "2026-W47" and fresh["project_code"] == projects[0].code

    # Scores and projects follow the same way: scoring W46 adds its scores only.
    scores_before = pull(live_server.url, token, "scores")
    mark = timezone.now().isoformat()
    time.sleep(0.05)
    score_campaign_week(campaign=projects[0].campaign, week=W46)
    new_scores = pull(live_server.url, token, "scores", since=mark)
    assert {s["week"] for s in new_scores} == {"2026-W46"}
    assert len(new_scores) == 5 and len(scores_before) == 5
    moved = pull(live_server.url, token, "projects", since=mark)
    assert all(p["changed_at"] >= mark for p in moved)


def test_the_feed_is_scoped_and_refuses_a_bad_moment(live_server, upstream, other_unit):
    _, token = upstream
    stranger = UserFactory(username="other-reporter", role="reporter", unit=other_unit)
    theirs = Token.objects.create(user=stranger).key
    assert pull(live_server.url, theirs, "reports") == []  # none of their unit's projects
    with pytest.raises(urllib.error.HTTPError) as bad:
        pull(live_server.url, token, "reports", since="last tuesday")
    assert bad.value.code == 400


def test_naive_and_offset_moments_are_the_same(upstream):
    _, token = upstream
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    naive = client.get("/api/v1/reports/", {"updated_since": "2000-01-01T08:00"})
    offset = client.get("/api/v1/reports/", {"updated_since": "2000-01-01T08:00+08:00"})
    unencoded = client.get("/api/v1/reports/?updated_since=2000-01-01T08:00+08:00")
    assert naive.json()["count"] == offset.json()["count"] == unencoded.json()["count"] > 0


def test_an_absurd_moment_is_a_400_not_a_server_error(upstream):
    """An offset PostgreSQL cannot store, a year no date may have: 400, naming the parameter."""
    _, token = upstream
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    for value in ("2604-01-09T08:18:13-21:17", "0001-01-01T00:00+08:00", "9999-12-31T23:59-08:00"):
        for path in ("/api/v1/reports/", "/api/v1/projects/", "/api/v1/scores/"):
            response = client.get(path, {"updated_since": value})
            assert response.status_code == 400, (path, value, response.status_code)
            assert "updated_since" in response.json()
    odd_offset = client.get("/api/v1/reports/", {"updated_since": "2026-01-09T08:18-15:30"})
    assert odd_offset.status_code == 200


def test_the_feed_is_in_the_schema(db):
    # The schema is only for someone signed in: read it with a token, as a reader would.
    client = APIClient()
    token = Token.objects.create(user=UserFactory(username="schema-reader", role="manager"))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/schema/")
    assert response.status_code == 200, response.status_code
    spec = yaml.safe_load(response.content)
    assert "/api/v1/reports/" in spec["paths"]
    for path in ("/api/v1/reports/", "/api/v1/projects/", "/api/v1/scores/"):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert "updated_since" in names, path
