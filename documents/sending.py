"""The one way the notices' workflow, its documents and the leaders' instructions send a
message: through the outbox (``outbox.notify``), written in the transaction of what it is about
and sent after the commit by a worker, with the outbox's retries, sweep and operations page.

The context must be plain JSON (strings, numbers, lists): it is stored on the outbox's row and
rendered when the message is sent, from the three templates ``emails/<message>-…``.
"""

from collections.abc import Sequence

from config import mail
from outbox import notify
from outbox.choices import Kind


def send(message: str, context: dict, to: Sequence[str], *, region=None) -> list[int]:
    """Queue e-mail ``message`` (templates ``emails/<message>-{subject,body}.…``) to ``to``;
    ``region`` lists it on that region's operations page. The outbox's message ids."""
    addresses = sorted({a for a in to if a})
    if not addresses:
        return []
    return notify(
        kind=Kind.DOCUMENT,
        title=str(context.get("title") or context.get("what") or message),
        path=str(context.get("path", "")),
        emails=addresses,
        region=region,
        context={"template": message, "context": context},
    )


def email(message):
    """The outbox's e-mail builder for this kind: the caller's own three templates."""
    stored = message.context
    return mail.build_message(stored["template"], stored["context"], [message.address])
