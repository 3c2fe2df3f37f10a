"""Uploaded images: validated by Pillow, stripped of metadata, re-encoded.

Nothing a member uploads is stored as sent. Re-encoding drops EXIF (GPS
positions, camera serials) and anything hidden after the image data; the pixel
limit is checked from the header, before the image is decoded, so a
decompression bomb costs nothing.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
AVATAR_SIZE = 256
POST_IMAGE_MAX_SIDE = 1600
# The brand's logo is shown at most 40 pixels high (header, e-mails, admin): three times
# that stays sharp on dense screens; a very wide logo is limited by LOGO_MAX_WIDTH.
LOGO_MAX_HEIGHT = 120
LOGO_MAX_WIDTH = 720
FAVICON_SIZE = 192


@dataclass(frozen=True)
class ProcessedImage:
    content: ContentFile
    width: int
    height: int


def _open_checked(upload, formats: frozenset[str] = frozenset(ACCEPTED_FORMATS)) -> Image.Image:
    """Open `upload` as an image in one of `formats` or raise ValidationError saying why not."""
    limit = settings.PEERDESK_MAX_IMAGE_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The image is %(size)s; images can be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in formats:
                raise ValidationError(
                    _unsupported_format_message(formats), code="unsupported_format"
                )
            if image.width * image.height > settings.PEERDESK_MAX_IMAGE_PIXELS:
                raise _too_many_pixels(image.width, image.height)
            image.verify()  # checks the file's structure; the object is unusable after
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(None, None) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG, GIF or WebP image."),
            code="not_an_image",
        ) from None
    return image


def _unsupported_format_message(formats) -> str:
    if "ICO" in formats:
        return _("Upload a PNG, JPEG, GIF, WebP or ICO image.")
    return _("Upload a JPEG, PNG, GIF or WebP image.")


def _too_many_pixels(width, height) -> ValidationError:
    if width and height:
        return ValidationError(
            _("The image is %(width)s × %(height)s pixels; that is more than we accept."),
            code="too_many_pixels",
            params={"width": width, "height": height},
        )
    return ValidationError(_("The image has more pixels than we accept."), code="too_many_pixels")


def _to_rgb_or_rgba(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        return image.convert("RGBA")
    return image.convert("RGB")


def _encode_webp(image: Image.Image, name: str) -> ProcessedImage:
    buffer = io.BytesIO()
    # No exif=, no icc_profile=: the new file carries pixels only.
    image.save(buffer, format="WEBP", quality=85, method=4)
    return ProcessedImage(ContentFile(buffer.getvalue(), name=name), image.width, image.height)


def process_avatar(upload) -> ProcessedImage:
    """A square AVATAR_SIZE thumbnail of `upload`, centred, upright, without metadata."""
    image = _open_checked(upload)
    image = ImageOps.exif_transpose(image)  # honour the camera's rotation, then forget it
    image = _to_rgb_or_rgba(image)
    image = ImageOps.fit(image, (AVATAR_SIZE, AVATAR_SIZE), method=Image.Resampling.LANCZOS)
    return _encode_webp(image, "avatar.webp")


def process_post_image(upload) -> ProcessedImage:
    """`upload` scaled down to POST_IMAGE_MAX_SIDE at most, upright, without metadata."""
    image = _open_checked(upload)
    image = ImageOps.exif_transpose(image)
    image = _to_rgb_or_rgba(image)
    image.thumbnail((POST_IMAGE_MAX_SIDE, POST_IMAGE_MAX_SIDE), Image.Resampling.LANCZOS)
    return _encode_webp(image, "image.webp")


def _encode_png(image: Image.Image, name: str) -> ProcessedImage:
    """PNG: every mail program shows it, and a logo keeps its transparency."""
    image.info = {}  # no ICC profile, text chunks or EXIF carried over from the upload
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ProcessedImage(ContentFile(buffer.getvalue(), name=name), image.width, image.height)


def process_logo(upload) -> ProcessedImage:
    """The brand's logo, at most LOGO_MAX_HEIGHT high and LOGO_MAX_WIDTH wide, as PNG."""
    image = _to_rgb_or_rgba(ImageOps.exif_transpose(_open_checked(upload)))
    image.thumbnail((LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT), Image.Resampling.LANCZOS)
    return _encode_png(image, "logo.png")


def process_favicon(upload) -> ProcessedImage:
    """A FAVICON_SIZE square PNG: the upload scaled to fit, centred on a transparent square
    (an icon is never cropped). ICO files are accepted; their largest image is used."""
    image = _open_checked(upload, formats=frozenset(ACCEPTED_FORMATS | {"ICO"}))
    image = ImageOps.exif_transpose(image).convert("RGBA")
    image = ImageOps.contain(image, (FAVICON_SIZE, FAVICON_SIZE), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (FAVICON_SIZE, FAVICON_SIZE), (0, 0, 0, 0))
    square.paste(image, ((FAVICON_SIZE - image.width) // 2, (FAVICON_SIZE - image.height) // 2))
    return _encode_png(square, "favicon.png")
