"""Who gets a report, and sending it exactly once.

Recipients come from the region's ``DistributionList`` for the kind (editable in the admin);
without one, the region's active supervisors and managers. Each recipient gets a ``Delivery``
row; the unique constraint stops a second row for the same period, and a send is claimed with a
conditional UPDATE (READY → SENDING), so two workers never both send. A failed send goes back to
READY for the task's next retry (exponential backoff), or to FAILED after the last one.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Model, Q
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Region, User
from config.mail import build_message

from .choices import KIND_TITLES, DeliveryStatus
from .models import Delivery, DistributionList, Report

log = logging.getLogger(__name__)


def recipients(region: Region, kind: str) -> list[str]:
    """The addresses a kind of report goes to in a region, each once, in a stable order."""
    found = DistributionList.objects.filter(region=region, kind=kind).first()
    roles = {Role.SUPERVISOR, Role.MANAGER}
    addresses: list[str] = []
    if found is not None:
        if not found.active:
            return []
        addresses = found.addresses
        roles = {
            role
            for role, on in (
                (Role.SUPERVISOR, found.to_supervisors),
                (Role.MANAGER, found.to_managers),
                (Role.LEADER, found.to_leaders),
            )
            if on
        }
    if roles:
        addresses += (
            User.objects.filter(region=region, role__in=roles, is_active=True)
            .exclude(email="")
            .order_by("username")
            .values_list("email", flat=True)
        )
    seen: dict[str, None] = {}
    for address in addresses:
        seen.setdefault(address.strip().lower(), None)
    return list(seen)


def _queue(ids: list[int]) -> None:
    from .tasks import send_delivery

    for pk in ids:
        send_delivery.delay(pk)


def deliveries_create(
    *,
    report: Report,
    emails: Iterable[str] | None = None,
    number: int = 0,
    user: User | None = None,
) -> list[int]:
    """Rows for each recipient (``number`` 0: the scheduled send), skipping those that exist,
    and the sends queued once the transaction commits. Returns the ids still to send."""
    emails = list(emails) if emails is not None else recipients(report.campaign.region, report.kind)
    Delivery.objects.bulk_create(
        [
            Delivery(
                report=report,
                campaign=report.campaign,
                kind=report.kind,
                period=report.period,
                email=email,
                resend=number,
                requested_by=user,
            )
            for email in emails
        ],
        ignore_conflicts=True,
    )
    ids = list(
        Delivery.objects.filter(
            campaign=report.campaign,
            kind=report.kind,
            period=report.period,
            resend=number,
            status=DeliveryStatus.READY,
        ).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: _queue(ids))
    return ids


def resend(*, report: Report, user: User, emails: Iterable[str] | None = None) -> list[int]:
    """A supervisor's resend: the next resend number, to the list (or the given addresses)."""
    latest = Delivery.objects.filter(
        campaign=report.campaign, kind=report.kind, period=report.period
    ).aggregate(n=Max("resend"))["n"]
    number = 0 if latest is None else latest + 1
    return deliveries_create(report=report, emails=emails, number=number, user=user)


def claim(model: type[Model], pk: int) -> bool:
    """READY → SENDING, true for exactly one caller however many try at once."""
    return (
        model.objects.filter(pk=pk, status=DeliveryStatus.READY).update(
            status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
        == 1
    )


def settle(model: type[Model], pk: int, error: Exception | None, final: bool) -> None:
    """After a send: SENT, or back to READY for the next retry, or FAILED after the last."""
    if error is None:
        model.objects.filter(pk=pk).update(
            status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
        )
        return
    model.objects.filter(pk=pk).update(
        status=DeliveryStatus.FAILED if final else DeliveryStatus.READY,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def message_for(item: Delivery):
    """The e-mail of a delivery: three templates, the PDF attached."""
    report = item.report
    snapshot = report.snapshot
    context = {
        "report": report,
        "snap": snapshot,
        "title": KIND_TITLES.get(report.kind, report.kind),
        "region": report.campaign.region.name,
        "url": settings.SITE_URL.rstrip("/") + reverse("reports:detail", args=[report.pk]),
        "resend": item.resend,
    }
    message = build_message("reports/report", context, [item.email])
    with report.pdf.open("rb") as pdf:
        message.attach(f"{report.file_stem}.pdf", pdf.read(), "application/pdf")
    return message


def delivery_send(pk: int, *, final: bool = False) -> bool:
    """Send one delivery if this caller wins the claim; False when someone else has it.
    Errors propagate (after the row is settled) so the task retries with backoff."""
    if not claim(Delivery, pk):
        return False
    item = Delivery.objects.select_related("report__campaign__region").get(pk=pk)
    try:
        message_for(item).send(fail_silently=False)
    except Exception as exc:
        settle(Delivery, pk, exc, final)
        log.warning("delivery %s to %s failed: %s", pk, item.email, exc)
        raise
    settle(Delivery, pk, None, final)
    return True


def stale_ids(model: type[Model], *, minutes: int = 15) -> list[int]:
    """READY rows whose task was lost (a broker restart): to queue again. SENDING rows left by
    a worker that died mid-send are marked FAILED, not re-sent: the mail may have gone out,
    and a supervisor's resend is better than a double mail."""
    now = timezone.now()
    model.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - timezone.timedelta(hours=1)
    ).update(status=DeliveryStatus.FAILED, last_error="worker stopped while sending")
    # A row waiting out a retry's backoff already has its task; only orphans are queued.
    waited = timezone.timedelta(seconds=settings.REPORTS_MAIL_BACKOFF_MAX + 300)
    return list(
        model.objects.filter(status=DeliveryStatus.READY)
        .filter(
            Q(claimed_at__isnull=True, created_at__lt=now - timezone.timedelta(minutes=minutes))
            | Q(claimed_at__lt=now - waited)
        )
        .values_list("pk", flat=True)[:500]
    )
