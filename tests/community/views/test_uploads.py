from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from community.models import PostImage
from tests.images import uploaded_image


def test_upload_image_returns_markdown_for_the_editor(member_client, member):
    response = member_client.post(
        reverse("community:upload_image"),
        {"image": uploaded_image(name="screen shot.png", fmt="PNG", with_gps=False)},
    )
    assert response.status_code == 201
    data = response.json()
    image = PostImage.objects.get()
    assert image.uploader == member
    assert data["url"] == image.image.url
    assert data["markdown"] == f"![screen shot]({image.image.url})"


def test_upload_image_rejects_non_images_with_a_message(member_client):
    response = member_client.post(
        reverse("community:upload_image"), {"image": SimpleUploadedFile("x.png", b"not really")}
    )
    assert response.status_code == 400
    assert "not an image" in response.json()["error"]
    assert not PostImage.objects.exists()


def test_upload_image_needs_login(client, db):
    response = client.post(reverse("community:upload_image"), {"image": uploaded_image()})
    assert response.status_code == 403
