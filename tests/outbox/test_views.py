"""The operations page: who may see it, whose messages, hostile query parameters, retry one and
all, and a report resent to one recipient from here once however often the button is pressed."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Region
from outbox import notify
from outbox.choices import Kind, Status
from outbox.models import Message
from reports import delivery, periods
from reports.choices import ReportKind
from reports.services import report_build
from tests.reports.helpers import mailing_list, small_district

pytestmark = pytest.mark.django_db
URL = reverse("outbox:operations")


@pytest.fixture
def messages(region, handler):
    ours = notify(
        kind=Kind.REPORT_RETURNED, title="退回一", users=[handler], region=region, once="a"
    )
    other = Region.objects.create(name="别区", code="other", level="district")
    theirs = notify(
        kind=Kind.REPORT_RETURNED, title="退回二", users=[handler], region=other, once="b"
    )
    Message.objects.filter(pk__in=ours + theirs).update(
        status=Status.FAILED, due_at=None, last_error="SMTP 421: try later"
    )
    retrying = notify(
        kind=Kind.REPORT_RETURNED, title="退回三", users=[handler], region=region, once="c"
    )
    Message.objects.filter(pk__in=retrying).update(
        status=Status.FAILED, uncertain=True, due_at=timezone.now(), last_error="timed out"
    )
    return ours[0], theirs[0]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reporter", 403),
        ("handler", 403),
        ("manager", 403),
        ("supervisor", 200),
        ("admin_user", 200),
    ],
)
def test_who_may_open_it(request, client, messages, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == status


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_supervisor_sees_the_regions_messages_with_their_error(client, supervisor, messages):
    ours, theirs = messages
    client.force_login(supervisor)
    page = client.get(URL + "?status=failed").content.decode()
    assert "退回一" in page and "退回二" not in page
    assert "SMTP 421" in page and "退回三" in page and "重试于" in page
    assert client.post(reverse("outbox:retry", args=[theirs])).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?status=abc",
        "?page=-1",
        "?page=99999999999999999999",
        "?address=%00",
        "?kind=%00&sort=x",
        "?uncertain=maybe",
        "?channel=" + "x" * 5000,
        "?sort=-last_error",
    ],
)
def test_hostile_query_parameters_get_the_normal_page(client, supervisor, messages, query):
    client.force_login(supervisor)
    assert client.get(URL + query).status_code == 200


def test_hostile_queries_never_500(client, supervisor, messages):
    client.force_login(supervisor)
    for query in ("?page=abc", "?page=0", "?address=" + "字" * 200):
        assert client.get(URL + query).status_code == 200


def test_retry_one_and_all(client, supervisor, messages, django_capture_on_commit_callbacks):
    ours, _theirs = messages
    client.force_login(supervisor)
    assert client.post(reverse("outbox:retry", args=[ours])).status_code == 302
    message = Message.objects.get(pk=ours)
    assert message.status == Status.FAILED and message.due_at is not None  # due again now
    Message.objects.filter(pk=ours).update(due_at=None)
    assert client.post(reverse("outbox:retry_all"), {"status": "failed"}).status_code == 302
    assert Message.objects.get(pk=ours).due_at is not None
    _ours, theirs = messages
    assert Message.objects.get(pk=theirs).due_at is None  # the other region's: untouched


def test_the_list_takes_a_fixed_number_of_queries(
    client, supervisor, region, handler, django_assert_max_num_queries
):
    for n in range(30):
        notify(
            kind=Kind.REPORT_RETURNED, title=f"退回{n}", users=[handler], region=region, once=f"{n}"
        )
    client.force_login(supervisor)
    # session, user, the page's rows, their count, three summaries by state, channel and kind
    with django_assert_max_num_queries(9):
        assert client.get(URL).status_code == 200


def test_resend_a_report_to_one_recipient_from_here_once(
    client, supervisor, campaign, unit, leader
):
    small_district(campaign, unit, leader)
    mailing_list(campaign.region, ReportKind.WEEKLY, "a@example.gov.cn")
    report = report_build(
        campaign=campaign, period=periods.parse("weekly", "2026-W47"), first_only=True
    )
    message = Message.objects.get(ref=f"report:{report.pk}")
    Message.objects.filter(pk=message.pk).update(status=Status.SENT, sent_at=message.created_at)
    client.force_login(supervisor)
    page = client.get(URL).content.decode()
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page)[1]
    url = reverse("reports:resend_message", args=[message.pk])
    for _click in range(2):
        assert client.post(url, {"token": token}).status_code == 302
    again = Message.objects.filter(context__resend=True)
    assert again.count() == 1 and again.get().address == "a@example.gov.cn"
    assert client.post(url, {"token": "not-a-token"}).status_code == 404
    assert delivery.resend_choices(report) == [
        ("email:a@example.gov.cn", "邮件 · a@example.gov.cn")
    ]


def test_an_administrator_sets_a_persons_mobile_and_channels(client, admin_user, handler):
    client.force_login(admin_user)
    page = client.get(reverse("admin:accounts_user_change", args=[handler.pk])).content.decode()
    assert 'name="mobile"' in page and 'name="by_sms"' in page and 'name="by_email"' in page
    robots = client.get(reverse("admin:outbox_grouprobot_add")).content.decode()
    assert 'name="webhook"' in robots and 'type="password"' in robots
