"""Each adapter against a local HTTP server the test starts (loopback only): the payload as each
platform documents it, DingTalk's signature verified by the server, timeouts, 4xx answers not
retried, 5xx answers retried, and the embedded default writing files instead."""

import datetime as dt
import json
import urllib.parse

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from outbox import notify
from outbox.channels import dingtalk
from outbox.choices import Channel, Kind, Status
from outbox.models import GroupRobot, Message

from .fake_platforms import expected_sign
from .helpers import send_due, send_due_after

pytestmark = pytest.mark.django_db


def tell(department, users=(), title="用地指标未落实", now=None):
    """A problem routed to the department: sent once its batch window (an hour) is over."""
    return notify(
        kind=Kind.PROBLEM_ROUTED,
        title=title,
        path="/problems/7/",
        users=users,
        units=[department],
        now=now,
    )


def test_wecom_robot_gets_a_markdown_message(wecom, platforms, department):
    tell(department)
    assert len(send_due_after()) == 1
    [request] = platforms.requests
    assert request["path"] == "/cgi-bin/webhook/send" and request["query"] == {"key": "test-key"}
    assert request["body"]["msgtype"] == "markdown"
    content = request["body"]["markdown"]["content"]
    assert content.startswith("### 新问题转办")
    assert "[用地指标未落实](http://127.0.0.1:8000/problems/7/)" in content
    assert Message.objects.get().receipt == "wecom:ok"


def test_dingtalk_robot_is_signed_as_dingtalk_checks_it(dingtalk, platforms, department):
    tell(department)
    assert len(send_due_after()) == 1
    [request] = platforms.requests  # the server accepted it only with a valid signature
    assert request["path"] == "/robot/send"
    assert request["query"]["access_token"] == "test-token"
    assert request["body"]["msgtype"] == "markdown"
    assert request["body"]["markdown"]["title"] == "新问题转办"
    assert "用地指标未落实" in request["body"]["markdown"]["text"]


def test_the_dingtalk_signature_is_urlencoded_base64_hmac_sha256():
    url = dingtalk.signed_url("https://oapi.dingtalk.com/robot/send?access_token=t", "SECx", 1)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    assert query["timestamp"] == "1" and query["sign"] == expected_sign("1", "SECx")
    assert "%2B" in url or "%2F" in url or "%3D" in url  # base64's + / = are percent-encoded


def test_a_wrong_dingtalk_secret_fails_for_good(dingtalk, platforms, department):
    GroupRobot.objects.filter(pk=dingtalk.pk).update(secret="SECwrong")
    tell(department)
    assert send_due_after() == []
    message = Message.objects.get()
    assert message.status == Status.FAILED and message.due_at is None  # not retried
    assert "310000" in message.last_error
    assert platforms.requests == []


def test_sms_goes_to_the_gateway_with_the_configured_parameters(platforms, department, texter):
    notify(
        kind=Kind.REPORT_RETURNED, title="周报被退回", path="/this-week/", users=[texter], once="x"
    )
    assert len(send_due()) == 1
    [request] = platforms.requests
    assert request["path"] == "/sms/send" and "json" in request["type"]
    body = request["body"]
    assert body["account"] == "hanting" and body["mobile"] == "13800138000"
    assert body["content"].startswith("【重点项目督导】周报被退回")
    assert "http://127.0.0.1:8000/this-week/" in body["content"]
    assert Message.objects.get().channel == Channel.SMS


def test_sms_as_a_form_and_a_refusal_of_the_gateway(platforms, department, texter, settings):
    settings.SMS_GATEWAY_FORMAT = "form"
    settings.SMS_GATEWAY_OK = "code=1"  # this gateway's "sent" differs: ours answers code 0
    notify(kind=Kind.REPORT_RETURNED, title="周报被退回", users=[texter], once="x")
    assert send_due() == []
    [request] = platforms.requests
    assert "x-www-form-urlencoded" in request["type"] and request["body"]["mobile"] == "13800138000"
    message = Message.objects.get()
    assert message.status == Status.FAILED and "refused" in message.last_error


def test_a_timeout_is_retried(wecom, platforms, department):
    platforms.delay = 1.5  # longer than OUTBOX_HTTP_TIMEOUT (1 s)
    tell(department)
    assert send_due_after() == []
    message = Message.objects.get()
    assert message.will_retry and "timed out" in message.last_error


def test_4xx_is_not_retried_and_5xx_is(wecom, platforms, department):
    platforms.status = 404
    tell(department, title="甲")
    assert send_due_after() == []
    gone = Message.objects.get()
    assert gone.status == Status.FAILED and gone.due_at is None and "404" in gone.last_error

    platforms.status = 503
    start = timezone.now()
    tell(department, title="乙", now=start)
    window = dt.timedelta(minutes=61)
    with time_machine.travel(start + window, tick=False):
        assert send_due() == []
    later = Message.objects.exclude(pk=gone.pk).get()
    assert later.will_retry and "503" in later.last_error
    platforms.status = 200
    with time_machine.travel(start + window + dt.timedelta(seconds=61), tick=False):
        assert send_due() == [later.pk]
        assert send_due() == []
    later.refresh_from_db()
    assert (later.status, later.attempts) == (Status.SENT, 2)
    assert len(platforms.requests) == 1  # once, after the server came back


def test_a_webhook_must_go_to_an_allowed_host(department, settings):
    settings.OUTBOX_WEBHOOK_HOSTS = ["qyapi.weixin.qq.com", "oapi.dingtalk.com"]
    robot = GroupRobot(
        unit=department, platform=Channel.WECOM, name="群", webhook="http://10.0.0.1/hook"
    )
    with pytest.raises(ValidationError) as error:
        robot.full_clean()
    assert "webhook" in error.value.message_dict


def test_the_embedded_default_writes_files(department, texter, settings, tmp_path):
    settings.OUTBOX_TRANSPORT = "files"
    settings.OUTBOX_FILE_PATH = tmp_path / "outbox"
    settings.OUTBOX_WEBHOOK_HOSTS = ["qyapi.weixin.qq.com"]
    GroupRobot.objects.create(
        unit=department,
        platform=Channel.WECOM,
        name="群",
        webhook="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
    )
    notify(kind=Kind.REPORT_RETURNED, title="退回", users=[texter], units=[department], once="x")
    assert len(send_due()) == 2
    [wecom_file] = (tmp_path / "outbox" / "wecom").glob("*.json")
    [sms_file] = (tmp_path / "outbox" / "sms").glob("*.json")
    assert json.loads(wecom_file.read_text())["payload"]["msgtype"] == "markdown"
    assert json.loads(sms_file.read_text())["to"] == "13800138000"
