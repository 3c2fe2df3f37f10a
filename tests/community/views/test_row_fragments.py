"""Row fragments on thread lists (community/views/rows.py): each row's HTML is kept by what
it shows, so a list put together from the cache is the list rendered afresh, whatever
changed and whoever reads."""

import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.test.signals import template_rendered
from django.utils import timezone

from community.models import Space
from community.services.members import update_profile
from community.services.posts import hide_post
from community.services.reactions import set_me_too
from community.services.solutions import accept_answer
from community.services.staff import (
    move_thread,
    retitle_thread,
    set_thread_locked,
    set_thread_pinned,
)
from community.views.rows import ROW_TEMPLATE
from tests.factories import (
    MemberFactory,
    SpaceFactory,
    StaffFactory,
    TagFactory,
    make_answer,
    make_thread,
)

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"')


def _normalised(response) -> str:
    """The page with its CSRF tokens blanked: every response masks the token anew."""
    assert response.status_code == 200
    return TOKEN.sub(r'\1"…"', response.content.decode())


@contextmanager
def _counting_row_renders():
    renders = []

    def receiver(sender, template, context, **kwargs):
        if template.name == ROW_TEMPLATE:
            renders.append(context.get("thread"))

    template_rendered.connect(receiver)
    try:
        yield renders
    finally:
        template_rendered.disconnect(receiver)


@pytest.fixture
def people(db):
    return {
        "asker": MemberFactory(username="asker", display_name="Asker"),
        "helper": MemberFactory(username="helper", display_name="Helper"),
        "staff": StaffFactory(username="agent"),
    }


@pytest.fixture
def scene(people):
    billing = SpaceFactory(slug="billing", name_en="Billing", name_de="Rechnungen")
    network = SpaceFactory(slug="network", name_en="Network", name_de="Netzwerk")
    thread = make_thread(
        author=people["asker"], space=billing, title="Invoice PDF is empty", tags=[TagFactory()]
    )
    tip = make_answer(thread=thread, author=people["helper"], body="Open it in another viewer.")
    make_thread(author=people["helper"], space=network, title="Router restarts every hour")
    return {"thread": thread, "tip": tip, "billing": billing, "network": network}


def _readers(people) -> dict[str, Client]:
    readers = {"visitor": Client(), "german visitor": Client(HTTP_ACCEPT_LANGUAGE="de")}
    for name in ("asker", "staff"):
        readers[name] = Client()
        readers[name].force_login(people[name])
    return readers


def _assert_cached_equals_fresh(readers, urls, settings, step: str) -> None:
    for name, client in readers.items():
        for url in urls:
            client.get(url)  # warm: rows stored for this page's language
            cached = _normalised(client.get(url))
            settings.PEERDESK_ROW_FRAGMENT_CACHE = False
            fresh = _normalised(client.get(url))
            settings.PEERDESK_ROW_FRAGMENT_CACHE = True
            assert cached == fresh, f"{step}: {name} got a stale row on {url}"


def test_attach_row_fragments_list_from_cache_equals_fresh_list_after_every_change(
    people, scene, settings
):
    thread, staff = scene["thread"], people["staff"]
    urls = ["/", "/questions/", "/questions/?lang=all", scene["billing"].get_absolute_url()]
    readers = _readers(people)
    later = timezone.now() + timedelta(hours=3)
    steps = [
        ("nothing changed", lambda: None),
        ("new answer", lambda: make_answer(thread=thread, author=people["staff"])),
        ("me too", lambda: set_me_too(thread=thread, by=people["helper"], me_too=True)),
        ("solution", lambda: accept_answer(answer=scene["tip"], by=people["asker"])),
        ("retitle and tags", lambda: retitle_thread(thread=thread, by=staff, title="Invoice PDF is blank", tags=[TagFactory(name="pdf")])),
        ("pin", lambda: set_thread_pinned(thread=thread, by=staff, pinned=True)),
        ("lock", lambda: set_thread_locked(thread=thread, by=staff, locked=True)),
        ("move", lambda: move_thread(thread=thread, by=staff, space=scene["network"])),
        ("space renamed", lambda: Space.objects.filter(pk=scene["network"].pk).update(name_en="Home network", name_de="Heimnetz")),
        ("last poster renamed", lambda: update_profile(member=people["staff"], by=people["staff"], display_name="Alex from Care")),
        ("moderation", lambda: hide_post(post=thread.posts.get(is_opening=True), by=staff, reason="Personal data")),
        ("language", lambda: update_profile(member=people["asker"], by=people["asker"], locale="de")),
    ]  # fmt: skip
    for step, change in steps:
        change()
        thread.refresh_from_db()
        _assert_cached_equals_fresh(readers, urls, settings, step)
    with time_machine.travel(later):
        _assert_cached_equals_fresh(readers, urls, settings, "three hours later")


def test_attach_row_fragments_renders_each_row_once_for_all_readers_of_a_language(
    people, scene, settings
):
    url = "/questions/"
    with _counting_row_renders() as renders:
        Client().get(url)
    assert len(renders) == 2
    # Rows show nothing of who reads them: other visitors and members share them.
    member = Client()
    member.force_login(people["asker"])
    with _counting_row_renders() as renders:
        Client().get(url)
        member.get(url)
    assert renders == []
    # Another language is another row; a change is one row rendered anew.
    with _counting_row_renders() as renders:
        Client(HTTP_ACCEPT_LANGUAGE="de").get(url, {"lang": "all"})
    assert len(renders) == 2
    set_me_too(thread=scene["thread"], by=people["helper"], me_too=True)
    with _counting_row_renders() as renders:
        Client().get(url)
    assert [row["pk"] for row in renders] == [scene["thread"].pk]
    # Switched off, every row is rendered every time.
    settings.PEERDESK_ROW_FRAGMENT_CACHE = False
    with _counting_row_renders() as renders:
        Client().get(url)
    assert len(renders) == 2
