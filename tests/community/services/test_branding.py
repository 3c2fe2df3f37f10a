"""The branding every page's header reads: cached, and fresh as soon as an admin saves it."""

from django.urls import reverse

from community.models import Branding
from community.services.branding import save_branding


def test_branding_current_is_read_once_and_then_cached(db, django_assert_num_queries):
    Branding.objects.create(pk=1, name="Acme Mobile")
    with django_assert_num_queries(1):
        assert Branding.objects.current().name == "Acme Mobile"
    with django_assert_num_queries(0):
        assert Branding.objects.current().name == "Acme Mobile"


def test_branding_current_caches_the_default_until_an_admin_saves_one(
    db, django_assert_num_queries
):
    assert Branding.objects.current().name == "Peerdesk"
    with django_assert_num_queries(0):
        assert Branding.objects.current().pk == 1


def test_save_branding_shows_the_new_branding_on_the_next_page(
    client, db, django_capture_on_commit_callbacks
):
    assert "Peerdesk" in client.get(reverse("community:home")).content.decode()
    branding = Branding.objects.current()
    branding.name = "Acme Mobile"
    branding.primary_colour = "#aa0000"
    with django_capture_on_commit_callbacks(execute=True):
        save_branding(branding=branding)
    content = client.get(reverse("community:home")).content.decode()
    assert "Acme Mobile" in content and "/brand.css?v=aa0000" in content


def test_save_branding_clears_what_another_process_cached_before_the_commit(
    db, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from community.models.branding import BRANDING_CACHE_KEY

    branding = Branding.objects.current()
    branding.name = "Acme Mobile"
    with django_capture_on_commit_callbacks(execute=True):
        save_branding(branding=branding)
        # Another process reads the old row before the transaction commits.
        cache.set(BRANDING_CACHE_KEY, Branding(pk=1, name="Peerdesk"))
    assert Branding.objects.current().name == "Acme Mobile"
