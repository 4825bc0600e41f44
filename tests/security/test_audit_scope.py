"""The audit log's scope is the one region rule (audit/scope.py on accounts.regions): a
province's or a city's audit administrator reads its districts' entries, a district's only its
own (and, everywhere, the entries of no region); another region's entry answers 404 in the admin,
the one place an entry has a page of its own."""

import pytest
from django.urls import reverse

from accounts.choices import RegionLevel, Role
from audit.kinds import Kind, Result
from audit.log import record
from audit.models import Entry
from audit.scope import entries_in_scope
from audit.selectors import entries_for
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """Shandong › Weifang › Hanting and Kuiwen, and Linyi (another city) with one district; an
    entry written by a supervisor of each region, and one of no region."""
    province = RegionFactory(code="sd", name="山东省", level=RegionLevel.PROVINCE)
    city = RegionFactory(code="wf", name="潍坊市", level=RegionLevel.CITY, parent=province)
    hanting = RegionFactory(code="ht", name="寒亭区", parent=city)
    kuiwen = RegionFactory(code="kw", name="奎文区", parent=city)
    other_city = RegionFactory(code="ly", name="临沂市", level=RegionLevel.CITY, parent=province)
    lanshan = RegionFactory(code="ls", name="兰山区", parent=other_city)
    regions = {
        "province": province,
        "city": city,
        "hanting": hanting,
        "kuiwen": kuiwen,
        "other_city": other_city,
        "lanshan": lanshan,
    }
    entries = {}
    for tag, region in regions.items():
        writer = UserFactory(username=f"sup-{tag}", role=Role.SUPERVISOR, region=region, unit=None)
        entries[tag] = record(writer, Kind.EXPORT, target=f"{tag}.xlsx")
    entries["none"] = record(None, Kind.LOGIN_FAILED, username="nobody", result=Result.FAILED)
    auditors = {
        tag: UserFactory(
            username=f"aud-{tag}", role=Role.AUDITOR, region=regions[tag], unit=None, is_staff=True
        )
        for tag in ("province", "city", "hanting", "kuiwen")
    }
    return regions, entries, auditors


SEES = {
    "province": {"province", "city", "hanting", "kuiwen", "other_city", "lanshan", "none"},
    "city": {"city", "hanting", "kuiwen", "none"},
    "hanting": {"hanting", "none"},
    "kuiwen": {"kuiwen", "none"},
}


@pytest.mark.parametrize("who", sorted(SEES))
def test_each_level_reads_its_own_region_and_those_below(tree, who):
    _regions, entries, auditors = tree
    names = {pk: tag for tag, entry in entries.items() for pk in [entry.pk]}
    seen = {names[pk] for pk in entries_for(auditors[who]).values_list("pk", flat=True)}
    assert seen == SEES[who]


@pytest.mark.parametrize("who", sorted(SEES))
def test_the_audit_page_shows_what_the_scope_holds(client, tree, who):
    _regions, entries, auditors = tree
    client.force_login(auditors[who])
    html = client.get(reverse("audit:log")).content.decode()
    for tag, entry in entries.items():
        if entry.kind == Kind.EXPORT:
            assert (f">{tag}.xlsx<" in html) == (tag in SEES[who]), tag
    export = b"".join(client.get(reverse("audit:export")).streaming_content).decode()
    for tag, entry in entries.items():
        if entry.kind == Kind.EXPORT:
            assert (f"{tag}.xlsx" in export) == (tag in SEES[who]), tag


def test_another_regions_entry_answers_404_in_the_admin(client, tree, settings):
    settings.SECOND_FACTOR_ENFORCED = False  # the admin's second factor is tested elsewhere
    _regions, entries, auditors = tree
    client.force_login(auditors["hanting"])
    page = "admin:audit_entry_change"
    assert client.get(reverse(page, args=[entries["hanting"].pk])).status_code == 200
    for tag in ("kuiwen", "city", "province"):
        assert client.get(reverse(page, args=[entries[tag].pk])).status_code == 404, tag
    client.force_login(auditors["city"])
    assert client.get(reverse(page, args=[entries["kuiwen"].pk])).status_code == 200
    listing = client.get(reverse("admin:audit_entry_changelist")).content.decode()
    assert "sup-kuiwen" in listing and "sup-lanshan" not in listing


def test_no_region_reads_nothing_and_a_superuser_everything(tree):
    _regions, entries, _auditors = tree
    lost = UserFactory(username="aud-lost", role=Role.AUDITOR, region=None, unit=None)
    assert not entries_for(lost).exists()
    boss = UserFactory(username="root", role=Role.ADMIN, is_superuser=True, region=None, unit=None)
    assert entries_in_scope(boss).count() == Entry.objects.count()
