"""The data step the week migrations run before adding their Monday check constraints."""

from django.db import IntegrityError, transaction

from . import weeks


class WeekCollision(RuntimeError):
    """Moving a stored week to its Monday would break a unique constraint: a person decides."""


def weeks_to_monday(*fields: str):
    """A ``RunPython`` function moving each stored non-Monday of the ``"app.Model.field"``s to
    the Monday of its ISO week, so the check constraint added next cannot fail. A row that would
    then collide with another is left as it is and the migration stops, naming every such row:
    deleting or merging stored reports is not a migration's call."""

    def run(apps, schema_editor) -> None:
        alias = schema_editor.connection.alias
        collisions = []
        for label in fields:
            app_label, model_name, field = label.split(".")
            rows = apps.get_model(app_label, model_name)._base_manager.using(alias)
            stray = rows.filter(**{f"{field}__isnull": False})
            stray = stray.exclude(**{f"{field}__iso_week_day": 1})
            for pk, day in stray.values_list("pk", field).order_by("pk"):
                monday = weeks.week_start(day)
                try:
                    with transaction.atomic(using=alias):  # a savepoint: one refusal spoils nothing
                        rows.filter(pk=pk).update(**{field: monday})
                except IntegrityError as exc:
                    why = " ".join(str(exc).split())
                    collisions.append(f"{label} pk={pk}: {day} -> {monday} ({why})")
        if collisions:
            raise WeekCollision(
                "These weeks are not Mondays and moving them to their Monday would duplicate "
                "another row; merge or delete them by hand, then migrate again:\n"
                + "\n".join(collisions)
            )

    return run
