"""The ladder's pages use a number of queries that does not grow with the notices on them: the
ladder (notices, interviews to hold, accountability records) with n and 3n projects on it, and
a notice page with n and 3n accountability records (each with its document and log line)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from escalation.models import SupervisionNotice
from escalation.services import accountability_record, ladder_run
from tests.escalation.conftest import W, score_red
from tests.factories import ProjectFactory

N = 2


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def climb(campaign, unit, leader, n, django_capture_on_commit_callbacks):
    """n more projects red two weeks running (a notice each), still red past the notice's
    deadline (an interview proposed each), each with one accountability record."""
    projects = [ProjectFactory(campaign=campaign, unit=unit, leader=leader) for _ in range(n)]
    for p in projects:
        score_red(p, W[46])
        score_red(p, W[47])
    with django_capture_on_commit_callbacks(execute=True):
        ladder_run(campaign=campaign, week=W[47], today=W[48], tell=False)
    notices = list(SupervisionNotice.objects.filter(project__in=projects))
    assert len(notices) == n
    for p in projects:
        score_red(p, W[48])
        score_red(p, W[49])
    late = max(x.deadline for x in notices) + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        ladder_run(campaign=campaign, week=W[49], today=late, tell=False)
    return notices


def hold_accountable(notice, user, n):
    for i in range(n):
        accountability_record(
            project=notice.project,
            notice=notice,
            decided_on=W[50],
            person=f"负责人{i}",
            measure="通报批评",
            reason="约谈后仍无明显进展",
            user=user,
        )


@pytest.mark.parametrize("who", ["supervisor", "manager", "reporter"])
def test_the_ladder_page_does_not_grow_with_its_notices(
    request, client, campaign, unit, leader, clock, eager, who, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(who)
    supervisor = request.getfixturevalue("supervisor")
    url = reverse("escalation:ladder")
    client.force_login(user)

    for notice in climb(campaign, unit, leader, N, django_capture_on_commit_callbacks):
        hold_accountable(notice, supervisor, 1)
    few = count_queries(client, url)
    for notice in climb(campaign, unit, leader, 2 * N, django_capture_on_commit_callbacks):
        hold_accountable(notice, supervisor, 1)
    page = client.get(url).content.decode()
    assert page.count('href="/ladder/notices/') >= 3 * N  # the table and the interviews list
    assert count_queries(client, url) == few


def test_a_notice_page_does_not_grow_with_its_records(
    client, campaign, unit, leader, supervisor, clock, eager, django_capture_on_commit_callbacks
):
    [notice] = climb(campaign, unit, leader, 1, django_capture_on_commit_callbacks)
    url = reverse("escalation:notice", args=[notice.pk])
    client.force_login(supervisor)

    hold_accountable(notice, supervisor, N)
    few = count_queries(client, url)
    hold_accountable(notice, supervisor, 2 * N)
    assert notice.accountabilities.count() == 3 * N
    assert count_queries(client, url) == few
