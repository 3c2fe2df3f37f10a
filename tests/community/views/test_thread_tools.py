"""The thread page's tools by trust level: regulars retitle and move, super users lock and
merge, the support team pins; and the “Super user” flair on posts."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from community.models import AuditAction, AuditEntry, MemberVisit, Post, TrustLevel
from community.services.reactions import set_helpful_vote
from community.services.solutions import accept_answer
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread


@pytest.fixture
def regular(db):
    return MemberFactory(trust_level=TrustLevel.REGULAR)


@pytest.fixture
def super_user(db):
    return MemberFactory(trust_level=TrustLevel.LEADER)


def _page(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_regular_gets_title_tags_and_move_on_others_threads_only(client, member, regular):
    others = make_thread(author=member)
    own = make_thread(author=regular, title="My own printer question")
    client.force_login(regular)

    content = _page(client, others)
    assert "Edit title and tags" in content
    assert 'name="retitle-title"' in content
    assert 'name="move-space"' in content and 'name="move-kind"' not in content
    assert 'value="lock"' not in content and 'value="pin"' not in content
    assert "Merge into…" not in content

    assert "Edit title and tags" not in _page(client, own)  # their own: the edit page


def test_a_super_user_also_locks_and_merges_but_does_not_pin(client, member, super_user):
    thread = make_thread(author=member)
    client.force_login(super_user)
    content = _page(client, thread)
    assert 'value="lock"' in content and "Merge into…" in content
    assert 'value="pin"' not in content and 'name="move-kind"' not in content


def test_a_basic_member_gets_no_thread_tools(client, member, other_member):
    client.force_login(other_member)
    content = _page(client, make_thread(author=member))
    assert "Edit title and tags" not in content and 'name="move-space"' not in content


def test_retitle_saves_title_and_tags(client, member, regular):
    thread = make_thread(author=member, title="printer help pls")
    client.force_login(regular)
    response = client.post(
        f"/t/{thread.pk}/retitle/",
        {"retitle-title": "Printer drops the Wi-Fi connection", "retitle-tags": "printer"},
    )
    thread.refresh_from_db()
    assert response.status_code == 302
    assert thread.title == "Printer drops the Wi-Fi connection"
    assert list(thread.tags.values_list("name", flat=True)) == ["printer"]


def test_retitle_with_a_bad_title_keeps_what_was_typed(client, member, regular):
    thread = make_thread(author=member)
    client.force_login(regular)
    response = client.post(
        f"/t/{thread.pk}/retitle/", {"retitle-title": "Hm?", "retitle-tags": "x"}
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'value="Hm?"' in content and "at least 10 visible characters" in content


def test_retitle_is_refused_below_regular(client, member, other_member):
    thread = make_thread(author=member)
    client.force_login(other_member)
    response = client.post(f"/t/{thread.pk}/retitle/", {"retitle-title": "A much better title"})
    assert response.status_code == 403
    thread.refresh_from_db()
    assert thread.title == "Invoice PDF does not open"


def test_a_regular_moves_but_cannot_lock_or_change_the_kind(client, member, regular):
    thread = make_thread(author=member)
    target = SpaceFactory()
    client.force_login(regular)
    client.post(
        f"/t/{thread.pk}/moderate/",
        {"action": "move", "move-space": target.pk, "move-kind": "idea"},
    )
    thread.refresh_from_db()
    assert (thread.space, thread.kind) == (target, "question")
    assert client.post(f"/t/{thread.pk}/moderate/", {"action": "lock"}).status_code == 403
    assert client.post(f"/t/{thread.pk}/moderate/", {"action": "pin"}).status_code == 403


def test_a_super_user_locks_and_unlocks(client, member, super_user):
    thread = make_thread(author=member)
    client.force_login(super_user)
    client.post(f"/t/{thread.pk}/moderate/", {"action": "lock", "lock_reason": "Off topic"})
    thread.refresh_from_db()
    assert thread.is_locked
    assert thread.lock_reason == "Off topic"
    assert client.post(f"/t/{thread.pk}/moderate/", {"action": "pin"}).status_code == 403


# --- merging --------------------------------------------------------------------------------


def test_merge_asks_for_confirmation_then_moves_answers_and_redirects(client, member, super_user):
    original = make_thread(title="Invoice PDF is empty")
    duplicate = make_thread(author=member, title="Empty PDF invoice again")
    answer = make_answer(thread=duplicate)
    client.force_login(super_user)
    data = {"merge-into": f"http://testserver{original.get_absolute_url()}", "merge-reason": "Same"}

    # The first step only shows what will happen
    response = client.post(f"/t/{duplicate.pk}/merge/", data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Merge threads?" in content and "Invoice PDF is empty" in content
    assert "1 answer moves to the other thread" in content
    assert Post.objects.get(pk=answer.pk).thread_id == duplicate.pk

    # Confirmed, the answers move and the duplicate's address leads to the original
    response = client.post(f"/t/{duplicate.pk}/merge/", {**data, "merge-confirmed": "on"})
    assert response.status_code == 302 and response.url == original.get_absolute_url()
    assert Post.objects.get(pk=answer.pk).thread_id == original.pk
    client.logout()
    response = client.get(duplicate.get_absolute_url(), follow=True)
    assert response.redirect_chain[-1][0] == original.get_absolute_url()
    assert "was merged into this thread. Reason: Same" in response.content.decode()


@pytest.mark.parametrize("into", ["not a thread", "999999", "own"])
def test_merge_with_a_bad_target_keeps_the_form_and_says_why(client, member, super_user, into):
    duplicate = make_thread(author=member)
    client.force_login(super_user)
    into = str(duplicate.pk) if into == "own" else into
    response = client.post(
        f"/t/{duplicate.pk}/merge/",
        {"merge-into": into, "merge-reason": "Same", "merge-confirmed": "on"},
    )
    assert response.status_code == 400
    assert f'value="{into}"' in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.MERGE_THREAD).exists()


def test_merge_is_refused_below_super_user(client, member, regular):
    original, duplicate = make_thread(), make_thread(author=member)
    client.force_login(regular)
    data = {"merge-into": str(original.pk), "merge-reason": "Same", "merge-confirmed": "on"}
    assert client.post(f"/t/{duplicate.pk}/merge/", data).status_code == 403


# --- accepting for an asker who is away ------------------------------------------------------


def test_a_super_user_is_told_why_they_cannot_accept_for_an_active_asker(client, super_user):
    with time_machine.travel(timezone.now() - timedelta(days=10), tick=False):
        thread = make_thread()
        answer = make_answer(thread=thread)
    MemberVisit.objects.create(member=thread.author, day=timezone.localdate())
    client.force_login(super_user)
    response = client.post(f"/p/{answer.pk}/accept/")
    assert response.status_code == 403
    assert "The asker has been here in the last 7 days" in response.content.decode()
    # …and once the asker has been away for a week, the super user may
    MemberVisit.objects.all().delete()
    assert client.post(f"/p/{answer.pk}/accept/").status_code == 302
    thread.refresh_from_db()
    assert thread.solution_id == answer.pk


# --- the flair ----------------------------------------------------------------------------


def test_super_users_carry_the_flair_on_their_posts_regulars_and_staff_do_not(client, member):
    thread = make_thread(author=member)
    make_answer(thread=thread, author=MemberFactory(trust_level=TrustLevel.LEADER))
    make_answer(thread=thread, author=MemberFactory(trust_level=TrustLevel.REGULAR))
    make_answer(thread=thread, author=StaffFactory())
    content = _page(client, thread)
    assert content.count('class="badge badge--super-user"') == 1
    assert content.count('class="badge badge--staff"') == 1
    assert '<span class="badge badge--trust">Regular</span>' in content


# --- the page's cost --------------------------------------------------------------------


@pytest.mark.parametrize("level", [TrustLevel.REGULAR, TrustLevel.LEADER])
@pytest.mark.parametrize("answers", [3, 60])
def test_thread_page_query_count_for_trusted_members_does_not_grow(
    client, member, django_assert_max_num_queries, level, answers
):
    thread = make_thread(author=member)
    authors = [MemberFactory(trust_level=TrustLevel(n % 5)) for n in range(5)] + [StaffFactory()]
    posts = [make_answer(thread=thread, author=authors[i % len(authors)]) for i in range(answers)]
    accept_answer(answer=posts[1], by=member)
    viewer = MemberFactory(trust_level=level)
    set_helpful_vote(post=posts[0], by=viewer, voted=True)
    client.force_login(viewer)
    # The same budget as a basic member's page (tests/community/views/test_thread_page.py),
    # plus one for a super user: whether the asker has been away a week, plus one for the
    # review queue's count in the header (reviewers only; cached for a minute after), plus
    # one for the thread panels other apps add on a solved thread (the knowledge base's
    # article made from it: community.extensions.register_thread_panel); a super user's
    # answer editor lists their saved replies (community.extensions answer-editor tools);
    # plus one for the question's latest escalation (the support team's notice and who may
    # escalate: community.views.thread_page.escalation_context), plus one for the "Related
    # threads" panel when its list is not cached (similar.related).
    with django_assert_max_num_queries(19 + 2 * (level == TrustLevel.LEADER)):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
