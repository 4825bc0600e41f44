"""Site photos on upload: refuse the hostile ones, read the EXIF, re-encode, hash.

The header is read first (Image.open decodes nothing): a photo above PHOTO_MAX_PIXELS is refused
before a pixel is decoded, so a small PNG declaring 100,000 × 100,000 costs nothing. The EXIF is
read from the original before it is re-encoded, and kept as data. Every stored image is a fresh
JPEG of the decoded pixels, orientation applied and metadata stripped: whatever was appended to
the file (an HTML page, a zip) is not in the pixels and does not survive.
"""

import dataclasses
import datetime as dt
import io
import math
from fractions import Fraction

import imagehash
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

# Formats a phone or a chat app produces; anything else is not a site photo.
FORMATS = {"JPEG", "MPO", "PNG", "GIF", "WEBP", "BMP", "TIFF", "HEIF"}
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
MAX_TAG_TEXT = 200  # a raw tag kept as text is cut here: the EXIF is evidence, not storage


def configure_pillow() -> None:
    """Pillow refuses (DecompressionBombError) at twice MAX_IMAGE_PIXELS; ours is the limit."""
    Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS


@dataclasses.dataclass
class Processed:
    """A photo ready to store: the re-encoded JPEG, its EXIF as data and its perceptual hash."""

    content: ContentFile
    exif: dict
    taken_at: dt.datetime | None
    lat: float | None
    lon: float | None
    phash: int  # unsigned 64 bits


def refuse(message: str) -> ValidationError:
    return ValidationError(message, code="photo_refused")


def too_many_pixels(name: str, limit: int) -> str:
    return _(
        "%(name)s has more than %(max)s megapixels, the most a photo may have. "
        "Send a smaller photo (a phone's normal setting is fine)."
    ) % {"name": name, "max": f"{limit / 1e6:.0f}"}


def open_checked(upload, name: str) -> Image.Image:
    """The image of ``upload`` with only its header read; refused if not an image or too big."""
    upload.seek(0)
    limit = settings.PHOTO_MAX_PIXELS
    try:
        image = Image.open(upload)
    except Image.DecompressionBombError as exc:
        raise refuse(too_many_pixels(name, limit)) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise refuse(_("%(name)s is not an image (JPEG, PNG…).") % {"name": name}) from exc
    if image.format not in FORMATS:
        raise refuse(_("%(name)s is not an image (JPEG, PNG…).") % {"name": name})
    width, height = image.size
    if width * height > limit:
        raise refuse(
            too_many_pixels(name, limit)
            + " "
            + _("It is %(width)s × %(height)s pixels.") % {"width": width, "height": height}
        )
    return image


