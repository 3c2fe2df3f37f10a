import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.images import AVATAR_SIZE, POST_IMAGE_MAX_SIDE, process_avatar, process_post_image
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
