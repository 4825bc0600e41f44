"""Writes of the reports app: build a report (a new revision of its period), rebuild one.

A build reads the snapshot (``kinds``), renders both files from it (``render``) outside any
transaction, then stores the row and its deliveries in one transaction; the e-mails are queued
after the commit. The unique (campaign, kind, period, revision) makes a second scheduled build of
the same period fail cleanly instead of publishing twice.
"""

import datetime as dt
import logging
import time
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from outbox.queue import enqueue
from projects.models import Campaign

from . import delivery, render
from .choices import ReportKind, ReportStatus
from .figures import frozen
from .kinds import builder
from .models import Rebuild, Report
from .periods import Period

log = logging.getLogger(__name__)


class ReportError(ValidationError):
    """A report cannot be built or sent as asked; the message says why, in the reader's
    language. A ValidationError like every service's, its own class so the schedule can skip
    a period already built."""


def _named(period: Period) -> dict:
    return {"kind": ReportKind(period.kind).label, "period": period.label}


def snapshot_build(campaign: Campaign, period: Period) -> dict:
    """The frozen snapshot of a period: what the report will say, forever. An official
    document, it says it in the site's language whoever asks for it (the reasons of a card are
    rendered from their codes as it is built)."""
    with translation.override(settings.LANGUAGE_CODE):
        data = builder(period.kind).build(campaign, period)
    data["built_at"] = timezone.now()
    return frozen(data)


def next_revision(campaign: Campaign, period: Period) -> int:
    latest = Report.objects.filter(
        campaign=campaign, kind=period.kind, period=period.label
    ).aggregate(n=Max("revision"))["n"]
    return (latest or 0) + 1


def report_build(
    *,
    campaign: Campaign,
    period: Period,
    user: User | None = None,
    reason: str = "",
    first_only: bool = False,
    send: bool = True,
) -> Report:
    """Build the period's next revision (with ``first_only``, revision 1 or nothing: the
    schedule's way) and, for the first revision, create its deliveries. Raises ReportError
    when ``first_only`` finds the period already built."""
    if (
        first_only
        and Report.objects.filter(campaign=campaign, kind=period.kind, period=period.label).exists()
    ):
        raise ReportError(
            _("The %(kind)s of %(period)s is already built.") % _named(period), code="built"
        )
    started = time.monotonic()
    snapshot = snapshot_build(campaign, period)
    revision = 1 if first_only else next_revision(campaign, period)
    pdf = render.pdf_bytes(snapshot, revision=revision)
    xlsx = render.xlsx_bytes(snapshot, revision=revision)
    report = Report(
        campaign=campaign,
        kind=period.kind,
        period=period.label,
        period_start=period.start,
        period_end=period.end,
        revision=revision,
        status=ReportStatus.EMPTY if snapshot.get("empty") else ReportStatus.PUBLISHED,
        reason=reason,
        snapshot=snapshot,
        built_by=user,
        build_seconds=Decimal(f"{time.monotonic() - started:.2f}"),
    )
    report.pdf.save(f"{report.file_stem}.pdf", ContentFile(pdf), save=False)
    report.xlsx.save(f"{report.file_stem}.xlsx", ContentFile(xlsx), save=False)
    try:
        with transaction.atomic():
            report.save()
            if report.kind == ReportKind.MONTHLY and report.status == ReportStatus.PUBLISHED:
                # The 通报 as an official document: numbered with the report, or not at all.
                from .bulletin import bulletin_issue

                bulletin_issue(report)
            if send and revision == 1 and report.status == ReportStatus.PUBLISHED:
                delivery.deliveries_create(report=report)
    except IntegrityError as exc:
        # Another worker published this revision first: keep theirs, drop our files.
        report.pdf.delete(save=False)
        report.xlsx.delete(save=False)
        raise ReportError(
            _("Revision %(revision)d of the %(kind)s of %(period)s was built meanwhile.")
            % {**_named(period), "revision": revision},
            code="built_meanwhile",
        ) from exc
    log.info("built %s in %.1fs", report, report.build_seconds)
    return report


def report_rebuild(
    *, report: Report, user: User, reason: str, send: bool = False, token: str = ""
) -> Report:
    """A correction: the period built again as the next revision, from today's data. With
    ``send`` the new revision goes to the list as a resend; otherwise nobody is mailed."""
    if not reason.strip():
        raise ReportError(_("Say why the report needs a new revision."), code="reason")
    period = Period(report.kind, report.period_start, report.period_end)
    new = report_build(
        campaign=report.campaign, period=period, user=user, reason=reason.strip(), send=False
    )
    if send:
        with transaction.atomic():
            delivery.resend(report=new, user=user, token=token or f"rebuild-{new.pk}")
    return new


def rebuild_request(*, report: Report, user: User, reason: str, send: bool, token: str) -> Rebuild:
    """Record a supervisor's request for a new revision and queue its build after the commit.
    The same form token twice (a double click) is the same request."""
    reason = (reason or "").strip()
    if not reason:
        raise ReportError(_("Say why the report needs a new revision."), code="reason")
    with transaction.atomic():
        request, made = Rebuild.objects.get_or_create(
            token=token[:40],
            defaults={"report": report, "reason": reason, "send": send, "requested_by": user},
        )
        if made:
            enqueue("reports.rebuild", request.pk)
    return request


def rebuild_run(rebuild_id: int) -> Report | None:
    """Build a requested revision if this caller claims the request (pending, or left by a
    worker that died an hour ago); the new revision, or None when someone else has it."""
    stale = timezone.now() - dt.timedelta(hours=1)
    claimed = (
        Rebuild.objects.filter(pk=rebuild_id)
        .filter(
            Q(state=Rebuild.State.PENDING) | Q(state=Rebuild.State.BUILDING, claimed_at__lt=stale)
        )
        .update(state=Rebuild.State.BUILDING, claimed_at=timezone.now())
    )
    if not claimed:
        return None
    request = Rebuild.objects.select_related("report__campaign", "requested_by").get(pk=rebuild_id)
    try:
        new = report_rebuild(
            report=request.report,
            user=request.requested_by,
            reason=request.reason,
            send=request.send,
            token=f"rebuild-{request.pk}",
        )
    except Exception as exc:
        Rebuild.objects.filter(pk=rebuild_id).update(
            state=Rebuild.State.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    Rebuild.objects.filter(pk=rebuild_id).update(state=Rebuild.State.DONE, built=new)
    return new


def rebuilds_waiting(minutes: int = 5) -> list[int]:
    """Requests whose queued build was lost (the broker was down): for the hourly job."""
    now = timezone.now()
    return list(
        Rebuild.objects.filter(
            Q(
                state=Rebuild.State.PENDING,
                requested_at__lt=now - dt.timedelta(minutes=minutes),
            )
            | Q(state=Rebuild.State.BUILDING, claimed_at__lt=now - dt.timedelta(hours=1))
        ).values_list("pk", flat=True)
    )
