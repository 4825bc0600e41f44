"""Fixtures of the outbox tests: the fake platforms on a loopback port with the settings that
point at them, robots of a unit, and people who chose e-mail or SMS."""

import pytest

from accounts.choices import Role
from outbox.choices import Channel
from outbox.models import GroupRobot
from tests.factories import UserFactory

from .fake_platforms import DING_SECRET, FakePlatforms


@pytest.fixture
def platforms(settings):
    with FakePlatforms() as fake:
        settings.OUTBOX_TRANSPORT = "http"
        settings.OUTBOX_WEBHOOK_HOSTS = ["127.0.0.1"]
        settings.OUTBOX_HTTP_TIMEOUT = 1
        settings.SMS_GATEWAY_URL = fake.sms_url()
        settings.SMS_GATEWAY_OK = "code=0"
        settings.SMS_GATEWAY_PARAMS = (
            '{"account": "hanting", "mobile": "{mobile}", "content": "{text}"}'
        )
        yield fake


@pytest.fixture
def wecom(platforms, department):
    return GroupRobot.objects.create(
        unit=department,
        platform=Channel.WECOM,
        name="自然资源局工作群",
        webhook=platforms.wecom_url(),
    )


@pytest.fixture
def dingtalk(platforms, department):
    return GroupRobot.objects.create(
        unit=department,
        platform=Channel.DINGTALK,
        name="自然资源局钉钉群",
        webhook=platforms.dingtalk_url(),
        secret=DING_SECRET,
    )


@pytest.fixture
def texter(department):
    """A handler who wants SMS only."""
    return UserFactory(
        username="texter",
        role=Role.HANDLER,
        region=department.region,
        unit=department,
        mobile="13800138000",
        by_sms=True,
        by_email=False,
    )
