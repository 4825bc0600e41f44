"""Two districts with one object of every model the admin shows, built from the models' own
fields, so that a newly registered model gets into the permission matrix by itself."""

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.db import models
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Region, Unit, User
from audit.admin_mixins import REGION_PATHS
from tests.factories import (
    CampaignFactory,
    DepartmentFactory,
    LeaderFactory,
    ProjectFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
    WeeklyReportFactory,
)

_numbers = itertools.count(1)


@dataclass
class District:
    tag: str
    region: Region
    supervisor: User  # keeps the register in the admin
    admin: User  # system administrator: accounts
    security: User
    auditor: User
    reporter: User  # staff or not, never in the admin
    objects: dict = field(default_factory=dict)  # model label -> one object of this district

    def of(self, model):
        return build(model._meta.label, self)


def _user(tag, role, **extra):
    return UserFactory(username=f"{tag}-{role}", role=role, unit=None, **extra)


def district(tag: str, name: str) -> District:
    region = RegionFactory.create(name=name, code=tag)
    campaign = CampaignFactory(region=region)
    unit = UnitFactory(region=region, name=f"{name}住建局")
    DepartmentFactory(region=region, name=f"{name}自然资源局")
    leader = LeaderFactory(region=region, name=f"{name}副区长")
    project = ProjectFactory.create(campaign=campaign, unit=unit, leader=leader, name=f"{name}项目")
    report = WeeklyReportFactory(project=project, status="accepted")
    staff = {"is_staff": True, "region": region}
    d = District(
        tag=tag,
        region=region,
        supervisor=_user(tag, Role.SUPERVISOR, **staff),
        admin=_user(tag, Role.ADMIN, **staff),
        security=_user(tag, Role.SECURITY, **staff),
        auditor=_user(tag, Role.AUDITOR, **staff),
        reporter=UserFactory.create(username=f"{tag}-reporter", region=region, unit=unit),
    )
    d.objects.update(
        {
            "accounts.Region": region,
            "accounts.Unit": unit,
            "accounts.Leader": leader,
            "projects.Campaign": campaign,
            "projects.Project": project,
            "projects.WeeklyReport": report,
            "projects.MonthlyPlan": project.monthly_plans.first(),
            # A plain account of the district (an administrator does not see the others).
            "accounts.User": UserFactory(
                username=f"{tag}-handler",
                role=Role.HANDLER,
                region=region,
                unit=unit,
                first_name=f"{name}经办人",
            ),
        }
    )
    for model in admin.site._registry:
        d.of(model)
    return d


# Fields a generic value would not satisfy (check constraints, formats).
OVERRIDES: dict[str, Callable[[District], dict[str, Any]]] = {
    "outbox.GroupRobot": lambda d: {
        "webhook": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x"
    },
    "outbox.Message": lambda d: {"address": f"{d.tag}@example.gov.cn"},
    "scoring.Exemption": lambda d: {
        "starts": dt.date(2026, 11, 2),
        "ends": dt.date(2026, 11, 30),
        "reason": "停工整改",
    },
    "scoring.ScoreAdjustment": lambda d: {"reason": "补报材料"},
    "problems.OverdueStep": lambda d: {"level": 1},
    "problems.CategoryRoute": lambda d: {
        "department": Unit.objects.get(region=d.region, is_department=True)
    },
    "documents.Document": lambda d: {"kind": "bulletin", "report": build("reports.Report", d)},
    "audit.Entry": lambda d: {"region_id": d.region.pk, "username": d.tag, "kind": "login"},
    "auth.Group": lambda d: {"name": f"{d.tag}-group"},
}


def _value(f: models.Field, tag: str):
    if f.choices:
        return f.choices[0][0]
    n = next(_numbers)
    if isinstance(f, models.EmailField):
        return f"{tag}{n}@example.gov.cn"
    if isinstance(f, models.URLField):
        return f"https://example.gov.cn/{tag}{n}"
    if isinstance(f, (models.CharField, models.TextField)):
        return f"{tag}{n}"[: f.max_length or 50]
    if isinstance(f, models.BooleanField):
        return False
    if isinstance(f, models.DecimalField):
        return Decimal("1")
    if isinstance(f, (models.IntegerField, models.FloatField)):
        return 1
    if isinstance(f, models.DateTimeField):
        return timezone.now()
    if isinstance(f, models.DateField):
        return dt.date(2026, 11, 16)
    if isinstance(f, models.JSONField):
        return {}
    if isinstance(f, models.FileField):
        return f"{tag}{n}.pdf"
    if isinstance(f, models.GenericIPAddressField):
        return "10.0.0.1"
    raise NotImplementedError(f"no test value for {f!r}")


def build(label: str, d: District):
    """One object of ``label`` in district ``d``, its required relations built the same way."""
    if label in d.objects:
        return d.objects[label]
    model = apps.get_model(label)
    if model._meta.proxy:
        concrete = build(model._meta.concrete_model._meta.label, d)
        d.objects[label] = model._base_manager.get(pk=concrete.pk)
        return d.objects[label]
    kwargs = OVERRIDES.get(label, lambda d: {})(d)
    first_hop = (REGION_PATHS.get(label) or "").split("__")[0]
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in kwargs or f.attname in kwargs:
            continue
        if f.is_relation:
            if f.related_model is model or (f.null and f.name != first_hop):
                continue
            kwargs[f.name] = build(f.related_model._meta.label, d)
            continue
        if f.has_default() or f.null or getattr(f, "auto_now", False):
            continue
        if getattr(f, "auto_now_add", False) or (f.blank and not f.choices):
            continue
        kwargs[f.name] = _value(f, d.tag)
    obj = model._base_manager.create(**kwargs)
    d.objects[label] = obj
    return obj


def snapshot(obj):
    """Every stored column of ``obj``'s row, to show that a refused request changed nothing."""
    return list(type(obj)._base_manager.filter(pk=obj.pk).values())
