"""The reports' service says why it refuses in the reader's language, as a ValidationError like
every other service, and the page shows it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from reports import periods
from reports.services import ReportError, rebuild_request, report_build

from .helpers import small_district

PERIOD = periods.parse("weekly", "2026-W47")
pytestmark = pytest.mark.django_db


def test_a_period_built_twice_is_refused_in_chinese(campaign, unit, leader):
    small_district(campaign, unit, leader)
    report_build(campaign=campaign, period=PERIOD, first_only=True, send=False)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        report_build(campaign=campaign, period=PERIOD, first_only=True, send=False)
    assert isinstance(refused.value, ReportError) and refused.value.code == "built"
    assert refused.value.messages == ["2026-W47的每周梳理已经生成。"]


def test_a_rebuild_without_its_reason_is_refused_in_chinese(campaign, unit, leader, supervisor):
    small_district(campaign, unit, leader)
    report = report_build(campaign=campaign, period=PERIOD, send=False)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        rebuild_request(report=report, user=supervisor, reason="  ", send=False, token="t")
    assert refused.value.messages == ["请说明报告需要重新生成的原因。"]
