"""Image files for tests, made with Pillow in memory."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825


def image_bytes(fmt="JPEG", size=(640, 480), colour=(200, 40, 40), with_gps=False) -> bytes:
    image = Image.new("RGB", size, colour)
    buffer = io.BytesIO()
    kwargs = {}
    if with_gps:
        exif = Image.Exif()
        exif[0x010F] = "PeerdeskCam"  # Make
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)})
        kwargs["exif"] = exif.tobytes()
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def uploaded_image(name="photo.jpg", **kwargs) -> SimpleUploadedFile:
    fmt = kwargs.pop("fmt", "JPEG")
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}.get(
        fmt, "image/*"
    )
    return SimpleUploadedFile(name, image_bytes(fmt=fmt, **kwargs), content_type=content_type)
