"""Time the photo evidence and the map: EXIF and hashing of a 12-megapixel photo on upload, the
near-duplicate search against 100,000 stored photos, and 项目一张图 with 5,000 projects.

Usage (a database with the demo district: `manage.py seed_demo`):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/evidence_map \\
        .venv/bin/python scripts/bench_evidence.py
Everything it writes (100,000 photos, 4,950 projects and their scores) is rolled back.
"""

import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from demo import data as demo_data  # noqa: E402
from demo.district import demo_point  # noqa: E402
from projects.duplicates import bands, hash_fields, nearest_earlier  # noqa: E402
from projects.models import Campaign, Project, SitePhoto, WeeklyReport  # noqa: E402
from projects.photos import (  # noqa: E402
    open_checked,
    perceptual_hash,
    process_photo,
    read_exif,
    small_for_hash,
)
from scoring.models import WeeklyScore  # noqa: E402
from tests.photos import photo, scene  # noqa: E402

RUNS = 7


def timed(fn, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def bench_upload() -> None:
    import datetime as dt

    image = scene(1, (4000, 3000))
    upload = photo("12mp.jpg", image=image, taken=dt.datetime(2026, 11, 18, 10), lat=36.77,
                   lon=119.21)  # fmt: skip
    data = upload.read()
    print(f"12-megapixel JPEG: {len(data) / 1e6:.1f} MB")

    def exif_only():
        image = open_checked(io.BytesIO(data), "12mp.jpg")
        return read_exif(image)

    def hash_only():
        return perceptual_hash(small_for_hash(io.BytesIO(data)))

    def whole():
        return process_photo(SimpleUploadedFile("12mp.jpg", data, "image/jpeg"))

    ms, _ = timed(exif_only)
    print(f"  header check + EXIF: {ms:.1f} ms")
    ms, _ = timed(hash_only)
    print(f"  decode at 1/8 (draft) + perceptual hash: {ms:.1f} ms")
    ms, _ = timed(whole)
    print(f"  whole upload step (check, EXIF, decode, re-encode JPEG, hash): {ms:.1f} ms")


def bench_duplicates(report: WeeklyReport) -> None:
    rng = random.Random(16)
    hashes = [rng.getrandbits(64) for _ in range(100_000)]
    start = time.perf_counter()
    SitePhoto.objects.bulk_create(
        [SitePhoto(report=report, image=f"bench/{i}.jpg", **hash_fields(h))
         for i, h in enumerate(hashes)],
        batch_size=5000,
    )  # fmt: skip
    print(f"inserted 100,000 photo hashes in {time.perf_counter() - start:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE projects_sitephoto")
    queryset = SitePhoto.objects.all()
    target = hashes[54321] ^ 0b1010_0000_0000_0000_0001_0000_0000_0000_0100  # 4 bits apart
    ms, found = timed(lambda: nearest_earlier(queryset, target, settings.PHOTO_DUPLICATE_BITS))
    print(f"  duplicate search (a near-duplicate present): {ms:.1f} ms, found {found}")
    fresh = rng.getrandbits(64)
    ms, found = timed(lambda: nearest_earlier(queryset, fresh, settings.PHOTO_DUPLICATE_BITS))
    print(f"  duplicate search (a new photo): {ms:.1f} ms, found {found}")
    from django.db.models import Q

    from projects.duplicates import neighbours

    near = Q()
    for i, band in enumerate(bands(fresh)):
        near |= Q(**{f"band{i}__in": neighbours(band)})
    plan = queryset.filter(near).values_list("pk", "phash").explain()
    print("  plan: " + " | ".join(line.strip() for line in plan.splitlines()[:6]))


def copied(row) -> dict:
    return {f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields
            if f.attname != "id"}  # fmt: skip


def bench_map(campaign: Campaign) -> None:
    projects = list(Project.objects.filter(campaign=campaign))
    week = WeeklyScore.objects.filter(project__campaign=campaign).order_by("-week")[0].week
    template = WeeklyScore.objects.filter(project__campaign=campaign, week=week).first()
    model = projects[0]
    rng = random.Random(5)
    new = []
    for i in range(5000 - len(projects)):
        clone = Project(**copied(model))
        clone.code, clone.name = f"BENCH-{i:05d}", f"基准项目{i}"
        clone.lat, clone.lon = demo_point(clone.code).values()
        new.append(clone)
    Project.objects.bulk_create(new, batch_size=1000)
    scores = []
    for project in new:
        score = WeeklyScore(**copied(template))
        score.project_id, score.card = project.pk, rng.choice(["blue", "blue", "yellow", "red"])
        scores.append(score)
    WeeklyScore.objects.bulk_create(scores, batch_size=1000)
    count = Project.objects.filter(campaign=campaign).count()
    user = User.objects.filter(role="supervisor", region=campaign.region).first()
    if user is None:
        sys.exit("No supervisor in the region: seed the demo first.")
    settings.ALLOWED_HOSTS = ["*"]  # the test client calls itself "testserver"
    client = Client()
    client.force_login(user)
    client.get("/dashboard/map/")  # warm
    from dashboard.selectors import tile_queryset
    from projects.maps import draw, project_dots

    tiles = tile_queryset(user=user, campaign=campaign, week=week)
    ms, dots = timed(lambda: project_dots(tiles), runs=5)
    print(f"  reading {len(dots)} dots: {ms:.0f} ms")
    ms, svg = timed(lambda: draw(campaign.region.boundary, dots, width=900), runs=5)
    print(f"  drawing them: {ms:.0f} ms, {len(svg) / 1000:.0f} kB of SVG")
    for url in ("/dashboard/map/", "/dashboard/map/?card=red", "/dashboard/wall/"):
        with CaptureQueriesContext(connection) as ctx:
            ms, response = timed(lambda url=url: client.get(url), runs=5)
        assert response.status_code == 200, response.status_code
        queries, size = len(ctx.captured_queries) // 5, len(response.content) / 1000
        print(f"  {url} with {count} projects: {ms:.0f} ms, {queries} queries, {size:.0f} kB")


def main() -> None:
    print("== upload ==")
    bench_upload()
    if "--upload-only" in sys.argv:
        return
    campaign = Campaign.objects.filter(region__code=demo_data.REGION_CODE).order_by("-year")[0]
    report = WeeklyReport.objects.filter(project__campaign=campaign).first()
    if report is None:
        sys.exit("No weekly report in the campaign: seed the demo first.")
    try:
        with transaction.atomic():
            if "--map-only" not in sys.argv:
                print("== duplicate search ==")
                bench_duplicates(report)
            print("== 项目一张图 ==")
            bench_map(campaign)
            raise KeyboardInterrupt  # roll everything back
    except KeyboardInterrupt:
        print("(rolled back)")


if __name__ == "__main__":
    main()
