"""A kept dashboard or map whose address names only plain filters (category, stage, card,
changed) keys them without building the filterset over the reader's tiles
(dashboard.filtersets.plain_filters): the key must be the one the filterset makes."""

import pytest
from django.http import QueryDict

from dashboard.filtersets import TileFilterSet, plain_filters
from dashboard.selectors import tile_queryset
from dashboard.views import filters_of
from tests.scoring.factories import W47

pytestmark = pytest.mark.django_db

QUERIES = [
    "card=red",
    "card=blue&page=2",
    "card=purple",
    "card=",
    "changed=on",
    "changed=off",
    "changed=",
    "changed=on&card=yellow&stage=construction",
    "category=industry&stage=nonsense",
    "stage=construction&stage=preparation",
    "week=2026-W47&card=red&red_page=3",
    "page=13",
]


@pytest.mark.parametrize("query", QUERIES)
def test_plain_filters_key_as_the_filterset_does(manager, campaign, district, query):
    get = QueryDict(query)
    filterset = TileFilterSet(
        get, queryset=tile_queryset(user=manager, campaign=campaign, week=W47)
    )
    assert plain_filters(get) == filters_of(filterset)


@pytest.mark.parametrize("query", ["unit=1", "leader=", "card=red&unit=3"])
def test_a_unit_or_a_leader_needs_the_filterset(query):
    assert plain_filters(QueryDict(query)) is None
