import pytest
from django.urls import reverse

from community.models import HelpfulVote, MeToo, TrustLevel
from community.services.solutions import accept_answer
from community.signals import post_voted
from tests.community.parallel import needs_postgresql, run_in_parallel
from tests.factories import MemberFactory, make_answer, make_thread


def test_helpful_with_htmx_returns_the_button_fragment(client, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    client.force_login(member)
    url = reverse("community:helpful", args=[answer.pk])
    response = client.post(url, {"vote": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.startswith("<form")
    assert 'aria-pressed="true"' in content
    assert '<span class="reaction__count">1</span>' in content
    assert '<input type="hidden" name="vote" value="0">' in content  # the next click unvotes
    response = client.post(url, {"vote": "0"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert '<span class="reaction__count">0</span>' in content
    assert '<input type="hidden" name="vote" value="1">' in content


def test_helpful_without_javascript_redirects_back_to_the_post(client, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    client.force_login(member)
    response = client.post(reverse("community:helpful", args=[answer.pk]), {"vote": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("community:post", args=[answer.pk])
    assert HelpfulVote.objects.filter(post=answer, member=member).exists()


def test_helpful_submitted_twice_counts_once(client, member, other_member, listen):
    """A double click used to cancel itself: the second request toggled the vote away."""
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    voted = listen(post_voted)
    client.force_login(member)
    url = reverse("community:helpful", args=[answer.pk])
    client.post(url, {"vote": "1"})
    client.post(url, {"vote": "1"})
    answer.refresh_from_db()
    assert answer.helpful_count == 1
    assert [call["added"] for call in voted] == [True]
    client.post(url, {"vote": "0"})
    client.post(url, {"vote": "0"})
    answer.refresh_from_db()
    assert answer.helpful_count == 0
    assert [call["added"] for call in voted] == [True, False]


@pytest.mark.parametrize("value", [None, "", "toggle", "2"])
def test_helpful_without_a_wanted_state_is_a_bad_request(client, member, other_member, value):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    client.force_login(member)
    data = {} if value is None else {"vote": value}
    response = client.post(reverse("community:helpful", args=[answer.pk]), data)
    assert response.status_code == 400
    assert not HelpfulVote.objects.exists()


def test_helpful_on_own_post_is_refused(client, member):
    thread = make_thread(author=member)
    response = client.post(reverse("community:helpful", args=[thread.posts.get().pk]))
    assert response.status_code == 302  # visitors go to log in first
    client.force_login(member)
    response = client.post(reverse("community:helpful", args=[thread.posts.get().pk]))
    assert response.status_code == 403
    assert "your own post" in response.content.decode()


def test_visitor_is_sent_to_log_in_and_back(client, member):
    thread = make_thread(author=member)
    response = client.post(reverse("community:me_too", args=[thread.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]
    response = client.post(reverse("community:me_too", args=[thread.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_me_too_sets_the_state_the_button_asks_for(client, member, other_member):
    thread = make_thread(author=member)
    other_member.trust_level = TrustLevel.MEMBER  # who may say “me too”
    other_member.save(update_fields=["trust_level"])
    client.force_login(other_member)
    url = reverse("community:me_too", args=[thread.pk])
    client.post(url, {"me_too": "1"})
    response = client.post(url, {"me_too": "1"}, HTTP_HX_REQUEST="true")
    assert MeToo.objects.filter(thread=thread, member=other_member).count() == 1
    content = response.content.decode()
    assert 'aria-pressed="true"' in content
    assert '<span class="reaction__count">1</span>' in content
    assert '<input type="hidden" name="me_too" value="0">' in content
    response = client.post(url, {"me_too": "0"}, HTTP_HX_REQUEST="true")
    assert not MeToo.objects.exists()
    assert 'aria-pressed="false"' in response.content.decode()


def test_solved_too_submitted_twice_counts_once(client, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    client.force_login(MemberFactory())
    url = reverse("community:solved_too", args=[answer.pk])
    client.post(url, {"solved_too": "1"})
    response = client.post(url, {"solved_too": "1"}, HTTP_HX_REQUEST="true")
    answer.refresh_from_db()
    assert answer.solved_too_count == 1
    assert '<input type="hidden" name="solved_too" value="0">' in response.content.decode()


def test_only_the_asker_staff_or_super_users_accept(client, member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    client.force_login(MemberFactory())
    assert client.post(reverse("community:accept", args=[answer.pk])).status_code == 403
    client.force_login(member)
    assert client.post(reverse("community:accept", args=[answer.pk])).status_code == 302
    thread.refresh_from_db()
    assert thread.solution == answer
    client.post(reverse("community:unaccept", args=[thread.pk]))
    thread.refresh_from_db()
    assert thread.solution is None


def test_staff_endorse_hide_and_moderate(client, member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    client.force_login(staff)
    client.post(reverse("community:endorse", args=[answer.pk]), {"endorse": "1"})
    client.post(reverse("community:moderate_thread", args=[thread.pk]), {"action": "pin"})
    client.post(reverse("community:hide_post", args=[answer.pk]), {"reason": "Spam link"})
    answer.refresh_from_db()
    thread.refresh_from_db()
    assert answer.endorsed_by == staff
    assert thread.is_pinned
    assert answer.hidden_reason == "Spam link"


def test_customers_cannot_use_staff_actions(client, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    client.force_login(member)
    assert (
        client.post(reverse("community:endorse", args=[answer.pk]), {"endorse": "1"}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("community:moderate_thread", args=[thread.pk]), {"action": "pin"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("community:hide_post", args=[answer.pk]), {"reason": "x"}).status_code
        == 403
    )
    assert client.get(reverse("community:staff_waiting")).status_code == 404


def test_idea_status_form_errors_keep_the_comment(client, member, staff):
    from community.models import ThreadKind

    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Invoices as CSV export please")
    client.force_login(staff)
    response = client.post(
        reverse("community:idea_status", args=[idea.pk]),
        {"status": "already_exists", "comment": "We have this already, look here"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "We have this already, look here" in content
    assert "Link the idea" in content


def test_staff_waiting_list_puts_overdue_questions_first(client, staff):
    from datetime import timedelta

    from django.utils import timezone

    from community.models import Thread

    fresh = make_thread(title="A question asked just now")
    old = make_thread(title="A question asked hours ago")
    Thread.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=3))
    client.force_login(staff)
    content = client.get(reverse("community:staff_waiting")).content.decode()
    assert content.index(old.title) < content.index(fresh.title)
    assert "overdue" in content


def test_post_permalink_goes_to_the_post_in_its_thread(client, member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread)
    response = client.get(reverse("community:post", args=[answer.pk]))
    assert response["Location"] == f"{thread.get_absolute_url()}#post-{answer.pk}"


def test_edit_and_history(client, member):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    client.force_login(member)
    response = client.post(
        reverse("community:edit_post", args=[opening.pk]),
        {
            "title": "Invoice PDF does not open in Safari",
            "body": "Only in Safari it fails.",
            "tags": "",
            "revision": "1",
        },
    )
    assert response.status_code == 302
    content = client.get(reverse("community:post_history", args=[opening.pk])).content.decode()
    assert '<ins class="diff-ins"> in Safari</ins>' in content
    assert "Version 2" in content


def test_edit_of_someone_elses_post_is_refused(client, member, other_member):
    thread = make_thread(author=member)
    client.force_login(other_member)
    assert (
        client.get(reverse("community:edit_post", args=[thread.posts.get().pk])).status_code == 403
    )


def test_delete_own_question_only_while_unanswered(client, member):
    thread = make_thread(author=member)
    make_answer(thread=thread)
    client.force_login(member)
    response = client.post(
        reverse("community:delete_post", args=[thread.posts.get(is_opening=True).pk])
    )
    assert response.status_code == 403
    assert "has answers" in response.content.decode()


# --- twenty requests at once ------------------------------------------------------------------


def _reaction(kind: str):
    """(url, POST field, signal, count) for a reaction on fresh content by other members."""
    from community.models import Post, Thread
    from community.signals import me_too_changed, solved_too_changed

    thread = make_thread(author=MemberFactory())
    answer = make_answer(thread=thread, author=MemberFactory())
    if kind == "helpful":
        return (reverse("community:helpful", args=[answer.pk]), "vote", post_voted,
                lambda: Post.objects.get(pk=answer.pk).helpful_count)  # fmt: skip
    if kind == "me_too":
        return (reverse("community:me_too", args=[thread.pk]), "me_too", me_too_changed,
                lambda: Thread.objects.get(pk=thread.pk).me_too_count)  # fmt: skip
    accept_answer(answer=answer, by=thread.author)
    return (reverse("community:solved_too", args=[answer.pk]), "solved_too", solved_too_changed,
            lambda: Post.objects.get(pk=answer.pk).solved_too_count)  # fmt: skip


@needs_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["helpful", "me_too", "solved_too"])
def test_twenty_parallel_requests_by_one_member_count_once(kind, listen):
    from django.test import Client

    from community.models import HelpfulVote, MeToo, SolvedToo

    # Given a member with twenty browser tabs (one session and one connection each)
    url, field, signal, count = _reaction(kind)
    member = MemberFactory(trust_level=TrustLevel.MEMBER)  # "me too" is a level-2 privilege
    clients = [Client() for _ in range(20)]
    for tab in clients:
        tab.force_login(member)
    calls = listen(signal)

    # When all of them ask for the vote at the same moment
    statuses = run_in_parallel(lambda i: clients[i].post(url, {field: "1"}).status_code, 20)

    # Then every request succeeds, and the vote is there once: one row, one count, one signal
    assert statuses == [302] * 20
    assert count() == 1
    rows = {"helpful": HelpfulVote, "me_too": MeToo, "solved_too": SolvedToo}[kind]
    assert rows.objects.filter(member=member).count() == 1
    assert [(call["by"].pk, call["added"]) for call in calls] == [(member.pk, True)]

    # When all of them take it back at the same moment, it is gone once
    statuses = run_in_parallel(lambda i: clients[i].post(url, {field: "0"}).status_code, 20)
    assert statuses == [302] * 20
    assert count() == 0
    assert [call["added"] for call in calls] == [True, False]
