"""Every scoring URL against anonymous, the wrong role, the wrong unit or region, the right
role; and what the pages show and do."""

import pytest
from django.urls import reverse

from scoring import versions
from scoring.models import ReportFlag, RubricVersion, ScoreAdjustment, WeeklyScore
from scoring.services import score_campaign_week

from .factories import W47

WEEK = "2026-W47"


@pytest.fixture
def scored(district, campaign):
    """The district scored for W47, with one flag to review."""
    score_campaign_week(campaign=campaign, week=W47)
    flag = ReportFlag.objects.create(
        project=district[0], week=W47, last_week=W47, key="same_text", evidence="同"
    )
    version = versions.rubric_version_create(campaign=campaign, rules={"blue_min": "90"}, note="试")
    return {
        "project": district[0],
        "flag": flag,
        "version": version,
        "score": WeeklyScore.objects.get(project=district[0], week=W47),
    }


def url_for(name, objects):
    project, flag, version, score = (objects[k] for k in ("project", "flag", "version", "score"))
    return {
        "why": reverse("scoring:why", args=[project.pk, WEEK]),
        "adjust": reverse("scoring:adjust", args=[score.pk]),
        "exemption_new": reverse("scoring:exemption_new", args=[project.pk]),
        "flags": reverse("scoring:flags"),
        "flag": reverse("scoring:flag", args=[flag.pk]),
        "project_flags": reverse("scoring:project_flags", args=[project.pk]),
        "rubric": reverse("scoring:rubric"),
        "rubric_version": reverse("scoring:rubric_version", args=[version.pk]),
        "rubric_adopt": reverse("scoring:rubric_adopt", args=[version.pk]),
    }[name]


GETS = [
    ("why", "reporter", 200),
    ("why", "other_reporter", 404),
    ("why", "supervisor", 200),
    ("why", "manager", 200),
    ("why", "leader_user", 200),
    ("why", "handler", 404),
    ("why", "far_supervisor", 404),
    ("exemption_new", "supervisor", 200),
    ("exemption_new", "reporter", 403),
    ("exemption_new", "manager", 403),
    ("exemption_new", "far_supervisor", 404),
    ("flags", "supervisor", 200),
    ("flags", "admin_user", 200),
    ("flags", "reporter", 403),
    ("flags", "manager", 403),
    ("flag", "supervisor", 200),
    ("flag", "reporter", 403),
    ("flag", "far_supervisor", 404),
    ("project_flags", "supervisor", 200),
    ("project_flags", "reporter", 403),
    ("project_flags", "manager", 403),
    ("project_flags", "far_supervisor", 404),
    ("rubric", "supervisor", 200),
    ("rubric", "admin_user", 200),
    ("rubric", "reporter", 403),
    ("rubric", "manager", 403),
    ("rubric_version", "supervisor", 200),
    ("rubric_version", "reporter", 403),
    ("rubric_version", "far_supervisor", 404),
]
POSTS = [
    ("adjust", "reporter", 403),
    ("adjust", "manager", 403),
    ("adjust", "leader_user", 403),
    ("adjust", "far_supervisor", 404),
    ("adjust", "supervisor", 302),
    ("rubric_adopt", "supervisor", 403),
    ("rubric_adopt", "reporter", 403),
    ("rubric_adopt", "admin_user", 302),
]


@pytest.mark.parametrize("name", sorted({row[0] for row in GETS + POSTS}))
def test_anonymous_is_sent_to_login(client, scored, name):
    response = client.get(url_for(name, scored))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "who", "status"), GETS)
def test_pages_by_role_and_unit(request, client, scored, far_campaign, name, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url_for(name, scored)).status_code == status


@pytest.mark.parametrize(("name", "who", "status"), POSTS)
def test_actions_by_role_and_unit(request, client, scored, far_campaign, name, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url_for(name, scored), {"points": "-5", "reason": "核查"})
    assert response.status_code == status
    if name == "adjust":
        assert ScoreAdjustment.objects.exists() == (status == 302)
    else:
        scored["version"].refresh_from_db()
        assert (scored["version"].adopted_at is not None) == (status == 302)


def test_the_adjust_url_takes_post_only(client, supervisor, scored):
    client.force_login(supervisor)
    assert client.get(url_for("adjust", scored)).status_code == 405


