"""/badges/, /badges/<slug>/ and the badges on a member's profile."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from community.models import Post
from gamification.badges import BADGES
from gamification.models import BadgeAward
from tests.factories import MemberFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

BADGES_URL = reverse("gamification:badges")


@pytest.fixture(autouse=True)
def _back_to_english():
    """A German request leaves German active in this thread for the tests after it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _award(member, slug, *, days_ago=0, source_id=None):
    return BadgeAward.objects.create(
        member=member,
        badge=slug,
        source_type=ContentType.objects.get_for_model(Post) if source_id else None,
        source_id=source_id,
        awarded_at=timezone.now() - timedelta(days=days_ago),
    )


def _badge_url(slug: str) -> str:
    return reverse("gamification:badge", kwargs={"slug": slug})


# --- /badges/ -------------------------------------------------------------------------------


def test_badge_list_shows_every_badge_with_how_to_earn_it_and_its_holders(client, member):
    _award(member, "guru")
    _award(MemberFactory(), "guru")
    content = client.get(BADGES_URL).content.decode()
    for badge in BADGES:
        assert f'href="{_badge_url(badge.slug)}"' in content
        assert str(badge.description) in content
    assert "2 members hold it" in content
    assert "You have this badge" not in content


def test_badge_list_counts_a_member_with_a_repeatable_badge_once(client, member):
    _award(member, "good-answer", source_id=1)
    _award(member, "good-answer", source_id=2)
    assert "1 member holds it" in client.get(BADGES_URL).content.decode()


def test_badge_list_tells_a_member_which_badges_they_hold(member_client, member):
    _award(member, "first-question")
    _award(MemberFactory(), "guru")
    content = member_client.get(BADGES_URL).content.decode()
    assert content.count("You have this badge") == 1
    assert f"You hold 1 of {len(BADGES)} badges." in content


def test_badge_list_in_german(client, member):
    _award(member, "first-question")
    response = client.get(BADGES_URL, HTTP_ACCEPT_LANGUAGE="de")
    content = response.content.decode()
    assert "Erste Frage" in content
    assert "Stell deine erste Frage." in content
    assert "1 Mitglied hat es" in content
    assert "Gold" in content and "Silber" in content


@pytest.mark.parametrize("holders", [1, 30])
def test_badge_list_query_count_is_fixed(client, django_assert_max_num_queries, holders):
    members = [MemberFactory() for _ in range(holders)]
    for member in members:
        for badge in BADGES[:5]:
            _award(member, badge.slug)
    # A visitor: the page version (ETag), the branding, the holders of every badge.
    with django_assert_max_num_queries(3):
        assert client.get(BADGES_URL).status_code == 200
    # A member: their session, themselves, and the badges they hold.
    client.force_login(members[0])
    with django_assert_max_num_queries(6):
        assert client.get(BADGES_URL).status_code == 200


# --- /badges/<slug>/ ------------------------------------------------------------------------


def test_badge_page_lists_who_earned_it_newest_first(client):
    earlier = MemberFactory(display_name="Earlier Earner")
    later = MemberFactory(display_name="Later Learner")
    _award(earlier, "rescuer", days_ago=3)
    _award(later, "rescuer", days_ago=1)
    _award(MemberFactory(display_name="Someone Else"), "guru")
    content = client.get(_badge_url("rescuer")).content.decode()
    assert "Rescuer" in content
    assert "more than 7 days" in content
    assert content.index("Later Learner") < content.index("Earlier Earner")
    assert "Someone Else" not in content
    assert "2 members hold it." in content


def test_badge_page_without_holders_invites_to_earn_it(client, db):
    assert "Nobody has earned this badge yet" in client.get(_badge_url("guru")).content.decode()


def test_badge_page_leaves_out_inactive_members(client):
    gone = MemberFactory(display_name="Gone Member", is_active=False)
    _award(gone, "guru")
    content = client.get(_badge_url("guru")).content.decode()
    assert "Gone Member" not in content
    assert "Nobody has earned this badge yet" in content


