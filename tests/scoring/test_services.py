"""Scoring a campaign's week against the database: cards, breakdowns, reruns, history, versions."""

import datetime as dt
import gc
import threading
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Region
from projects.models import Project
from scoring import versions
from scoring.models import ScoreAdjustment, ScoringRun, WeeklyScore
from scoring.services import exemption_grant, score_adjust, score_campaign_week
from tests.factories import CampaignFactory, LeaderFactory, UnitFactory

from .factories import EXPECTED, KINDS, W45, W46, W47, at, make_district


def cards(scored) -> dict[str, str]:
    return {item.project.code: item.result.card for item in scored}


def stored(campaign, week=W47) -> dict[str, tuple]:
    return {
        s.project.code: (s.total, s.card, s.breakdown, s.rubric_version_id)
        for s in WeeklyScore.objects.filter(project__campaign=campaign, week=week).select_related(
            "project"
        )
    }


def test_cards_of_the_small_district(district, campaign):
    scored = score_campaign_week(campaign=campaign, week=W47)
    assert [item.result.card for item in scored] == [EXPECTED[kind] for kind in KINDS]
    totals = [item.result.total for item in scored]
    assert totals == [D("100.00"), D("80.00"), D("84.53"), D("64.72")]
    missing, lagging = scored[2].result, scored[3].result
    assert [t.key for t in missing.triggers] == ["missing_reports"]
    assert [t.key for t in lagging.triggers] == ["investment_gap"]
    assert "逾期提交" in scored[1].result.item("reporting").note
    # The projects' card is the latest scored week's.
    assert list(Project.objects.order_by("code").values_list("card", flat=True)) == [
        EXPECTED[kind] for kind in KINDS
    ]


def test_a_second_run_gives_the_same_rows_and_no_new_history(district, campaign):
    first = cards(score_campaign_week(campaign=campaign, week=W47))
    before = stored(campaign)
    history = WeeklyScore.history.count()
    second = cards(score_campaign_week(campaign=campaign, week=W47))
    assert first == second
    assert stored(campaign) == before
    assert WeeklyScore.history.count() == history == 4
    run = ScoringRun.objects.get(campaign=campaign, week=W47)
    assert (run.projects, run.blue, run.yellow, run.red) == (4, 1, 1, 2)


def test_every_stored_breakdown_adds_up_to_its_score(district, campaign):
    score_campaign_week(campaign=campaign, week=W46)
    score_campaign_week(campaign=campaign, week=W47)
    scores = WeeklyScore.objects.all()
    assert scores.count() == 8
    for score in scores:
        points = sum(D(item["points"]) for item in score.breakdown["items"])
        assert points == score.total == D(score.breakdown["total"])
        assert score.card == score.breakdown["card"]
        assert score.result.total == score.total


def test_an_older_week_does_not_move_the_projects_card(district, campaign):
    score_campaign_week(campaign=campaign, week=W47)
    Project.objects.update(card="")
    score_campaign_week(campaign=campaign, week=W46)
    assert set(Project.objects.values_list("card", flat=True)) == {""}


def test_the_investment_figure_says_where_it_came_from(district, campaign):
    scored = score_campaign_week(campaign=campaign, week=W47)
    missing = scored[2].breakdown()
    assert missing["items"][0]["inputs"]["source"] == "unit"
    # Nothing since W45: the W45 figure is carried and named.
    assert missing["context"]["figure_week"] == "2026-11-02"
    assert missing["context"]["report_id"] is None


def test_query_count_does_not_grow_with_projects(clock, region, far_region):
    counts = []
    for place, size in ((region, 5), (far_region, 30)):
        campaign = CampaignFactory(region=place)
        make_district(campaign, UnitFactory(region=place), LeaderFactory(region=place), size)
        versions.rubric_version_current(campaign)
        with CaptureQueriesContext(connection) as ctx:
            scored = score_campaign_week(campaign=campaign, week=W47)
        assert len(scored) == size
        counts.append(len(ctx.captured_queries))
    # savepoint, campaign lock, the week's run, the current version; projects (with their latest
    # figures), plans, nodes, reports, photos, the week's photos' EXIF facts, adjustments,
    # exemptions, overdue own problems, observation rounds; existing scores, score insert, its
    # history; the flags the week continues; card counts, run lookup, run insert, latest week; one
    # card update per colour, their history; release. Writes go in batches of 500. PostgreSQL COPYs
    # the new scores and copies their history from them in the database (INSERT … SELECT), and
    # has the run compress with lz4 (one more query).
    expected = 27 + (connection.vendor == "postgresql")
    assert counts == [expected, expected]


