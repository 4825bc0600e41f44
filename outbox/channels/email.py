"""E-mail: three templates per message (``config.mail``). A kind with its own builder (the
report, with its PDF) makes the whole e-mail; the others list their events from
``emails/outbox/digest-{subject.txt,body.txt,body.html}``.

The Message-ID is fixed per outbox row, so the rare second copy after a crash (see
``outbox.delivery``) carries the same id and mail clients show it once.
"""

import smtplib

from django.conf import settings
from django.utils.module_loading import import_string

from config import mail

from .. import render
from ..choices import spec
from . import Permanent, Temporary


def build(message):
    builder = spec(message.kind).email
    if builder:
        email = import_string(builder)(message)
    else:
        context = {
            "heading": render.heading(message),
            "subject": message.subject,
            "events": message.events,
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        email = mail.build_message("outbox/digest", context, [message.address])
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"
    email.extra_headers["Message-ID"] = f"<outbox-{message.pk}@{domain}>"
    return email


def send(message) -> str:
    email = build(message)
    try:
        email.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _text in exc.recipients.values()]
        if all(code >= 500 for code in codes):
            raise Permanent(f"refused: {exc.recipients}") from exc
        raise Temporary(f"refused for now: {exc.recipients}") from exc
    except smtplib.SMTPResponseException as exc:
        error = f"SMTP {exc.smtp_code}: {exc.smtp_error!r}"
        raise (Permanent(error) if exc.smtp_code >= 500 else Temporary(error)) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise Temporary(f"{type(exc).__name__}: {exc}") from exc
    return "smtp"
