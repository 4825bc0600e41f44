"""The "瞒" detector run by the scoring: flags stored with their evidence, and resolved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from projects.choices import InvestmentSource
from scoring.models import ReportFlag
from scoring.services import flag_resolve, score_campaign_week
from tests.factories import ProjectFactory

from .factories import W44, W45, W46, W47, report


@pytest.fixture
def suspicious(clock, campaign, unit, leader):
    """Same text four weeks, no photos, and the figure going down in W47."""
    project = ProjectFactory(campaign=campaign, unit=unit, leader=leader, name="可疑项目")
    for week, ytd in zip((W44, W45, W46, W47), (9000, 9500, 10000, 9900), strict=True):
        report(project, week, ytd, text="正在进行主体施工。")
    return project


@pytest.fixture
def above_stats(clock, campaign, unit, leader):
    """The statistics said 5,000 in W46; the unit reports 9,000 in W47."""
    project = ProjectFactory(campaign=campaign, unit=unit, leader=leader, name="虚高项目")
    report(project, W46, 5000, source=InvestmentSource.STATISTICS)
    report(project, W47, 9000)
    return project


def flags(project, week=W47):
    return dict(
        ReportFlag.objects.filter(project=project, week=week).values_list("key", "evidence")
    )


def test_flags_are_stored_with_their_evidence(suspicious, above_stats, campaign):
    score_campaign_week(campaign=campaign, week=W47)
    found = flags(suspicious)
    assert set(found) == {"investment_down", "same_text", "no_photo"}
    assert found["investment_down"] == (
        "本周年度累计 9,900.00 万元，低于 2026-W46 的 10,000.00 万元，减少 100.00 万元"
    )
    assert found["same_text"] == "「本周进展」连续 4 周内容相同（2026-W44 至 2026-W47）"
    assert flags(above_stats) == {
        "above_statistics": "自报年度累计 9,000.00 万元，高于投资统计（入库） 5,000.00 万元 80.0%，"
        "超过 20%"
    }
    assert set(ReportFlag.objects.values_list("status", flat=True)) == {"open"}


def test_a_flag_does_not_change_the_score(suspicious, campaign):
    scored = score_campaign_week(campaign=campaign, week=W47)
    assert scored[0].flags and scored[0].result.total > 90


def test_no_flag_for_a_missing_week(suspicious, campaign):
    score_campaign_week(campaign=campaign, week=W47 + dt.timedelta(days=7))
    assert not ReportFlag.objects.exists()


def test_a_resolved_flag_stays_resolved_and_a_corrected_one_is_dismissed(
    suspicious, campaign, supervisor
):
    score_campaign_week(campaign=campaign, week=W47)
    down = ReportFlag.objects.get(project=suspicious, key="investment_down")
    flag_resolve(flag=down, status="confirmed", finding="约谈后承认多报。", user=supervisor)
    # The unit rewrites this week's text: the same-text flag goes, the confirmed one stays.
    suspicious.reports.filter(week=W47).update(progress="完成三层浇筑，开始砌体施工。")
    score_campaign_week(campaign=campaign, week=W47)
    statuses = dict(ReportFlag.objects.filter(project=suspicious).values_list("key", "status"))
    assert statuses == {
        "investment_down": "confirmed",
        "same_text": "dismissed",
        "no_photo": "open",
    }
    down.refresh_from_db()
    assert (down.finding, down.resolved_by) == ("约谈后承认多报。", supervisor)
    assert ReportFlag.objects.get(key="same_text").finding


def test_a_finding_is_required(suspicious, campaign, supervisor):
    score_campaign_week(campaign=campaign, week=W47)
    flag = ReportFlag.objects.first()
    with pytest.raises(ValidationError) as caught:
        flag_resolve(flag=flag, status="open", finding=" ", user=supervisor)
    assert set(caught.value.message_dict) == {"status", "finding"}


def test_a_continuing_suspicion_is_not_raised_again_next_week(suspicious, campaign, clock):
    from .factories import W48

    report(suspicious, W48, 10100, text="正在进行主体施工。")
    score_campaign_week(campaign=campaign, week=W47)
    score_campaign_week(campaign=campaign, week=W48)
    # Same text and no photo a fifth week: still the W47 flags; no new investment drop.
    assert flags(suspicious, W48) == {}
    assert set(flags(suspicious)) == {"investment_down", "same_text", "no_photo"}


def test_one_flag_follows_a_suspicion_for_as_long_as_it_runs(clock, campaign, unit, leader):
    """No photo week after week: one flag, found again each week, never one flag a week (the
    old rule raised it again every other week: 1,087 flags on the demo district)."""
    from .factories import W48

    project = ProjectFactory(campaign=campaign, unit=unit, leader=leader)
    weeks = [W44 - dt.timedelta(weeks=n) for n in (3, 2, 1)] + [W44, W45, W46, W47, W48]
    for n, week in enumerate(weeks):
        report(project, week, 1000 + 100 * n)
    for week in weeks:
        score_campaign_week(campaign=campaign, week=week)
    flag = ReportFlag.objects.get(project=project)
    assert (flag.key, flag.week, flag.last_week) == ("no_photo", W44, W48)
    assert flag.span_label == "2026-W44 – 2026-W48"
    assert flag.evidence.endswith("2026-W48）")  # the evidence of the latest week


def test_a_dismissal_holds_while_the_suspicion_runs_and_a_new_run_is_a_new_flag(
    clock, campaign, unit, leader, supervisor
):
    from projects.models import SitePhoto

    from .factories import W48

    project = ProjectFactory(campaign=campaign, unit=unit, leader=leader)
    weeks = [W44 - dt.timedelta(weeks=n) for n in (3, 2, 1)] + [W44, W45]
    for n, week in enumerate(weeks):
        report(project, week, 1000 + 100 * n)
        score_campaign_week(campaign=campaign, week=week)
    flag = ReportFlag.objects.get(project=project)
    flag_resolve(flag=flag, status="dismissed", finding="冬季停工，现场无变化。", user=supervisor)
    report(project, W46, 1600)
    score_campaign_week(campaign=campaign, week=W46)
    flag.refresh_from_db()
    assert (flag.status, flag.last_week) == ("dismissed", W46)
    assert ReportFlag.objects.filter(project=project).count() == 1
    # A photo in W47 ends the run; four weeks without photos later are a new suspicion.
    with_photo = report(project, W47, 1700)
    SitePhoto.objects.create(report=with_photo, image="photos/x.jpg", uploaded_by=supervisor)
    score_campaign_week(campaign=campaign, week=W47)
    later = [W48 + dt.timedelta(weeks=n) for n in range(4)]
    for n, week in enumerate(later):
        report(project, week, 1800 + 100 * n)
    clock.move_to(dt.datetime(2027, 1, 1, 10, tzinfo=dt.UTC))
    for week in later:
        score_campaign_week(campaign=campaign, week=week)
    assert list(
        ReportFlag.objects.filter(project=project).order_by("week").values_list("week", "status")
    ) == [(W44, "dismissed"), (later[-1], "open")]
    # Who, when and why are kept.
    record = flag.history.order_by("history_date").last()
    assert (record.status, record.finding, record.history_user) == (
        "dismissed",
        "冬季停工，现场无变化。",
        supervisor,
    )


def test_no_photo_flag_only_in_a_stage_with_a_site(clock, campaign, unit, leader):
    project = ProjectFactory(campaign=campaign, unit=unit, leader=leader, stage="preparation")
    for n, week in enumerate((W44, W45, W46, W47)):
        made = report(project, week, 100 * n + 100)
        made.stage = "preparation"
        made.save()
    score_campaign_week(campaign=campaign, week=W47)
    assert not ReportFlag.objects.filter(project=project, key="no_photo").exists()