def test_rubric_versions_keep_old_scores_and_recompute_exactly(
    district, campaign, supervisor, admin_user, clock
):
    score_campaign_week(campaign=campaign, week=W47)
    v1 = versions.rubric_version_current(campaign)
    before = stored(campaign)
    v2 = versions.rubric_version_create(
        campaign=campaign,
        rules={**v1.rules, "blue_min": "99", "red_below": "81"},
        note="更严",
        user=supervisor,
    )
    assert v2.number == 2 and v2.adopted_at is None
    assert versions.rubric_version_current(campaign) == v1  # proposed is not adopted
    clock.move_to(at(dt.date(2026, 11, 25), 13))
    versions.rubric_version_adopt(version=v2, user=admin_user)
    assert versions.rubric_version_current(campaign) == v2
    # The week scored under v1 keeps v1, rescoring included.
    score_campaign_week(campaign=campaign, week=W47)
    assert stored(campaign) == before
    assert {row[3] for row in before.values()} == {v1.pk}
    # Recomputed under its version, the old breakdown comes back exactly.
    again = score_campaign_week(campaign=campaign, week=W47, rubric_version=v1, save=False)
    assert {i.project.code: i.breakdown() for i in again} == {
        code: row[2] for code, row in before.items()
    }
    # Under v2 the yellow project would be red (80 < 81): that is what adoption changes next.
    under_v2 = score_campaign_week(campaign=campaign, week=W47, rubric_version=v2, save=False)
    assert [i.result.card for i in under_v2] == ["blue", "red", "red", "red"]
    # A week scored after adoption takes v2.
    score_campaign_week(campaign=campaign, week=W46)
    assert set(WeeklyScore.objects.filter(week=W46).values_list("rubric_version", flat=True)) == {
        v2.pk
    }


def test_adopting_a_version_moves_the_campaign_deadline(campaign, admin_user):
    version = versions.rubric_version_create(
        campaign=campaign, rules={"deadline_weekday": 2, "deadline_time": "09:30"}, note="周二"
    )
    versions.rubric_version_adopt(version=version, user=admin_user)
    campaign.refresh_from_db()
    assert (campaign.deadline_weekday, campaign.deadline_time.isoformat()) == (2, "09:30:00")
    assert campaign.history.first().history_change_reason


def test_default_version_takes_the_campaign_deadline(campaign):
    campaign.deadline_weekday = 3
    campaign.save()
    version = versions.rubric_version_current(campaign)
    assert (version.number, version.rubric.deadline_weekday) == (1, 3)
    assert version.adopted_at is not None
    assert versions.rubric_version_current(campaign) == version


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ({"weight_investment": "30"}, "__all__"),
        ({"red_below": "90"}, "red_below"),
        ({"blue_min": "high"}, "blue_min"),
        ({"blue_min": "120"}, "blue_min"),
        ({"red_missing_in_row": 0}, "red_missing_in_row"),
        ({"mode": "lottery"}, "mode"),
        ({"deadline_time": "25:00"}, "deadline_time"),
        ({"late_points": "11"}, "late_points"),
        ({"blue_share": "0.6", "red_share": "0.5"}, "red_share"),
    ],
)
def test_a_bad_rubric_is_refused_on_the_right_field(campaign, rules, field):
    with pytest.raises(ValidationError) as caught:
        versions.rubric_version_create(campaign=campaign, rules=rules, note="试")
    assert field in caught.value.message_dict
    assert versions.rubric_version_current(campaign).number == 1


def test_unknown_rubric_parameters_are_refused(campaign):
    with pytest.raises(ValidationError, match="blue_minimum"):
        versions.rubric_version_create(campaign=campaign, rules={"blue_minimum": "85"})


def test_preview_shows_the_candidate_beside_the_current(district, campaign):
    rows = versions.rubric_preview(
        campaign=campaign, week=W47, rules={"blue_min": "99", "red_below": "81"}
    )
    assert [(r.current_card, r.candidate_card) for r in rows][0] == ("yellow", "red")
    assert [r.changed for r in rows] == [True, False, False, False]
    assert not WeeklyScore.objects.exists()


def test_relative_mode_cards_by_rank(district, campaign, admin_user):
    version = versions.rubric_version_create(
        campaign=campaign, rules={"mode": "relative", "blue_share": "0.5", "red_share": "0.25"}
    )
    versions.rubric_version_adopt(version=version, user=admin_user)
    scored = score_campaign_week(campaign=campaign, week=W47)
    # Ranked 100, 84.53, 80, 64.72: two blue, one red; a trigger still forces red.
    assert [i.result.card for i in scored] == ["blue", "yellow", "red", "red"]
    assert "第 2 名/共 4 个" in scored[2].result.card_note
    assert "硬性条件" in scored[2].result.card_note


def test_an_adjustment_changes_the_card_at_once_and_survives_rescoring(
    district, campaign, supervisor
):
    score_campaign_week(campaign=campaign, week=W47)
    score = WeeklyScore.objects.get(project=district[0], week=W47)
    adjustment, score = score_adjust(
        score=score, points="-30", reason="现场核查进度不实", user=supervisor
    )
    assert (score.total, score.card) == (D("70.00"), "yellow")
    assert score.breakdown["items"][-1]["inputs"]["reason"] == "现场核查进度不实"
    district[0].refresh_from_db()
    assert district[0].card == "yellow"
    score_campaign_week(campaign=campaign, week=W47)
    score.refresh_from_db()
    assert score.total == D("70.00")
    # The latest adjustment is in force; 0 cancels, and both stay on record.
    _, score = score_adjust(score=score, points=0, reason="复核后撤销", user=supervisor)
    assert (score.total, score.card) == (D("100.00"), "blue")
    assert ScoreAdjustment.objects.filter(score=score).count() == 2
    assert score.history.first().history_change_reason.endswith("复核后撤销")
    assert score.history.first().history_user == supervisor


