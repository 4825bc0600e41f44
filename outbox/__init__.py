"""The outbox: every message the app sends, to every channel, goes through here.

Why an app of its own: problems, the ladder, reports, reminders (and official documents next)
all tell people things, over e-mail, 企业微信 and 钉钉 group robots and SMS. Each used to keep
its own outbox with its own policy; one domain — "a message owed to someone, until it is sent"
— now has one room, one state machine and one set of tests.

The public function is ``outbox.services.notify`` (re-exported here as ``outbox.notify``)::

    from outbox import notify
    from outbox.choices import Kind

    notify(
        kind=Kind.PROBLEM_ROUTED,          # what happened (outbox/choices.py: add yours there)
        title="问题“用地指标未落实”已转至你单位",   # one short Chinese line per event
        path=problem.get_absolute_url(),   # the page it is about; SITE_URL is put before it
        users=[...],                       # people: their e-mail and/or SMS, as they chose
        units=[...],                       # units: their 企业微信 / 钉钉 group robots
        region=region,                     # whose operations page lists the messages
    )

Call it inside the transaction of the write it reports: the rows commit with the write or not
at all, and the send is queued after the commit. Nothing is sent from a request. Events of a
batched kind to the same person and channel within ``OUTBOX_BATCH_MINUTES`` join one message.
``once`` (a string) makes the call idempotent: a second call with the same ``once`` adds nothing
(a report's scheduled send, a double-clicked resend).

States: ready → sending → sent | failed | skipped. See ``outbox.delivery`` for the claim, the
settle, the sweep, and what a crash between "the server accepted" and "we recorded it" does.
"""


def notify(**kwargs):
    from .services import notify as _notify  # lazily: apps import this package at load time

    return _notify(**kwargs)
