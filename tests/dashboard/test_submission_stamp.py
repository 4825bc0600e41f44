"""A submitted report writes its project's figure and stage (a history row each time), but the
kept pages draw the project's stage and the reports counted up to a scored week, never the
project's figure: a report of a week no campaign has scored, its stage unmoved, keeps every
kept page (and its 304); a stage moved, a late report, a report of a week some campaign has
scored, or any register change draws them again. A page of a week not scored yet is drawn."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from accounts.choices import RegionLevel, Role
from dashboard.cache import league_stamp, stamp
from projects.choices import InvestmentSource, Stage
from projects.models import Project
from projects.page_marks import changes_pages
from projects.services import weekly_report_save
from scoring.services import score_campaign_week
from tests.factories import (
    CampaignFactory,
    LeaderFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
)
from tests.scoring.factories import W46, W47, W48, make_district

NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)  # W48's Wednesday: W48 is not due yet
pytestmark = pytest.mark.django_db
KEPT = {
    "/dashboard/": "dashboard/_dashboard.html",
    "/dashboard/?stage=production": "dashboard/_dashboard.html",
    "/dashboard/wall/": "dashboard/_wall.html",
    "/dashboard/map/?stage=production": "dashboard/_map.html",
    "/dashboard/rankings/?kind=projects&period=year": "dashboard/_rankings.html",
}


def submit(project, week, user, *, stage=None, ytd="100000", now=NOW):
    project.refresh_from_db()
    data = {
        "stage": stage or project.stage,
        "ytd_investment": Decimal(ytd),
        "investment_source": InvestmentSource.UNIT_REPORT,
        "progress": f"{week} 完成主体施工，推进设备安装",
        "next_plan": "继续推进",
        "problems": "",
    }
    existing = project.reports.filter(week=week).first()
    return weekly_report_save(
        project=project,
        week=week,
        user=user,
        data=data,
        version=existing.version if existing else None,
        submit=True,
        now=now,
    )


def drawn(response) -> set[str]:
    return {t.name for t in response.templates}


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", KEPT)
def test_a_report_of_the_coming_week_keeps_every_kept_page(
    client, manager, reporter, district, url
):
    client.force_login(manager)
    first = client.get(url)
    assert KEPT[url] in drawn(first)
    before = stamp([district[0].campaign_id])
    report = submit(district[0], W48, reporter)
    assert not report.is_late
    history = district[0].history.order_by("-history_id").first()
    assert history.ytd_investment == Decimal("100000")  # the change log and the feed see it
    assert not changes_pages(history.history_id)
    assert stamp([district[0].campaign_id]) == before
    again = client.get(url)
    assert KEPT[url] not in drawn(again), "the kept part was drawn again after a submission"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", ["/dashboard/", "/dashboard/?stage=production"])
def test_a_stage_moved_by_a_report_draws_the_pages_again(client, manager, reporter, district, url):
    client.force_login(manager)
    first = client.get(url)
    before = stamp([district[0].campaign_id])
    project = next(p for p in district if p.stage != Stage.PRODUCTION)
    submit(project, W48, reporter, stage=Stage.PRODUCTION)
    assert changes_pages(project.history.order_by("-history_id")[0].history_id)
    assert stamp([project.campaign_id]) != before
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and KEPT[url] in drawn(again)
    if "stage" in url:
        assert project.name in again.content.decode()
        assert project.name not in first.content.decode()
    else:
        targets = (first.context["targets"], again.context["targets"])
        assert targets[1].in_production == targets[0].in_production + 1


@time_machine.travel(NOW)
def test_a_late_report_of_the_scored_week_draws_the_figure_done_again(
    client, manager, reporter, district
):
    """W47 is scored; a report of W47 sent now (late) is counted up to W47 at once, before
    the next scoring run: the kept dashboard must show it."""
    client.force_login(manager)
    first = client.get("/dashboard/")
    project = next(p for p in district if not p.reports.filter(week=W47).exists())
    report = submit(project, W47, reporter, ytd="90000")
    assert report.is_late
    assert changes_pages(project.history.order_by("-history_id")[0].history_id)
    again = client.get("/dashboard/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.context["targets"].done > first.context["targets"].done


@time_machine.travel(NOW)
def test_a_page_of_a_week_not_scored_yet_reads_the_reports_as_they_come(
    client, manager, reporter, district
):
    client.force_login(manager)
    url = "/dashboard/?week=2026-W48"
    first = client.get(url)
    assert first.status_code == 200 and "ETag" not in first
    submit(district[0], W48, reporter, ytd="123456")
    again = client.get(url)
    assert "dashboard/_dashboard.html" in drawn(again)
    assert again.context["targets"].done > first.context["targets"].done


@time_machine.travel(NOW)
def test_a_register_change_after_a_submission_still_moves_the_stamp(reporter, district):
    project = district[0]
    submit(project, W48, reporter)
    before = stamp([project.campaign_id])
    project.name = "改名后的项目"
    project.save()  # the same instance: the submission's mark went with its own row only
    assert changes_pages(project.history.order_by("-history_id")[0].history_id)
    assert stamp([project.campaign_id]) != before


@time_machine.travel(NOW)
def test_a_district_late_to_score_moves_the_league_with_its_reports(db):
    """A league reads its districts' latest scored week (W47, scored by 甲区). 乙区 has scored
    only W46 and its deadline is later: its W47 report, on time, is drawn by the league (its
    missing reports and figure done), so the league's stamp moves."""
    city = RegionFactory(code="city", name="某市", level=RegionLevel.CITY)
    campaigns, projects = [], []
    for code, weekday in (("jia", 1), ("yi", 5)):
        region = RegionFactory(code=code, name=f"{code}区", level=RegionLevel.DISTRICT, parent=city)
        campaign = CampaignFactory(region=region, deadline_weekday=weekday)
        unit = UnitFactory(region=region)
        projects.append(make_district(campaign, unit, LeaderFactory(region=region), 4))
        campaigns.append(campaign)
    for week in (W46, W47):
        score_campaign_week(campaign=campaigns[0], week=week)
    score_campaign_week(campaign=campaigns[1], week=W46)
    before = league_stamp(city)
    late = next(p for p in projects[1] if not p.reports.filter(week=W47).exists())
    reporter = UserFactory(
        username="yi-reporter", role=Role.REPORTER, region=late.unit.region, unit=late.unit
    )
    report = submit(late, W47, reporter)
    assert not report.is_late  # 乙区's W47 deadline is Friday
    assert changes_pages(Project.history.filter(id=late.pk).order_by("-history_id")[0].history_id)
    assert league_stamp(city) != before


@time_machine.travel(NOW)
def test_a_report_of_a_scored_week_sent_again_draws_the_pages_again(
    client, manager, supervisor, reporter, district
):
    """W46's report, returned and sent again with another figure after W47's: not the project's
    latest, so its row is not written, yet a league counts it up to the week before."""
    from projects.services import weekly_report_return

    project = next(p for p in district if p.reports.filter(week=W47).exists())
    old = project.reports.get(week=W46)
    weekly_report_return(report=old, user=supervisor, reason="数字有误")
    client.force_login(manager)
    first = client.get("/dashboard/")
    before = stamp([project.campaign_id])
    submit(project, W46, reporter, ytd="55555")
    history = project.history.order_by("-history_id").first()
    assert changes_pages(history.history_id)
    assert history.history_user == reporter and "2026-W46" in history.history_change_reason
    assert stamp([project.campaign_id]) != before
    assert client.get("/dashboard/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
