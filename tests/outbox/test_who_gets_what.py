"""Who is told what, through the outbox, by the everyday loop: a problem routed (the department's
handlers and group), answered (whoever raised it), a weekly report returned with its reason (the
submitter), an interview scheduled (the unit, the leader, the supervisors). Short Chinese lines
with a link built from SITE_URL, port included."""

import datetime as dt

import pytest
from django.urls import reverse

from config.mail import absolute_url
from escalation.models import Interview, SupervisionNotice
from escalation.services import interview_schedule
from outbox.choices import Channel, Kind
from outbox.models import GroupRobot, Message
from problems.choices import Action
from problems.services import problem_act, problem_raise
from projects.services import weekly_report_return
from projects.weeks import SHANGHAI
from tests.factories import WeeklyReportFactory
from tests.problems.factories import CategoryRouteFactory

pytestmark = pytest.mark.django_db


def addresses(kind):
    return sorted(Message.objects.filter(kind=kind).values_list("channel", "address"))


def test_a_problem_routed_and_answered(project, reporter, department, handler, settings):
    settings.SITE_URL = "http://127.0.0.1:8010"  # scripts/dev with PORT=8010
    settings.OUTBOX_WEBHOOK_HOSTS = ["qyapi.weixin.qq.com"]
    CategoryRouteFactory(region=project.campaign.region, category="land", department=department)
    robot = GroupRobot.objects.create(
        unit=department,
        platform=Channel.WECOM,
        name="群",
        webhook="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
    )
    problem = problem_raise(
        project=project, user=reporter, category="land", title="用地指标未落实", need="协调"
    )
    assert addresses(Kind.PROBLEM_ROUTED) == [
        (Channel.EMAIL, handler.email),
        (Channel.WECOM, f"robot:{robot.pk}"),
    ]
    [event] = Message.objects.filter(kind=Kind.PROBLEM_ROUTED).first().events
    assert event["url"] == f"http://127.0.0.1:8010/problems/{problem.pk}/"
    assert "OLED盖板项目：用地指标未落实" in event["title"]
    problem_act(problem=problem, user=handler, action=Action.ANSWER, text="已协调解决")
    assert addresses(Kind.PROBLEM_ANSWERED) == [(Channel.EMAIL, reporter.email)]


def test_a_returned_report_tells_its_submitter(project, reporter, supervisor):
    report = WeeklyReportFactory(project=project, submitted_by=reporter)
    weekly_report_return(report=report, user=supervisor, reason="投资数据与统计不符")
    [message] = Message.objects.filter(kind=Kind.REPORT_RETURNED)
    assert message.address == reporter.email
    assert "投资数据与统计不符" in message.events[0]["title"]
    assert message.events[0]["url"].endswith(report.get_absolute_url())


def test_an_interview_scheduled_tells_the_unit_leader_and_supervisors(
    project, reporter, supervisor, leader_user
):
    notice = SupervisionNotice.objects.create(
        campaign=project.campaign,
        project=project,
        number=1,
        opened_week=dt.date(2026, 11, 9),
        opened_total=50,
        reason="连续两周红牌",
        opened_at=dt.datetime(2026, 11, 16, 9, tzinfo=SHANGHAI),
        sign_deadline=dt.date(2026, 11, 18),
        deadline=dt.date(2026, 11, 30),
    )
    interview = Interview.objects.create(notice=notice, proposed_at=notice.opened_at)
    when = dt.datetime(2026, 12, 3, 15, tzinfo=SHANGHAI)
    interview_schedule(
        interview=interview, person="王主任", when=when, place="区政府3楼会议室", user=supervisor
    )
    told = addresses(Kind.INTERVIEW_SCHEDULED)
    assert told == sorted((Channel.EMAIL, u.email) for u in (reporter, supervisor, leader_user))
    title = Message.objects.filter(kind=Kind.INTERVIEW_SCHEDULED).first().events[0]["title"]
    assert title == "OLED盖板项目：约谈王主任，12月03日 15:00，地点区政府3楼会议室"
    assert "项目项目" not in title


def test_links_keep_the_port_of_site_url(settings):
    settings.SITE_URL = "127.0.0.1:8010/"
    assert absolute_url(reverse("problems:agenda")) == "http://127.0.0.1:8010/problems/meeting/"
    settings.SITE_URL = "https://xm.hanting.gov.cn:8443"
    assert absolute_url("/x/") == "https://xm.hanting.gov.cn:8443/x/"
