"""The read-only API: a valid OpenAPI schema, and every endpoint answers only what the caller
may see."""

import datetime as dt

import pytest
import time_machine
import yaml
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from scoring.services import score_campaign_week
from tests.scoring.factories import W47, make_district, make_project

NOW = dt.datetime(2026, 11, 25, 10, 0)
ENDPOINTS = ["/api/v1/campaigns/", "/api/v1/projects/", "/api/v1/scores/", "/api/v1/rankings/"]


@pytest.fixture
def district(campaign, unit, other_unit, leader):
    mine = make_district(campaign, unit, leader, 4)
    theirs = make_project(campaign, other_unit, leader, "lagging", name="别的单位的项目")
    score_campaign_week(campaign=campaign, week=W47)
    return mine, theirs


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_schema_is_valid_openapi(manager):
    client = APIClient()
    assert client.get("/api/schema/").status_code == 401  # the schema is behind sign-in
    client.force_authenticate(manager)
    response = client.get("/api/schema/")
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    validate(spec)
    assert {"/api/v1/projects/", "/api/v1/scores/", "/api/v1/rankings/"} <= set(spec["paths"])


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_is_refused(db, url):
    assert APIClient().get(url).status_code == 401


@time_machine.travel(NOW)
def test_reporter_sees_only_the_units_projects_and_scores(reporter, district):
    mine, theirs = district
    client = api(reporter)
    codes = {p["code"] for p in client.get("/api/v1/projects/").json()["results"]}
    assert codes == {p.code for p in mine}
    scores = client.get("/api/v1/scores/", {"week": "2026-W47"}).json()["results"]
    assert {s["project_code"] for s in scores} == {p.code for p in mine}
    assert client.get(f"/api/v1/projects/{theirs.pk}/").status_code == 404
    # The competition is public inside the region: the standing names every project.
    ranked = client.get("/api/v1/rankings/", {"week": "2026-W47"}).json()["results"]
    assert {row["name"] for row in ranked} == {p.name for p in [*mine, theirs]}


@time_machine.travel(NOW)
def test_manager_sees_the_region_with_breakdowns(manager, district):
    client = api(manager)
    scores = client.get("/api/v1/scores/", {"week": "2026-W47"}).json()["results"]
    assert len(scores) == 5
    for score in scores:
        points = sum(float(item["points"]) for item in score["breakdown"]["items"])
        assert abs(points - float(score["total"])) < 0.01
    red = client.get("/api/v1/projects/", {"card": "red"}).json()["results"]
    assert red and all(p["card"] == "red" for p in red)
    units = client.get("/api/v1/rankings/", {"kind": "units", "period": "year"}).json()["results"]
    assert [row["rank"] for row in units] == [1, 2]


@time_machine.travel(NOW)
def test_handler_sees_no_project(handler, district):
    client = api(handler)
    assert client.get("/api/v1/projects/").json()["results"] == []
    assert client.get("/api/v1/scores/").json()["results"] == []


def test_bad_week_is_a_clear_400(manager, campaign):
    response = api(manager).get("/api/v1/scores/", {"week": "next-week"})
    assert response.status_code == 400
    assert "2026-W47" in response.json()["week"][0]


def test_the_api_writes_nothing(manager, project):
    client = api(manager)
    assert client.post("/api/v1/projects/", {"name": "x"}).status_code == 405
    assert client.delete(f"/api/v1/projects/{project.pk}/").status_code == 405


def test_api_token_command(manager):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("api_token", "manager", stdout=out)
    key = out.getvalue().strip()
    assert APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/projects/").status_code == 200
    with pytest.raises(CommandError, match="没有启用的用户"):
        call_command("api_token", "nobody")
