"""The observation rounds now belong to the observation app (observation.0001 took over their
tables): reports forgets them in its state only; no table is dropped."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0005_reason_lengths'),
        ('observation', '0001_moved_from_reports'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalcriterionscore',
                    name='criterion',
                ),
                migrations.RemoveField(
                    model_name='historicalcriterionscore',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalcriterionscore',
                    name='sheet',
                ),
                migrations.RemoveField(
                    model_name='historicalobservationcriterion',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalobservationcriterion',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='historicalobservationround',
                    name='campaign',
                ),
                migrations.RemoveField(
                    model_name='historicalobservationround',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='historicalobservationround',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalobservationscore',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalobservationscore',
                    name='inspector',
                ),
                migrations.RemoveField(
                    model_name='historicalobservationscore',
                    name='project',
                ),
                migrations.RemoveField(
                    model_name='historicalobservationscore',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='observationcriterion',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='observationround',
                    name='campaign',
                ),
                migrations.RemoveField(
                    model_name='observationround',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='observationscore',
                    name='round',
                ),
                migrations.RemoveField(
                    model_name='observationscore',
                    name='inspector',
                ),
                migrations.RemoveField(
                    model_name='observationscore',
                    name='project',
                ),
                migrations.DeleteModel(
                    name='CriterionScore',
                ),
                migrations.DeleteModel(
                    name='HistoricalCriterionScore',
                ),
                migrations.DeleteModel(
                    name='HistoricalObservationCriterion',
                ),
                migrations.DeleteModel(
                    name='HistoricalObservationRound',
                ),
                migrations.DeleteModel(
                    name='HistoricalObservationScore',
                ),
                migrations.DeleteModel(
                    name='ObservationCriterion',
                ),
                migrations.DeleteModel(
                    name='ObservationRound',
                ),
                migrations.DeleteModel(
                    name='ObservationScore',
                ),
            ],
        ),
    ]
