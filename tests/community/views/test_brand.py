"""The brand's mark and icons: generated from name and colour until an admin uploads a logo."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from community import brand_mark
from community.images import process_favicon, process_logo
from community.models import Branding
from community.services.branding import save_branding
from tests.images import uploaded_image


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Peerdesk", "P"),
        ("Acme Mobile Help", "AM"),
        ("über-net", "ÜN"),
        ("  ", "?"),
        ("42 Labs", "4L"),
    ],
)
def test_initials_are_the_first_letters_of_the_first_two_words(name, letters):
    assert brand_mark.initials(name) == letters


@pytest.mark.parametrize(
    ("background", "text"),
    [("#0b5cad", brand_mark.LIGHT_TEXT), ("#ffd60a", brand_mark.DARK_TEXT), ("#000000", "#ffffff")],
)
def test_text_colour_on_picks_the_colour_that_reads_best(background, text):
    assert brand_mark.text_colour_on(background) == text
    assert brand_mark.contrast_ratio(background, text) >= 4.5


def test_mark_svg_shows_the_initials_on_the_brand_colour(client, db):
    save_branding(branding=Branding(pk=1, name="Acme <Mobile>", primary_colour="#aa0000"))
    response = client.get(reverse("community:brand_mark", kwargs={"kind": "svg"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert 'fill="#aa0000"' in svg and ">AM</text>" in svg
    assert "<title>Acme &lt;Mobile&gt;</title>" in svg  # the name is text, never markup


def test_mark_png_is_a_square_png(client, db):
    response = client.get(reverse("community:brand_mark", kwargs={"kind": "png"}))
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (brand_mark.PNG_SIZE, brand_mark.PNG_SIZE)
    # The corner is transparent (rounded), the middle has the brand colour or the letter.
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((8, brand_mark.PNG_SIZE // 2))[:3] == (0x0B, 0x5C, 0xAD)


def test_mark_for_the_current_version_is_cached_for_a_year_and_revalidates(client, db):
    url = Branding.objects.current().mark_url("svg")
    response = client.get(url)
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_mark_for_an_old_version_is_cached_briefly(client, db):
    response = client.get(reverse("community:brand_mark", kwargs={"kind": "svg"}) + "?v=old")
    assert "max-age=300" in response["Cache-Control"]
    assert "immutable" not in response["Cache-Control"]


def test_mark_version_changes_with_name_and_colour(db):
    branding = Branding.objects.current()
    before = branding.mark_version
    branding.primary_colour = "#123456"
    assert branding.mark_version != before


def test_mark_of_an_unknown_kind_is_not_found(client, db):
    assert client.get("/brand/mark.gif").status_code == 404


def test_favicon_ico_leads_to_the_generated_mark_until_one_is_uploaded(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == Branding.objects.current().mark_url("svg")

    branding = Branding.objects.current()
    icon = process_favicon(uploaded_image(fmt="PNG", size=(64, 64)))
    branding.favicon.save(icon.content.name, icon.content, save=False)
    save_branding(branding=branding)
    assert client.get("/favicon.ico")["Location"] == branding.favicon.url


def test_pages_show_the_generated_mark_as_logo_and_icon(client, db):
    content = client.get(reverse("community:home")).content.decode()
    mark = Branding.objects.current().mark_url("svg")
    assert f'<link rel="icon" href="{mark}" type="image/svg+xml">' in content
    assert f'<img class="brand__logo" src="{mark}" alt="" width="32" height="32">' in content


def test_pages_show_the_uploaded_logo_and_favicon(client, db):
    branding = Branding(pk=1, name="Acme")
    logo = process_logo(uploaded_image(fmt="PNG", size=(300, 100)))
    icon = process_favicon(uploaded_image(fmt="PNG", size=(64, 64)))
    branding.logo.save("logo.png", ContentFile(logo.content.read()), save=False)
    branding.favicon.save("favicon.png", ContentFile(icon.content.read()), save=False)
    save_branding(branding=branding)
    content = client.get(reverse("community:home")).content.decode()
    assert f'<link rel="icon" href="{branding.favicon.url}" type="image/png">' in content
    assert f'src="{branding.logo.url}" alt="" width="96" height="32"' in content