def test_an_adjustment_needs_a_reason(district, campaign, supervisor):
    score_campaign_week(campaign=campaign, week=W47)
    score = WeeklyScore.objects.first()
    with pytest.raises(ValidationError) as caught:
        score_adjust(score=score, points=5, reason="  ", user=supervisor)
    assert "reason" in caught.value.message_dict
    with pytest.raises(IntegrityError):
        ScoreAdjustment.objects.create(score=score, points=5, reason="", by=supervisor)


def test_an_exemption_keeps_a_project_off_the_red_list(district, campaign, supervisor):
    score_campaign_week(campaign=campaign, week=W47)
    lagging = district[3]
    exemption_grant(
        project=lagging,
        kind="force_majeure",
        reason="汛期停工（区政府批复）",
        starts=W47,
        ends=W47.replace(day=30),
        user=supervisor,
    )
    score = WeeklyScore.objects.get(project=lagging, week=W47)
    assert (score.card, score.exempt) == ("yellow", True)
    assert score.breakdown["context"]["exemption"]["reason"] == "汛期停工（区政府批复）"
    assert "豁免" in score.breakdown["card_note"]
    assert score.history.count() == 2


def test_an_exemption_cannot_end_before_it_starts(district, supervisor):
    with pytest.raises(ValidationError):
        exemption_grant(
            project=district[0], kind="paused", reason="x", starts=W47, ends=W46, user=supervisor
        )


def test_a_week_must_be_a_monday(campaign):
    with pytest.raises(ValidationError):
        score_campaign_week(campaign=campaign, week=W47 + dt.timedelta(days=1))


def test_another_region_is_not_touched(district, campaign, far_campaign):
    score_campaign_week(campaign=campaign, week=W47)
    assert Region.objects.count() == 2
    assert not WeeklyScore.objects.filter(project__campaign=far_campaign).exists()


def test_an_overdue_own_problem_costs_points(district, campaign, reporter):
    """The problems item reads the problem register (issue 4) as of the week's Sunday."""
    from problems.models import Problem

    good = district[0]
    Problem.objects.create(
        project=good,
        category="land",
        title="用地指标未落实",
        need="协调用地指标",
        department=good.unit,
        status="assigned",
        deadline=dt.date(2026, 11, 10),
        raised_by=reporter,
        created_at=at(dt.date(2026, 11, 2)),
    )
    scored = score_campaign_week(campaign=campaign, week=W47)
    problems = scored[0].result.item("problems")
    assert (problems.points, problems.inputs["overdue_own_problems"]) == (D("5.00"), 1)
    # The week before the deadline it was not overdue yet.
    before = score_campaign_week(campaign=campaign, week=W45, save=False)[0].result
    assert before.item("problems").points == D("10.00")


@pytest.mark.parametrize("save", [True, False])
def test_scoring_leaves_the_cycle_collector_as_it_found_it(district, campaign, save):
    """The run pauses the collector (its collections walked every live object); it must come
    back on after the run, and stay off for a caller that had turned it off."""
    assert gc.isenabled()
    try:
        score_campaign_week(campaign=campaign, week=W47, save=save)
        assert gc.isenabled()
        gc.disable()
        score_campaign_week(campaign=campaign, week=W47, save=save)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_two_threads_scoring_at_once_leave_the_collector_on():
    """The collector is the process's: the first run in pauses it, the last one out restores
    it, whichever order two threads finish in (a gthread worker, a rescoring in a request)."""
    from scoring.services import _no_cycle_collection

    inside, release = threading.Event(), threading.Event()

    def slow_run():
        with _no_cycle_collection():
            inside.set()
            release.wait(5)

    other = threading.Thread(target=slow_run)
    other.start()
    assert inside.wait(5)
    with _no_cycle_collection():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread is still scoring
    release.set()
    other.join(5)
    assert gc.isenabled()


def test_breakdowns_are_stored_compressed_with_lz4_where_the_server_has_it(district, campaign):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")

    def one(sql: str, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    if not one(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = %s",
        ["default_toast_compression"],
    ):
        pytest.skip("this server was built without lz4")
    assert one("SHOW default_toast_compression") == "pglz"  # the server's default
    # The run sets it for its transaction (here the test's, which encloses it).
    score_campaign_week(campaign=campaign, week=W47)
    assert one("SHOW default_toast_compression") == "lz4"
    score = WeeklyScore.objects.filter(project__campaign=campaign, week=W47).first()
    # Long enough to be compressed at all (PostgreSQL compresses a value from about 2 KB).
    WeeklyScore.objects.filter(pk=score.pk).update(
        breakdown={**score.breakdown, "padding": "进度" * 2000}
    )
    sql = "SELECT pg_column_compression(breakdown) FROM scoring_weeklyscore WHERE id = %s"
    assert one(sql, [score.pk]) == "lz4"
