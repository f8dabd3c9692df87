"""The secret key of an app being set up, as a QR code (inline SVG) and as text."""

from base64 import b32encode

import segno
from django.utils.safestring import mark_safe


def qr_code_svg(device, *, title: str) -> str:
    """An ``<svg>`` of the device's ``otpauth://`` address, to put in the page as is."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=title, dark="#000", light="#fff", border=4)
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # segno escapes the title


def secret_text(device) -> str:
    """The key as an app asks for it when typed in, in groups of four ("ABCD EFGH …")."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[start:start + 4] for start in range(0, len(secret), 4))
