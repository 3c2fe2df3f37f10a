"""Editing under races and stale forms; restoring what was deleted."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import AuditAction, AuditEntry, Post, PostRevision, Thread
from community.services.posts import delete_post, edit_post
from community.signals import post_restored, thread_restored
from community.tasks import tasks_muted
from tests.community.parallel import needs_postgresql, run_in_parallel
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread

# --- editing ------------------------------------------------------------------------------------


def test_edit_form_carries_the_revision_it_is_based_on(client, member):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    edit_post(post=opening, by=member, body="A second version of the question.")
    client.force_login(member)
    content = client.get(reverse("community:edit_post", args=[opening.pk])).content.decode()
    assert '<input type="hidden" name="revision" value="2"' in content
    assert "Revision" not in content  # a hidden field, no label


def test_edit_from_a_stale_form_shows_both_texts_and_overwrites_nothing(
    client, member, other_member
):
    # Given the author opened the edit form at revision 1 of their answer
    thread = make_thread(author=other_member)
    answer = make_answer(thread=thread, author=member, body="Clear the cache, then retry.")
    url = reverse("community:edit_post", args=[answer.pk])
    client.force_login(member)
    # …and in another tab saved a first correction
    client.post(url, {"body": "Clear the browser cache, then retry.", "revision": "1"})

    # When the first tab saves its own change, still based on revision 1
    response = client.post(url, {"body": "Log out, clear the cache, retry.", "revision": "1"})

    # Then nothing is overwritten, and both texts are on the page
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone saved a newer version of this post while you were editing it." in content
    assert "Log out, clear the cache, retry." in content  # theirs, kept in the form
    assert "Clear the browser cache, then retry." in content  # the current one
    assert "Version 2, saved by" in content
    answer.refresh_from_db()
    assert answer.body == "Clear the browser cache, then retry."
    # …and the form is now based on the version shown, so the merged text can be saved
    assert '<input type="hidden" name="revision" value="2"' in content
    response = client.post(url, {"body": "Log out, clear the browser cache, retry.",
                                 "revision": "2"})  # fmt: skip
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body == "Log out, clear the browser cache, retry."
    assert answer.revision_count == 3


def test_edit_of_a_question_from_a_stale_form_shows_the_current_title_and_tags(client, member):
    thread = make_thread(author=member, title="Invoice PDF does not open")
    opening = thread.posts.get()
    edit_post(post=opening, by=member, body=opening.body, title="Invoice PDF is empty in Safari")
    client.force_login(member)
    response = client.post(
        reverse("community:edit_post", args=[opening.pk]),
        {"title": "Invoice PDF fails in the app", "body": opening.body, "tags": "",
         "revision": "1"},
    )  # fmt: skip
    assert response.status_code == 409
    content = response.content.decode()
    assert "Invoice PDF is empty in Safari" in content
    assert 'value="Invoice PDF fails in the app"' in content
    thread.refresh_from_db()
    assert thread.title == "Invoice PDF is empty in Safari"


@pytest.mark.parametrize("revision", [None, "", "abc", "0", "²"])
def test_edit_form_without_a_usable_revision_is_treated_as_stale(client, member, revision):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    client.force_login(member)
    data = {"title": thread.title, "body": "A new text for the question.", "tags": ""}
    if revision is not None:
        data["revision"] = revision
    response = client.post(reverse("community:edit_post", args=[opening.pk]), data)
    assert response.status_code == 409
    assert "A new text for the question." in response.content.decode()
    opening.refresh_from_db()
    assert opening.revision_count == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_edits_from_one_form_save_one_and_lose_none(listen):
    """Ten parallel edits used to give six 500s (a revision number taken twice)."""
    # Given ten tabs that all opened the edit form at revision 1
    author = MemberFactory()
    thread = make_thread(author=MemberFactory())
    answer = make_answer(thread=thread, author=author)
    url = reverse("community:edit_post", args=[answer.pk])
    tabs = [Client() for _ in range(10)]
    for tab in tabs:
        tab.force_login(author)

    # When all ten save a different text at the same moment
    def save(i):
        response = tabs[i].post(url, {"body": f"Version from tab {i}, retry.", "revision": "1"})
        return response.status_code, response.content.decode()

    results = run_in_parallel(save, 10)

    # Then no request fails; one is saved, and the nine others see the saved text next to theirs
    assert not [result for result in results if isinstance(result, BaseException)]
    statuses = sorted(status for status, _ in results)
    assert statuses == [302] + [409] * 9
    answer.refresh_from_db()
    assert list(answer.revisions.values_list("number", flat=True)) == [1, 2]
    for status, content in results:
        if status == 409:
            assert answer.body in content


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_edits_without_a_base_revision_number_their_revisions_in_turn():
    author = MemberFactory()
    thread = make_thread(author=author)
    opening = thread.posts.get()

    def save(i):
        post = Post.objects.get(pk=opening.pk)  # each editor loaded revision 1
        # Revision numbers are the point. Inline, each edit's search-index task would write
        # the one Whoosh index from ten threads of one process, which no deployment does
        # (the worker's processes take turns on its lock and retry).
        with tasks_muted():
            return edit_post(post=post, by=author, body=f"Version {i} of the question text.")

    results = run_in_parallel(save, 10)

    assert not [result for result in results if isinstance(result, Exception)]
    numbers = PostRevision.objects.filter(post=opening).values_list("number", flat=True)
    assert sorted(numbers) == list(range(1, 12))
    opening.refresh_from_db()
    assert opening.revision_count == 11


# --- restoring ----------------------------------------------------------------------------------


def test_staff_see_a_restore_button_on_a_deleted_answer(client, member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    delete_post(post=answer, by=other_member)
    restore_url = reverse("community:restore_post", args=[answer.pk])
    client.force_login(member)
    assert restore_url not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(staff)
    assert restore_url in client.get(thread.get_absolute_url()).content.decode()


def test_restore_brings_back_a_deleted_answer(client, member, other_member, staff, listen):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    delete_post(post=answer, by=other_member)
    restored = listen(post_restored)
    client.force_login(staff)
    response = client.post(reverse("community:restore_post", args=[answer.pk]))
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.deleted_at is None
    assert [(call["post"].pk, call["by"]) for call in restored] == [(answer.pk, staff)]
    assert AuditEntry.objects.filter(action=AuditAction.RESTORE_POST, actor=staff).exists()
    # A second click (a stale page) changes nothing and is no error
    assert client.post(reverse("community:restore_post", args=[answer.pk])).status_code == 302
    assert len(restored) == 1


def test_restore_is_for_staff_only(client, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    delete_post(post=answer, by=other_member)
    url = reverse("community:restore_post", args=[answer.pk])
    response = client.post(url)
    assert response.status_code == 302  # visitors log in first
    assert response["Location"].startswith(reverse("account_login"))
    for who in (other_member, member, MemberFactory(trust_level=4)):
        client.force_login(who)
        response = client.post(url)
        assert response.status_code == 403
        assert "Only the support team can restore deleted posts." in response.content.decode()
    answer.refresh_from_db()
    assert answer.deleted_at is not None


def test_restore_of_an_answer_in_a_deleted_thread_says_to_restore_the_thread(
    client, member, other_member, staff
):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    delete_post(post=answer, by=other_member)
    delete_post(post=thread.posts.get(is_opening=True), by=member)
    client.force_login(staff)
    response = client.post(reverse("community:restore_post", args=[answer.pk]))
    assert response.status_code == 403
    assert "Restore the thread first" in response.content.decode()


def test_staff_restore_a_deleted_thread_from_its_tombstone(client, member, staff, listen):
    thread = make_thread(author=member)
    delete_post(post=thread.posts.get(), by=member)
    restore_url = reverse("community:restore_thread", args=[thread.pk])
    client.force_login(member)
    page = client.get(thread.get_absolute_url())
    assert page.status_code == 410
    assert restore_url not in page.content.decode()
    assert client.post(restore_url).status_code == 403

    restored = listen(thread_restored)
    client.force_login(staff)
    page = client.get(thread.get_absolute_url())
    assert restore_url in page.content.decode()
    response = client.post(restore_url)
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert Thread.objects.public().filter(pk=thread.pk).exists()
    assert [call["thread"].pk for call in restored] == [thread.pk]
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_delete_then_staff_restore_keeps_the_audit_trail(client, member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    client.force_login(other_member)
    client.post(reverse("community:delete_post", args=[answer.pk]))
    client.force_login(StaffFactory())
    client.post(reverse("community:restore_post", args=[answer.pk]))
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        AuditAction.DELETE_POST,
        AuditAction.RESTORE_POST,
    ]


def test_staff_delete_someone_elses_answer_saying_why(client, member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member, body="Cheap parts in our shop.")
    client.force_login(staff)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'id="delete-reason-{answer.pk}"' in page
    assert 'value="spam"' in page and 'value="guidelines"' in page

    refused = client.post(f"/p/{answer.pk}/delete/", follow=True)
    assert "only spam and posts that break the guidelines" in refused.content.decode()
    assert Post.objects.get(pk=answer.pk).deleted_at is None

    client.post(f"/p/{answer.pk}/delete/", {"reason": "spam"})
    assert Post.objects.get(pk=answer.pk).deleted_at is not None


def test_an_author_deletes_their_own_post_without_a_reason(client, member):
    thread = make_thread(author=member)
    own = make_answer(thread=thread, author=member, body="Never mind, it works now.")
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'id="delete-reason-{own.pk}"' not in page
    client.post(f"/p/{own.pk}/delete/")
    assert Post.objects.get(pk=own.pk).deleted_at is not None
