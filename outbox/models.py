"""The outbox's rows: one message per recipient, channel and (batch of) events; group robots."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Region, Unit

from .choices import ROBOTS, Channel, Kind, Status

USER = settings.AUTH_USER_MODEL


class GroupRobot(models.Model):
    """A unit's 企业微信 or 钉钉 group robot, entered by an administrator (never by a user).

    The webhook holds the robot's key and the DingTalk secret signs each message: both are
    credentials, kept here (admin only) or in the environment, never in the code.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="robots"
    )
    platform = models.CharField(
        _("platform"), max_length=10, choices=[(c.value, c.label) for c in ROBOTS]
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("The group chat's name"))
    webhook = models.URLField(_("webhook address"), max_length=500)
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        blank=True,
        help_text=_("DingTalk 加签 secret (SEC…); empty for WeChat Work"),
    )
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(excluded_fields=["secret"])

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")
        ordering = ["unit", "platform", "name"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_platform_display()} · {self.name}"

    def clean(self):
        host = (urlsplit(self.webhook).hostname or "").lower()
        allowed = [h.lower() for h in settings.OUTBOX_WEBHOOK_HOSTS]
        if host not in allowed:
            raise ValidationError(
                {
                    "webhook": _(
                        "Webhooks may only go to %(hosts)s (setting OUTBOX_WEBHOOK_HOSTS)."
                    )
                    % {"hosts": ", ".join(allowed)}
                }
            )
        if self.platform == Channel.DINGTALK and self.secret and not self.secret.startswith("SEC"):
            raise ValidationError({"secret": _("A DingTalk signing secret starts with SEC.")})


class Message(models.Model):
    """One message to one recipient on one channel: its events, its state and every attempt.

    ready → sending (claimed by one worker) → sent, or failed (retried with backoff by the
    sweep until ``give_up_at``, then left failed for a person to see), or skipped (no longer
    wanted). ``key`` is unique: the same ``once`` never makes a second message.
    """

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(
        _("address"), max_length=254, help_text=_("E-mail, mobile number or robot")
    )
    user = models.ForeignKey(
        USER,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    robot = models.ForeignKey(
        GroupRobot, verbose_name=_("robot"), null=True, blank=True, on_delete=models.PROTECT
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    key = models.CharField(_("key"), max_length=300, unique=True)
    ref = models.CharField(_("about"), max_length=60, blank=True, db_index=True)
    subject = models.CharField(_("subject"), max_length=200)
    events = models.JSONField(_("events"), default=list)
    context = models.JSONField(_("context"), default=dict, blank=True)
    batch_open = models.BooleanField(_("collecting events"), default=False)
    status = models.CharField(
        _("state"), max_length=10, choices=Status.choices, default=Status.READY
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    uncertain = models.BooleanField(
        _("may have arrived twice"),
        default=False,
        help_text=_("A worker stopped mid-send and the message was sent again"),
    )
    receipt = models.CharField(_("receipt"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    due_at = models.DateTimeField(
        _("due at"), null=True, blank=True, help_text=_("Empty: nothing more will be tried")
    )
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    give_up_at = models.DateTimeField(_("give up at"))
    requested_by = models.ForeignKey(
        USER,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One batch collecting events per person, channel and kind at a time.
            models.UniqueConstraint(
                fields=["kind", "channel", "address"],
                condition=Q(batch_open=True),
                name="message_one_open_batch",
                violation_error_message=_("This recipient already has a message collecting."),
            ),
            models.CheckConstraint(
                condition=~Q(batch_open=True) | Q(status=Status.READY),
                name="message_batch_open_is_ready",
                violation_error_message=_("Only a message not yet sent collects events."),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.SENT) | Q(sent_at__isnull=False),
                name="message_sent_has_time",
                violation_error_message=_("A sent message needs the time it was sent."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="message_due_idx"),
            models.Index(fields=["region", "status"], name="message_region_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address}: {self.subject}"

    @property
    def will_retry(self) -> bool:
        return self.status == Status.FAILED and self.due_at is not None
