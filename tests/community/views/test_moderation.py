"""The moderation pages and actions as members meet them: split, close as a duplicate, lock
with a reason, silence and suspend, the public history and the staff's audit log."""

import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from community.models import AuditAction, AuditEntry, Member, Thread, TrustLevel
from community.services.moderation import close_as_duplicate, silence_member, suspend_member
from community.services.posts import hide_post
from community.services.staff import set_thread_locked
from tests.factories import MemberFactory, make_answer, make_thread


@pytest.fixture
def super_user(db):
    return MemberFactory(
        username="leader", display_name="Lee Leader", trust_level=TrustLevel.LEADER
    )


# --- split ---------------------------------------------------------------------------------


def test_split_page_lists_answers_with_checkboxes(client, member, super_user):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, body="Check the printer driver.")
    client.force_login(super_user)
    page = client.get(f"/t/{thread.pk}/split/").content.decode()
    assert f'id="split-answer-{answer.pk}"' in page and "Check the printer driver." in page


def test_split_moves_the_chosen_answers_and_redirects(client, member, super_user):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread)
    client.force_login(super_user)
    response = client.post(
        f"/t/{thread.pk}/split/",
        {"answers": [answer.pk], "title": "Printing fails as well", "reason": "Other problem"},
    )
    new_thread = Thread.objects.exclude(pk=thread.pk).get()
    assert response.status_code == 302 and response.url == new_thread.get_absolute_url()
    assert new_thread.posts.get().pk == answer.pk


