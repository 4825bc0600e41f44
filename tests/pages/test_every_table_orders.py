"""Every table of every app orders by every column it offers: each django-tables2 ``Table`` is
found in the apps' ``tables`` modules, opened on the page that shows it, and asked for
``?sort=<column>`` and ``?sort=-<column>``; the page answers 200 with its rows. A column that
says it is orderable but cannot be (a computed one) fails here. A new table without a page in
PAGES fails too."""

import importlib
import inspect
from collections.abc import Callable
from pathlib import Path

import django_tables2 as tables
import pytest
from axes.utils import reset
from django.apps import apps
from django.conf import settings
from django.test import Client

from accounts.choices import Role
from accounts.models import User
from tests.factories import UserFactory
from tests.security.conftest import _import_run, demo, sign_in  # noqa: F401 demo: a fixture

pytestmark = pytest.mark.django_db


def _tables() -> dict[str, type[tables.Table]]:
    """Every Table subclass defined in an app's ``tables`` module, by dotted name."""
    found = {}
    ours = Path(settings.BASE_DIR)
    for app in apps.get_app_configs():
        where = Path(app.path)
        if ours not in where.parents or "site-packages" in where.parts:
            continue  # django_tables2 has a tables module too
        # An app's tables module, or a room's inside it (dashboard/rankings/tables.py).
        for path in sorted(where.rglob("tables.py")):
            module = importlib.import_module(".".join(path.relative_to(ours).with_suffix("").parts))
            for name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, tables.Table) and cls.__module__ == module.__name__:
                    found[f"{module.__name__}.{name}"] = cls
    return found


def _user(campaign, role: str) -> User:
    user = User.objects.filter(region=campaign.region, role=role, is_active=True).first()
    return user or UserFactory.create(username=f"orders-{role}", role=role, region=campaign.region)


def _first_with(model_path: str, **filters):
    return apps.get_model(model_path).objects.filter(**filters).order_by("pk").first()


def _handler_with_an_inbox(campaign) -> User:
    problem = _first_with("problems.Problem", project__campaign=campaign, department__isnull=False)
    department = problem.department
    user = User.objects.filter(role=Role.HANDLER, unit=department).first()
    return user or UserFactory.create(
        username="orders-handler", role=Role.HANDLER, region=campaign.region, unit=department
    )


def _second_rubric_version(campaign) -> str:
    from scoring.versions import rubric_version_create, rubric_version_current

    rules = rubric_version_current(campaign).rules
    rubric_version_create(campaign=campaign, rules=rules, note="ordering test")
    return "/scoring/rubric/"


def _second_report(campaign) -> str:
    """A second revision of the archive's report (the demo archives one; building is slow)."""
    report = _first_with("reports.Report", campaign=campaign)
    report.pk, report.revision, report.reason = None, report.revision + 1, "ordering test"
    report.save()
    return "/reports/"


def _lockouts(campaign, client) -> str:
    for n, user in enumerate(User.objects.filter(region=campaign.region).order_by("pk")[:2]):
        for _ in range(6):
            sign_in(client, user.username, "wrong-password", address=f"10.9.9.{n + 1}")
    return "/security/lockouts/"


