"""Time the workbooks: the preview of a 5,000-row district register (target under 10 s and
300 MB peak), confirming it, and this week's sheet of a unit with 200 projects (download and
upload, target under 2 s). Rerunnable: everything is made in a region of its own, which is
deleted at the end.

    .venv/bin/python scripts/bench_workbooks.py
        # a temporary SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt11 .venv/bin/python scripts/bench_workbooks.py
        # the real PostgreSQL

Each phase runs in its own process so the peak RSS (resource.getrusage) is that phase's alone.
"""

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REGION = "bench-workbooks"


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def register_workbook(rows: int) -> bytes:
    """A district register of ``rows`` projects in the shape districts keep: title, unit row,
    two-row merged header, groups of 100 with headings and 小计 formulas, a 合计, a note."""
    from tests.workbooks.builders import district_register

    groups: list[tuple[str, list[list[str | int | None]]]] = []
    for g in range(0, rows, 100):
        block = [
            [
                n - g,
                f"重点项目{n:05d}",
                "2025-2027" if n % 3 else "2026",
                "新建厂房及配套设施，购置生产设备",
                f"{10000 + n:,}.50",
                1200 + n % 50,
                300 if n % 2 else None,
                "年底投产" if n % 4 == 0 else "主体完工",
                f"责任单位{n % 40}",
                f"领导{n % 25}（副区长）" if n % 2 else f"领导{n % 25}(副区长)",
                None,
            ]
            for n in range(g + 1, min(rows, g + 100) + 1)
        ]
        groups.append((f"{len(groups) + 1}、第{len(groups) + 1}组项目（{len(block)}个）", block))
    stream = io.BytesIO()
    district_register(groups).save(stream)
    return stream.getvalue()


def campaign():
    from accounts.choices import RegionLevel
    from accounts.models import Region
    from projects.models import Campaign

    region, _ = Region.objects.get_or_create(
        code=REGION, defaults={"name": "基准测试区", "level": RegionLevel.DISTRICT}
    )
    found, _ = Campaign.objects.get_or_create(region=region, year=2026, defaults={"name": "基准"})
    return found


def phase_preview(path: str, confirm: bool) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workbooks import preview, reader, services

    target = campaign()
    data = Path(path).read_bytes()
    started = time.perf_counter()
    parsed = reader.read(io.BytesIO(data), year=2026)
    read_s = time.perf_counter() - started
    resolution = preview.resolve(target, parsed, {})
    shown = preview.as_json(resolution, parsed)
    total_s = time.perf_counter() - started
    compared_s = total_s - read_s
    print(
        f"preview  {len(parsed['rows']):5d} rows: read {read_s:5.2f} s,"
        f" compared {compared_s:5.2f} s, total {total_s:5.2f} s, peak {peak_mb():6.0f} MB "
        f"(new {shown['counts']['new']}, unchanged {shown['counts']['unchanged']})"
    )
    if confirm:
        run = services.import_start(
            campaign=target, user=None, upload=SimpleUploadedFile("bench.xlsx", data), inline=True
        )
        started = time.perf_counter()
        run = services.import_confirm(run=run, user=None)
        took = time.perf_counter() - started
        print(
            f"confirm  {run.created:5d} new projects and their plans: {took:5.2f} s,"
            f" peak {peak_mb():6.0f} MB"
        )


def phase_weekly(projects: int) -> None:
    import datetime as dt
    from decimal import Decimal

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.choices import Role
    from accounts.models import Leader, Unit, User
    from projects.choices import ReportStatus
    from projects.models import Project, WeeklyReport
    from workbooks.weekly import weekly_sheet, weekly_sheet_save

    target = campaign()
    unit, _ = Unit.objects.get_or_create(region=target.region, name="基准单位")
    leader, _ = Leader.objects.get_or_create(region=target.region, name="基准领导")
    user, _ = User.objects.get_or_create(
        username="bench-reporter",
        defaults={"role": Role.REPORTER, "region": target.region, "unit": unit},
    )
    week = dt.date(2026, 11, 16)
    made = Project.objects.bulk_create(
        Project(
            campaign=target,
            code=f"W{n:04d}",
            name=f"周报项目{n}",
            category="industry",
            unit=unit,
            leader=leader,
            target="accelerate",
            total_investment=Decimal(10000),
        )
        for n in range(projects)
    )
    WeeklyReport.objects.bulk_create(
        WeeklyReport(
            project=p,
            week=week - dt.timedelta(days=7),
            status=ReportStatus.SUBMITTED,
            stage="construction",
            ytd_investment=Decimal(100 + n),
            progress="上周进展",
        )
        for n, p in enumerate(made)
    )
    started = time.perf_counter()
    data = weekly_sheet(user=user, week=week)
    download_s = time.perf_counter() - started
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.active
    for r in range(4, sheet.max_row + 1):
        sheet.cell(r, 4, 200 + r)
        sheet.cell(r, 7, "本周完成主体结构施工")
    stream = io.BytesIO()
    workbook.save(stream)
    started = time.perf_counter()
    _week, results = weekly_sheet_save(
        user=user,
        upload=SimpleUploadedFile("w.xlsx", stream.getvalue()),
        submit=False,
        now=dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC),
    )
    upload_s = time.perf_counter() - started
    saved = sum(1 for r in results if r.outcome == "saved")
    print(
        f"weekly   {projects} projects: sheet {download_s:5.2f} s, upload of {saved} drafts "
        f"{upload_s:5.2f} s, peak {peak_mb():6.0f} MB"
    )


def cleanup() -> None:
    from accounts.models import Leader, Region, Unit, User
    from projects.models import Campaign, MonthlyPlan, Project, WeeklyReport

    region = Region.objects.filter(code=REGION).first()
    if region is None:
        return
    WeeklyReport.objects.filter(project__campaign__region=region).delete()
    MonthlyPlan.objects.filter(project__campaign__region=region).delete()
    Project.objects.filter(campaign__region=region).delete()
    User.objects.filter(username="bench-reporter").delete()
    Campaign.objects.filter(region=region).delete()  # its import runs go with it
    Unit.objects.filter(region=region).delete()
    Leader.objects.filter(region=region).delete()
    region.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--phase", choices=["preview", "again", "weekly", "cleanup"])
    parser.add_argument("--file")
    args = parser.parse_args()
    if args.phase:
        setup()
        if args.phase == "preview":
            phase_preview(args.file, confirm=True)
        elif args.phase == "again":
            phase_preview(args.file, confirm=False)
        elif args.phase == "weekly":
            phase_weekly(args.projects)
        else:
            cleanup()
        return
    env = dict(os.environ)
    if "DATABASE_URL" not in env:
        var = Path(tempfile.mkdtemp(prefix="bench-workbooks-"))
        env |= {"VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    env.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media-"))
    path = Path(tempfile.mkdtemp(prefix="bench-register-")) / "register.xlsx"
    path.write_bytes(register_workbook(args.rows))
    print(f"register {args.rows} rows: {path.stat().st_size / 1024:.0f} KB")
    me = [sys.executable, __file__]
    try:
        subprocess.run([*me, "--phase", "cleanup"], env=env, check=True)
        subprocess.run([*me, "--phase", "preview", "--file", str(path)], env=env, check=True)
        subprocess.run([*me, "--phase", "again", "--file", str(path)], env=env, check=True)
        subprocess.run(
            [*me, "--phase", "weekly", "--projects", str(args.projects)], env=env, check=True
        )
    finally:
        subprocess.run([*me, "--phase", "cleanup"], env=env, check=True)


if __name__ == "__main__":
    main()
