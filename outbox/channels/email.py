"""E-mail: three templates per message (``config.mail``). A kind with its own builder (the
report, with its PDF) makes the whole e-mail; the others list their events from
``emails/outbox/digest-{subject.txt,body.txt,body.html}``.

The Message-ID is fixed per outbox row, so the rare second copy after a crash (see
``outbox.delivery``) carries the same id and mail clients show it once.

A worker process keeps its SMTP connection open between messages (closed after ``IDLE``
seconds unused): no new TCP connection, greeting and QUIT per mail, and nothing but the server's
"250 OK" between the mail being accepted and the outbox recording it.
"""

import smtplib
import time

from django.conf import settings
from django.core.mail import get_connection
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


IDLE = 30  # seconds: mail servers drop idle clients after a minute or more
_kept: dict = {}


def _connection():
    """This process's open connection to the mail server, opened again when it idled too long
    or the settings changed (tests)."""
    key = (settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)
    found = _kept.get("connection")
    if found is not None and (_kept.get("key") != key or time.monotonic() - _kept["used"] > IDLE):
        _close()
        found = None
    if found is None:
        found = get_connection(fail_silently=False)
        found.open()
        _kept.update(connection=found, key=key)
    _kept["used"] = time.monotonic()
    return found


def _close() -> None:
    connection = _kept.pop("connection", None)
    if connection is not None:
        try:
            connection.close()
        except Exception:  # closing a broken connection: nothing more to do
            pass


def _deliver(email) -> None:
    connection = _connection()
    try:
        connection.send_messages([email])
    except smtplib.SMTPServerDisconnected:
        # The server dropped the kept connection before taking this mail: once more, anew.
        _close()
        _connection().send_messages([email])
    except Exception:
        _close()
        raise


def send(message) -> str:
    email = build(message)
    try:
        _deliver(email)
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
