"""The photo checks: EXIF read on upload shown as evidence, and the scoring's photo flags —
taken long before its week, far from the project, recycled from another project; no EXIF is
"unverified", never a flag."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from projects import services
from projects.duplicates import bits_apart
from projects.evidence import report_evidence
from projects.models import SitePhoto
from scoring.models import ReportFlag
from scoring.services import score_campaign_week
from tests.factories import ProjectFactory
from tests.photos import photo, scene

from .factories import W44, W47, at

SITE = (36.7712, 119.2101)  # the project's location in the demo district
NEAR = (36.7745, 119.2150)  # about 0.55 km away
FAR = (36.8700, 119.3500)  # about 16 km away
IN_WEEK = dt.datetime(2026, 11, 18, 10, 0)  # the Wednesday of W47
LONG_AGO = dt.datetime(2026, 8, 3, 10, 0)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def site(campaign, unit, leader):
    return ProjectFactory(
        campaign=campaign, unit=unit, leader=leader, name="OLED盖板项目",
        lat=Decimal(str(SITE[0])), lon=Decimal(str(SITE[1])),
    )  # fmt: skip


@pytest.fixture
def other(campaign, unit, leader):
    return ProjectFactory(campaign=campaign, unit=unit, leader=leader, name="种业研发集群")


def submit(project, user, week, photos):
    return services.weekly_report_save(
        project=project, week=week, user=user, version=None, photos=photos, submit=True,
        data={"stage": "construction", "ytd_investment": Decimal(100), "progress": "主体施工"},
        now=at(week + dt.timedelta(days=4)),
    )  # fmt: skip


def recycled(seed):
    """The same picture cropped by a few pixels on each side and re-encoded harder."""
    image = scene(seed)
    w, h = image.size
    return photo("recycled.jpg", image=image.crop((12, 9, w - 12, h - 9)), quality=60,
                 exif=False)  # fmt: skip


def flags(project):
    return dict(ReportFlag.objects.filter(project=project, week=W47).values_list("key", "evidence"))


def test_in_time_and_place_is_verified_and_not_flagged(clock, site, reporter, campaign):
    report = submit(site, reporter, W47, [photo(seed=1, taken=IN_WEEK, lat=NEAR[0], lon=NEAR[1])])
    (evidence,) = report_evidence(report)
    assert evidence.verified and evidence.within_week and not evidence.suspicious
    assert evidence.distance_km == pytest.approx(0.55, abs=0.05)
    score_campaign_week(campaign=campaign, week=W47)
    assert not {k for k in flags(site) if k.startswith("photo_")}


def test_out_of_time_is_flagged(clock, site, reporter, campaign):
    report = submit(site, reporter, W47, [photo(seed=2, taken=LONG_AGO, lat=SITE[0], lon=SITE[1])])
    (evidence,) = report_evidence(report)
    assert evidence.within_week is False and evidence.stale_days == 105
    score_campaign_week(campaign=campaign, week=W47)
    assert flags(site)["photo_old"] == (
        "1 张照片的拍摄时间早于本周（2026-W47）7 天以上，最早的早 105 天"
    )


def test_out_of_place_is_flagged(clock, site, reporter, campaign):
    report = submit(site, reporter, W47, [photo(seed=3, taken=IN_WEEK, lat=FAR[0], lon=FAR[1])])
    (evidence,) = report_evidence(report)
    assert evidence.far and evidence.within_week
    score_campaign_week(campaign=campaign, week=W47)
    assert flags(site)["photo_far"].startswith(
        "1 张照片的拍摄地距项目位置超过 2 公里，最远 16.6 公里"
    )


def test_recycled_photo_of_another_project_is_flagged(clock, site, other, reporter, campaign):
    first = submit(other, reporter, W44, [photo(seed=4, taken=dt.datetime(2026, 10, 28))])
    report = submit(site, reporter, W47, [recycled(4), photo(seed=5, exif=False)])
    original = first.photos.get()
    reused, fresh = report.photos.order_by("pk")
    assert reused.duplicate_of == original and reused.duplicate_bits <= 10
    assert fresh.duplicate_of is None
    assert bits_apart(fresh.phash, original.phash) > 10
    score_campaign_week(campaign=campaign, week=W47)
    assert flags(site)["photo_duplicate"] == (
        f"照片与「种业研发集群」2026-W44 的照片近似重复（感知哈希相差 {reused.duplicate_bits} 位）"
    )


def test_no_exif_is_unverified_not_flagged(clock, site, reporter, campaign):
    report = submit(site, reporter, W47, [photo(seed=6, exif=False)])
    (evidence,) = report_evidence(report)
    assert not evidence.verified and not evidence.suspicious
    score_campaign_week(campaign=campaign, week=W47)
    assert not {k for k in flags(site) if k.startswith("photo_")}


def test_pages_show_the_evidence_and_the_pictures_side_by_side(
    clock, client, site, other, reporter, supervisor, campaign
):
    submit(other, reporter, W44, [photo(seed=8)])
    report = submit(site, reporter, W47, [recycled(8), photo(seed=9, exif=False)])
    score_campaign_week(campaign=campaign, week=W47)
    client.force_login(supervisor)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "未核验" in page and "近似重复" in page
    why = client.get(reverse("scoring:why", args=[site.pk, "2026-W47"])).content.decode()
    assert "未核验" in why and "种业研发集群" in why
    flag = ReportFlag.objects.get(project=site, key="photo_duplicate")
    detail = client.get(flag.get_absolute_url()).content.decode()
    reused = report.photos.order_by("pk").first()
    pictures = [reverse("projects:photo", args=[pk]) for pk in (reused.pk, reused.duplicate_of_id)]
    assert 'class="side-by-side"' in detail and all(src in detail for src in pictures)
    assert SitePhoto.objects.count() == 3
