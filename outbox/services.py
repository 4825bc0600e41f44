"""Writes of the outbox: ``notify`` (what every app calls) and its helpers.

``notify`` only writes rows, inside the caller's transaction; the sends are queued after the
commit by ``outbox.queue.enqueue`` and done by a worker (``outbox.delivery``).
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Region, Unit, User
from config.mail import absolute_url

from .choices import Channel, spec
from .delivery import SEND_TASK
from .models import GroupRobot, Message
from .queue import enqueue


@dataclass(frozen=True)
class Target:
    channel: str
    address: str
    user: User | None = None
    robot: GroupRobot | None = None


def targets(
    *,
    users: Iterable[User] = (),
    units: Iterable[Unit] = (),
    emails: Iterable[str] = (),
    channels: Iterable[str] | None = None,
) -> list[Target]:
    """Where a message goes: each person by the channels the person chose (e-mail, SMS), each
    unit's active group robots, and plain addresses from an administrator's list; each once."""
    found: dict[tuple[str, str], Target] = {}
    for user in users:
        if not user.is_active:
            continue
        if user.by_email and user.email:
            found.setdefault(
                (Channel.EMAIL, user.email.lower()), Target(Channel.EMAIL, user.email.lower(), user)
            )
        if user.by_sms and user.mobile:
            found.setdefault((Channel.SMS, user.mobile), Target(Channel.SMS, user.mobile, user))
    unit_ids = {unit.pk for unit in units if unit is not None}
    if unit_ids:
        for robot in GroupRobot.objects.filter(unit_id__in=unit_ids, active=True).order_by("pk"):
            address = f"robot:{robot.pk}"
            found.setdefault(
                (robot.platform, address), Target(robot.platform, address, robot=robot)
            )
    for email in emails:
        email = email.strip().lower()
        if email:
            found.setdefault((Channel.EMAIL, email), Target(Channel.EMAIL, email))
    allowed = set(channels) if channels is not None else None
    return [t for t in found.values() if allowed is None or t.channel in allowed]


def notify(
    *,
    kind: str,
    title: str,
    path: str = "",
    detail: str = "",
    users: Iterable[User] = (),
    units: Iterable[Unit] = (),
    emails: Iterable[str] = (),
    channels: Iterable[str] | None = None,
    region: Region | None = None,
    subject: str = "",
    ref: str = "",
    context: dict | None = None,
    once: str = "",
    requested_by: User | None = None,
    now: dt.datetime | None = None,
) -> list[int]:
    """Tell people that something happened; returns the ids of the messages written or joined.

    ``title`` is the event's one line (Chinese, short); ``path`` the page it is about (made
    absolute with SITE_URL); ``detail`` an optional second line. A batched kind (see
    ``choices.KINDS``) joins the recipient's message still collecting events, or opens one due
    at the end of ``OUTBOX_BATCH_MINUTES``. With ``once`` the call is idempotent and sent at
    once: the messages' keys are ``once`` plus channel and address, unique in the database.
    """
    now = now or timezone.now()
    event = {"title": title, "url": absolute_url(path) if path else "", "at": now.isoformat()}
    if detail:
        event["detail"] = detail
    window = dt.timedelta(minutes=settings.OUTBOX_BATCH_MINUTES)
    batched = spec(kind).batched and not once and window > dt.timedelta(0)
    common = {
        "kind": kind,
        "region": region,
        "subject": (subject or title)[:200],
        "ref": ref[:60],
        "context": context or {},
        "requested_by": requested_by,
        "created_at": now,
        "give_up_at": now + dt.timedelta(hours=settings.OUTBOX_GIVE_UP_HOURS),
    }
    ids: list[int] = []
    now_due: list[int] = []
    with transaction.atomic():
        for target in targets(users=users, units=units, emails=emails, channels=channels):
            where = {
                "channel": target.channel,
                "address": target.address,
                "user": target.user,
                "robot": target.robot,
            }
            if batched:
                ids.append(_join_batch(event, where, common, now + window))
                continue
            key = f"{once}:{target.channel}:{target.address}" if once else f"{kind}:{uuid.uuid4()}"
            message, made = _create_once(
                key=key[:300], events=[event], due_at=now, queued_at=now, **where, **common
            )
            ids.append(message.pk)
            if made:
                now_due.append(message.pk)
        for pk in now_due:
            enqueue(SEND_TASK, pk)
    return ids


def _create_once(*, key: str, **fields) -> tuple[Message, bool]:
    try:
        with transaction.atomic():
            return Message.objects.create(key=key, **fields), True
    except IntegrityError:
        return Message.objects.get(key=key), False


def _join_batch(event: dict, where: dict, common: dict, due_at: dt.datetime) -> int:
    """Add the event to the recipient's open batch of this kind, or open one. Locked, so two
    events at once both land in the same message (the partial unique index sees to it)."""
    for _attempt in range(3):
        open_batch = (
            Message.objects.select_for_update()
            .filter(
                kind=common["kind"],
                channel=where["channel"],
                address=where["address"],
                batch_open=True,
            )
            .first()
        )
        if open_batch is not None:
            open_batch.events = [*open_batch.events, event]
            open_batch.save(update_fields=["events"])
            return open_batch.pk
        try:
            with transaction.atomic():
                return Message.objects.create(
                    key=f"batch:{uuid.uuid4()}",
                    events=[event],
                    batch_open=True,
                    due_at=due_at,
                    **where,
                    **common,
                ).pk
        except IntegrityError:
            continue  # someone opened it meanwhile: join theirs
    raise RuntimeError("could not open or join a batch")
