"""Channels: each a small adapter with one method, ``send(message) -> receipt``.

An adapter raises ``Temporary`` for what may work later (a timeout, a refused connection, a
5xx answer, a platform's rate limit: the sweep retries with backoff) and ``Permanent`` for what
never will (a 4xx answer, a wrong key or signature, a malformed address: failed at once, shown
on the operations page). Everything else it raises counts as temporary.
"""

from django.utils.module_loading import import_string

from ..choices import Channel


class SendError(Exception):
    """A send that did not go through; ``retry`` says whether trying again may help."""

    retry = True


class Temporary(SendError):
    retry = True


class Permanent(SendError):
    retry = False


ADAPTERS: dict[str, str] = {
    Channel.EMAIL: "outbox.channels.email.send",
    Channel.SMS: "outbox.channels.sms.send",
    Channel.WECOM: "outbox.channels.wecom.send",
    Channel.DINGTALK: "outbox.channels.dingtalk.send",
}


def adapter(channel: str):
    return import_string(ADAPTERS[channel])