def test_an_unscored_week_is_404(client, supervisor, scored):
    client.force_login(supervisor)
    url = reverse("scoring:why", args=[scored["project"].pk, "2026-W30"])
    assert client.get(url).status_code == 404
    url = reverse("scoring:why", args=[scored["project"].pk, "not-a-week"])
    assert client.get(url).status_code == 404


def test_the_why_page_shows_every_item_and_the_reason(client, reporter, district, campaign):
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(reporter)
    page = client.get(reverse("scoring:why", args=[district[3].pk, WEEK])).content.decode()
    assert 'class="card card-red big"' in page
    assert "64.72" in page
    assert "投资完成率 55.9%" in page  # the hard trigger's note
    for note in ("年度累计完成 6,000.00 万元（单位自报）", "本周周报按时提交", "首次评分"):
        assert note in page
    assert 'name="points"' not in page  # a reporter reads, a supervisor adjusts


def test_an_adjustment_on_the_why_page(client, supervisor, district, campaign):
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(supervisor)
    url = reverse("scoring:why", args=[district[0].pk, WEEK])
    page = client.get(url).content.decode()
    assert 'class="card card-blue big"' in page
    assert 'name="points"' in page and 'name="reason"' in page and 'type="submit"' in page
    score = WeeklyScore.objects.get(project=district[0], week=W47)
    response = client.post(
        reverse("scoring:adjust", args=[score.pk]),
        {"points": "-20", "reason": "现场核查发现进度不实"},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == url
    assert 'class="card card-yellow big"' in page
    assert "现场核查发现进度不实" in page


def test_an_adjustment_without_reason_is_refused_on_the_page(
    client, supervisor, district, campaign
):
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(supervisor)
    score = WeeklyScore.objects.get(project=district[0], week=W47)
    response = client.post(reverse("scoring:adjust", args=[score.pk]), {"points": "-20"})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert not ScoreAdjustment.objects.exists()


def test_the_project_page_has_the_card_strip(client, reporter, district, campaign):
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(reporter)
    page = client.get(reverse("projects:detail", args=[district[1].pk])).content.decode()
    why = reverse("scoring:why", args=[district[1].pk, WEEK])
    assert f'href="{why}"' in page
    assert 'class="card card-yellow"' in page


def test_an_exemption_from_its_form(client, supervisor, district, campaign):
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(supervisor)
    url = reverse("scoring:exemption_new", args=[district[3].pk])
    bad = client.post(
        url, {"kind": "paused", "reason": "", "starts": "2026-11-16", "ends": "2026-11-01"}
    )
    assert set(bad.context["form"].errors) == {"reason", "ends"}
    response = client.post(
        url,
        {
            "kind": "paused",
            "reason": "区政府决定暂缓建设",
            "starts": "2026-11-16",
            "ends": "2026-12-31",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("scoring:why", args=[district[3].pk, WEEK])).content.decode()
    assert "区政府决定暂缓建设" in page and 'class="card card-yellow big"' in page


def test_the_flags_list_filters_and_a_finding_is_recorded(client, supervisor, scored):
    client.force_login(supervisor)
    page = client.get(reverse("scoring:flags"), {"status": "open", "key": "same_text"})
    assert len(page.context["table"].rows) == 1
    assert not client.get(reverse("scoring:flags"), {"key": "no_photo"}).context["table"].rows
    url = reverse("scoring:flag", args=[scored["flag"].pk])
    assert client.post(url, {"status": "dismissed", "finding": ""}).status_code == 200
    response = client.post(url, {"status": "dismissed", "finding": "工程停滞期，文字确无变化。"})
    assert response.status_code == 302
    scored["flag"].refresh_from_db()
    assert (scored["flag"].status, scored["flag"].resolved_by) == ("dismissed", supervisor)


def test_the_rubric_page_proposes_a_version_and_previews_it(
    client, supervisor, admin_user, district, campaign
):
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(supervisor)
    page = client.get(reverse("scoring:rubric"))
    assert page.status_code == 200
    data = {
        name: value if value is not None else ""
        for name, value in page.context["form"].initial.items()
    }
    bad = client.post(reverse("scoring:rubric"), {**data, "weight_nodes": "20", "note": "试"})
    assert bad.status_code == 200
    assert bad.context["form"].non_field_errors()
    assert RubricVersion.objects.count() == 1
    response = client.post(
        reverse("scoring:rubric"), {**data, "blue_min": "99", "red_below": "81", "note": "更严"}
    )
    version = RubricVersion.objects.get(number=2)
    assert response["Location"] == version.get_absolute_url()
    assert version.rules["blue_min"] == "99" and version.rules["weight_investment"] == "40"
    preview = client.get(version.get_absolute_url())
    assert preview.context["changed"] == 1
    assert preview.context["counts"]["candidate"]["red"] == 3
    adopt = reverse("scoring:rubric_adopt", args=[version.pk])
    assert adopt not in preview.content.decode()  # a supervisor proposes, an admin adopts
    client.force_login(admin_user)
    assert adopt in client.get(version.get_absolute_url()).content.decode()
    client.post(adopt)
    assert versions.rubric_version_current(campaign) == version


def test_the_nav_links_for_supervisors_only(client, supervisor, reporter, district):
    client.force_login(supervisor)
    assert reverse("scoring:flags") in client.get(reverse("projects:list")).content.decode()
    client.force_login(reporter)
    assert reverse("scoring:flags") not in client.get(reverse("projects:list")).content.decode()


@pytest.mark.parametrize(
    "model",
    ["rubricversion", "weeklyscore", "scoreadjustment", "exemption", "reportflag", "scoringrun"],
)
def test_the_admin_lists_the_scoring_tables_read_only(client, admin_user, scored, model):
    client.force_login(admin_user)
    assert client.get(f"/admin/scoring/{model}/").status_code == 200
    assert client.get(f"/admin/scoring/{model}/add/").status_code == 403


def test_a_score_in_the_admin_shows_its_history(client, admin_user, scored):
    client.force_login(admin_user)
    score = scored["score"]
    assert client.get(f"/admin/scoring/weeklyscore/{score.pk}/change/").status_code == 200
    assert client.get(f"/admin/scoring/weeklyscore/{score.pk}/history/").status_code == 200


def test_the_exemption_form_opens_with_its_date_in_the_date_box(client, supervisor, district):
    client.force_login(supervisor)
    body = client.get(reverse("scoring:exemption_new", args=[district[0].pk])).content.decode()
    assert 'name="starts" value="2026-11-23"' in body  # this week's Monday, as a date box reads


def test_the_flags_list_has_one_row_per_project_and_opens_on_the_open_ones(
    client, supervisor, district, campaign
):
    from .factories import W45, W46

    for week in (W45, W46, W47):
        score_campaign_week(campaign=campaign, week=week)
    project = district[0]
    extra = ReportFlag.objects.create(
        project=project, week=W46, last_week=W47, key="no_photo", evidence="无照片"
    )
    ReportFlag.objects.create(
        project=project, week=W45, last_week=W45, key="same_text", evidence="同",
        status="dismissed", finding="已核实",
    )  # fmt: skip
    client.force_login(supervisor)
    table = client.get(reverse("scoring:flags")).context["table"]
    rows = {row.record.pk: row.record for row in table.rows}
    assert list(rows) == [project.pk]  # one row, however many flags
    assert [f.pk for f in rows[project.pk].listed_flags] == [extra.pk]  # the open one only
    body = client.get(reverse("scoring:flags"), {"status": ""}).content.decode()
    assert "2026-W46 – 2026-W47" in body and body.count("scoring/flags/projects/") >= 1
    for hostile in (
        {"page": "-1"},
        {"status": "abc"},
        {"unit": "abc"},
        {"q": "%00"},
        {"page": "99999999999"},
    ):
        assert client.get(reverse("scoring:flags"), hostile).status_code in (200, 404), hostile


def test_every_open_flag_of_a_project_is_settled_with_one_finding(client, supervisor, district):
    project = district[0]
    for key, week in (("no_photo", W47), ("same_text", W47)):
        ReportFlag.objects.create(
            project=project, week=week, last_week=week, key=key, evidence="证据"
        )
    url = reverse("scoring:project_flags", args=[project.pk])
    client.force_login(supervisor)
    assert client.get(url).context["open_count"] == 2
    refused = client.post(url, {"status": "dismissed", "finding": "  "})
    assert refused.status_code == 200 and not ReportFlag.objects.exclude(status="open").exists()
    response = client.post(
        url, {"status": "dismissed", "finding": "开工前办理手续阶段，无现场可拍。"}
    )
    assert response.status_code == 302
    settled = ReportFlag.objects.filter(project=project)
    assert {(f.status, f.resolved_by_id, f.finding) for f in settled} == {
        ("dismissed", supervisor.pk, "开工前办理手续阶段，无现场可拍。")
    }
    assert all(f.history.filter(history_user=supervisor).exists() for f in settled)
