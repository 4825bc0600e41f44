"""Who sees which problems: one place (problems.scope) decides, and the pages follow it."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from problems.flow import Actor
from problems.scope import actors_of, problems_for
from projects.scope import projects_for
from tests.factories import (
    CampaignFactory,
    LeaderFactory,
    ProjectFactory,
    RegionFactory,
    UserFactory,
)

from .factories import ProblemFactory


@pytest.fixture
def world(project, other_project, department, other_department, reporter, other_reporter):
    """Four problems: two projects × two departments, and one in another district."""
    far_region = RegionFactory(code="anqiu", name="安丘市")
    far_project = ProjectFactory(campaign=CampaignFactory(region=far_region))
    return {
        "mine_dep": ProblemFactory(project=project, department=department, raised_by=reporter),
        "mine_other": ProblemFactory(
            project=project, department=other_department, raised_by=reporter
        ),
        "theirs_dep": ProblemFactory(
            project=other_project, department=department, raised_by=other_reporter
        ),
        "theirs_other": ProblemFactory(
            project=other_project, department=other_department, raised_by=other_reporter
        ),
        "far": ProblemFactory(project=far_project),
    }


def visible(user, world):
    ids = set(problems_for(user).values_list("pk", flat=True))
    return {name for name, p in world.items() if p.pk in ids}


def test_a_department_sees_only_its_problems(world, handler, other_handler):
    assert visible(handler, world) == {"mine_dep", "theirs_dep"}
    assert visible(other_handler, world) == {"mine_other", "theirs_other"}


def test_a_reporter_sees_only_its_units_projects(world, reporter, other_reporter):
    assert visible(reporter, world) == {"mine_dep", "mine_other"}
    assert visible(other_reporter, world) == {"theirs_dep", "theirs_other"}


def test_a_leader_sees_the_problems_of_the_leaders_projects(world, leader_user, region):
    assert visible(leader_user, world) == {
        "mine_dep",
        "mine_other",
        "theirs_dep",
        "theirs_other",
    }  # both projects are his
    stranger = UserFactory(
        username="leader2",
        role=Role.LEADER,
        region=region,
        unit=None,
        leader=LeaderFactory(region=region),
    )
    assert visible(stranger, world) == set()


def test_supervisors_and_managers_see_their_region(world, supervisor, manager, admin_user):
    region_wide = {"mine_dep", "mine_other", "theirs_dep", "theirs_other"}
    assert visible(supervisor, world) == region_wide
    assert visible(manager, world) == region_wide
    assert visible(admin_user, world) == region_wide | {"far"}


def test_an_inactive_account_sees_nothing(world, handler):
    handler.is_active = False
    assert visible(handler, world) == set()


def test_a_handler_sees_the_projects_its_problems_are_about(world, handler, project, other_project):
    assert set(projects_for(handler)) == {project, other_project}
    world["theirs_dep"].department = world["mine_other"].department
    world["theirs_dep"].save()
    assert set(projects_for(handler)) == {project}


def test_the_list_and_inbox_pages_follow_the_scope(client, world, handler):
    client.force_login(handler)
    for name in ("problems:list", "problems:inbox"):
        rows = client.get(reverse(name)).context["table"].page.object_list
        assert {row.record.pk for row in rows} == {world["mine_dep"].pk, world["theirs_dep"].pk}


def test_the_parts_people_play(world, reporter, handler, supervisor, leader_user, manager):
    problem = world["mine_dep"]
    assert actors_of(reporter, problem) == {Actor.RAISER}
    assert actors_of(handler, problem) == {Actor.HANDLER}
    assert actors_of(supervisor, problem) == {Actor.SUPERVISOR}
    assert actors_of(leader_user, problem) == {Actor.LEADER}
    assert actors_of(manager, problem) == set()


def test_the_project_pages_panel_reads_what_the_scope_lets_through(
    world,
    project,
    other_project,
    reporter,
    other_reporter,
    handler,
    other_handler,
    supervisor,
    manager,
    leader_user,
    admin_user,
):
    """The panel's read is compiled once per shape of reader (problems.selectors
    .project_problems): for each reader and project the problems the scope gives, open first."""
    from django.utils import timezone

    from problems.choices import Status
    from problems.selectors import project_problems

    world["mine_dep"].status, world["mine_dep"].closed_at = Status.CLOSED, timezone.now()
    world["mine_dep"].save()
    far = world["far"].project
    readers = [reporter, other_reporter, handler, other_handler, supervisor, manager, leader_user]
    seen = 0
    for user in [*readers, admin_user]:
        for on in (project, other_project, far):
            expected = {p.pk for p in problems_for(user).filter(project=on)}
            got = project_problems(user=user, project=on)
            assert {p.pk for p in got} == expected, (user.username, on.pk)
            closed = [p.closed for p in got]
            assert closed == sorted(closed)  # open first
            assert all(p.project is on for p in got)
            assert all(p.department.name for p in got)
            seen += len(got)
    assert seen > 10
    handler.is_active = False
    assert project_problems(user=handler, project=project) == []
