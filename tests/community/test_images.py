import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.images import (
    AVATAR_SIZE,
    FAVICON_SIZE,
    LOGO_MAX_HEIGHT,
    POST_IMAGE_MAX_SIDE,
    process_avatar,
    process_favicon,
    process_logo,
    process_post_image,
)
from tests.images import GPS_IFD, uploaded_image


def _open(processed):
    return Image.open(io.BytesIO(processed.content.read()))


def test_process_avatar_makes_a_square_thumbnail():
    result = process_avatar(uploaded_image(size=(800, 300)))
    image = _open(result)
    assert image.size == (AVATAR_SIZE, AVATAR_SIZE)
    assert image.format == "WEBP"


def test_process_avatar_strips_exif_and_gps():
    upload = uploaded_image(with_gps=True)
    original = Image.open(io.BytesIO(upload.read()))
    assert original.getexif().get_ifd(GPS_IFD), "the test image must carry GPS data"
    upload.seek(0)

    image = _open(process_avatar(upload))

    assert not image.getexif()
    assert not image.getexif().get_ifd(GPS_IFD)
    assert "exif" not in image.info


def test_process_avatar_rejects_a_file_that_is_not_an_image():
    upload = SimpleUploadedFile("cv.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        process_avatar(upload)
    assert error.value.code == "not_an_image"


def test_process_avatar_rejects_a_truncated_image():
    data = uploaded_image().read()
    upload = SimpleUploadedFile("broken.jpg", data[: len(data) // 3], content_type="image/jpeg")
    with pytest.raises(ValidationError):
        process_avatar(upload)


def test_process_avatar_rejects_files_over_the_size_limit(settings):
    settings.PEERDESK_MAX_IMAGE_BYTES = 1000
    upload = uploaded_image(fmt="PNG", size=(300, 300))
    upload.size = 1001  # what Django reports for the uploaded file
    with pytest.raises(ValidationError) as error:
        process_avatar(upload)
    assert error.value.code == "too_large"


def test_process_avatar_rejects_decompression_bombs_before_decoding(settings):
    # A small file that claims very many pixels: PNG compresses a blank canvas to almost nothing.
    settings.PEERDESK_MAX_IMAGE_PIXELS = 1_000_000
    upload = uploaded_image(fmt="PNG", size=(4000, 4000), colour=(0, 0, 0))
    assert upload.size < 200_000
    with pytest.raises(ValidationError) as error:
        process_avatar(upload)
    assert error.value.code == "too_many_pixels"


def test_process_avatar_rejects_unsupported_formats():
    image = Image.new("RGB", (10, 10))
    buffer = io.BytesIO()
    image.save(buffer, format="BMP")
    upload = SimpleUploadedFile("x.bmp", buffer.getvalue(), content_type="image/bmp")
    with pytest.raises(ValidationError) as error:
        process_avatar(upload)
    assert error.value.code == "unsupported_format"


def test_process_post_image_keeps_proportions_and_limits_the_size():
    result = process_post_image(uploaded_image(size=(3200, 1600)))
    assert (result.width, result.height) == (POST_IMAGE_MAX_SIDE, POST_IMAGE_MAX_SIDE // 2)


def _upload(image: Image.Image, fmt: str, **save) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return SimpleUploadedFile(f"x.{fmt.lower()}", buffer.getvalue())


def test_process_logo_keeps_proportions_and_transparency_as_png():
    logo = Image.new("RGBA", (1200, 300), (0, 0, 0, 0))
    logo.paste((200, 0, 0, 255), (0, 0, 300, 300))
    result = process_logo(_upload(logo, "PNG"))
    image = _open(result)
    assert image.format == "PNG" and result.content.name == "logo.png"
    assert (result.width, result.height) == (480, LOGO_MAX_HEIGHT)
    assert image.mode == "RGBA" and image.getpixel((470, 60))[3] == 0


def test_process_logo_strips_exif_and_colour_profiles():
    exif = Image.Exif()
    exif[0x010F] = "PeerdeskCam"
    photo = Image.new("RGB", (300, 200), (10, 20, 30))
    upload = _upload(photo, "JPEG", exif=exif.tobytes(), icc_profile=b"not-really-a-profile")
    assert Image.open(io.BytesIO(upload.read())).info.get("icc_profile"), "the test needs one"
    image = _open(process_logo(upload))
    assert not image.getexif()
    assert "icc_profile" not in image.info and "exif" not in image.info


def test_process_favicon_fits_the_image_into_a_transparent_square():
    wide = Image.new("RGB", (400, 200), (0, 90, 170))
    result = process_favicon(_upload(wide, "JPEG"))
    image = _open(result)
    assert image.format == "PNG" and image.size == (FAVICON_SIZE, FAVICON_SIZE)
    assert image.getpixel((FAVICON_SIZE // 2, 5))[3] == 0  # padding above, not cropped
    assert image.getpixel((FAVICON_SIZE // 2, FAVICON_SIZE // 2))[3] == 255


def test_process_favicon_accepts_ico_files():
    icon = Image.new("RGBA", (48, 48), (10, 120, 60, 255))
    result = process_favicon(_upload(icon, "ICO", sizes=[(16, 16), (48, 48)]))
    assert _open(result).size == (FAVICON_SIZE, FAVICON_SIZE)


def test_process_favicon_rejects_what_is_not_an_image():
    upload = SimpleUploadedFile("icon.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    with pytest.raises(ValidationError) as error:
        process_favicon(upload)
    assert error.value.code == "not_an_image"


def test_process_logo_refuses_ico_files():
    icon = Image.new("RGBA", (48, 48), (10, 120, 60, 255))
    with pytest.raises(ValidationError) as error:
        process_logo(_upload(icon, "ICO"))
    assert error.value.code == "unsupported_format"
