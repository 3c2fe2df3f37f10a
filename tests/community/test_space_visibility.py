"""A space an admin switches off takes its threads out of public view everywhere."""

import pytest
from django.urls import reverse

from community.models import Space
from community.permissions import visible_threads
from community.searching import search_threads
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_thread


@pytest.fixture
def retired_thread(db):
    space = SpaceFactory(slug="old-products")
    thread = make_thread(space=space, title="Old modem firmware update fails")
    Space.objects.filter(pk=space.pk).update(is_active=False)
    thread.space.refresh_from_db()
    return thread


def test_thread_in_a_switched_off_space_is_404_by_direct_url(client, retired_thread):
    assert client.get(retired_thread.get_absolute_url()).status_code == 404
    client.force_login(MemberFactory())
    assert client.get(retired_thread.get_absolute_url()).status_code == 404
    client.force_login(retired_thread.author)
    assert client.get(retired_thread.get_absolute_url()).status_code == 404


def test_staff_still_reach_threads_in_a_switched_off_space(client, retired_thread):
    client.force_login(StaffFactory())
    assert client.get(retired_thread.get_absolute_url()).status_code == 200


def test_thread_in_a_switched_off_space_is_in_no_list_and_no_sitemap(client, retired_thread):
    assert retired_thread not in visible_threads(MemberFactory())
    content = client.get(reverse("community:threads")).content.decode()
    assert retired_thread.title not in content
    assert retired_thread.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


def test_switching_a_space_off_in_the_admin_removes_its_threads_from_search(
    admin_client, db, indexed
):
    space = SpaceFactory(slug="old-products", name_en="Old products")
    with indexed():
        make_thread(space=space, title="Old modem firmware update fails")
    assert search_threads(query="modem firmware").total == 1

    data = {
        "slug": space.slug,
        "name_en": space.name_en,
        "name_de": space.name_de,
        "description_en": "",
        "description_de": "",
        "position": 0,
        "default_kind": space.default_kind,
        "first_response_target": 60,
    }  # fmt: skip  (is_active left out: the checkbox is off)
    with indexed():
        response = admin_client.post(reverse("admin:community_space_change", args=[space.pk]), data)
    assert response.status_code == 302
    assert search_threads(query="modem firmware").total == 0

    data["is_active"] = "on"
    with indexed():
        admin_client.post(reverse("admin:community_space_change", args=[space.pk]), data)
    assert search_threads(query="modem firmware").total == 1
