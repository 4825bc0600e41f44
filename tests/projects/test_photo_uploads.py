"""Site photo uploads: pixel limit from the header, EXIF kept as data, every image re-encoded."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projects import services
from projects.models import SitePhoto, WeeklyReport
from projects.weeks import SHANGHAI
from tests.photos import HTML, photo, pixel_bomb, polyglot, scene

W47 = dt.date(2026, 11, 16)
NOW = dt.datetime(2026, 11, 20, 11, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def save(project, user, photos):
    return services.weekly_report_save(
        project=project, week=W47, user=user, version=None, photos=photos, now=NOW,
        data={"stage": "construction", "ytd_investment": 100, "progress": "施工中"},
    )  # fmt: skip


def stored_bytes(item: SitePhoto) -> bytes:
    with item.image.open("rb") as handle:
        return handle.read()


def test_exif_is_read_before_reencoding_and_kept_as_data(project, reporter):
    taken = dt.datetime(2026, 11, 18, 9, 30)
    upload = photo(taken=taken, lat=36.7712, lon=119.2101, make="HUAWEI", model="Mate 60")
    report = save(project, reporter, [upload])
    item = report.photos.get()
    assert item.taken_at == taken.replace(tzinfo=SHANGHAI)
    assert item.taken_lat == pytest.approx(36.7712, abs=1e-5)
    assert item.taken_lon == pytest.approx(119.2101, abs=1e-5)
    assert item.exif["make"] == "HUAWEI" and item.exif["model"] == "Mate 60"
    assert item.exif["tags"]["DateTimeOriginal"] == "2026:11:18 09:30:00"
    assert item.exif["tags"]["GPSLatitudeRef"] == "N"
    # The stored image is a fresh JPEG with no metadata at all.
    data = stored_bytes(item)
    assert data[:2] == b"\xff\xd8"
    stored = Image.open(io.BytesIO(data))
    assert stored.format == "JPEG" and not dict(stored.getexif())
    assert item.phash is not None and item.band0 is not None


def test_orientation_is_applied(project, reporter):
    upload = photo(image=scene(3, (400, 200)), taken=dt.datetime(2026, 11, 18), orientation=6)
    item = save(project, reporter, [upload]).photos.get()
    assert Image.open(io.BytesIO(stored_bytes(item))).size == (200, 400)


def test_photo_without_exif_is_stored_unverified(project, reporter):
    item = save(project, reporter, [photo(exif=False)]).photos.get()
    assert item.exif == {} and item.taken_at is None and item.taken_lat is None


@pytest.mark.parametrize("kind", ["gif", "png"])
def test_polyglot_does_not_survive(project, reporter, kind):
    item = save(project, reporter, [polyglot(kind)]).photos.get()
    data = stored_bytes(item)
    assert data[:2] == b"\xff\xd8" and item.image.name.endswith(".jpg")
    assert b"<script" not in data and b"<html" not in data and b"PK\x03\x04" not in data
    assert HTML not in data


def test_pixel_bomb_is_refused_from_its_header(project, reporter):
    with pytest.raises(ValidationError) as caught:
        save(project, reporter, [pixel_bomb()])
    assert "像素" in caught.value.messages[0]
    assert not WeeklyReport.objects.exists() and not SitePhoto.objects.exists()


def test_hundred_megapixel_photo_is_refused(project, reporter):
    buffer = io.BytesIO()
    Image.new("L", (10_000, 10_000), 128).save(buffer, "JPEG", quality=50)
    big = SimpleUploadedFile("big.jpg", buffer.getvalue(), "image/jpeg")
    with pytest.raises(ValidationError) as caught:
        save(project, reporter, [big])
    message = caught.value.messages[0]
    assert "big.jpg" in message and "像素" in message
    assert not SitePhoto.objects.exists()


def test_photo_at_the_limit_is_accepted(project, reporter, settings):
    settings.PHOTO_MAX_PIXELS = 800 * 600
    assert save(project, reporter, [photo()]).photos.count() == 1
    settings.PHOTO_MAX_PIXELS = 800 * 600 - 1
    with pytest.raises(ValidationError):
        save(project, reporter, [photo(seed=2)])


@time_machine.travel(NOW)
def test_form_shows_the_pixel_message(client, reporter, project):
    client.force_login(reporter)
    url = reverse("projects:report_edit", args=[project.pk, "2026-W47"])
    response = client.post(
        url,
        {"stage": "construction", "ytd_investment": "100", "investment_source": "unit",
         "progress": "施工中", "photos": [pixel_bomb()]},
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["form"].errors["photos"]
    assert any("像素" in error for error in errors)
    assert not WeeklyReport.objects.exists()
