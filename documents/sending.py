"""The one way the notices' workflow, its documents and the leaders' instructions send a
message: queued after the commit of what it is about, sent by a task that retries.

Everything goes through :func:`send`, so moving to the shared outbox (issue 10) is one line.
The context must be plain JSON (strings, numbers, lists): it travels through the broker.
"""

from collections.abc import Sequence

from config.queue import enqueue_on_commit


def send(message: str, context: dict, to: Sequence[str]) -> None:
    """Queue e-mail ``message`` (templates ``emails/<message>-{subject,body}.…``) to ``to``."""
    addresses = sorted({a for a in to if a})
    if addresses:
        from .tasks import send_message  # the task module imports the mail helper

        enqueue_on_commit(send_message, message, context, addresses)
