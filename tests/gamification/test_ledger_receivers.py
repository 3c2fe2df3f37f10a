"""Reputation booked from community's signals: every reason, every reversal, and replays.

The first tests act through community's services, as the site does; the replay test sends
the signals by hand, each twice, as a duplicated delivery would.
"""

import pytest

from community import signals
from community.models import Member, Post, Thread
from community.services.posts import delete_post, hide_post, restore_post, unhide_post
from community.services.reactions import set_helpful_vote, set_solved_too
from community.services.solutions import accept_answer, set_answer_endorsement, unaccept_answer
from gamification.models import ReputationEvent, ReputationReason
from tests.factories import MemberFactory, make_answer, make_thread
from tests.gamification.ledger_helpers import ledger_rows, ledger_sum, reputation, standing

HELPFUL = ReputationReason.ANSWER_HELPFUL
ACCEPTED = ReputationReason.ANSWER_ACCEPTED


@pytest.fixture
def thread(member):
    return make_thread(author=member)


@pytest.fixture
def answer(thread, other_member):
    return make_answer(thread=thread, author=other_member)


@pytest.fixture(autouse=True)
def _totals_match_the_ledger(db):
    """Whatever a test does, every cached total ends equal to its ledger's sum."""
    yield
    for member in Member.objects.all():
        assert member.reputation == ledger_sum(member), member.username


# --- helpful votes ------------------------------------------------------------------------


def test_a_helpful_vote_on_an_answer_books_10_for_its_author(answer):
    voter = MemberFactory()
    set_helpful_vote(post=answer, by=voter, voted=True)
    event = ReputationEvent.objects.get()
    assert (event.member, event.reason, event.points) == (answer.author, HELPFUL, 10)
    assert (event.actor_key, event.space_id) == (voter.pk, answer.thread.space_id)
    assert reputation(answer.author) == 10


def test_a_helpful_vote_on_a_question_books_5_for_the_asker(thread, member):
    opening = thread.posts.get(is_opening=True)
    set_helpful_vote(post=opening, by=MemberFactory(), voted=True)
    assert standing(member, ReputationReason.QUESTION_HELPFUL, opening) == 5
    assert reputation(member) == 5


def test_vote_withdraw_vote_again_leaves_one_standing_booking(answer):
    voter = MemberFactory()
    set_helpful_vote(post=answer, by=voter, voted=True)
    set_helpful_vote(post=answer, by=voter, voted=False)
    assert reputation(answer.author) == 0
    set_helpful_vote(post=answer, by=voter, voted=True)
    rows = ReputationEvent.objects.order_by("pk").values_list("round", "is_reversal", "points")
    assert list(rows) == [(1, False, 10), (1, True, -10), (2, False, 10)]
    assert reputation(answer.author) == 10


def test_votes_from_different_members_each_count(answer):
    for voter in MemberFactory.create_batch(3):
        set_helpful_vote(post=answer, by=voter, voted=True)
    assert reputation(answer.author) == 30


# --- solutions ----------------------------------------------------------------------------


def test_accepting_books_15_for_the_answerer_and_2_for_the_asker(thread, answer, member):
    accept_answer(answer=answer, by=member)
    assert standing(answer.author, ACCEPTED, answer) == 15
    assert standing(member, ReputationReason.ACCEPTED_AN_ANSWER, answer) == 2


def test_a_moderator_accepting_for_the_asker_earns_nothing(thread, answer, member, staff):
    accept_answer(answer=answer, by=staff)
    assert standing(answer.author, ACCEPTED, answer) == 15
    assert reputation(staff) == 0 and reputation(member) == 0


def test_accepting_your_own_answer_earns_nothing(thread, member):
    own = make_answer(thread=thread, author=member, body="Found it: the PDF reader was outdated.")
    accept_answer(answer=own, by=member)
    assert not ReputationEvent.objects.exists()


def test_changing_the_solution_moves_the_points(thread, answer, member):
    better = make_answer(thread=thread, body="Download it again from the invoices page.")
    accept_answer(answer=answer, by=member)
    accept_answer(answer=better, by=member)
    assert standing(answer.author, ACCEPTED, answer) == 0
    assert standing(better.author, ACCEPTED, better) == 15
    assert reputation(member) == 2  # the asker's +2 follows the solution


def test_unaccepting_reverses_both_bookings(thread, answer, member):
    accept_answer(answer=answer, by=member)
    unaccept_answer(thread=thread, by=member)
    assert (reputation(answer.author), reputation(member)) == (0, 0)
    assert ReputationEvent.objects.filter(is_reversal=True, suspended=False).count() == 2


def test_endorsing_books_20_and_withdrawing_takes_them_back(answer, staff):
    set_answer_endorsement(answer=answer, by=staff, endorsed=True)
    assert reputation(answer.author) == 20
    set_answer_endorsement(answer=answer, by=staff, endorsed=False)
    assert reputation(answer.author) == 0


