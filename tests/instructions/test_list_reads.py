"""The 批示 list's count, built once per shape of reader and choice of filters
(instructions.list_reads): each reader gets the ORM's count of what the scope and the bar
give him, whoever he is and whatever he filters by."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from accounts.choices import Role
from accounts.compiled_reads import READER_STAND_INS, reader_shape
from instructions import list_reads
from instructions.filtersets import InstructionFilterSet
from instructions.scope import visible_instructions
from instructions.services import instruction_answer, instruction_write
from tests.factories import CampaignFactory, ProjectFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

QUERIES = [
    {},
    {"state": "open"},
    {"state": "answered"},
    {"state": "", "text": "进度"},
    {"text": "100%_"},  # LIKE's own characters, as text
    {"state": "bogus"},
]


@pytest.fixture
def written(project, unit, other_unit, manager, leader_user, reporter):
    """批示 of a manager and of a leader, to one unit and to another, open and answered; and one
    of another district's, which none of these readers sees."""
    first = instruction_write(user=manager, on=project, text="加快进度", units=[unit])
    instruction_answer(addressee=first.addressees.get(), user=reporter, text="已落实")
    instruction_write(user=leader_user, on=project, text="协调用地 100%_", units=[other_unit])
    instruction_write(user=manager, on=project, text="再加快进度", units=[unit, other_unit])
    region = RegionFactory(code="kuiwen", name="奎文区")
    there = ProjectFactory(campaign=CampaignFactory(region=region))
    boss = UserFactory(username="kuiwen-mgr", role=Role.MANAGER, region=region, unit=None)
    instruction_write(user=boss, on=there, text="加快进度", units=[there.unit])


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(
    "who", ["supervisor", "manager", "leader_user", "reporter", "other_reporter", "admin_user"]
)
def test_the_count_is_the_orms(request, written, who, query):
    user = request.getfixturevalue(who)
    data = QueryDict(mutable=True)
    data.update(query)
    bar = InstructionFilterSet(data, queryset=visible_instructions(user))
    counted = list_reads.instruction_count(user=user, data=data)
    if bar.is_valid():
        assert counted == bar.qs.count()
    else:
        assert counted is None  # the ORM's (the view shows none)


def test_the_counts_scope_is_in_its_sql(supervisor, written):
    compiled = list_reads._counted(reader_shape(supervisor), ())
    assert compiled and compiled.params and set(compiled.params) <= READER_STAND_INS
    assert list_reads.instruction_count(user=supervisor, data=QueryDict()) == 3


def test_the_page_says_its_count(client, manager, written):
    client.force_login(manager)
    page = client.get(reverse("instructions:list"), {"per_page": 1, "page": 3})
    assert page.status_code == 200
    assert page.context["table"].paginator.count == 3
    assert page.context["table"].paginator.num_pages == 3
