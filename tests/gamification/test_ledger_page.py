"""/members/<username>/reputation/: the ledger as each viewer may see it, and the admin."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.extensions import profile_sections
from community.services.posts import hide_post
from community.services.reactions import set_helpful_vote
from community.services.solutions import accept_answer
from gamification.models import ReputationEvent, ReputationReason, ReputationRule
from gamification.selectors.ledger import LEDGER_PER_PAGE
from gamification.services import ledger
from gamification.views.ledger import reputation_profile_section
from tests.factories import MemberFactory, make_answer, make_thread


def _url(member) -> str:
    return reverse("gamification:reputation", kwargs={"username": member.username})


def _vote_on_answers(author, count: int) -> list:
    """`count` answers by `author`, each marked helpful once, on threads of their own."""
    answers = []
    for number in range(count):
        thread = make_thread(title=f"Question number {number} about invoices")
        answer = make_answer(thread=thread, author=author)
        set_helpful_vote(post=answer, by=thread.author, voted=True)
        answers.append(answer)
    return answers


def test_the_page_lists_the_ledger_newest_first_with_links_to_the_posts(
    client, member, other_member
):
    thread = make_thread(author=member, title="Router blinks red all night")
    answer = make_answer(thread=thread, author=other_member)
    with time_machine.travel(datetime(2026, 3, 1, 12, tzinfo=UTC), tick=False):
        set_helpful_vote(post=answer, by=member, voted=True)
    with time_machine.travel(datetime(2026, 3, 2, 12, tzinfo=UTC), tick=False):
        accept_answer(answer=answer, by=member)

    response = client.get(_url(other_member))

    assert response.status_code == 200
    content = response.content.decode()
    accepted = content.index("Answer accepted as the solution")
    helpful = content.index("Answer marked helpful")
    assert accepted < helpful  # newest first
    assert "+15" in content and "+10" in content
    assert f'href="{answer.get_absolute_url()}">Router blinks red all night</a>' in content


def test_a_reversal_shows_as_minus_and_says_why(client, member, other_member):
    answer = make_answer(thread=make_thread(author=member), author=other_member)
    set_helpful_vote(post=answer, by=member, voted=True)
    set_helpful_vote(post=answer, by=member, voted=False)
    content = client.get(_url(other_member)).content.decode()
    assert "\u221210" in content
    assert "(taken back)" in content


def test_a_hidden_post_is_named_only_to_those_who_may_see_it(client, member, other_member, staff):
    thread = make_thread(author=member, title="Cannot log in since the update")
    answer = make_answer(thread=thread, author=other_member)
    set_helpful_vote(post=answer, by=member, voted=True)
    hide_post(post=answer, by=staff, reason="Contains a phone number")

    # A visitor and another member see the points, not the post
    for viewer in (None, member):
        if viewer is None:
            client.logout()
        else:
            client.force_login(viewer)
        content = client.get(_url(other_member)).content.decode()
        assert "Cannot log in since the update" not in content
        assert "a post you cannot see" in content
        assert "(post hidden or deleted)" in content

    # Its author and moderators see which post it was
    for viewer in (other_member, staff):
        client.force_login(viewer)
        content = client.get(_url(other_member)).content.decode()
        assert "Cannot log in since the update" in content


def test_the_page_speaks_the_readers_language_and_time_zone(client, member, other_member):
    answer = make_answer(thread=make_thread(author=member), author=other_member)
    # 23:30 in UTC is already the next morning in Berlin
    with time_machine.travel(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), tick=False):
        set_helpful_vote(post=answer, by=member, voted=True)
    reader = MemberFactory(locale="de", time_zone="Europe/Berlin")
    client.force_login(reader)
    content = client.get(_url(other_member)).content.decode()
    assert "Antwort als hilfreich markiert" in content
    assert 'datetime="2026-03-02T00:30:00+01:00"' in content
    assert "2. März 2026" in content


def test_the_page_has_25_rows_and_then_a_next_page(client, other_member):
    _vote_on_answers(other_member, LEDGER_PER_PAGE + 1)
    first = client.get(_url(other_member))
    assert first.content.decode().count('class="ledger__row"') == LEDGER_PER_PAGE
    assert 'rel="next"' in first.content.decode()
    second = client.get(_url(other_member), {"page": 2})
    assert second.content.decode().count('class="ledger__row"') == 1


@pytest.mark.parametrize("page", ["0", "abc", "-3", "99999999999999"])
def test_a_bad_page_number_is_no_error(client, other_member, page):
    assert client.get(_url(other_member), {"page": page}).status_code == 200


def test_a_member_without_reputation_gets_an_empty_page(client, member):
    content = client.get(_url(member)).content.decode()
    assert "has not earned any reputation yet" in content


def test_unknown_and_deactivated_members_have_no_page(client, member):
    assert client.get(reverse("gamification:reputation", args=["nobody"])).status_code == 404
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert client.get(_url(member)).status_code == 404


def test_the_page_query_count_does_not_grow_with_the_ledger(client, member, other_member):
    """Two queries of its own (the events of one page, the titles the viewer may see) plus
    the site's per-request ones; the same for 2 rows as for a full page of 25."""
    counts = []
    for rows in (2, LEDGER_PER_PAGE + 5):
        author = MemberFactory()
        _vote_on_answers(author, rows)
        for viewer in (None, member):
            if viewer is None:
                client.logout()
            else:
                client.force_login(viewer)
            client.get(_url(author))  # per-process caches warm, as on a running site
            with CaptureQueriesContext(connection) as queries:
                assert client.get(_url(author)).status_code == 200
            counts.append(len(queries))
    visitor_small, member_small, visitor_full, member_full = counts
    assert (visitor_small, member_small) == (visitor_full, member_full)
    assert visitor_full <= 4  # the content version, the member shown, events, titles
    assert member_full <= 6  # + session and viewer (+1 left for the notification bell)


