from django.urls import reverse

from community.models import HelpfulVote, MeToo
from tests.factories import make_answer, make_thread


def test_helpful_with_htmx_returns_the_button_fragment(client, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    client.force_login(member)
    response = client.post(reverse("community:helpful", args=[answer.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.startswith("<form")
    assert 'aria-pressed="true"' in content
    assert '<span class="reaction__count">1</span>' in content
    response = client.post(reverse("community:helpful", args=[answer.pk]), HTTP_HX_REQUEST="true")
    assert '<span class="reaction__count">0</span>' in response.content.decode()


def test_helpful_without_javascript_redirects_back_to_the_post(client, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    client.force_login(member)
    response = client.post(reverse("community:helpful", args=[answer.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("community:post", args=[answer.pk])
    assert HelpfulVote.objects.filter(post=answer, member=member).exists()


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


def test_me_too_toggles(client, member, other_member):
    thread = make_thread(author=member)
    client.force_login(other_member)
    client.post(reverse("community:me_too", args=[thread.pk]))
    assert MeToo.objects.filter(thread=thread, member=other_member).exists()
    response = client.post(reverse("community:me_too", args=[thread.pk]), HTTP_HX_REQUEST="true")
    assert not MeToo.objects.exists()
    assert 'aria-pressed="false"' in response.content.decode()


def test_only_the_asker_staff_or_super_users_accept(client, member, other_member, staff):
    from tests.factories import MemberFactory

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
