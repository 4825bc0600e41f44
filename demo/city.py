"""The demo city (潍坊市): several demo districts side by side under one city, for the league of
districts and the roll-up. Each district is a whole ``demo.district`` — its own units,
leaders, accounts, campaign, rubric and weekly deadline; the first is 寒亭区 with the documented
accounts, the others' usernames start with the district's code (``kuiwen-reporter1``). The city
has its own manager and supervisor (``city-manager``, ``city-supervisor``).
"""

import dataclasses
import datetime as dt
import random
from io import TextIOBase
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.choices import RegionLevel, Role
from accounts.models import Region, User

from . import data
from .district import HANTING, DemoError, DemoSummary, District, reset_region, seed_demo

CITY_NAME, CITY_CODE = "潍坊市", "weifang"
CITY_USERS = (
    ("city-manager", Role.MANAGER, "市重点项目领导小组"),
    ("city-supervisor", Role.SUPERVISOR, "市重大项目服务中心"),
)
# The other districts and county-level cities, with deadlines and card lines of their own,
# and the start of their projects' codes (寒亭区's HT2026-001, 奎文区's KW2026-001).
OTHERS = [
    ("奎文区", "kuiwen", "KW", (1, dt.time(17)), 85, 60),
    ("潍城区", "weicheng", "WC", (1, dt.time(12)), 80, 60),
    ("坊子区", "fangzi", "FZ", (2, dt.time(12)), 85, 55),
    ("寿光市", "shouguang", "SG", (1, dt.time(18)), 90, 60),
    ("青州市", "qingzhou", "QZ", (1, dt.time(12)), 85, 65),
    ("诸城市", "zhucheng", "ZC", (2, dt.time(10)), 80, 55),
    ("高密市", "gaomi", "GM", (1, dt.time(12)), 85, 60),
    ("昌邑市", "changyi", "CY", (1, dt.time(16)), 85, 60),
    ("安丘市", "anqiu", "AQ", (1, dt.time(12)), 88, 62),
    ("临朐县", "linqu", "LQ", (2, dt.time(12)), 85, 60),
    ("昌乐县", "changle", "CL", (1, dt.time(12)), 82, 58),
]


@dataclasses.dataclass
class CitySummary:
    city: Region
    districts: list[DemoSummary]
    accounts: list[tuple[str, str, str, str]]


def districts_of(count: int) -> list[District]:
    """寒亭区 first, then the others; past the real ones, numbered 示范区."""
    rows = [HANTING]
    for n in range(1, count):
        if n <= len(OTHERS):
            name, code, project_code, deadline, blue, red = OTHERS[n - 1]
        else:  # 示范13区's projects: D13-2026-001
            name, code, project_code, deadline, blue, red = (
                f"示范{n + 1}区",
                f"demo{n + 1}",
                f"D{n + 1}-",
                (1, dt.time(12)),
                85,
                60,
            )
        rows.append(District(name, code, f"{code}-", project_code, deadline, blue, red))
    return rows


def seed_city(
    *,
    districts: int,
    projects: int = 50,
    weeks: int | None = None,
    today=None,
    seed: int = 2026,
    stdout: TextIO | TextIOBase | None = None,  # a command passes its OutputWrapper
    reset: bool = False,
) -> CitySummary:
    """A city of ``districts`` demo districts of ``projects`` projects each, in one transaction."""
    if districts < 1:
        raise DemoError("区县数必须至少为 1。")
    say = stdout.write if stdout else (lambda text: None)
    with transaction.atomic():
        city = Region.objects.filter(code=CITY_CODE).first()
        if city and not reset:
            raise DemoError(f"{city.name}已有数据，未做任何改动。如需重建演示数据，请加 --reset。")
        if city:
            say(f"清除{city.name}的数据…\n")
            for child in Region.objects.filter(parent=city):
                reset_region(child)
            reset_region(city)
        if User.objects.filter(username__in=[u for u, _, _ in CITY_USERS]).exists():
            raise DemoError("用户名 city-manager / city-supervisor 已被占用。")
        city = Region.objects.create(name=CITY_NAME, code=CITY_CODE, level=RegionLevel.CITY)
        summaries = []
        for n, district in enumerate(districts_of(districts)):
            say(f"{district.name}：\n")
            summaries.append(
                seed_demo(
                    projects=projects,
                    weeks=weeks,
                    today=today,
                    seed=seed + n,
                    stdout=stdout,
                    reset=reset,
                    district=district,
                    parent=city,
                )
            )
        accounts = _city_users(city, random.Random(seed))
    return CitySummary(city, summaries, accounts)


def _city_users(city: Region, rng: random.Random) -> list[tuple[str, str, str, str]]:
    password = make_password(data.DEMO_PASSWORD)
    User.objects.bulk_create(
        User(
            username=username,
            role=role,
            first_name=data.person_name(rng),
            email=f"{username}@example.gov.cn",
            password=password,
            region=city,
            is_staff=role == Role.SUPERVISOR,
        )
        for username, role, _ in CITY_USERS
    )
    return [(username, role, title, city.name) for username, role, title in CITY_USERS]
