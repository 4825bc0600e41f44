"""The project list's count, built once per shape of reader and choice of filters
(projects.list_count): each reader gets the ORM's count of what the scope and the bar give him,
whatever he filters by — his campaigns, units and leaders, another's, a search with LIKE's own
characters, a choice no choice names."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from projects import list_campaigns, list_count
from projects.filtersets import ProjectFilterSet
from projects.models import Campaign, Project
from projects.selectors import projects_for_list
from tests.projects.test_list_campaigns import readers  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def queries() -> list[dict]:
    campaign, other = Campaign.objects.order_by("pk")[:2]
    project = Project.objects.order_by("pk").first()
    assert project is not None
    return [
        {},
        {"campaign": str(campaign.pk)},
        {"campaign": str(other.pk), "card": "red"},
        {"unit": str(project.unit_id)},
        {"leader": str(project.leader_id), "campaign": str(project.campaign_id)},
        {"q": project.name[:3]},
        {"q": "  "},
        {"q": "100%_\\"},  # LIKE's own characters, as text
        {"q": project.code, "stage": project.stage, "category": project.category},
        {"target": project.target, "card": ""},
        {"stage": "no-such-stage"},
        {"campaign": "999999"},
    ]


def test_the_count_is_the_orms(readers):  # noqa: F811
    Project.objects.filter(pk=Project.objects.order_by("pk").first().pk).update(card="red")
    for query in queries():
        for user in readers:
            data = QueryDict(mutable=True)
            data.update(query)
            visible = projects_for_list(user=user)
            campaigns = list_campaigns.listed_campaigns(user=user)
            bar = ProjectFilterSet(data, queryset=visible, user=user, campaigns=campaigns)
            counted = list_count.project_count(user=user, bar=bar)
            if bar.is_valid():
                assert counted == bar.qs.count(), (query, user)
            else:
                assert counted is None  # the ORM's (the view shows none)
    unbound = ProjectFilterSet(None, queryset=projects_for_list(user=readers[0]), campaigns=[])
    assert list_count.project_count(user=readers[0], bar=unbound) == unbound.qs.count() > 0


def test_the_page_says_the_count(client, readers):  # noqa: F811
    supervisor = readers[0]
    client.force_login(supervisor)
    page = client.get(reverse("projects:list"), {"campaign": "", "per_page": 1})
    table = page.context["table"]
    assert table.paginator.count == projects_for_list(user=supervisor).count() == 2
    assert table.paginator.num_pages == 2
