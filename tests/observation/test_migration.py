"""The observation rounds move from the reports app into their own: the rows stay where they
are (the tables are renamed, not copied), and their content types and permissions follow."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.migrations import migrate_back, old_register

BEFORE = [("reports", "0005_reason_lengths"), ("observation", None)]
AFTER = [("observation", "0002_move_content_types"), ("reports", "0006_observation_moved_out")]


@pytest.mark.django_db(transaction=True)
def test_a_round_its_criteria_and_scores_move_to_the_new_app(back_to_today):
    executor, old = migrate_back(BEFORE)
    register = old_register(old)
    user, campaign, project = register.user, register.campaign, register.project
    round_ = old.get_model("reports", "ObservationRound").objects.create(
        campaign=campaign, name="下半年观摩", held_on=dt.date(2026, 11, 18), created_by=user
    )
    criterion = old.get_model("reports", "ObservationCriterion").objects.create(
        round=round_, name="建设进度", points=Decimal(100)
    )
    sheet = old.get_model("reports", "ObservationScore").objects.create(
        round=round_, project=project, inspector=user, score=Decimal("88.5"), commentary="有序"
    )
    old.get_model("reports", "CriterionScore").objects.create(
        sheet=sheet, criterion=criterion, points=Decimal("88.5")
    )
    old.get_model("reports", "HistoricalObservationScore").objects.create(
        id=sheet.pk,
        round=round_,
        project=project,
        inspector=user,
        score=Decimal("80"),
        scored_at=sheet.scored_at,
        history_date=sheet.scored_at,
        history_type="+",
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    kind, _made = ContentType.objects.get_or_create(app_label="reports", model="observationround")
    old.get_model("auth", "Permission").objects.get_or_create(
        content_type=kind, codename="view_observationround", defaults={"name": "Can view"}
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    moved = new.get_model("observation", "ObservationRound").objects.get()
    assert (moved.pk, moved.name, moved.created_by_id) == (round_.pk, "下半年观摩", user.pk)
    [moved_criterion] = new.get_model("observation", "ObservationCriterion").objects.all()
    assert (moved_criterion.round_id, moved_criterion.points) == (round_.pk, Decimal(100))
    moved_sheet = new.get_model("observation", "ObservationScore").objects.get()
    assert (moved_sheet.project_id, moved_sheet.score) == (project.pk, Decimal("88.5"))
    mark = new.get_model("observation", "CriterionScore").objects.get()
    assert (mark.sheet_id, mark.criterion_id) == (moved_sheet.pk, moved_criterion.pk)
    history = new.get_model("observation", "HistoricalObservationScore").objects.get()
    assert (history.id, history.score) == (sheet.pk, Decimal("80"))
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "observation_observationround" in tables and "reports_observationround" not in tables
    kinds = new.get_model("contenttypes", "ContentType").objects
    assert kinds.get(pk=kind.pk).app_label == "observation"  # and its permissions with it
    assert not kinds.filter(app_label="reports", model__contains="observation").exists()
    assert new.get_model("auth", "Permission").objects.get(
        codename="view_observationround"
    ).content_type_id == (kind.pk)