# --- the profile ----------------------------------------------------------------------------


def test_the_profile_links_to_the_reputation_history_without_a_query(
    client, member, django_assert_num_queries
):
    with django_assert_num_queries(0):
        section = reputation_profile_section(member=member, viewer=None)
    assert section == {"template": "gamification/profile_reputation.html", "member": member}
    assert section in profile_sections(member=member, viewer=None)
    content = client.get(member.get_absolute_url()).content.decode()
    assert f'href="{_url(member)}">Reputation history</a>' in content


# --- the admin ------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    client.force_login(MemberFactory(is_staff=True, is_superuser=True))
    return client


def test_an_admin_changes_a_rule_and_the_next_booking_uses_it(admin_client, member, other_member):
    rule = ReputationRule.objects.get(reason=ReputationReason.ANSWER_HELPFUL)
    ledger.points_for(ReputationReason.ANSWER_HELPFUL)  # cached
    response = admin_client.post(
        reverse("admin:gamification_reputationrule_change", args=[rule.pk]), {"points": "11"}
    )
    assert response.status_code == 302
    answer = make_answer(thread=make_thread(author=member), author=other_member)
    set_helpful_vote(post=answer, by=member, voted=True)
    assert ReputationEvent.objects.get().points == 11


def test_the_ledger_is_read_only_in_the_admin(admin_client, member, other_member):
    answer = make_answer(thread=make_thread(author=member), author=other_member)
    set_helpful_vote(post=answer, by=member, voted=True)
    event = ReputationEvent.objects.get()
    listing = admin_client.get(
        reverse("admin:gamification_reputationevent_changelist"), {"reason": "answer_helpful"}
    )
    assert listing.status_code == 200
    assert other_member.display_name in listing.content.decode()
    assert admin_client.get(reverse("admin:gamification_reputationevent_add")).status_code == 403
    delete = reverse("admin:gamification_reputationevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:gamification_reputationevent_change", args=[event.pk])
    admin_client.post(change, {"points": "1000"})
    event.refresh_from_db()
    assert event.points == 10