def test_solved_too_books_5_per_member_and_is_taken_back(thread, answer, member):
    accept_answer(answer=answer, by=member)
    others = MemberFactory.create_batch(2)
    for other in others:
        set_solved_too(post=answer, by=other, solved_too=True)
    assert standing(answer.author, ReputationReason.SOLVED_TOO, answer) == 10
    set_solved_too(post=answer, by=others[0], solved_too=False)
    assert standing(answer.author, ReputationReason.SOLVED_TOO, answer) == 5


# --- hidden and deleted posts --------------------------------------------------------------


def test_hiding_a_solution_suspends_its_points_and_unhiding_brings_back_all_but_the_solution(
    thread, answer, member, staff
):
    voter, withdrawn = MemberFactory.create_batch(2)
    set_helpful_vote(post=answer, by=voter, voted=True)
    set_helpful_vote(post=answer, by=withdrawn, voted=True)
    set_helpful_vote(post=answer, by=withdrawn, voted=False)
    set_answer_endorsement(answer=answer, by=staff, endorsed=True)
    accept_answer(answer=answer, by=member)
    assert reputation(answer.author) == 10 + 20 + 15

    hide_post(post=answer, by=staff, reason="Contains a phone number")
    assert reputation(answer.author) == 0 and reputation(member) == 0

    unhide_post(post=answer, by=staff)
    # The vote and the recommendation are back; the solution stays unaccepted (as the
    # thread does), the withdrawn vote stays withdrawn.
    assert reputation(answer.author) == 10 + 20
    assert standing(answer.author, ACCEPTED, answer) == 0
    assert reputation(member) == 0
    assert ReputationEvent.objects.filter(suspended=True).count() == 2


def test_deleting_and_restoring_a_question_takes_its_votes_along(thread, member, staff):
    opening = thread.posts.get(is_opening=True)
    set_helpful_vote(post=opening, by=MemberFactory(), voted=True)
    delete_post(post=opening, by=member)
    assert reputation(member) == 0
    restore_post(post=opening, by=staff)
    assert reputation(member) == 5


def test_a_post_restored_while_still_hidden_earns_nothing_until_unhidden(answer, staff):
    set_helpful_vote(post=answer, by=MemberFactory(), voted=True)
    hide_post(post=answer, by=staff, reason="Spam")
    delete_post(post=answer, by=answer.author)
    restore_post(post=answer, by=staff)
    assert reputation(answer.author) == 0
    unhide_post(post=answer, by=staff)
    assert reputation(answer.author) == 10


# --- replays --------------------------------------------------------------------------------


def test_replaying_every_signal_twice_leaves_the_same_ledger(thread, answer, member, staff):
    """Each signal a second time, with the same arguments, changes nothing."""
    # Given a thread with two answers, a voter, a bystander and a moderator
    opening = thread.posts.get(is_opening=True)
    second = make_answer(thread=thread, body="Open it in another browser.")
    voter, bystander = MemberFactory.create_batch(2)
    sends = [
        (signals.post_voted, Post, {"post": answer, "by": voter, "added": True}),
        (signals.post_voted, Post, {"post": opening, "by": voter, "added": True}),
        (signals.answer_accepted, Thread,
         {"thread": thread, "answer": answer, "by": member, "previous": None}),
        (signals.solved_too_changed, Post, {"post": answer, "by": bystander, "added": True}),
        (signals.answer_endorsed, Post, {"post": second, "by": staff, "endorsed": True}),
        (signals.answer_accepted, Thread,
         {"thread": thread, "answer": second, "by": member, "previous": answer}),
        (signals.post_hidden, Post, {"post": second, "by": staff, "reason": "Spam"}),
        (signals.post_unhidden, Post, {"post": second, "by": staff}),
        (signals.answer_unaccepted, Thread, {"thread": thread, "answer": second, "by": member}),
        (signals.answer_endorsed, Post, {"post": second, "by": staff, "endorsed": False}),
        (signals.solved_too_changed, Post, {"post": answer, "by": bystander, "added": False}),
        (signals.post_voted, Post, {"post": answer, "by": voter, "added": False}),
        (signals.post_deleted, Post, {"post": opening, "by": member}),
        (signals.post_restored, Post, {"post": opening, "by": staff, "reason": ""}),
        (signals.post_voted, Post, {"post": answer, "by": voter, "added": True}),
    ]  # fmt: skip

    # When each is sent, and then sent again
    for signal, sender, arguments in sends:
        signal.send(sender=sender, **arguments)
        once = ledger_rows()
        totals = [reputation(m) for m in (member, answer.author, second.author)]
        signal.send(sender=sender, **arguments)

        # Then the second delivery added no row and moved no total
        assert ledger_rows() == once, signal
        assert [reputation(m) for m in (member, answer.author, second.author)] == totals

    # And the ledger holds what the story earned: one vote on the answer, one on the question
    assert reputation(answer.author) == 10
    assert reputation(member) == 5
    assert reputation(second.author) == 0
    assert standing(answer.author, HELPFUL, answer) == 10
    assert ReputationEvent.objects.get(reason=HELPFUL, is_reversal=False, round=2)
    # three bookings on the hidden answer, one on the deleted question: each suspended once
    assert ReputationEvent.objects.filter(suspended=True).count() == 4
