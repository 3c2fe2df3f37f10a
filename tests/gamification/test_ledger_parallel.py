"""Reputation booked by parallel requests on PostgreSQL: exactly right, never twice."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import HelpfulVote
from gamification.models import ReputationEvent, ReputationReason, SpaceReputation
from gamification.services import ledger
from tests.community.parallel import needs_postgresql, run_in_parallel
from tests.factories import MemberFactory, make_answer, make_thread
from tests.gamification.ledger_helpers import (
    ledger_sum,
    ledger_sum_in,
    reputation,
    reputation_in,
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_members_voting_at_once_book_exactly_ten_votes():
    # Given an answer and ten members, each signed in in their own browser
    author = MemberFactory()
    answer = make_answer(thread=make_thread(), author=author)
    voters = MemberFactory.create_batch(10)
    browsers = [Client() for _ in voters]
    for browser, voter in zip(browsers, voters, strict=True):
        browser.force_login(voter)
    url = reverse("community:helpful", args=[answer.pk])

    # When all ten mark it helpful at the same moment
    results = run_in_parallel(lambda i: browsers[i].post(url, {"vote": "1"}).status_code, 10)

    # Then every vote counts once, in the ledger and in the author's total
    assert not [result for result in results if isinstance(result, BaseException)]
    assert HelpfulVote.objects.filter(post=answer).count() == 10
    events = ReputationEvent.objects.filter(member=author, reason=ReputationReason.ANSWER_HELPFUL)
    assert sorted(events.values_list("actor_key", flat=True)) == sorted(v.pk for v in voters)
    assert set(events.values_list("points", "round", "is_reversal")) == {(10, 1, False)}
    assert reputation(author) == 100 == ledger_sum(author)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_one_event_delivered_ten_times_at_once_books_once():
    """A duplicated delivery racing itself: nine lose on the unique constraint, quietly."""
    author, voter = MemberFactory(), MemberFactory()
    answer = make_answer(thread=make_thread(), author=author)

    def book(i):
        return ledger.book(
            member=author,
            reason=ReputationReason.ANSWER_HELPFUL,
            source=answer,
            actor_key=voter.pk,
        )

    results = run_in_parallel(book, 10)

    assert not [result for result in results if isinstance(result, BaseException)]
    assert len([result for result in results if result is not None]) == 1
    assert ReputationEvent.objects.filter(member=author).count() == 1
    assert reputation(author) == 10


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_bookings_at_once_in_one_space_leave_its_total_exact():
    """The member's first bookings in a space, all at once: one creates the total, the others
    add to it (after waiting for it on the unique constraint), none is lost."""
    author = MemberFactory()
    thread = make_thread()
    answer = make_answer(thread=thread, author=author)
    voters = MemberFactory.create_batch(10)

    def book(i):
        return ledger.book(
            member=author,
            reason=ReputationReason.ANSWER_HELPFUL,
            source=answer,
            actor_key=voters[i].pk,
            space=thread.space,
        )

    results = run_in_parallel(book, 10)

    assert not [result for result in results if isinstance(result, BaseException)]
    assert reputation_in(author, thread.space) == 100 == ledger_sum_in(author, thread.space)
    assert SpaceReputation.objects.filter(member=author).count() == 1
    assert ledger.recalculate_reputation(dry_run=True) == []
