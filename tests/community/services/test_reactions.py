from community.models import HelpfulVote, ThreadFollow
from community.services.reactions import toggle_helpful_vote, toggle_me_too, toggle_solved_too
from community.services.solutions import accept_answer
from tests.factories import MemberFactory, make_answer, make_thread


def test_toggle_helpful_vote_counts_once_and_a_second_click_takes_it_back(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)

    assert toggle_helpful_vote(post=answer, by=member) is True
    assert answer.helpful_count == 1
    assert toggle_helpful_vote(post=answer, by=member) is False
    assert answer.helpful_count == 0
    assert not HelpfulVote.objects.exists()


def test_toggle_helpful_vote_on_the_question_counts_for_the_thread(member, other_member):
    thread = make_thread(author=member)
    toggle_helpful_vote(post=thread.posts.get(is_opening=True), by=other_member)
    thread.refresh_from_db()
    assert thread.helpful_count == 1


def test_toggle_me_too_follows_the_thread(member, other_member):
    thread = make_thread(author=member)
    assert toggle_me_too(thread=thread, by=other_member) is True
    assert thread.me_too_count == 1
    assert ThreadFollow.objects.filter(thread=thread, member=other_member).exists()
    assert toggle_me_too(thread=thread, by=other_member) is False
    assert thread.me_too_count == 0


def test_toggle_solved_too_counts_per_member(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    third, fourth = MemberFactory(), MemberFactory()
    toggle_solved_too(post=answer, by=third)
    toggle_solved_too(post=answer, by=fourth)
    assert answer.solved_too_count == 2
