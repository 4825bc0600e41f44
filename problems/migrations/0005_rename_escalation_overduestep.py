"""The problems' record of an overdue climb is OverdueStep, told apart from the escalation app.

RenameModel renames the table (its rows stay) and, through contenttypes, the content type; the
permissions' codenames follow here so groups keep what they were given."""

import django.db.models.deletion
from django.db import migrations, models


def _rename_permissions(apps, old: str, new: str) -> None:
    Permission = apps.get_model("auth", "Permission")
    for perm in Permission.objects.filter(
        content_type__app_label="problems", codename__endswith=f"_{old}"
    ):
        action = perm.codename.removesuffix(f"_{old}")
        perm.codename = f"{action}_{new}"
        perm.name = f"Can {action} overdue step" if new == "overduestep" else f"Can {action} escalation"
        perm.save(update_fields=["codename", "name"])


def forwards(apps, schema_editor):
    _rename_permissions(apps, "escalation", "overduestep")


def backwards(apps, schema_editor):
    _rename_permissions(apps, "overduestep", "escalation")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("problems", "0004_reason_lengths"),
    ]

    operations = [
        migrations.RenameModel(old_name="Escalation", new_name="OverdueStep"),
        migrations.AlterModelOptions(
            name="overduestep",
            options={
                "ordering": ["problem", "level"],
                "verbose_name": "overdue step",
                "verbose_name_plural": "overdue steps",
            },
        ),
        migrations.AlterField(
            model_name="overduestep",
            name="problem",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="overdue_steps",
                to="problems.problem",
                verbose_name="problem",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