def _plain(value):
    """An EXIF value as JSON: numbers, short text, lists of them; bytes as short hex."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float | Fraction) or hasattr(value, "numerator"):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, bytes):
        return value[:32].hex()
    if isinstance(value, str):
        return value.replace("\x00", "").strip()[:MAX_TAG_TEXT]
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value[:16]]
    return str(value)[:MAX_TAG_TEXT]


def _named(tags: dict, names: dict) -> dict:
    out = {}
    for key, value in tags.items():
        if not isinstance(key, int):
            continue
        out[names.get(key, f"0x{key:04x}")] = _plain(value)
    return out


def _degrees(dms, ref) -> float | None:
    try:
        d, m, s = (float(part) for part in dms)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = d + m / 60 + s / 3600
    if not math.isfinite(value):
        return None
    if str(ref).upper().startswith(("S", "W")):
        value = -value
    return round(value, 7)


def _taken(text) -> dt.datetime | None:
    """DateTimeOriginal ("2026:11:23 10:15:00") is the camera's local time: Asia/Shanghai."""
    try:
        naive = dt.datetime.strptime(str(text).strip()[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    from zoneinfo import ZoneInfo

    return naive.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def read_exif(image: Image.Image) -> tuple[dict, dt.datetime | None, float | None, float | None]:
    """The EXIF of the original as data: time taken, GPS, camera and the raw tags (JSON-safe)."""
    try:
        exif = image.getexif()
        main = dict(exif)
        sub = dict(exif.get_ifd(EXIF_IFD))
        gps = dict(exif.get_ifd(GPS_IFD))
    except Exception:  # a broken EXIF block is no EXIF, not an error
        return {}, None, None, None
    main.pop(EXIF_IFD, None)
    main.pop(GPS_IFD, None)
    if not (main or sub or gps):
        return {}, None, None, None
    taken_at = _taken(sub.get(0x9003) or sub.get(0x9004) or main.get(0x0132) or "")
    lat = lon = None
    if 2 in gps and 4 in gps:
        lat, lon = _degrees(gps[2], gps.get(1, "N")), _degrees(gps[4], gps.get(3, "E"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            lat = lon = None
    data = {
        "taken_at": taken_at.isoformat() if taken_at else None,
        "lat": lat,
        "lon": lon,
        "make": _plain(main.get(0x010F, "")) or "",
        "model": _plain(main.get(0x0110, "")) or "",
        "tags": {
            **_named(main, ExifTags.TAGS),
            **_named(sub, ExifTags.TAGS),
            **_named(gps, ExifTags.GPSTAGS),
        },
    }
    return data, taken_at, lat, lon


HASH_SIDE = 256  # the hash is of a 32×32 greyscale: decoding more pixels only costs time


def perceptual_hash(image: Image.Image) -> int:
    """The 64-bit pHash (DCT of a 32×32 greyscale) as an unsigned integer."""
    return int(str(imagehash.phash(image)), 16)


def small_for_hash(upload) -> Image.Image:
    """The upload decoded small and upright, for the hash: a JPEG is decoded at 1/8 scale
    (draft), tens of milliseconds for 12 megapixels instead of most of a second."""
    upload.seek(0)
    opened = Image.open(upload)
    if opened.format in ("JPEG", "MPO"):
        opened.draft("L", (HASH_SIDE, HASH_SIDE))
    image: Image.Image = opened
    image = ImageOps.exif_transpose(image)
    image.thumbnail((HASH_SIDE, HASH_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return image


def reencode(image: Image.Image) -> Image.Image:
    """The decoded pixels, at most PHOTO_MAX_SIDE on the long side, upright, in RGB."""
    side = settings.PHOTO_MAX_SIDE
    if image.format in ("JPEG", "MPO"):
        # Decode at the smallest 1/2, 1/4, 1/8 scale still covering the stored size: 12 MP at
        # half scale is a quarter of the work (draft keeps both sides at least the asked ones).
        w, h = image.size
        fit = min(1.0, side / max(w, h))
        image.draft("RGB", (max(1, int(w * fit)), max(1, int(h * fit))))
    image.load()
    image = ImageOps.exif_transpose(image)
    if image.mode != "RGB":
        rgba = image.convert("RGBA")  # transparency on white, as a viewer shows it
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    image.thumbnail((side, side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return image


def process_photo(upload, name: str = "") -> Processed:
    """Check, read and re-encode one uploaded photo; ValidationError when it is refused."""
    name = name or getattr(upload, "name", "") or "photo"
    image = open_checked(upload, name)
    exif, taken_at, lat, lon = read_exif(image)
    try:
        pixels = reencode(image)
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError) as exc:
        raise refuse(_("%(name)s is not an image (JPEG, PNG…).") % {"name": name}) from exc
    out = io.BytesIO()
    pixels.save(out, "JPEG", quality=85)  # no exif= given: no metadata kept
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0][:80] or "photo"
    return Processed(
        content=ContentFile(out.getvalue(), name=f"{stem}.jpg"),
        exif=exif,
        taken_at=taken_at,
        lat=lat,
        lon=lon,
        phash=perceptual_hash(small_for_hash(upload)),
    )
