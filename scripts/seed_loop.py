"""Give a seeded city the problems and 批示 that `seed_demo --districts … --no-score` leaves out,
so that the problem list, the inbox and the list of 批示 are timed with rows (bench_pages.py).

Usage (a database made with `seed_demo --districts D --projects P --weeks W --no-score`):
    DEBUG=0 DATABASE_URL=postgres://postgres@127.0.0.1:5432/seed20k .venv/bin/python \\
        scripts/seed_loop.py [--instructions 30]
For each district's latest campaign: the demo's problems in every state and its meeting
(demo.problems.seed_problems, 37 problems), and ``--instructions`` 批示 of its manager on its
projects, each sent to the project's unit. Writes; run it once on a copy kept for benchmarks.
"""

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Max  # noqa: E402

from accounts.choices import Role  # noqa: E402
from accounts.models import User  # noqa: E402
from demo.problems import seed_problems  # noqa: E402
from instructions.services import instruction_write  # noqa: E402
from projects.models import Campaign  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instructions", type=int, default=30, help="批示 per district")
    args = parser.parse_args()
    latest = Campaign.objects.aggregate(year=Max("year"))["year"]
    if latest is None:
        sys.exit("No campaign: seed the city first (seed_demo --districts …).")
    for campaign in Campaign.objects.filter(year=latest).select_related("region"):
        rng = random.Random(campaign.pk)
        counts = seed_problems(campaign, rng)
        manager = User.objects.filter(
            role=Role.MANAGER, region=campaign.region, is_active=True
        ).first()
        projects = list(campaign.projects.select_related("unit").order_by("code")[:200])
        written = 0
        while manager is not None and projects and written < args.instructions:
            project = rng.choice(projects)
            text = f"请{project.unit}加快推进，本周内报送进展（第{written + 1}条）。"
            instruction_write(user=manager, on=project, text=text, units=[project.unit])
            written += 1
        print(f"{campaign.region.name}: {counts['problems']} problems, {written} 批示")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
