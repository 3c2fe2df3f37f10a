"""Reads the pages share."""

from community import selectors
from community.services.solutions import accept_answer, set_answer_endorsement
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread


def test_post_position_agrees_with_the_pages_of_thread_page(monkeypatch, member, db):
    """Solution, then official and recommended answers come first: permalinks count the same way."""
    monkeypatch.setattr(selectors, "ANSWERS_PER_PAGE", 2)
    thread = make_thread(author=member)
    answers = [make_answer(thread=thread, body=f"Answer number {n} with text.") for n in range(5)]
    staff = StaffFactory()
    official = make_answer(thread=thread, author=staff, body="The official answer, posted last.")
    set_answer_endorsement(answer=answers[3], by=staff, endorsed=True)
    accept_answer(answer=answers[4], by=member)
    thread.refresh_from_db()

    shown_on = {}
    for number in (1, 2, 3, 4):
        page = selectors.thread_page(member=MemberFactory(), thread=thread, page_number=number)
        for post in page.answers.object_list:
            shown_on.setdefault(post.pk, number)

    for post in [*answers, official]:
        post.refresh_from_db()
        assert selectors.post_position(post) == shown_on[post.pk], post.body
    assert selectors.post_position(answers[4]) == 1
