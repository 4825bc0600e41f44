"""The scheduled job and the command: due weeks, missed weeks, corrected reports, reruns."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from projects.services import weekly_report_return, weekly_report_save
from projects.weeks import week_label
from scoring.due import due_weeks, score_due_weeks, weeks_to_score
from scoring.inputs import campaign_weeks
from scoring.models import ScoringRun, WeeklyScore
from scoring.tasks import score_due_campaigns as score_due_campaigns_task
from scoring.tasks import score_due_weeks as score_due_weeks_task

from .factories import W45, W46, W47, W48, at, make_district

pytestmark = pytest.mark.django_db


def test_campaign_weeks_are_the_iso_weeks_of_the_year(campaign):
    mondays = campaign_weeks(campaign)
    assert (mondays[0], mondays[-1], len(mondays)) == (
        dt.date(2025, 12, 29),
        dt.date(2026, 12, 28),
        53,
    )


def test_a_week_is_due_after_its_deadline(campaign):
    assert due_weeks(campaign, at(W47 + dt.timedelta(days=7), 11))[-1] == W46
    assert due_weeks(campaign, at(W47 + dt.timedelta(days=7), 12))[-1] == W47


def test_the_task_scores_every_due_week_once(district, campaign):
    lines = score_due_weeks_task()
    assert len(lines) == 47  # 2026-W01 … 2026-W47
    assert "2026-W47（新评）：蓝牌 1，黄牌 1，红牌 2" in lines[-1]
    assert score_due_weeks_task() == []
    assert ScoringRun.objects.filter(campaign=campaign).count() == 47
    assert not WeeklyScore.objects.filter(week=W48).exists()


def test_a_missed_week_is_picked_up_by_the_next_run(campaign, unit, leader, clock):
    clock.move_to(at(W45))
    make_district(campaign, unit, leader, 4)  # the reports exist before any scoring
    clock.move_to(at(W46, 13))  # Monday of W46: W45's deadline has just passed
    assert [o.week for o in score_due_weeks()][-1] == W45
    # The broker is down when W46 falls due; the next run, a week later, catches up.
    clock.move_to(at(W48, 13))
    outcomes = score_due_weeks()
    assert [(o.week, o.why) for o in outcomes] == [(W46, "new"), (W47, "new")]
    assert score_due_weeks() == []


def test_a_corrected_report_is_rescored_and_the_change_kept(
    district, campaign, supervisor, reporter, clock
):
    score_due_weeks()
    lagging = district[3]
    score = WeeklyScore.objects.get(project=lagging, week=W47)
    assert (score.card, score.total) == ("red", D("64.72"))
    # The supervisor returns the W47 report; the unit corrects the figure the next day.
    clock.move_to(at(dt.date(2026, 11, 24), 15))
    report = lagging.reports.get(week=W47)
    weekly_report_return(report=report, user=supervisor, reason="投资额与入库数据不符")
    report.refresh_from_db()
    clock.move_to(at(dt.date(2026, 11, 25), 9))
    weekly_report_save(
        project=lagging,
        week=W47,
        user=reporter,
        version=report.version,
        submit=True,
        data={
            "ytd_investment": D("11000"),
            "stage": report.stage,
            "progress": "更正：按合同结算。",
            "investment_source": "contractor",
            "correction_note": "",
        },
    )
    assert weeks_to_score(
        campaign,
        at(
            dt.date(2026, 11, 25),
            9,
        ),
    ) == [(W47, "changed")]
    clock.move_to(at(dt.date(2026, 11, 25), 10))
    outcomes = score_due_weeks()
    assert [(o.week, o.why) for o in outcomes] == [(W47, "changed")]
    score.refresh_from_db()
    # On plan now, but resubmitted after the deadline: 40 + 30 + 5 + 10 + 10.
    assert (score.card, score.total) == ("blue", D("95.00"))
    assert score.breakdown["items"][0]["inputs"]["source"] == "contractor"
    old, new = score.history.order_by("history_date")
    assert (old.card, old.total, new.card) == ("red", D("64.72"), "blue")
    assert "2026-W47" in new.history_change_reason
    lagging.refresh_from_db()
    assert lagging.card == "blue"
    assert score_due_weeks() == []


def test_a_new_project_makes_the_week_stale(district, campaign, unit, leader):
    from .factories import make_project

    score_due_weeks()
    make_project(campaign, unit, leader, "good")
    assert (W47, "changed") in weeks_to_score(campaign, at(dt.date(2026, 11, 24), 11))


def test_the_command_prints_the_counts_in_chinese(district, campaign):
    out = io.StringIO()
    call_command("score_week", "--week", week_label(W47), stdout=out)
    assert out.getvalue().strip() == (
        "2026年重点项目建设大比拼 2026-W47：评分 4 个项目，蓝牌 1 个，黄牌 1 个，红牌 2 个。"
    )
    again = io.StringIO()
    call_command("score_week", "--campaign", "2026", stdout=again)  # the latest due week
    assert again.getvalue() == out.getvalue()
    assert WeeklyScore.objects.count() == 4


def test_the_command_scores_due_weeks(district, campaign):
    out = io.StringIO()
    call_command("score_week", "--due", stdout=out)
    assert "共评分 47 周。" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-47"], "2026-W47"),
        (["--campaign", "2031"], "没有 2031 年度的比拼"),
        (["--week", "2026-W47", "--rubric", "9"], "没有第 9 版评分细则"),
        (["--week", "2026-W48"], "还没到报送截止时间"),
        (["--week", "2025-W47", "--campaign", "2026"], "不属于 2026 年度"),
    ],
)
def test_the_command_explains_bad_input(campaign, clock, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("score_week", *args, stdout=io.StringIO())


def test_the_beat_schedule_runs_the_task():
    from config.schedule import BEAT_SCHEDULE

    assert BEAT_SCHEDULE["score-due-weeks"]["task"] == score_due_campaigns_task.name


def test_the_beat_queues_one_task_per_campaign_with_a_week_to_score(
    district, campaign, far_campaign, django_capture_on_commit_callbacks
):
    from config.celery_app import app

    app.conf.task_always_eager = True  # the queued tasks run here, as a worker would
    try:
        with django_capture_on_commit_callbacks(execute=True):
            queued = score_due_campaigns_task()
    finally:
        app.conf.task_always_eager = False
    assert sorted(queued) == sorted([campaign.pk, far_campaign.pk])
    for each in (campaign, far_campaign):
        assert ScoringRun.objects.filter(campaign=each).count() == 47
    assert score_due_campaigns_task() == []  # nothing left: nothing queued
