"""The enrollment QR code, drawn on the server as inline SVG (no CDN, no script, no image file)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str, *, title: str) -> SafeString:
    # Medium error correction keeps the code small enough to scan from a screen.
    code = segno.make(text, error="m")
    svg = code.svg_inline(scale=5, border=4, dark="#1f2937", light="#ffffff", title=title)
    return mark_safe(svg)  # segno escapes the title; the data is encoded, never in the markup


def secret_groups(device) -> str:
    """The base32 secret in groups of four, as authenticator apps show it for typing."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