def test_split_without_answers_keeps_what_was_typed(client, member, super_user):
    thread = make_thread(author=member)
    make_answer(thread=thread)
    client.force_login(super_user)
    response = client.post(
        f"/t/{thread.pk}/split/", {"title": "Printing fails as well", "reason": "Other problem"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least one answer to move." in page and "Printing fails as well" in page


def test_split_is_refused_to_regular_members(client, member):
    thread = make_thread(author=member)
    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    assert client.get(f"/t/{thread.pk}/split/").status_code == 403


# --- close as duplicate and lock -------------------------------------------------------------


def test_close_as_duplicate_shows_the_link_and_reason(client, member, super_user):
    thread = make_thread(author=member, title="PDF broken")
    original = make_thread(author=member, title="Invoice PDF won't open")
    client.force_login(super_user)
    response = client.post(
        f"/t/{thread.pk}/duplicate/",
        {"duplicate-original": str(original.pk), "duplicate-reason": "Answered there"},
    )
    assert response.status_code == 302
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Closed as a duplicate of" in page and original.get_absolute_url() in page
    assert "Answered there" in page and "/guidelines/" in page
    client.post(f"/t/{thread.pk}/duplicate/", {"action": "reopen"})
    assert not Thread.objects.get(pk=thread.pk).is_locked


def test_close_as_duplicate_with_an_unknown_thread_keeps_the_reason(client, member, super_user):
    thread = make_thread(author=member)
    client.force_login(super_user)
    response = client.post(
        f"/t/{thread.pk}/duplicate/",
        {"duplicate-original": "999999", "duplicate-reason": "Answered there"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "No thread with that address or number was found." in page and "Answered there" in page


def test_lock_needs_a_reason_and_shows_it(client, member, super_user):
    thread = make_thread(author=member)
    client.force_login(super_user)
    refused = client.post(f"/t/{thread.pk}/moderate/", {"action": "lock"})
    assert refused.status_code == 400 and not Thread.objects.get(pk=thread.pk).is_locked
    client.post(f"/t/{thread.pk}/moderate/", {"action": "lock", "lock_reason": "Gone heated"})
    client.logout()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Locked by a moderator" in page and "Gone heated" in page and "/guidelines/" in page


def test_a_hidden_post_links_to_the_guidelines(client, member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread)
    hide_post(post=answer, by=staff, reason="Spam")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "This post was hidden by a moderator. Reason: Spam" in page
    assert "/guidelines/" in page


# --- the public history ----------------------------------------------------------------------


def test_moderation_history_lists_actions_without_private_details(client, member, super_user):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, body="Buy cheap pills at spam.example")
    hide_post(post=answer, by=super_user, reason="Advertising")
    set_thread_locked(thread=thread, by=super_user, locked=True, reason="Too heated")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f"/t/{thread.pk}/moderation/" in page
    history = client.get(f"/t/{thread.pk}/moderation/").content.decode()
    assert "Hid a post" in history and "Advertising" in history
    assert "Locked a thread" in history and "Too heated" in history
    assert "Lee Leader" in history
    assert "spam.example" not in history


def test_no_history_link_when_nothing_happened(client, member):
    thread = make_thread(author=member)
    assert "/moderation/" not in client.get(thread.get_absolute_url()).content.decode()


def test_moderation_history_query_count_does_not_grow(
    client, member, super_user, django_assert_max_num_queries
):
    thread = make_thread(author=member)
    for number in range(12):
        set_thread_locked(thread=thread, by=super_user, locked=number % 2 == 0, reason="x")
    with django_assert_max_num_queries(12):
        assert client.get(f"/t/{thread.pk}/moderation/").status_code == 200


def test_moderation_history_of_a_hidden_thread_is_404_for_visitors(client, member, staff):
    thread = make_thread(author=member)
    hide_post(post=thread.posts.get(), by=staff, reason="Spam")
    assert client.get(f"/t/{thread.pk}/moderation/").status_code == 404


# --- the staff's audit log -------------------------------------------------------------------


def test_staff_audit_is_403_for_others(client, member, super_user):
    assert client.get("/staff/audit/").status_code == 403
    client.force_login(super_user)
    assert client.get("/staff/audit/").status_code == 403


def test_staff_audit_filters_and_links_targets(client, member, staff, super_user):
    thread = make_thread(author=member)
    set_thread_locked(thread=thread, by=super_user, locked=True, reason="Heated")
    silence_member(member=member, until=timezone.now() + timedelta(days=1), reason="Spam", by=staff)
    client.force_login(staff)
    page = client.get("/staff/audit/", {"action": AuditAction.SILENCE_MEMBER}).content.decode()
    assert "Silenced a member" in page and "Locked a thread" not in page.split("<tbody>")[1]
    assert member.get_absolute_url() in page
    page = client.get("/staff/audit/", {"actor": "leader", "target": "thread"}).content.decode()
    assert "Heated" in page and f"/t/{thread.pk}/" in page
    bad = client.get("/staff/audit/", {"since": "2026-05-02", "until": "2026-05-01"})
    assert "The end date comes before the start date." in bad.content.decode()


def test_staff_audit_query_count_does_not_grow(
    client, member, staff, django_assert_max_num_queries
):
    for number in range(15):
        target = MemberFactory()
        silence_member(
            member=target, until=timezone.now() + timedelta(days=1), reason=f"r{number}", by=staff
        )
    client.force_login(staff)
    with django_assert_max_num_queries(15):
        assert client.get("/staff/audit/").status_code == 200


# --- silence and suspend -------------------------------------------------------------------


def test_profile_shows_the_moderation_box_only_to_those_who_may(client, member, super_user):
    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    assert "member-moderation-title" not in client.get(member.get_absolute_url()).content.decode()
    client.force_login(super_user)
    page = client.get(member.get_absolute_url()).content.decode()
    assert "member-moderation-title" in page and "/silence/" in page and "/suspend/" not in page


def test_silence_from_the_profile_then_the_member_sees_a_notice_and_cannot_answer(
    client, member, super_user
):
    client.force_login(super_user)
    response = client.post(
        f"/members/{member.username}/silence/",
        {"silence-period": "1w", "silence-reason": "Rude answers"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.silenced_until > timezone.now() + timedelta(days=6)
    thread = make_thread()
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "You are silenced" in page and "Rude answers" in page and "/guidelines/" in page
    refused = client.post(f"/t/{thread.pk}/answer/", {"body": "I think you should try again."})
    assert refused.status_code == 403
    assert not thread.posts.filter(author=member).exists()


def test_silence_with_a_date_in_the_past_keeps_the_reason(client, member, super_user):
    client.force_login(super_user)
    response = client.post(
        f"/members/{member.username}/silence/",
        {"silence-period": "custom", "silence-until": "2020-01-01", "silence-reason": "Rude"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Choose a date in the future." in page
    assert 'value="Rude"' in page


def test_a_super_user_cannot_silence_staff_nor_suspend(client, staff, member, super_user):
    client.force_login(super_user)
    data = {"silence-period": "1d", "silence-reason": "x"}
    assert client.post(f"/members/{staff.username}/silence/", data).status_code == 403
    data = {"suspend-period": "1d", "suspend-reason": "x"}
    assert client.post(f"/members/{member.username}/suspend/", data).status_code == 403


def test_suspended_member_is_signed_out_and_cannot_sign_in(client, member, staff, password):
    client.force_login(member)
    suspend_member(member=member, until=None, reason="Fraud attempts", by=staff)
    response = client.get("/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your account is suspended" in page and "Fraud attempts" in page
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/login/", {"login": member.email, "password": password})
    assert response.status_code == 403 and "Fraud attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_suspension_page_shows_the_end_in_the_members_time_zone(client, member, staff, password):
    member.time_zone = "Asia/Tokyo"
    member.save(update_fields=["time_zone"])
    until = timezone.now().replace(microsecond=0) + timedelta(days=3)
    suspend_member(member=member, until=until, reason="Cool off", by=staff)
    response = client.post("/accounts/login/", {"login": member.email, "password": password})
    page = response.content.decode()
    tokyo = timezone.localtime(until, timezone=zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert response.status_code == 403
    assert date_format(tokyo, "DATETIME_FORMAT") in page


def test_staff_suspend_and_lift_from_the_profile(client, member, staff):
    client.force_login(staff)
    client.post(
        f"/members/{member.username}/suspend/",
        {"suspend-period": "forever", "suspend-reason": "Fraud"},
    )
    assert Member.objects.get(pk=member.pk).suspended_until is not None
    client.post(f"/members/{member.username}/suspend/", {"action": "lift"})
    assert Member.objects.get(pk=member.pk).suspended_until is None
    assert AuditEntry.objects.filter(action=AuditAction.UNSUSPEND_MEMBER).count() == 1


def test_closing_a_duplicate_is_listed_in_the_history(client, member, super_user):
    thread, original = make_thread(author=member), make_thread(author=member)
    close_as_duplicate(thread=thread, original=original, by=super_user, reason="Asked before")
    history = client.get(f"/t/{thread.pk}/moderation/").content.decode()
    assert "Closed a thread as a duplicate" in history and "Asked before" in history


# --- edit with a reason ----------------------------------------------------------------------


def test_a_moderators_edit_of_someone_elses_post_needs_a_reason_and_is_audited(
    client, member, staff
):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, body="Call me at my private number.")
    client.force_login(staff)
    url = f"/p/{answer.pk}/edit/"
    data = {"body": "Call me (number removed).", "revision": "1"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Call me (number removed)." in refused.content.decode()
    assert client.post(url, {**data, "reason": "Personal data"}).status_code == 302
    [row] = AuditEntry.objects.filter(action=AuditAction.EDIT_POST)
    assert (row.actor, row.reason) == (staff, "Personal data")
