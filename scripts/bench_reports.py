"""Time the reports: the monthly bulletin of the 50-project district (PDF + Excel, target
under 10 s) and of a province-sized database (Excel under 60 s and 500 MB peak memory; the PDF
stays a summary). Rerunnable; nothing is stored as a report.

    .venv/bin/python scripts/bench_reports.py demo
        # a fresh 50-project demo district in a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/seedbench \\
        .venv/bin/python scripts/bench_reports.py scale [--period 2026-10] [--score]
        # a database made with `seed_demo --projects 5000 --weeks 100`; --score first scores the
        # period's weeks that have no scores yet (what the beat task would have done) inside a
        # transaction that is rolled back at the end, so the database is left as it was

Each mode runs in its own process so the peak RSS (resource.getrusage) is that mode's alone.
Writes the files into --out (default /tmp/bench-reports) to look at.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(mode: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    if mode == "demo":
        var = Path(tempfile.mkdtemp(prefix="bench-reports-"))
        os.environ["VAR_DIR"] = str(var)
        os.environ["DATABASE_URL"] = f"sqlite:///{var / 'db.sqlite3'}"
    import django

    django.setup()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """The resident memory now (Linux), to see each step's own share next to the peak."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(label: str, func, *args):
    started = time.perf_counter()
    result = func(*args)
    seconds = time.perf_counter() - started
    print(f"  {label:<28} {seconds:7.2f} s   RSS {rss_mb():5.0f} MB, peak {peak_mb():5.0f} MB")
    return result, seconds


def prepare_demo(period_label: str):
    import datetime as dt

    from demo.district import seed_demo
    from projects.weeks import SHANGHAI
    from reports.periods import parse
    from scoring.services import score_campaign_week

    period = parse("monthly", period_label)
    moment = dt.datetime.combine(period.end + dt.timedelta(days=8), dt.time(18), tzinfo=SHANGHAI)
    summary = seed_demo(projects=50, today=moment)
    campaign = summary.campaigns[-1]
    for week in period.previous().weeks() + period.weeks():
        score_campaign_week(campaign=campaign, week=week)
    return campaign, period


def prepare_scale(period_label: str, score: bool):
    from django.db.models import Count

    from projects.models import Campaign
    from reports.periods import parse
    from scoring.models import ScoringRun
    from scoring.services import score_campaign_week

    period = parse("monthly", period_label)
    campaign = (
        Campaign.objects.filter(year=period.year)
        .annotate(n=Count("projects"))
        .order_by("-n")
        .first()
    )
    if campaign is None:
        sys.exit(f"no campaign of {period.year} in this database")
    if score:
        scored = set(ScoringRun.objects.filter(campaign=campaign).values_list("week", flat=True))
        for week in period.weeks():
            if week not in scored:
                timed(
                    f"scoring {week}", lambda w=week: score_campaign_week(campaign=campaign, week=w)
                )
    return campaign, period


def run(mode: str, period_label: str, out: Path, score: bool) -> None:
    setup(mode)
    from django.core.management import call_command
    from django.db import transaction

    if mode == "demo":  # a fresh temporary database; SQLite migrates outside a transaction
        call_command("migrate", verbosity=0)
    with transaction.atomic():
        measure(mode, period_label, out, score)
        # Leave the benchmark database as it was (the scores of --score included).
        transaction.set_rollback(True)


def measure(mode: str, period_label: str, out: Path, score: bool) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports import render
    from reports.services import snapshot_build

    campaign, period = (
        prepare_demo(period_label) if mode == "demo" else prepare_scale(period_label, score)
    )
    projects = campaign.projects.count()
    print(f"{mode}: {campaign.name}, {projects} projects, monthly bulletin {period.label}")
    with CaptureQueriesContext(connection) as queries:
        snapshot, t_snap = timed("snapshot", snapshot_build, campaign, period)
    print(f"  {'queries':<28} {len(queries):7d}")
    print(f"  {'cards':<28} {snapshot['overview']['cards']}")
    xlsx, t_xlsx = timed("Excel", render.xlsx_bytes, snapshot)
    pdf, t_pdf = timed("PDF (summary)", render.pdf_bytes, snapshot)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{mode}-monthly-{period.label}"
    (out / f"{stem}.xlsx").write_bytes(xlsx)
    (out / f"{stem}.pdf").write_bytes(pdf)
    total = t_snap + t_xlsx + t_pdf
    print(f"  {'total (snapshot+PDF+Excel)':<28} {total:7.2f} s")
    print(f"  files: {out / stem}.pdf ({len(pdf) / 1e3:.0f} KB), .xlsx ({len(xlsx) / 1e6:.1f} MB)")
    print(f"  peak RSS of the process: {peak_mb():.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description="Time the monthly bulletin.")
    parser.add_argument("mode", nargs="?", choices=["demo", "scale"])
    parser.add_argument("--period", default="2026-10")
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-reports"))
    parser.add_argument("--score", action="store_true")
    args = parser.parse_args()
    if args.mode is None:  # both, each in its own process
        import subprocess

        for mode in ("demo", "scale"):
            subprocess.run(
                [sys.executable, __file__, mode, "--period", args.period, "--out", str(args.out)]
                + (["--score"] if args.score else []),
                check=True,
            )
        return 0
    run(args.mode, args.period, args.out, args.score)
    return 0


if __name__ == "__main__":
    sys.exit(main())
