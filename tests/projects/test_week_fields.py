"""Every model's week is a WeekField and the database refuses a day that is not a Monday for it.

Walks every installed model, so a new week field cannot miss the field or its constraint."""

import contextlib
import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from simple_history.models import HistoricalChanges

from projects.fields import WeekField, monday_constraint
from projects.week_migrations import WeekCollision, weeks_to_monday
from tests.factories import CampaignFactory

MONDAY = dt.date(2026, 12, 28)  # 2026-W53: the week rule holds across the year's end
TUESDAY = MONDAY + dt.timedelta(days=1)


def week_fields():
    """(model, field) for every WeekField of a live model; history rows copy what the live
    table's constraint already kept to Mondays, and carry no constraints of their own."""
    return [
        (model, field)
        for model in apps.get_models()
        if not issubclass(model, HistoricalChanges)
        for field in model._meta.concrete_fields
        if isinstance(field, WeekField)
    ]


def test_every_date_field_named_for_a_week_is_a_week_field():
    strays = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField)
        and not isinstance(field, models.DateTimeField)
        and "week" in field.name
        and not isinstance(field, WeekField)
    ]
    assert strays == [], "declare these as projects.fields.WeekField with monday_constraint"


def test_the_walk_finds_the_week_fields_we_know():
    found = {f"{model._meta.label}.{field.name}" for model, field in week_fields()}
    assert {
        "projects.WeeklyReport.week",
        "scoring.ReportFlag.last_week",
        "dashboard.RunningScore.week",
        "reports.Reminder.week",
        "problems.Problem.week",
        "escalation.SupervisionNotice.opened_week",
    } <= found


def constraint_of(model, field):
    """The model's one check that ``field`` holds a Monday, declared with monday_constraint."""
    checks = [
        constraint
        for constraint in model._meta.constraints
        if constraint == monday_constraint(field.name, name=constraint.name, null=field.null)
    ]
    assert len(checks) == 1, f"{model._meta.label}.{field.name} needs one monday_constraint"
    return checks[0]


def value_for(field, week_values):
    """A value the row's other constraints accept, good enough to reach the week check."""
    if field.name in week_values:
        return week_values[field.name]
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.ForeignKey):
        # Foreign keys are checked at commit, which never comes: the test rolls back.
        return value_for(field.target_field, {}) if not field.target_field.primary_key else 1
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return MONDAY
    if isinstance(field, models.TimeField):
        return dt.time(12)
    if isinstance(field, models.DecimalField):
        return Decimal("1")
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        return "x"
    raise AssertionError(f"teach value_for a value for {field!r}")


def row(model, week_values):
    instance = model()
    for field in model._meta.concrete_fields:
        if not field.primary_key or not isinstance(field, models.AutoField):
            setattr(instance, field.attname, value_for(field, week_values))
    return instance


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "field"),
    week_fields(),
    ids=lambda item: getattr(item, "name", None) or item._meta.label,
)
def test_the_database_refuses_a_tuesday_for_every_week_field(model, field):
    constraint = constraint_of(model, field)
    weeks = [f for f in model._meta.concrete_fields if isinstance(f, WeekField)]
    mondays = {f.name: MONDAY for f in weeks}
    with transaction.atomic():
        model._base_manager.bulk_create([row(model, mondays)])  # 2026-W53's Monday is a week
        transaction.set_rollback(True)

    # The other weeks keep their declared order (a flag is last found no earlier than raised).
    position = weeks.index(field)
    others = {f.name: MONDAY + dt.timedelta(days=7 * (i > position)) for i, f in enumerate(weeks)}
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        model._base_manager.bulk_create([row(model, {**others, field.name: TUESDAY})])
    assert refused_by(refused.value) == constraint.name


def refused_by(error: IntegrityError) -> str:
    """The name of the constraint that refused a row: PostgreSQL names it in the error's
    diagnostics, SQLite in its message ("CHECK constraint failed: name")."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    if diag is not None:
        return diag.constraint_name
    return str(cause).removeprefix("CHECK constraint failed: ")


CHECK = "running_mark_week_is_monday"


@contextlib.contextmanager
def before_the_check():
    """Rows written as a table from before the Monday check took them: on PostgreSQL without
    the constraint (dropped for the test's transaction, rolled back after it), on SQLite, whose
    constraints live in the table's definition, with checks off while inside."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
            try:
                yield
            finally:
                cursor.execute("PRAGMA ignore_check_constraints = OFF")
            return
        cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = %s", [CHECK])
        if cursor.fetchone():  # dropped once: a second ALTER would wait on the rows' triggers
            cursor.execute(f"ALTER TABLE dashboard_runningmark DROP CONSTRAINT {CHECK}")
        yield


@pytest.mark.django_db
def test_the_week_migration_moves_a_stray_week_to_its_monday_or_stops_on_a_collision():
    from dashboard.models import RunningMark

    campaign = CampaignFactory()
    now = timezone.now()
    with before_the_check():
        stray = RunningMark.objects.create(campaign=campaign, week=TUESDAY, computed_at=now)
    migrate = weeks_to_monday("dashboard.RunningMark.week")

    migrate(apps, connection.schema_editor())
    stray.refresh_from_db()
    assert stray.week == MONDAY

    thursday = MONDAY + dt.timedelta(days=3)
    with before_the_check():
        other = RunningMark.objects.create(campaign=campaign, week=thursday, computed_at=now)
    with pytest.raises(WeekCollision, match=f"dashboard.RunningMark.week pk={other.pk}"):
        migrate(apps, connection.schema_editor())
    other.refresh_from_db()
    assert other.week == thursday  # left for a person to merge, not deleted
