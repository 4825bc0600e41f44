"""Writes of the documents app: take the next number of a kind and issue a document.

``document_issue`` must run inside the transaction that stores what the document is about (the
notice, the interview, the report): the counter row stays locked until that transaction ends, so
two documents issued at once get consecutive numbers, and a rollback gives the number back.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import Region, User

from .dates import signature_date
from .letterhead import letterhead
from .models import Counter, Document, DocumentKind


def number_take(*, region: Region, kind: str, year: int) -> int:
    """The next sequence number of ``kind`` in ``region`` and ``year``, under a row lock held
    until the caller's transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_take must run inside the transaction that stores the document")
    Counter.objects.get_or_create(region=region, kind=kind, year=year)
    counter = Counter.objects.select_for_update().get(region=region, kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def document_issue(
    *,
    region: Region,
    kind: str,
    issued_on: dt.date,
    title: str,
    addressee: str,
    body: list[dict],
    figures: dict,
    as_of: dt.date | None,
    cc: str = "",
    user: User | None = None,
    **about,
) -> Document:
    """Issue a document: number it, freeze its letterhead, body and figures, store it.

    ``body`` is a list of blocks (``{"type": "p"|"h1"|"h2"|"table", ...}``, see
    ``render.blocks``); ``figures`` the plain values a page or a test reads back; ``about`` the
    one thing it is about (``notice=``, ``interview=``, ``accountability=``, ``report=``).
    """
    head = letterhead(region)
    year = issued_on.year
    sequence = number_take(region=region, kind=DocumentKind(kind), year=year)
    document = Document(
        region=region,
        kind=kind,
        year=year,
        sequence=sequence,
        number=head.number(kind, year, sequence),
        title=title[:200],
        addressee=addressee[:200],
        issued_on=issued_on,
        issued_by=user,
        created_at=timezone.now(),
        content={
            "letterhead": head.to_dict(),
            "date_text": signature_date(issued_on, head.date_style),
            "as_of": as_of.isoformat() if as_of else None,
            "body": body,
            "figures": figures,
            "cc": cc or head.cc,
        },
        **about,
    )
    document.full_clean(exclude=["notice", "interview", "accountability", "report", "region"])
    document.save()
    return document
