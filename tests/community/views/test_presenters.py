"""Post fragments on the thread page (community/views/presenters.py): each post's HTML is
kept by what it shows, so a page put together from the cache is the page rendered afresh,
whatever changed and whoever looks."""

import re
from contextlib import contextmanager

import pytest
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse

from community.models import TrustLevel
from community.services.flags import flag_post
from community.services.members import set_trust_level, update_profile
from community.services.posts import delete_post, edit_post, hide_post, unhide_post
from community.services.reactions import set_helpful_vote
from community.services.solutions import accept_answer, set_answer_endorsement
from community.services.staff import set_thread_locked
from community.views.presenters import POST_TEMPLATE, _csrf_placeholder
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"')


def _normalised(response) -> str:
    """The page with its CSRF tokens blanked: every response masks the token anew."""
    assert response.status_code == 200
    return TOKEN.sub(r'\1"…"', response.content.decode())


@contextmanager
def _counting_post_renders():
    renders = []

    def receiver(sender, template, context, **kwargs):
        if template.name == POST_TEMPLATE:
            renders.append(context.get("post"))

    template_rendered.connect(receiver)
    try:
        yield renders
    finally:
        template_rendered.disconnect(receiver)


@pytest.fixture
def people(db):
    asker = MemberFactory(username="asker", display_name="Asker")
    helper = MemberFactory(username="helper", display_name="Helper")
    bystander = MemberFactory(username="bystander")
    staff = StaffFactory(username="agent")
    return {"asker": asker, "helper": helper, "bystander": bystander, "staff": staff}


@pytest.fixture
def scene(people):
    thread = make_thread(author=people["asker"], title="Router restarts every hour")
    tip = make_answer(thread=thread, author=people["helper"], body="Update the firmware first.")
    official = make_answer(thread=thread, author=people["staff"], body="We are on it, see status.")
    other = make_answer(thread=thread, author=people["bystander"], body="Same here since Monday.")
    return {"thread": thread, "tip": tip, "official": official, "other": other}


def _viewers(people) -> dict[str, Client]:
    clients = {"visitor": Client()}
    for name in ("asker", "helper", "bystander", "staff"):
        clients[name] = Client()
        clients[name].force_login(people[name])
    return clients


def _assert_cached_equals_fresh(viewers, url, settings, step: str) -> None:
    for name, client in viewers.items():
        client.get(url)  # warm: fragments stored for this viewer's flags
        cached = _normalised(client.get(url))
        settings.PEERDESK_POST_FRAGMENT_CACHE = False
        fresh = _normalised(client.get(url))
        settings.PEERDESK_POST_FRAGMENT_CACHE = True
        assert cached == fresh, f"{step}: {name} got a stale fragment"


def test_attach_post_fragments_page_from_cache_equals_fresh_page_after_every_change(
    people, scene, settings
):
    thread, tip, official = scene["thread"], scene["tip"], scene["official"]
    url = thread.get_absolute_url()
    viewers = _viewers(people)
    steps = [
        ("nothing changed", lambda: None),
        ("vote", lambda: set_helpful_vote(post=tip, by=people["asker"], voted=True)),
        ("flag", lambda: flag_post(post=scene["other"], by=people["helper"], reason="spam")),
        ("edit", lambda: edit_post(post=tip, by=people["helper"], body="Update the firmware.")),
        ("accept", lambda: accept_answer(answer=tip, by=people["asker"])),
        ("endorse", lambda: set_answer_endorsement(answer=scene["other"], by=people["staff"], endorsed=True)),
        ("hide", lambda: hide_post(post=scene["other"], by=people["staff"], reason="Off topic")),
        ("unhide", lambda: unhide_post(post=scene["other"], by=people["staff"])),
        ("rename", lambda: update_profile(member=people["helper"], by=people["helper"], display_name="Helpful Hana")),
        ("trust level", lambda: set_trust_level(member=people["helper"], level=TrustLevel.LEADER, by=None)),
        ("signature", lambda: update_profile(member=people["staff"], by=people["staff"], staff_signature="Alex, Care")),
        ("lock", lambda: set_thread_locked(thread=thread, by=people["staff"], locked=True)),
        ("time zone", lambda: update_profile(member=people["asker"], by=people["asker"], time_zone="America/New_York")),
        ("language", lambda: update_profile(member=people["bystander"], by=people["bystander"], locale="de")),
        ("delete", lambda: delete_post(post=official, by=people["staff"])),
    ]  # fmt: skip
    for step, change in steps:
        change()
        _assert_cached_equals_fresh(viewers, url, settings, step)


def test_attach_post_fragments_renders_each_post_once_for_all_alike_viewers(people, scene):
    url = scene["thread"].get_absolute_url()
    first_visitor, second_visitor = Client(), Client()
    with _counting_post_renders() as renders:
        first_visitor.get(url)
    assert len(renders) == 4  # the question and three answers
    with _counting_post_renders() as renders:
        second_visitor.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert renders == []

    # Two members who may do the same on every post share fragments too.
    one, two = MemberFactory(), MemberFactory()
    first, second = Client(), Client()
    first.force_login(one)
    second.force_login(two)
    first.get(url)
    with _counting_post_renders() as renders:
        second.get(url)
    assert renders == []

    # A vote is one post shown anew (with its new count), for visitors and members alike.
    set_helpful_vote(post=scene["tip"], by=people["asker"], voted=True)
    with _counting_post_renders() as renders:
        first_visitor.get(url)
    assert [post.pk for post in renders] == [scene["tip"].pk]


def test_attach_post_fragments_gives_each_member_their_own_csrf_token(people, scene):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["bystander"])
    url = scene["thread"].get_absolute_url()
    client.get(url)
    page = client.get(url).content.decode()  # fragments from the cache
    assert _csrf_placeholder() not in page
    form = re.search(
        rf'action="/p/{scene["tip"].pk}/helpful/".*?name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
    )
    assert form, "the helpful button's form"
    response = client.post(
        reverse("community:helpful", args=[scene["tip"].pk]),
        {"vote": "1", "csrfmiddlewaretoken": form.group(1)},
    )
    assert response.status_code == 302


def test_attach_post_fragments_json_ld_follows_votes(people, scene):
    client = Client()
    url = scene["thread"].get_absolute_url()
    accept_answer(answer=scene["tip"], by=people["asker"])
    assert '"upvoteCount": 0' in client.get(url).content.decode()
    set_helpful_vote(post=scene["tip"], by=people["bystander"], voted=True)
    content = client.get(url).content.decode()
    accepted = re.search(r'"acceptedAnswer": \{[^}]*"upvoteCount": (\d+)', content)
    assert accepted and accepted.group(1) == "1"
