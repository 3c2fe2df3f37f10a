"""The community's default mark: its initials on its colour, until an admin uploads a logo.

A new site gets a mark of its own, not just its name in text: the first letter of the
brand's first two words, in a rounded square of the primary colour, in white or near-black
(whichever reads better on that colour). The same drawing is served as SVG (header,
favicon, admin) and as PNG (e-mails: most mail programs do not show SVG images).
"""

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont

LIGHT_TEXT = "#ffffff"
DARK_TEXT = "#111827"
PNG_SIZE = 192  # e-mails show it at 40 px: sharp on screens with three pixels per point
# A bold sans-serif most Linux servers have (fonts-dejavu); Pillow's own font otherwise.
BOLD_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
)


def initials(name: str) -> str:
    """ "Peerdesk" → "P", "Acme Mobile Help" → "AM", "" → "?"."""
    words = [word for word in name.replace("-", " ").split() if any(c.isalnum() for c in word)]
    letters = [next(c for c in word if c.isalnum()).upper()[0] for word in words[:2]]
    return "".join(letters) or "?"


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White or near-black, whichever contrasts more with `background` (#rrggbb)."""
    if contrast_ratio(background, LIGHT_TEXT) >= contrast_ratio(background, DARK_TEXT):
        return LIGHT_TEXT
    return DARK_TEXT


def version(*, name: str, colour: str) -> str:
    """Changes whenever the drawing would: a cache-busting part of the mark's URL."""
    return hashlib.sha256(f"{name}\n{colour}".encode()).hexdigest()[:12]


def svg(*, name: str, colour: str) -> str:
    letters = initials(name)
    size = 34 if len(letters) == 1 else 26
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" '
        f'role="img" aria-label="{escape(name)}">'
        f"<title>{escape(name)}</title>"
        f'<rect width="64" height="64" rx="14" fill="{escape(colour)}"/>'
        f'<text x="32" y="32" dy=".36em" text-anchor="middle" font-size="{size}" '
        "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif\" "
        f'font-weight="700" fill="{text_colour_on(colour)}">{escape(letters)}</text></svg>'
    )


@lru_cache(maxsize=8)
def png(*, name: str, colour: str) -> bytes:
    """The mark as a PNG_SIZE square PNG (drawn four times larger, then scaled down smoothly)."""
    scale = 4
    side = PNG_SIZE * scale
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side * 14 // 64, fill=colour)
    letters = initials(name)
    font_size = side * (34 if len(letters) == 1 else 26) // 64
    font, stroke = _bold_font(font_size)
    draw.text(
        (side / 2, side / 2),
        letters,
        font=font,
        fill=text_colour_on(colour),
        anchor="mm",
        stroke_width=stroke,
        stroke_fill=text_colour_on(colour),
    )
    image = image.resize((PNG_SIZE, PNG_SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _bold_font(size: int) -> tuple[ImageFont.FreeTypeFont, int]:
    """A bold font at `size`, and the stroke that makes Pillow's regular fallback look bold."""
    for path in BOLD_FONTS:
        if path.exists():
            return ImageFont.truetype(str(path), size), 0
    return ImageFont.load_default(size=size), max(1, size // 24)
