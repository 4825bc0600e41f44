"""Every URL of the observation rounds for every role: anonymous → login, reporters and
department handlers → 403, managers read, leaders read and score other leaders' projects,
supervisors run the rounds; another region's round → 404. The paths stay under
/reports/observation/ (bookmarks)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.choices import Role
from observation.choices import RoundStatus
from observation.models import ObservationRound, ObservationScore
from tests.factories import (
    CampaignFactory,
    LeaderFactory,
    ProjectFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(campaign):
    return ObservationRound.objects.create(
        campaign=campaign, name="下半年观摩", held_on=dt.date(2026, 11, 20)
    )


@pytest.fixture
def stranger_project(campaign, other_unit, region):
    """A project of another leader: the one a leader may score on site."""
    return ProjectFactory(
        campaign=campaign,
        unit=other_unit,
        leader=LeaderFactory(region=region, name="李副区长"),
        name="种业研发集群",
    )


def urls(round_, project):
    return {
        "rounds": ("get", reverse("observation:rounds")),
        "round_create": ("post", reverse("observation:rounds")),
        "round": ("get", reverse("observation:round", args=[round_.pk])),
        "round_status": ("post", reverse("observation:round_status", args=[round_.pk])),
        "sheet": ("get", reverse("observation:sheet", args=[round_.pk, project.pk])),
    }


READ = {"rounds", "round"}
PUBLISH = {"round_create", "round_status"}


@pytest.fixture
def manager_user(manager):
    return manager


@pytest.mark.parametrize(
    ("who", "allowed", "forbidden"),
    [
        ("reporter", set(), READ | PUBLISH | {"sheet"}),
        ("handler", set(), READ | PUBLISH | {"sheet"}),
        ("manager_user", READ, PUBLISH | {"sheet"}),
        ("leader_user", READ | {"sheet"}, PUBLISH),
        ("supervisor", READ | PUBLISH | {"sheet"}, set()),
    ],
)
def test_permissions(request, client, round_, stranger_project, who, allowed, forbidden):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for name, (method, url) in urls(round_, stranger_project).items():
        response = getattr(client, method)(url, {"status": "closed"})
        if name in forbidden:
            assert response.status_code == 403, (who, name)
        else:
            assert name in allowed
            assert response.status_code in (200, 302), (who, name, response.status_code)


def test_anonymous_goes_to_login(client, round_, project):
    for name, (method, url) in urls(round_, project).items():
        response = getattr(client, method)(url)
        assert response.status_code == 302, name
        assert reverse("login") in response["Location"], name


def test_the_paths_people_bookmarked_stay(round_, project):
    assert reverse("observation:rounds") == "/reports/observation/"
    assert reverse("observation:round", args=[round_.pk]) == f"/reports/observation/{round_.pk}/"
    assert reverse("observation:sheet", args=[round_.pk, project.pk]) == (
        f"/reports/observation/{round_.pk}/projects/{project.pk}/"
    )


def test_another_regions_round_is_not_found(client, round_, project):
    other = RegionFactory(code="weicheng", name="潍城区")
    CampaignFactory(region=other)
    stranger = UserFactory(username="sup2", role=Role.SUPERVISOR, region=other, unit=None)
    client.force_login(stranger)
    for name, (method, url) in urls(round_, project).items():
        if name in {"rounds", "round_create"}:
            continue
        assert getattr(client, method)(url, {"status": "closed"}).status_code == 404, name
    page = client.get(reverse("observation:rounds"))
    assert page.status_code == 200 and "下半年观摩" not in page.content.decode()
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN


def test_the_rounds_table_orders_by_every_column(client, supervisor, round_):
    client.force_login(supervisor)
    for ordering in ("name", "-name", "campaign", "held_on", "-held_on", "status"):
        page = client.get(reverse("observation:rounds"), {"sort": ordering})
        assert page.status_code == 200 and "下半年观摩" in page.content.decode(), ordering


def test_a_leader_scores_other_leaders_projects_only(
    client, leader_user, round_, project, stranger_project
):
    client.force_login(leader_user)
    own = client.get(reverse("observation:sheet", args=[round_.pk, project.pk]))
    assert own.status_code == 404  # a leader never scores his or her own project
    response = client.post(
        reverse("observation:sheet", args=[round_.pk, stranger_project.pk]),
        {"score": "88.5", "commentary": "现场施工有序"},
    )
    assert response.status_code == 302
    assert ObservationScore.objects.get().inspector == leader_user
    page = client.get(reverse("observation:round", args=[round_.pk])).content.decode()
    assert "种业研发集群" in page and "88.50" in page


def test_supervisor_scores_and_closes_a_round(client, supervisor, round_, project):
    client.force_login(supervisor)
    url = reverse("observation:sheet", args=[round_.pk, project.pk])
    assert 'inputmode="decimal"' in client.get(url).content.decode()
    assert client.post(url, {"score": "120", "commentary": ""}).status_code == 200  # 0..100
    assert client.post(url, {"score": "88.5", "commentary": "现场施工有序"}).status_code == 302
    assert client.post(url, {"score": "90", "commentary": "复核"}).status_code == 302
    score = ObservationScore.objects.get()
    assert (score.score, score.commentary) == (Decimal("90"), "复核")
    assert score.history.count() == 2  # the correction is kept
    client.post(reverse("observation:round_status", args=[round_.pk]), {"status": "closed"})
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    page = client.post(url, {"score": "10", "commentary": ""})
    assert page.status_code == 200 and 'class="errorbox"' in page.content.decode()
    assert ObservationScore.objects.get().score == Decimal("90")
