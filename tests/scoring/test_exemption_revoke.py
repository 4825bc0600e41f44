"""An exemption can be revoked, from a day and with a reason, on record; the weeks it no longer
covers are rescored at once, and the red list sees the project again."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scoring.models import Exemption, WeeklyScore
from scoring.services import exemption_grant, exemption_revoke, score_campaign_week

from .factories import W46, W47

pytestmark = pytest.mark.django_db


@pytest.fixture
def exempted(district, campaign, supervisor):
    """The lagging project (red on investment) exempt for W46 and W47."""
    for week in (W46, W47):
        score_campaign_week(campaign=campaign, week=week)
    return exemption_grant(
        project=district[3],
        kind="force_majeure",
        reason="汛期停工（区政府批复）",
        starts=W46,
        ends=W47 + dt.timedelta(days=6),
        user=supervisor,
    )


def card(project, week):
    score = WeeklyScore.objects.get(project=project, week=week)
    return score.card, score.exempt


def test_revoking_from_a_day_rescores_the_weeks_it_no_longer_covers(exempted, supervisor):
    project = exempted.project
    assert card(project, W46) == card(project, W47) == ("yellow", True)
    exemption_revoke(
        exemption=exempted, reason="复工后仍未追赶进度，撤销豁免", from_day=W47, user=supervisor
    )
    assert card(project, W46) == ("yellow", True)  # still covered
    assert card(project, W47) == ("red", False)
    exempted.refresh_from_db()
    assert (exempted.revoked_from, exempted.revoked_by, exempted.last_day) == (
        W47,
        supervisor,
        W47 - dt.timedelta(days=1),
    )
    record = exempted.history.order_by("history_id").last()
    assert record.history_user == supervisor and "撤销豁免" in record.history_change_reason
    score = WeeklyScore.objects.get(project=project, week=W47)
    assert "exemption" not in score.breakdown["context"]
    assert "撤销豁免" in score.history.order_by("history_id").last().history_change_reason


def test_revoking_from_its_first_day_withdraws_it(exempted, supervisor):
    exemption_revoke(exemption=exempted, reason="批复文件有误", from_day=W46, user=supervisor)
    assert card(exempted.project, W46) == ("red", False)
    assert not Exemption.objects.filter(Exemption.covering(W46)).exists()


@pytest.mark.parametrize(
    ("reason", "day", "field"),
    [
        ("  ", W47, "reason"),
        ("理由", W46 - dt.timedelta(days=1), "from_day"),
        ("理由", W47 + dt.timedelta(days=7), "from_day"),
        ("理由", None, "from_day"),
    ],
)
def test_a_revocation_needs_its_reason_and_a_day_it_covers(
    exempted, supervisor, reason, day, field
):
    with pytest.raises(ValidationError) as caught:
        exemption_revoke(exemption=exempted, reason=reason, from_day=day, user=supervisor)
    assert field in caught.value.message_dict
    exempted.refresh_from_db()
    assert not exempted.is_revoked


def test_an_exemption_is_revoked_once(exempted, supervisor):
    exemption_revoke(exemption=exempted, reason="撤销", from_day=W47, user=supervisor)
    with pytest.raises(ValidationError):
        exemption_revoke(exemption=exempted, reason="再撤销", from_day=W46, user=supervisor)


def test_the_page_revokes_and_shows_who_when_and_why(client, exempted, supervisor):
    client.force_login(supervisor)
    url = reverse("scoring:exemption_revoke", args=[exempted.pk])
    field = f"revoke-{exempted.pk}"
    bad = client.post(url, {f"{field}-from_day": "2026-13-01", f"{field}-reason": ""})
    assert bad.status_code == 400 and not Exemption.objects.get().is_revoked
    response = client.post(
        url, {f"{field}-from_day": W47.isoformat(), f"{field}-reason": "复工后未追赶进度"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "复工后未追赶进度" in page and supervisor.display_name in page
    assert url not in page  # a revoked exemption offers no second revocation


def test_only_a_supervisor_of_the_region_revokes(
    client, exempted, reporter, far_supervisor, manager
):
    url = reverse("scoring:exemption_revoke", args=[exempted.pk])
    data = {f"revoke-{exempted.pk}-from_day": W47.isoformat(), f"revoke-{exempted.pk}-reason": "x"}
    for user, status in ((reporter, 403), (manager, 403), (far_supervisor, 404)):
        client.force_login(user)
        assert client.post(url, data).status_code == status
    assert client.get(url).status_code == 405
    assert not Exemption.objects.get().is_revoked
