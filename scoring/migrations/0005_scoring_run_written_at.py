import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def from_scored_at(apps, schema_editor):
    """The runs so far were last written when they were scored."""
    apps.get_model("scoring", "ScoringRun").objects.update(written_at=F("scored_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("scoring", "0004_photo_flags"),
    ]

    operations = [
        migrations.AddField(
            model_name="scoringrun",
            name="written_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="scores written at"
            ),
        ),
        migrations.RunPython(from_scored_at, migrations.RunPython.noop),
    ]
