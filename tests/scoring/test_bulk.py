"""The bulk helpers' reads and writes by ids: the same rows as the ORM's own, new scores' keys
from the table's sequence."""

import datetime as dt

from projects.models import Project
from scoring import bulk
from scoring.models import ReportFlag, WeeklyScore
from scoring.services import score_campaign_week

from .factories import make_project

W47 = dt.date(2026, 11, 16)


def test_among_selects_what_in_selects(district, far_campaign, unit, leader):
    other = make_project(far_campaign, unit, leader, "good")
    wanted = [district[0].pk, district[2].pk]
    found = set(Project.objects.filter(bulk.among("pk", wanted)).values_list("pk", flat=True))
    assert found == set(wanted)
    assert other.pk not in found
    assert not Project.objects.filter(bulk.among("pk", [])).exists()


def test_new_scores_and_their_history_share_keys(district, campaign):
    score_campaign_week(campaign=campaign, week=W47)
    scores = WeeklyScore.objects.filter(week=W47)
    assert scores.count() == len(district)
    for score in scores:
        record = WeeklyScore.history.get(id=score.pk)  # the "+" record copied from the row
        assert (record.history_type, record.total, record.breakdown) == (
            "+", score.total, score.breakdown,
        )  # fmt: skip


def test_flags_update_writes_each_rows_own_values(district):
    flags = [
        ReportFlag.objects.create(
            project=project, week=W47, last_week=W47, key="same_text", evidence="before"
        )
        for project in district
    ]
    for i, flag in enumerate(flags):
        flag.finding, flag.evidence = f"finding {i}", f"evidence “{i}” with, a comma"
    bulk.update(flags, ReportFlag, ["finding", "evidence"])
    stored = ReportFlag.objects.filter(pk__in=[f.pk for f in flags]).order_by("pk")
    assert [(f.finding, f.evidence) for f in stored] == [(f.finding, f.evidence) for f in flags]