# The page that shows each table, for whom, and what it needs beyond the demo district.
Page = Callable[..., tuple[str, User]]
PAGES: dict[str, Page] = {
    "projects.tables.ProjectTable": lambda c, **_: ("/projects/", _user(c, Role.SUPERVISOR)),
    "projects.tables.ReviewTable": lambda c, **_: ("/review/", _user(c, Role.SUPERVISOR)),
    "instructions.tables.InstructionTable": lambda c, **_: (
        "/instructions/",
        _user(c, Role.MANAGER),
    ),
    "audit.tables.EntryTable": lambda c, **_: ("/audit/", _user(c, Role.AUDITOR)),
    "workbooks.tables.RunTable": lambda c, **_: (
        _import_run(c, _user(c, Role.SUPERVISOR)) or "/register/",
        _user(c, Role.SUPERVISOR),
    ),
    "workbooks.tables.PreviewTable": lambda c, **_: (
        f"/register/imports/{_first_with('workbooks.ImportRun', campaign=c).pk}/",
        _user(c, Role.SUPERVISOR),
    ),
    "workbooks.tables.TargetTable": lambda c, **_: (
        "/register/targets/",
        _user(c, Role.SUPERVISOR),
    ),
    "scoring.tables.FlagGroupTable": lambda c, **_: ("/scoring/flags/", _user(c, Role.SUPERVISOR)),
    "scoring.tables.RubricVersionTable": lambda c, **_: (
        _second_rubric_version(c),
        _user(c, Role.SUPERVISOR),
    ),
    "scoring.tables.PreviewTable": lambda c, **_: (
        f"/scoring/rubric/{_first_with('scoring.RubricVersion', campaign=c).pk}/",
        _user(c, Role.SUPERVISOR),
    ),
    "outbox.tables.MessageTable": lambda c, **_: ("/outbox/", _user(c, Role.SUPERVISOR)),
    "problems.tables.ProblemTable": lambda c, **_: ("/problems/", _user(c, Role.SUPERVISOR)),
    "problems.tables.InboxTable": lambda c, **_: ("/problems/inbox/", _handler_with_an_inbox(c)),
    "reports.tables.ReportTable": lambda c, **_: (
        _second_report(c),
        _user(c, Role.MANAGER),
    ),
    "dashboard.rankings.tables.RankingTable": lambda c, **_: (
        "/dashboard/rankings/?kind=projects&period=year",
        _user(c, Role.MANAGER),
    ),
    "dashboard.rankings.tables.ScorecardTable": lambda c, **_: (
        f"/dashboard/units/{_first_with('projects.Project', campaign=c).unit_id}/",
        _user(c, Role.MANAGER),
    ),
    "security.tables.LockoutTable": lambda c, client, **_: (
        _lockouts(c, client),
        _user(c, Role.SECURITY),
    ),
    "escalation.tables.NoticeTable": lambda c, **_: ("/ladder/", _user(c, Role.SUPERVISOR)),
    "observation.tables.RoundTable": lambda c, **_: (
        "/reports/observation/",
        _user(c, Role.SUPERVISOR),
    ),
}


def test_every_table_has_its_page():
    """A new table needs its line in PAGES: otherwise nobody orders it by its columns."""
    assert sorted(_tables()) == sorted(PAGES)


def _shown(response, cls) -> list[tables.Table]:
    """The tables of ``cls`` the page rendered, with their rows."""
    seen = {}
    for context in response.context:
        for layer in context.dicts:
            for value in layer.values():
                if type(value) is cls:
                    seen[id(value)] = value
    return list(seen.values())


def _rows(table) -> int:
    return len(table.page.object_list) if getattr(table, "page", None) else len(table.rows)


@pytest.mark.parametrize("name", sorted(_tables()))
def test_every_table_orders_by_every_column(demo, settings, tmp_path, name):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    cls = _tables()[name]
    campaign = demo.campaigns[-1]
    reset()
    client = Client()
    url, user = PAGES[name](campaign, client=client)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    shown = _shown(response, cls)
    assert shown, f"{url} shows no {cls.__name__}"
    table = max(shown, key=_rows)
    assert _rows(table) >= 2, f"{url}: fewer than two rows, so ordering is not exercised"
    # A table that orders nothing (a ranking keeps its own order) has nothing more to try.
    columns = [column.name for column in table.columns if column.orderable]
    joiner = "&" if "?" in url else "?"
    failed = {}
    for column in columns:
        for sort in (column, f"-{column}"):
            response = client.get(f"{url}{joiner}{table.prefixed_order_by_field}={sort}")
            ordered = [t for t in _shown(response, cls) if _rows(t) >= 2]
            if response.status_code != 200 or not ordered:
                failed[sort] = response.status_code
    assert not failed, f"{url}: ordering failed for {failed}"
    reset()