def test_badge_page_is_paginated(client):
    for number in range(51):
        _award(MemberFactory(display_name=f"Holder {number:02d}"), "supporter", days_ago=number)
    first = client.get(_badge_url("supporter")).content.decode()
    assert "Holder 00" in first and "Holder 49" in first and "Holder 50" not in first
    second = client.get(_badge_url("supporter") + "?page=2").content.decode()
    assert "Holder 50" in second and "Holder 49" not in second


@pytest.mark.parametrize("page", ["abc", "-1", "0"])
def test_badge_page_reads_a_bad_page_number_as_the_first(client, page):
    _award(MemberFactory(display_name="Only Holder"), "supporter")
    response = client.get(_badge_url("supporter") + f"?page={page}")
    assert response.status_code == 200
    assert "Only Holder" in response.content.decode()


def test_badge_page_past_the_end_is_not_found(client, member):
    _award(member, "supporter")
    assert client.get(_badge_url("supporter") + "?page=3").status_code == 404


def test_unknown_badge_is_not_found(client, db):
    assert client.get(_badge_url("no-such-badge")).status_code == 404


def test_badge_page_in_german(client, member):
    _award(member, "guru")
    content = client.get(_badge_url("guru"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "250 deiner Antworten werden als Lösung akzeptiert." in content
    assert "Wer es bekommen hat" in content


@pytest.mark.parametrize("holders", [1, 40])
def test_badge_page_query_count_is_fixed(client, django_assert_max_num_queries, holders):
    members = [MemberFactory() for _ in range(holders)]
    for number, member in enumerate(members):
        _award(member, "good-answer", source_id=number + 1)
    # A visitor: the page version, the branding, the page of holders, how many hold it
    # (the kinds of sources are cached after their first use).
    with django_assert_max_num_queries(5):
        assert client.get(_badge_url("good-answer")).status_code == 200
    client.force_login(members[0])
    with django_assert_max_num_queries(6):
        assert client.get(_badge_url("good-answer")).status_code == 200


# --- the profile ----------------------------------------------------------------------------


def test_profile_shows_the_members_badges_best_first(client, member):
    _award(member, "first-question", days_ago=2)
    _award(member, "guru", days_ago=5)
    _award(member, "good-answer", source_id=1)
    _award(member, "good-answer", source_id=2)
    content = client.get(member.get_absolute_url()).content.decode()
    section = content[content.index('id="member-badges"') :]
    assert section.index("Guru") < section.index("Good answer") < section.index("First question")
    assert "2 times" in section
    assert f'href="{_badge_url("guru")}"' in section


def test_profile_of_a_member_without_badges(client, member):
    assert "No badges yet." in client.get(member.get_absolute_url()).content.decode()


@pytest.mark.parametrize("badges", [0, 8])
def test_profile_badges_cost_one_query(client, member, badges):
    for badge in BADGES[:badges]:
        _award(member, badge.slug)
    with CaptureQueriesContext(connection) as captured:
        client.get(member.get_absolute_url())
    badge_queries = [q for q in captured.captured_queries if "gamification_badgeaward" in q["sql"]]
    assert len(badge_queries) == 1


def test_badge_page_links_what_a_repeatable_badge_was_earned_for(client, member):
    answer = make_answer(thread=make_thread(), author=member)
    idea = make_thread(kind="idea")
    BadgeAward.objects.create(
        member=member,
        badge="good-answer",
        source_type=ContentType.objects.get_for_model(answer),
        source_id=answer.pk,
        awarded_at=timezone.now(),
    )
    BadgeAward.objects.create(
        member=idea.author,
        badge="idea-delivered",
        source_type=ContentType.objects.get_for_model(idea),
        source_id=idea.pk,
        awarded_at=timezone.now(),
    )
    content = client.get(_badge_url("good-answer")).content.decode()
    assert f'href="{answer.get_absolute_url()}">for this post</a>' in content
    content = client.get(_badge_url("idea-delivered")).content.decode()
    assert f'href="/t/{idea.pk}/">for this thread</a>' in content
