"""Document numbers under concurrency: documents issued at the same moment from separate
database connections get distinct, consecutive numbers, and a failed issue leaves no gap.

Needs real row locks: PostgreSQL (CI runs it). SQLite serialises every writer on the whole
database file, so the race this test provokes cannot happen there."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections, transaction

from accounts.models import Region
from documents.models import Counter, Document
from documents.services import number_take

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks need PostgreSQL: SQLite allows one writer per database (CI runs PG)",
    ),
]
THREADS = 8


def _race(work) -> tuple[list, list]:
    """Run ``work(i)`` in THREADS threads, each on its own connection, released together."""
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def run(i):
        try:
            barrier.wait(timeout=10)
            results.append(work(i))
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results, errors


def test_concurrent_issues_get_distinct_consecutive_numbers(region, project):
    """Eight numbers taken at once: 1..8, each once. Then eight real bulletins issued at once,
    every third failing after it took its number: the others are numbered on from 9 with no
    hole, and the failed ones' numbers were given back."""
    from documents.services import document_issue
    from reports.models import Report

    region_id = region.pk

    def take(i):
        with transaction.atomic():
            n = number_take(region=Region.objects.get(pk=region_id), kind="bulletin", year=2026)
            time.sleep(0.05)  # hold the lock while the others queue on it
            return n

    numbers, errors = _race(take)
    assert errors == []
    assert sorted(numbers) == list(range(1, THREADS + 1))

    reports = [
        Report.objects.create(
            campaign=project.campaign,
            kind="monthly",
            period=f"2026-{m:02d}",
            period_start=dt.date(2026, m, 1),
            period_end=dt.date(2026, m, 28),
            snapshot={},
        )
        for m in range(1, THREADS + 1)
    ]

    def issue(i):
        with transaction.atomic():
            document = document_issue(
                region=Region.objects.get(pk=region_id),
                kind="bulletin",
                issued_on=dt.date(2026, 12, 1),
                title=f"通报{i}",
                addressee="各单位",
                body=[],
                figures={},
                as_of=None,
                report=reports[i],
            )
            time.sleep(0.03)
            if i % 3 == 2:
                raise RuntimeError("the report could not be stored")
            return document.sequence

    issued, errors = _race(issue)
    failed = len([i for i in range(THREADS) if i % 3 == 2])
    assert len(errors) == failed
    assert sorted(issued) == list(range(THREADS + 1, 2 * THREADS - failed + 1))
    assert sorted(Document.objects.values_list("sequence", flat=True)) == sorted(issued)
    assert {d.number for d in Document.objects.all()} == {f"寒重通〔2026〕{n}号" for n in issued}
    last = Counter.objects.get(region=region, kind="bulletin", year=2026).last
    assert last == 2 * THREADS - failed
