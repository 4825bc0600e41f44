"""factory_boy factories of the problem loop."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from problems.choices import EventKind, Origin, ProblemCategory, Status
from problems.models import CategoryRoute, Meeting, Problem, ProblemEvent
from tests.factories import DepartmentFactory, ProjectFactory, RegionFactory, UserFactory


class CategoryRouteFactory(DjangoModelFactory):
    class Meta:
        model = CategoryRoute
        django_get_or_create = ["region", "category"]

    region = factory.SubFactory(RegionFactory)
    category = ProblemCategory.LAND
    department = factory.SubFactory(DepartmentFactory, region=factory.SelfAttribute("..region"))
    days_to_solve = 10


class ProblemFactory(DjangoModelFactory):
    """A reported problem routed to a department, due 2026-11-30, raised by the unit's reporter."""

    class Meta:
        model = Problem
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    origin = Origin.REPORT
    category = ProblemCategory.LAND
    title = factory.Sequence(lambda n: f"用地指标问题{n}")
    need = "需协调解决新增建设用地指标。"
    department = factory.SubFactory(
        DepartmentFactory, region=factory.SelfAttribute("..project.campaign.region")
    )
    status = Status.ASSIGNED
    deadline = dt.date(2026, 11, 30)
    step_days = 5
    raised_by = factory.SubFactory(
        UserFactory,
        role="reporter",
        region=factory.SelfAttribute("..project.campaign.region"),
        unit=factory.SelfAttribute("..project.unit"),
    )
    created_at = factory.LazyFunction(lambda: dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC))

    @factory.post_generation
    def raised(obj, create, extracted, **kwargs):
        """Every problem's log starts with its raising."""
        if create:
            ProblemEvent.objects.create(
                problem=obj,
                kind=EventKind.RAISE,
                to_status=obj.status,
                actor=obj.raised_by,
                acting_as="raiser",
                text=obj.need,
                created_at=obj.created_at,
            )


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    region = factory.SubFactory(RegionFactory)
    held_on = dt.date(2026, 11, 18)
    attendees = "常务副区长、各责任单位"
    recorded_by = factory.SubFactory(
        UserFactory, role="supervisor", unit=None, region=factory.SelfAttribute("..region")
    )
