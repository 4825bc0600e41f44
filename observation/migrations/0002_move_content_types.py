"""The content types of the moved models (and so their permissions, the groups that hold them
and the admin's log) follow them from app_label "reports" to "observation"."""

from django.db import migrations

MODELS = (
    "observationround",
    "observationcriterion",
    "observationscore",
    "criterionscore",
    "historicalobservationround",
    "historicalobservationcriterion",
    "historicalobservationscore",
    "historicalcriterionscore",
)


def _move(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        # Where both exist (the new one made by a migrate in between) the old keeps its rows.
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _move(apps, "reports", "observation")


def backwards(apps, schema_editor):
    _move(apps, "observation", "reports")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("observation", "0001_moved_from_reports"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
