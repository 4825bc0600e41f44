"""Time the official documents: a notice (督办通知书, 2 pages) and a monthly 通报 (5–6 pages) as
PDF and as Word, drawn from their frozen content; and how many document numbers a second the
counter gives when several writers take them at once (PostgreSQL row locks). Rerunnable: the
numbers it takes are in a year nobody issues in (2999), and that counter is removed after.

    .venv/bin/python scripts/bench_documents.py
        # a fresh 50-project demo district in a temporary SQLite database (render times only)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python \\
        scripts/bench_documents.py [--numbers 400] [--threads 4]
        # on PostgreSQL also the numbering race; the demo district is seeded if the database
        # has none
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    if "DATABASE_URL" not in os.environ:
        var = Path(tempfile.mkdtemp(prefix="bench-documents-"))
        os.environ["VAR_DIR"] = str(var)
        os.environ["DATABASE_URL"] = f"sqlite:///{var / 'db.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def median_of(func, runs: int = 3) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(func())
        times.append(time.perf_counter() - started)
    return statistics.median(times), size


def renders() -> None:
    from documents.models import Document, DocumentKind
    from documents.render.docx import docx_bytes
    from documents.render.pdf import pdf_bytes

    for kind in (DocumentKind.NOTICE, DocumentKind.BULLETIN):
        document = Document.objects.filter(kind=kind).order_by("-pk").first()
        if document is None:
            print(f"{kind}: none in the database")
            continue
        for name, render in (("PDF", pdf_bytes), ("Word", docx_bytes)):
            seconds, size = median_of(lambda r=render, d=document: r(d))
            print(f"{document.number} {name}: {seconds:.2f} s, {size / 1024:.0f} KB (median of 3)")


def numbers(total: int, threads: int) -> None:
    from django.db import connection, connections, transaction

    from accounts.models import Region
    from documents.models import Counter
    from documents.services import number_take

    if connection.vendor != "postgresql":
        print("numbering race: PostgreSQL only (SQLite has one writer at a time)")
        return
    region = Region.objects.order_by("pk").first()
    year = 2999  # a year nobody issues in: the bench's counter is removed afterwards
    taken: list[int] = []
    barrier = threading.Barrier(threads)

    def work():
        barrier.wait()
        for _ in range(total // threads):
            with transaction.atomic():
                taken.append(number_take(region=region, kind="notice", year=year))
        connections.close_all()

    started = time.perf_counter()
    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - started
    ok = sorted(taken) == list(range(1, len(taken) + 1))
    print(
        f"numbering: {len(taken)} numbers by {threads} threads in {seconds:.2f} s "
        f"({len(taken) / seconds:.0f}/s), distinct and consecutive: {ok}"
    )
    Counter.objects.filter(year=year).delete()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--numbers", type=int, default=400)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    setup()
    from documents.models import Document

    if not Document.objects.exists():
        from demo.district import seed_demo
        from demo.life import bring_to_life
        from reports import periods
        from reports.services import report_build

        summary = seed_demo(projects=50, weeks=48)
        bring_to_life(summary, 7)
        report_build(
            campaign=summary.campaigns[-1], period=periods.parse("monthly", "2026-10"), send=False
        )
    renders()
    numbers(args.numbers, args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
