"""The top bar's links are kept per role, superuser and staff flags and language
(accounts/templatetags/menu.py): each person still sees exactly the menu drawn for them."""

import re

import pytest
from django.template import Engine
from django.urls import reverse

from accounts.choices import Role
from accounts.templatetags.menu import TEMPLATE
from tests.factories import UserFactory

PAGE = "twofactor:account"  # any signed-in page: every one has the top bar


def nav_of(client, user) -> str:
    client.force_login(user)
    html = client.get(reverse(PAGE)).content.decode()
    nav = re.search(r'<nav class="nav">(.*?)<a class="nav-user"', html, re.S)
    assert nav is not None
    return nav.group(1)


def links(nav: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', nav))


def forget_menus() -> None:
    """What another process, or this one after a reload, starts from: nothing kept."""
    Engine.get_default().get_template(TEMPLATE).__dict__.pop("_kept_menus", None)


@pytest.fixture
def people(region, unit, reporter, leader_user, handler):
    """One person of every role, and a superuser with and without the staff flag."""
    found = {Role.REPORTER: reporter, Role.LEADER: leader_user, Role.HANDLER: handler}
    for role in set(Role.values) - set(found):
        found[role] = UserFactory(username=f"menu-{role}", role=role, region=region, unit=None)
    found["superuser"] = UserFactory(
        username="menu-super", role=Role.MANAGER, region=region, unit=None, is_superuser=True
    )
    found["staff-superuser"] = UserFactory(
        username="menu-staff",
        role=Role.ADMIN,
        region=region,
        unit=None,
        is_superuser=True,
        is_staff=True,
    )
    return found


def test_each_person_sees_the_menu_drawn_for_them_alone(client, people):
    forget_menus()
    kept = {name: nav_of(client, user) for name, user in people.items()}  # all drawn, then kept
    for name, user in reversed(list(people.items())):  # read back in another order
        assert nav_of(client, user) == kept[name], name
        forget_menus()
        assert nav_of(client, user) == kept[name], f"{name}: the kept menu is not a fresh one"


def test_the_roles_menus_differ_as_the_duties_do(client, people):
    forget_menus()
    reporter = links(nav_of(client, people[Role.REPORTER]))
    supervisor = links(nav_of(client, people[Role.SUPERVISOR]))
    security = links(nav_of(client, people[Role.SECURITY]))
    staff = links(nav_of(client, people["staff-superuser"]))
    superuser = links(nav_of(client, people["superuser"]))
    assert reverse("projects:this_week") in reporter
    assert reverse("projects:review") not in reporter
    assert reverse("projects:review") in supervisor
    assert reverse("security:policy") in security
    assert reverse("projects:list") not in security  # 三权分立: not the business's pages
    assert reverse("admin:index") in staff
    assert reverse("admin:index") not in superuser  # a superuser without the staff flag


def test_a_changed_role_shows_its_menu_on_the_next_page(client, people):
    user = people[Role.MANAGER]
    assert reverse("projects:review") not in links(nav_of(client, user))
    user.role = Role.SUPERVISOR
    user.save()
    assert reverse("projects:review") in links(nav_of(client, user))


def test_the_menu_follows_the_language(client, people):
    user = people[Role.MANAGER]
    assert "项目" in nav_of(client, user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse(PAGE)).content.decode()
    assert ">Projects</a>" in english and ">项目</a>" not in english
