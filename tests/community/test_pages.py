import pytest
from django.urls import reverse

from community.models import Branding


@pytest.mark.parametrize("name", ["community:home", "community:guidelines", "community:privacy"])
def test_public_pages_render(client, db, name):
    assert client.get(reverse(name)).status_code == 200


def test_shell_shows_branding_from_the_admin(client, db):
    Branding.objects.create(
        pk=1,
        name="Acme Mobile",
        primary_colour="#aa0000",
        support_hours_en="Around the clock",
        support_hours_de="Rund um die Uhr",
    )
    content = client.get(reverse("community:home")).content.decode()
    assert "Acme Mobile" in content
    assert 'href="/brand.css?v=aa0000"' in content
    assert "--brand: #aa0000" in client.get("/brand.css?v=aa0000").content.decode()
    assert "Around the clock" in content
    german = client.get(reverse("community:home"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Rund um die Uhr" in german


def test_shell_has_landmarks_skip_link_and_labelled_search(client, db):
    content = client.get(reverse("community:threads")).content.decode()  # home has its own search
    for fragment in (
        "<header",
        '<main id="main"',
        "<footer",
        'href="#main"',
        'role="search"',
        '<label class="visually-hidden" for="site-search-q">',
    ):
        assert fragment in content


def test_unknown_url_gives_branded_404(client, db):
    response = client.get("/this/does/not/exist/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_htmx_is_served_from_our_static_files(client, db):
    content = client.get(reverse("community:home")).content.decode()
    assert "/static/vendor/htmx/htmx.min.js" in content
    assert "unpkg" not in content and "cdn" not in content.lower()


def test_anonymous_page_view_writes_nothing_to_the_database(client, db, django_assert_num_queries):
    client.get(reverse("community:home"))  # warm up
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("community:home"))
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


@pytest.mark.parametrize("who", ["visitor", "member", "staff"])
def test_every_page_header_and_footer_link_leads_somewhere(client, db, who):
    """The header's and footer's links are reversed once per process (shell_urls): a key
    the template misspells would render an empty address, never an error."""
    from community.context_processors import SHELL_URLS
    from tests.factories import MemberFactory, StaffFactory

    if who != "visitor":
        client.force_login(StaffFactory() if who == "staff" else MemberFactory())
    content = client.get(reverse("community:home")).content.decode()
    assert 'href=""' not in content and 'action=""' not in content
    assert f'href="{reverse(SHELL_URLS["guidelines"])}"' in content
    assert f'action="{reverse(SHELL_URLS["switch_language"])}"' in content
