"""Who gets a report, and handing it to the outbox exactly once per period and recipient.

Recipients come from the region's ``DistributionList`` for the kind (an administrator's list of
addresses plus, when ticked, every active supervisor, manager or leader of the region); without
one, the region's active supervisors and managers. People get it by the channels they chose (an
e-mail with the PDF; an SMS with the link); listed addresses by e-mail.

Exactly once: the scheduled send's messages are keyed by (campaign, kind, period, resend 0,
channel, address), unique in the outbox, so building or queueing a period again sends nothing
more. A supervisor's resend is keyed by the token of the form the supervisor submitted, so a
double click, or a retry after the broker was down, adds nothing either.
"""

from django.db.models import Q

from accounts.choices import Role
from accounts.models import Region, User
from config import mail
from outbox import notify
from outbox.choices import Channel, Kind
from outbox.models import Message

from .choices import KIND_TITLES
from .models import DistributionList, Report


def audience(region: Region, kind: str) -> tuple[list[User], list[str]]:
    """The people and the listed addresses a kind of report goes to in a region."""
    found = DistributionList.objects.filter(region=region, kind=kind).first()
    roles = {Role.SUPERVISOR, Role.MANAGER}
    addresses: list[str] = []
    if found is not None:
        if not found.active:
            return [], []
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
    people = list(
        User.objects.filter(region=region, role__in=roles, is_active=True).order_by("username")
    )
    return people, addresses


def recipients(region: Region, kind: str) -> list[str]:
    """The e-mail addresses of the list, each once (lower case), listed addresses first."""
    people, addresses = audience(region, kind)
    seen: dict[str, None] = {}
    for address in [*addresses, *(p.email for p in people if p.by_email and p.email)]:
        seen.setdefault(address.strip().lower(), None)
    return list(seen)


def period_key(report: Report) -> str:
    return f"report:{report.campaign_id}:{report.kind}:{report.period}"


def _notify(report: Report, *, once: str, resend: bool, users, emails, channels=None, by=None):
    title = KIND_TITLES.get(report.kind, report.kind)
    period = (report.snapshot or {}).get("period_display", report.period)
    done = "已重发" if resend else "已发布"
    return notify(
        kind=Kind.REPORT_PUBLISHED,
        title=f"{report.campaign.region.name}{title}（{period}）{done}",
        path=report.get_absolute_url(),
        users=users,
        emails=emails,
        channels=channels,
        region=report.campaign.region,
        ref=f"report:{report.pk}",
        context={"report_id": report.pk, "resend": resend},
        once=once,
        requested_by=by,
    )


def deliveries_create(*, report: Report) -> list[int]:
    """The scheduled send of a report: one message per recipient and channel, once per period
    whatever happens (the keys are unique). Returns the message ids."""
    people, addresses = audience(report.campaign.region, report.kind)
    return _notify(
        report, once=f"{period_key(report)}:0", resend=False, users=people, emails=addresses
    )


def resend_choices(report: Report) -> list[tuple[str, str]]:
    """Whom a supervisor may resend to: the channels and addresses the period already went to
    (never an address typed in the form)."""
    seen = (
        Message.objects.filter(kind=Kind.REPORT_PUBLISHED, key__startswith=period_key(report) + ":")
        .exclude(channel__in=[Channel.WECOM, Channel.DINGTALK])
        .values_list("channel", "address")
        .distinct()
        .order_by("channel", "address")
    )
    return [
        (f"{channel}:{address}", f"{Channel(channel).label} · {address}")
        for channel, address in seen
    ]


def resend(*, report: Report, user: User, token: str, to: str = "") -> list[int]:
    """A supervisor's resend of ``report`` — to one of ``resend_choices`` (``to``) or to the
    whole list — keyed by the form's ``token``: the same token never sends twice."""
    once = f"resend:{report.pk}:{token}"
    if not to:
        people, addresses = audience(report.campaign.region, report.kind)
        return _notify(report, once=once, resend=True, users=people, emails=addresses, by=user)
    channel, _sep, address = to.partition(":")
    person = User.objects.filter(
        Q(email__iexact=address) if channel == Channel.EMAIL else Q(mobile=address), is_active=True
    ).first()
    if person is not None:
        return _notify(
            report, once=once, resend=True, users=[person], emails=[], channels=[channel], by=user
        )
    return _notify(
        report,
        once=once,
        resend=True,
        users=[],
        emails=[address],
        channels=[Channel.EMAIL],
        by=user,
    )


def email(message: Message):
    """The e-mail of a report (the outbox's builder for its kind): three templates, the PDF."""
    report = Report.objects.select_related("campaign__region").get(pk=message.context["report_id"])
    context = {
        "report": report,
        "snap": report.snapshot,
        "title": KIND_TITLES.get(report.kind, report.kind),
        "region": report.campaign.region.name,
        "url": mail.absolute_url(report.get_absolute_url()),
        "resend": message.context.get("resend", False),
    }
    built = mail.build_message("reports/report", context, [message.address])
    if report.pdf:
        with report.pdf.open("rb") as pdf:
            built.attach(f"{report.file_stem}.pdf", pdf.read(), "application/pdf")
    return built


def messages_of(report: Report):
    """Every message of the report's period, across its revisions and resends, newest first."""
    return (
        Message.objects.filter(
            Q(key__startswith=period_key(report) + ":")
            | Q(ref__in=[f"report:{pk}" for pk in _revisions(report)])
        )
        .select_related("requested_by", "user")
        .order_by("-created_at", "channel", "address")
    )


def _revisions(report: Report) -> list[int]:
    return list(
        Report.objects.filter(
            campaign=report.campaign, kind=report.kind, period=report.period
        ).values_list("pk", flat=True)
    )
