"""The observation rounds move here from the reports app: the models are taken over in the
state as they are, on reports' tables, then the tables are renamed to observation_*; no row is
copied. reports.0006 forgets them in its own state."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('reports', '0005_reason_lengths'),
        ('projects', '0005_photo_evidence_and_locations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalObservationRound',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('held_on', models.DateField(verbose_name='held on')),
                        ('status', models.CharField(choices=[('open', 'Open for scoring'), ('closed', 'Closed')], default='open', max_length=10, verbose_name='status')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                        ('drop_extremes', models.BooleanField(default=True, help_text='With five or more inspectors, as juries do (去掉一个最高分和一个最低分).', verbose_name='leave out the highest and the lowest sheet')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('campaign', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.campaign', verbose_name='campaign')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'reports_historicalobservationround',
                        'verbose_name': 'historical observation round',
                        'verbose_name_plural': 'historical observation rounds',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ObservationRound',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('held_on', models.DateField(verbose_name='held on')),
                        ('status', models.CharField(choices=[('open', 'Open for scoring'), ('closed', 'Closed')], default='open', max_length=10, verbose_name='status')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                        ('drop_extremes', models.BooleanField(default=True, help_text='With five or more inspectors, as juries do (去掉一个最高分和一个最低分).', verbose_name='leave out the highest and the lowest sheet')),
                        ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='observation_rounds', to='projects.campaign', verbose_name='campaign')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                    ],
                    options={
                        'db_table': 'reports_observationround',
                        'verbose_name': 'observation round',
                        'verbose_name_plural': 'observation rounds',
                        'ordering': ['-held_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ObservationCriterion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=40, verbose_name='criterion')),
                        ('points', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0.5')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='points')),
                        ('guidance', models.CharField(blank=True, max_length=200, verbose_name='what to look at')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='observation.observationround', verbose_name='round')),
                    ],
                    options={
                        'db_table': 'reports_observationcriterion',
                        'verbose_name': 'observation criterion',
                        'verbose_name_plural': 'observation criteria',
                        'ordering': ['round', 'position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalObservationScore',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('score', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='score')),
                        ('commentary', models.TextField(blank=True, max_length=2000, verbose_name='commentary')),
                        ('scored_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='scored at')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('inspector', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='inspector')),
                        ('project', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.project', verbose_name='project')),
                        ('round', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='observation.observationround', verbose_name='round')),
                    ],
                    options={
                        'db_table': 'reports_historicalobservationscore',
                        'verbose_name': 'historical observation score',
                        'verbose_name_plural': 'historical observation scores',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalObservationCriterion',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=40, verbose_name='criterion')),
                        ('points', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0.5')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='points')),
                        ('guidance', models.CharField(blank=True, max_length=200, verbose_name='what to look at')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('round', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='observation.observationround', verbose_name='round')),
                    ],
                    options={
                        'db_table': 'reports_historicalobservationcriterion',
                        'verbose_name': 'historical observation criterion',
                        'verbose_name_plural': 'historical observation criteria',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ObservationScore',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('score', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='score')),
                        ('commentary', models.TextField(blank=True, max_length=2000, verbose_name='commentary')),
                        ('scored_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='scored at')),
                        ('inspector', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='inspector')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='observation_scores', to='projects.project', verbose_name='project')),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores', to='observation.observationround', verbose_name='round')),
                    ],
                    options={
                        'db_table': 'reports_observationscore',
                        'verbose_name': 'observation score',
                        'verbose_name_plural': 'observation scores',
                        'ordering': ['round', 'project', 'inspector'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalCriterionScore',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('points', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='points')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('criterion', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='observation.observationcriterion', verbose_name='criterion')),
                        ('sheet', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='observation.observationscore', verbose_name='sheet')),
                    ],
                    options={
                        'db_table': 'reports_historicalcriterionscore',
                        'verbose_name': 'historical criterion score',
                        'verbose_name_plural': 'historical criterion scores',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='CriterionScore',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('points', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='points')),
                        ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='marks', to='observation.observationcriterion', verbose_name='criterion')),
                        ('sheet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='marks', to='observation.observationscore', verbose_name='sheet')),
                    ],
                    options={
                        'db_table': 'reports_criterionscore',
                        'verbose_name': 'criterion score',
                        'verbose_name_plural': 'criterion scores',
                        'ordering': ['sheet', 'criterion__position'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='observationcriterion',
                    constraint=models.UniqueConstraint(fields=('round', 'name'), name='criterion_unique_name_in_round', violation_error_message='The round already has a criterion of this name.'),
                ),
                migrations.AddConstraint(
                    model_name='observationcriterion',
                    constraint=models.CheckConstraint(condition=models.Q(('points__gt', 0), ('points__lte', 100)), name='criterion_points_range', violation_error_message='A criterion is worth more than 0 and at most 100.'),
                ),
                migrations.AddConstraint(
                    model_name='observationscore',
                    constraint=models.UniqueConstraint(fields=('round', 'project', 'inspector'), name='observation_once_per_inspector', violation_error_message='You have already scored this project in this round.'),
                ),
                migrations.AddConstraint(
                    model_name='observationscore',
                    constraint=models.CheckConstraint(condition=models.Q(('score__gte', 0), ('score__lte', 100)), name='observation_score_range', violation_error_message='A score must be between 0 and 100.'),
                ),
                migrations.AddConstraint(
                    model_name='criterionscore',
                    constraint=models.UniqueConstraint(fields=('sheet', 'criterion'), name='criterion_once_per_sheet', violation_error_message='This criterion is already scored on the sheet.'),
                ),
                migrations.AddConstraint(
                    model_name='criterionscore',
                    constraint=models.CheckConstraint(condition=models.Q(('points__gte', 0), ('points__lte', 100)), name='criterion_score_range', violation_error_message="Points must be between 0 and the criterion's."),
                ),
            ],
        ),
        # The tables get the new app's names (reverse: back to reports_*).
        migrations.AlterModelTable(name='historicalobservationround', table=None),
        migrations.AlterModelTable(name='observationround', table=None),
        migrations.AlterModelTable(name='observationcriterion', table=None),
        migrations.AlterModelTable(name='historicalobservationscore', table=None),
        migrations.AlterModelTable(name='historicalobservationcriterion', table=None),
        migrations.AlterModelTable(name='observationscore', table=None),
        migrations.AlterModelTable(name='historicalcriterionscore', table=None),
        migrations.AlterModelTable(name='criterionscore', table=None),
    ]
