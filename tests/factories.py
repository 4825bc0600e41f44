"""factory_boy factories for the register, the weekly reports and users of each role."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.choices import RegionLevel, Role
from accounts.models import Leader, Region, Unit, User
from projects.choices import Category, InvestmentSource, NodeKind, ReportStatus, Stage, TargetKind
from projects.models import Campaign, Milestone, MonthlyPlan, Project, WeeklyReport


class RegionFactory(DjangoModelFactory[Region]):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    name = "寒亭区"
    code = "hanting"
    level = RegionLevel.DISTRICT


class UnitFactory(DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"责任单位{n}")


class DepartmentFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"要素保障部门{n}")
    is_department = True


class LeaderFactory(DjangoModelFactory[Leader]):
    class Meta:
        model = Leader

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"领导{n}")
    title = "副区长"


class CampaignFactory(DjangoModelFactory[Campaign]):
    class Meta:
        model = Campaign
        django_get_or_create = ["region", "year"]

    region = factory.SubFactory(RegionFactory)
    year = 2026
    name = factory.LazyAttribute(lambda o: f"{o.year}年重点项目建设大比拼")
    investment_target = Decimal("860000")
    production_target = 12
    accelerate_target = 38


class ProjectFactory(DjangoModelFactory[Project]):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    code = factory.Sequence(lambda n: f"HT{n:04d}")
    name = factory.Sequence(lambda n: f"重点项目{n}")
    category = Category.INDUSTRY
    unit = factory.SubFactory(UnitFactory, region=factory.SelfAttribute("..campaign.region"))
    leader = factory.SubFactory(LeaderFactory, region=factory.SelfAttribute("..campaign.region"))
    target = TargetKind.ACCELERATE
    stage = Stage.CONSTRUCTION
    total_investment = Decimal("50000")
    annual_plan = Decimal("12000")

    @factory.post_generation
    def plans(obj, create, extracted, **kwargs):
        """Spread the annual plan evenly over the twelve months unless told otherwise."""
        if not create or extracted is False:
            return
        amounts = extracted or [obj.annual_plan / 12] * 12
        MonthlyPlan.objects.bulk_create(
            MonthlyPlan(project=obj, month=m, amount=Decimal(a).quantize(Decimal("0.01")))
            for m, a in enumerate(amounts, start=1)
        )


class MilestoneFactory(DjangoModelFactory[Milestone]):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    kind = NodeKind.START
    name = "开工"
    planned_date = dt.date(2026, 3, 1)


class WeeklyReportFactory(DjangoModelFactory[WeeklyReport]):
    class Meta:
        model = WeeklyReport

    project = factory.SubFactory(ProjectFactory)
    week = dt.date(2026, 11, 16)
    status = ReportStatus.SUBMITTED
    stage = Stage.CONSTRUCTION
    ytd_investment = Decimal("8000")
    investment_source = InvestmentSource.UNIT_REPORT
    progress = "主体结构施工，完成三层浇筑。"
    next_plan = "继续主体施工。"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.cn")
    password = factory.django.Password("pass-12345")
    role = Role.REPORTER
    region = factory.SubFactory(RegionFactory)
    unit = factory.SubFactory(UnitFactory, region=factory.SelfAttribute("..region"))
