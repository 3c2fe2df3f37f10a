from community.models import HelpfulVote, MeToo, SolvedToo, ThreadFollow
from community.services.reactions import set_helpful_vote, set_me_too, set_solved_too
from community.services.solutions import accept_answer
from community.signals import post_voted
from tests.factories import MemberFactory, make_answer, make_thread


def test_set_helpful_vote_twice_counts_once(listen, member, other_member):
    """A double-submitted vote must not take itself back (it used to toggle)."""
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    voted = listen(post_voted)

    assert set_helpful_vote(post=answer, by=member, voted=True) is True
    assert set_helpful_vote(post=answer, by=member, voted=True) is False

    assert answer.helpful_count == 1
    assert HelpfulVote.objects.filter(post=answer, member=member).count() == 1
    assert len(voted) == 1


def test_set_helpful_vote_takes_the_vote_back_and_unvoting_again_changes_nothing(
    listen, member, other_member
):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    set_helpful_vote(post=answer, by=member, voted=True)
    voted = listen(post_voted)

    assert set_helpful_vote(post=answer, by=member, voted=False) is True
    assert set_helpful_vote(post=answer, by=member, voted=False) is False

    answer.refresh_from_db()
    assert answer.helpful_count == 0
    assert not HelpfulVote.objects.exists()
    assert [call["added"] for call in voted] == [False]


def test_set_helpful_vote_without_a_vote_to_take_back_leaves_the_count(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    set_helpful_vote(post=answer, by=MemberFactory(), voted=True)
    assert set_helpful_vote(post=answer, by=member, voted=False) is False
    answer.refresh_from_db()
    assert answer.helpful_count == 1


def test_set_helpful_vote_on_the_question_counts_for_the_thread(member, other_member):
    thread = make_thread(author=member)
    opening = thread.posts.get(is_opening=True)
    set_helpful_vote(post=opening, by=other_member, voted=True)
    set_helpful_vote(post=opening, by=other_member, voted=True)
    thread.refresh_from_db()
    assert thread.helpful_count == 1


def test_set_me_too_follows_the_thread_and_counts_once(member, other_member):
    thread = make_thread(author=member)
    assert set_me_too(thread=thread, by=other_member, me_too=True) is True
    assert set_me_too(thread=thread, by=other_member, me_too=True) is False
    assert thread.me_too_count == 1
    assert MeToo.objects.filter(thread=thread).count() == 1
    assert ThreadFollow.objects.filter(thread=thread, member=other_member).exists()
    assert set_me_too(thread=thread, by=other_member, me_too=False) is True
    assert set_me_too(thread=thread, by=other_member, me_too=False) is False
    assert thread.me_too_count == 0


def test_set_solved_too_counts_per_member_once(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    third, fourth = MemberFactory(), MemberFactory()
    set_solved_too(post=answer, by=third, solved_too=True)
    set_solved_too(post=answer, by=third, solved_too=True)
    set_solved_too(post=answer, by=fourth, solved_too=True)
    assert answer.solved_too_count == 2
    assert SolvedToo.objects.filter(post=answer).count() == 2
    set_solved_too(post=answer, by=fourth, solved_too=False)
    set_solved_too(post=answer, by=fourth, solved_too=False)
    assert answer.solved_too_count == 1
