"""Channels, states and kinds of message. A colour lives with its choice; one badge renders it."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from config.colours import ColouredChoices


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WECOM = "wecom", _("WeChat Work robot")
    DINGTALK = "dingtalk", _("DingTalk robot")


ROBOTS = (Channel.WECOM, Channel.DINGTALK)


class Status(ColouredChoices):
    READY = "ready", "blue", _("Ready")
    SENDING = "sending", "orange", _("Sending")
    SENT = "sent", "green", _("Sent")
    FAILED = "failed", "red", _("Failed")
    SKIPPED = "skipped", "grey", _("Not needed")


class Kind(models.TextChoices):
    """What a message is about. Another app adds its kind here and a line to KINDS below."""

    PROBLEM_ROUTED = "problem_routed", _("Problem routed to a department")
    PROBLEM_ANSWERED = "problem_answered", _("Problem answered")
    PROBLEM_ESCALATED = "problem_escalated", _("Overdue problem escalated")
    REPORT_RETURNED = "report_returned", _("Weekly report returned")
    REMINDER = "reminder", _("Reminder before the deadline")
    NOTICE_OPENED = "notice_opened", _("Supervision notice issued")
    INTERVIEW_PROPOSED = "interview_proposed", _("Interview proposed")
    INTERVIEW_SCHEDULED = "interview_scheduled", _("Interview scheduled")
    NOTICE_CLOSED = "notice_closed", _("Supervision notice closed")
    REPORT_PUBLISHED = "report_published", _("Report published")
    DOCUMENT = "document", _("Notice workflow and instructions")


@dataclass(frozen=True)
class KindSpec:
    """How a kind is sent. ``batched``: events to one person within the batch window join one
    message. ``email``: a dotted path building the e-mail itself (the report, with its PDF);
    without it the three ``emails/outbox/digest-*`` templates list the events. ``guard``: a
    dotted path asked just before sending whether the message is still wanted."""

    heading: str
    batched: bool = True
    email: str = ""
    guard: str = ""


KINDS: dict[str, KindSpec] = {
    Kind.PROBLEM_ROUTED: KindSpec("新问题转办"),
    Kind.PROBLEM_ANSWERED: KindSpec("问题已答复"),
    Kind.PROBLEM_ESCALATED: KindSpec("问题逾期升级"),
    Kind.REPORT_RETURNED: KindSpec("周报被退回"),
    Kind.REMINDER: KindSpec("周报填报提醒", batched=False, guard="reports.reminders.still_missing"),
    Kind.NOTICE_OPENED: KindSpec("督办单下达"),
    Kind.INTERVIEW_PROPOSED: KindSpec("提议约谈"),
    Kind.INTERVIEW_SCHEDULED: KindSpec("约谈安排"),
    Kind.NOTICE_CLOSED: KindSpec("督办单关闭"),
    Kind.REPORT_PUBLISHED: KindSpec("报告发布", batched=False, email="reports.delivery.email"),
    # The notice workflow's and the leaders' instructions' own e-mails (documents.sending).
    Kind.DOCUMENT: KindSpec("督办与批示", batched=False, email="documents.sending.email"),
}


def spec(kind: str) -> KindSpec:
    return KINDS.get(kind) or KindSpec(str(kind))
