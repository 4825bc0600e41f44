"""Site photos made in the tests: a drawn scene, with the EXIF a phone writes (piexif)."""

import datetime as dt
import io
import random
import struct
import zlib

import piexif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw


def scene(seed: int = 0, size=(800, 600)) -> Image.Image:
    """A picture of its own for each seed: rectangles and ellipses of random colours."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    w, h = size
    for _ in range(12):
        x0, y0 = rng.randrange(w), rng.randrange(h)
        box = [x0, y0, x0 + rng.randrange(w // 8, w // 2), y0 + rng.randrange(h // 8, h // 2)]
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.rectangle if rng.random() < 0.5 else draw.ellipse)(box, fill=colour)
    return image


def _rational(value: float) -> tuple:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60 * 1000)
    return ((d, 1), (m, 1), (s, 1000))


def exif_bytes(*, taken: dt.datetime | None = None, lat=None, lon=None, make="HUAWEI",
               model="Mate 60", orientation=None) -> bytes:  # fmt: skip
    zeroth = {piexif.ImageIFD.Make: make.encode(), piexif.ImageIFD.Model: model.encode()}
    if orientation:
        zeroth[piexif.ImageIFD.Orientation] = orientation
    exif, gps = {}, {}
    if taken:
        exif[piexif.ExifIFD.DateTimeOriginal] = taken.strftime("%Y:%m:%d %H:%M:%S").encode()
    if lat is not None:
        gps = {
            piexif.GPSIFD.GPSLatitudeRef: b"N" if lat >= 0 else b"S",
            piexif.GPSIFD.GPSLatitude: _rational(lat),
            piexif.GPSIFD.GPSLongitudeRef: b"E" if lon >= 0 else b"W",
            piexif.GPSIFD.GPSLongitude: _rational(lon),
        }
    return piexif.dump({"0th": zeroth, "Exif": exif, "GPS": gps})


def photo(name="site.jpg", *, seed=0, image=None, exif=True, quality=90, **tags):
    """An uploaded JPEG of ``scene(seed)`` (or ``image``), with EXIF of ``tags`` unless
    ``exif`` is False."""
    image = image if image is not None else scene(seed)
    buffer = io.BytesIO()
    kwargs = {"exif": exif_bytes(**tags)} if exif else {}
    image.save(buffer, "JPEG", quality=quality, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_bomb(width=100_000, height=100_000) -> SimpleUploadedFile:
    """A PNG of a few hundred bytes whose header declares ``width`` × ``height`` pixels (the
    data would decompress to gigabytes of zeros)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 100_000, 9)
    body = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat)
    return SimpleUploadedFile("bomb.png", body + _chunk(b"IEND", b""), "image/png")


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def polyglot(kind: str) -> SimpleUploadedFile:
    """A real GIF or PNG with an HTML page (GIF) or a zip (PNG) appended."""
    buffer = io.BytesIO()
    scene(7, (64, 48)).save(buffer, kind.upper())
    if kind == "gif":
        tail = HTML
    else:
        import zipfile

        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("evil.html", HTML)
        tail = archive.getvalue()
    return SimpleUploadedFile(f"poly.{kind}", buffer.getvalue() + tail, f"image/{kind}")
