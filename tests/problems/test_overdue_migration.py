"""Renaming the problems' Escalation to OverdueStep keeps its rows, its content type and its
permissions (a group given "view escalation" may still view the overdue steps)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from problems.models import OverdueStep

BEFORE = [("problems", "0004_reason_lengths")]
AFTER = [("problems", "0005_rename_escalation_overduestep")]


@pytest.mark.django_db(transaction=True)
def test_the_rename_keeps_rows_content_type_and_permissions(problem, back_to_today):
    kind = ContentType.objects.get_for_model(OverdueStep)
    viewers = Group.objects.create(name="viewers")
    viewers.permissions.add(Permission.objects.get(content_type=kind, codename="view_overduestep"))

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("problems", "Escalation").objects.create(
        problem_id=problem.pk, level=1, escalated_at=timezone.now()
    )
    # The executor alone does not rename content types back: make it the old database's.
    ContentType.objects.filter(pk=kind.pk).update(model="escalation")
    assert Permission.objects.filter(content_type=kind, codename="view_escalation").exists()

    call_command("migrate", *AFTER[0], verbosity=0)  # as a deployment runs it (with its signals)
    ContentType.objects.clear_cache()
    [step] = OverdueStep.objects.all()
    assert (step.problem_id, step.level) == (problem.pk, 1)
    assert ContentType.objects.get(app_label="problems", model="overduestep").pk == kind.pk
    assert not ContentType.objects.filter(app_label="problems", model="escalation").exists()
    assert viewers.permissions.filter(codename="view_overduestep", content_type=kind).exists()
