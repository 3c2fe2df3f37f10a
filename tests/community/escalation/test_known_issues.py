"""Known issues: the services, who hears of an update, the banner's cache, suggestions."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from community.escalation import known_issues
from community.escalation.known_issues import (
    BANNER_CACHE_KEY,
    banner,
    link_thread,
    post_update,
    start_known_issue,
    suggested_threads,
    turn_into_known_issue,
    unlink_thread,
)
from community.models import (
    AuditAction,
    AuditEntry,
    EmailKind,
    KnownIssue,
    KnownIssueStatus,
    Notification,
    NotificationKind,
    ThreadKind,
)
from community.services.follows import set_thread_following
from community.services.notices import set_email_preferences
from community.services.notifications import notify_new_answer
from community.services.reactions import set_me_too
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_thread

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def outage(db, staff):
    return start_known_issue(
        by=staff,
        space=SpaceFactory(),
        title="Invoice download fails for everyone",
        body="Downloading invoices fails with an error. We are looking into it.",
    )


# --- starting one ---------------------------------------------------------------------------


def test_start_known_issue_opens_a_status_post_investigating(outage, staff):
    thread = outage.thread
    assert thread.kind == ThreadKind.KNOWN_ISSUE
    assert thread.author == staff
    assert outage.status == KnownIssueStatus.INVESTIGATING
    first = outage.updates.get()
    assert first.post == thread.posts.get(is_opening=True)
    assert AuditEntry.objects.filter(action=AuditAction.OPEN_KNOWN_ISSUE, actor=staff).exists()


def test_start_known_issue_keeps_the_language_given(db, staff):
    issue = start_known_issue(
        by=staff, space=SpaceFactory(), title="Invoice download fails",
        body="Downloading invoices fails with an error.", language="de",
    )  # fmt: skip
    assert issue.thread.language == "de"


def test_only_staff_manage_known_issues(db, member, outage):
    with pytest.raises(PermissionDenied):
        start_known_issue(by=member, space=SpaceFactory(), title="Outage now", body="It is down.")
    with pytest.raises(PermissionDenied):
        post_update(known_issue=outage, by=member, status="identified", body="Found it.")
    with pytest.raises(PermissionDenied):
        link_thread(thread=make_thread(), known_issue=outage, by=member)


# --- turning a thread into one ----------------------------------------------------------------


def test_turn_a_staff_thread_into_the_status_post_itself(db, staff):
    notice = make_thread(author=staff, kind=ThreadKind.ANNOUNCEMENT, title="Login is slow today")
    issue = turn_into_known_issue(thread=notice, by=staff)
    notice.refresh_from_db()
    assert issue.thread == notice
    assert notice.kind == ThreadKind.KNOWN_ISSUE
    assert notice.posts.count() == 1  # it keeps its posts


def test_turn_a_members_question_into_a_new_linked_status_post(db, staff, member):
    question = make_thread(author=member, title="Nobody can log in since this morning")
    issue = turn_into_known_issue(thread=question, by=staff)
    question.refresh_from_db()
    assert question.kind == ThreadKind.QUESTION  # the member's question stays a question
    assert issue.thread != question
    assert issue.thread.author == staff
    assert issue.thread.title == question.title
    assert question.linked_known_issue == issue
    # Asked again, nothing new is made.
    assert turn_into_known_issue(thread=question, by=staff) == issue
    assert turn_into_known_issue(thread=issue.thread, by=staff) == issue


# --- updates ------------------------------------------------------------------------------------


def test_post_update_moves_the_status_and_answers_officially(outage, staff):
    update = post_update(
        known_issue=outage, by=staff, status="identified", body="We found the cause."
    )
    outage.refresh_from_db()
    assert outage.status == KnownIssueStatus.IDENTIFIED
    assert update.post.is_official and update.post.thread == outage.thread
    assert outage.thread.posts.filter(is_opening=False).count() == 1
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE_KNOWN_ISSUE)
    assert entry.actor == staff


def test_fixed_sets_fixed_at_and_reopening_clears_it(outage, staff):
    with time_machine.travel(NOW, tick=False):
        post_update(known_issue=outage, by=staff, status="fixed", body="Fixed now, sorry.")
    outage.refresh_from_db()
    assert outage.fixed_at == NOW and not outage.is_open
    with pytest.raises(ValidationError):
        post_update(known_issue=outage, by=staff, status="identified", body="Hmm, back.")
    post_update(known_issue=outage, by=staff, status="investigating", body="It is back again.")
    outage.refresh_from_db()
    assert outage.is_open and outage.fixed_at is None


def test_post_update_cannot_go_back_from_identified(outage, staff):
    post_update(known_issue=outage, by=staff, status="identified", body="We found the cause.")
    with pytest.raises(ValidationError):
        post_update(known_issue=outage, by=staff, status="investigating", body="Or not.")
    with pytest.raises(ValidationError):
        post_update(known_issue=outage, by=staff, status="nonsense", body="Nonsense status.")


# --- linking ----------------------------------------------------------------------------------


def test_link_and_unlink_a_thread(outage, staff):
    thread = make_thread()
    link_thread(thread=thread, known_issue=outage, by=staff)
    thread.refresh_from_db()
    assert thread.linked_known_issue == outage
    link_thread(thread=thread, known_issue=outage, by=staff)  # again: nothing new
    assert AuditEntry.objects.filter(action=AuditAction.LINK_KNOWN_ISSUE).count() == 1
    unlink_thread(thread=thread, by=staff)
    thread.refresh_from_db()
    assert thread.linked_known_issue is None
    entry = AuditEntry.objects.filter(action=AuditAction.LINK_KNOWN_ISSUE).latest("pk")
    assert entry.details["unlinked"] is True


def test_a_status_post_cannot_be_linked(outage, staff):
    other = start_known_issue(
        by=staff, space=SpaceFactory(), title="Another outage", body="Something else is down."
    )
    with pytest.raises(ValidationError):
        link_thread(thread=outage.thread, known_issue=outage, by=staff)
    with pytest.raises(ValidationError):
        link_thread(thread=other.thread, known_issue=outage, by=staff)


# --- telling everyone affected ------------------------------------------------------------------


def test_update_tells_me_toos_and_followers_once_each_in_their_language(
    outage, staff, django_capture_on_commit_callbacks
):
    first, second = make_thread(), make_thread(title="Cannot get my invoice")
    link_thread(thread=first, known_issue=outage, by=staff)
    link_thread(thread=second, known_issue=outage, by=staff)
    german = MemberFactory(locale="de")
    both = MemberFactory()  # me too on both linked threads and follows the status post
    quiet = MemberFactory()  # wants no e-mails about answers
    set_me_too(thread=first, by=german, me_too=True)
    for thread in (first, second):
        set_me_too(thread=thread, by=both, me_too=True)
    set_thread_following(thread=outage.thread, member=both, following=True)
    set_thread_following(thread=second, member=quiet, following=True)
    set_email_preferences(member=quiet, choices={EmailKind.NEW_ANSWER: False})
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        update = post_update(
            known_issue=outage, by=staff, status="identified", body="We found the cause."
        )

    affected = {german, both, quiet, first.author, second.author}
    entries = Notification.objects.filter(kind=NotificationKind.KNOWN_ISSUE)
    assert sorted(entries.values_list("recipient_id", flat=True)) == sorted(m.pk for m in affected)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {m.email for m in affected - {quiet}}
    assert "Bekanntes Problem" in by_recipient[german.email].subject
    assert "Known issue" in by_recipient[both.email].subject
    assert "unsubscribe" in by_recipient[both.email].body
    # Run again (a re-sent outbox message): nobody hears twice.
    assert known_issues.notify_known_issue_update(update_id=update.pk) == 0
    assert entries.count() == len(affected)
    # The answer's own e-mail to followers is left to the known issue's.
    assert notify_new_answer(post_id=update.post_id) == 0


def test_the_fix_is_told_as_fixed(outage, staff, django_capture_on_commit_callbacks):
    member = MemberFactory()
    set_me_too(thread=outage.thread, by=member, me_too=True)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        post_update(known_issue=outage, by=staff, status="fixed", body="All fixed, sorry.")
    assert [message.subject for message in mail.outbox] == [
        "Fixed: “Invoice download fails for everyone”"
    ]
    entry = Notification.objects.get(recipient=member, kind=NotificationKind.KNOWN_ISSUE)
    assert entry.data["text"]["de"].startswith("Behoben")


# --- the banner -----------------------------------------------------------------------------------


def test_banner_is_cached_and_forgotten_by_the_services(
    outage, staff, django_assert_num_queries, django_capture_on_commit_callbacks
):
    cache.delete(BANNER_CACHE_KEY)
    assert [item.title for item in banner().items] == [outage.thread.title]
    with django_assert_num_queries(0):
        assert banner().items[0].status == "investigating"
    with django_capture_on_commit_callbacks(execute=True):
        post_update(known_issue=outage, by=staff, status="fixed", body="All fixed now.")
    assert not banner()


def test_banner_shows_two_and_counts_the_rest(db, staff):
    for number in range(4):
        start_known_issue(
            by=staff, space=SpaceFactory(), title=f"Outage number {number}",
            body="Something is down.",
        )  # fmt: skip
    shown = banner()
    assert len(shown.items) == 2 and shown.more == 2


# --- suggestions ------------------------------------------------------------------------------------


def test_suggestions_need_two_new_unlinked_matching_threads(db, staff, indexed):
    with indexed():
        issue = start_known_issue(
            by=staff, space=SpaceFactory(), title="Invoice download fails",
            body="Downloading invoices fails.",
        )  # fmt: skip
        one = make_thread(title="Invoice download broken", body="The invoice download fails.")
    assert suggested_threads(issue) == []  # one match is not enough
    with indexed():
        two = make_thread(title="Cannot download my invoice", body="Invoice download error.")
        make_thread(title="Parcel never arrived", body="Where is my parcel?")
    assert {thread.pk for thread in suggested_threads(issue)} == {one.pk, two.pk}
    link_thread(thread=one, known_issue=issue, by=staff)
    assert suggested_threads(issue) == []  # linked ones are not suggested


def test_suggestions_leave_out_old_threads(db, staff, indexed):
    with indexed():
        with time_machine.travel(NOW - timedelta(days=10), tick=False):
            make_thread(title="Invoice download broken", body="The invoice download fails.")
            make_thread(title="Invoice download error", body="The invoice download fails.")
        issue = start_known_issue(
            by=staff, space=SpaceFactory(), title="Invoice download fails",
            body="Downloading invoices fails.",
        )  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        assert suggested_threads(issue) == []


# --- the demo -------------------------------------------------------------------------------------


def test_seed_known_issues_builds_an_open_outage_and_a_fixed_one(db):
    from random import Random

    from community.demo.known_issues import seed_known_issues

    SpaceFactory(slug="account")
    SpaceFactory(slug="billing")
    StaffFactory(locale="en")
    StaffFactory(locale="de")
    for number in range(12):
        MemberFactory(locale="de" if number % 2 else "en")

    with time_machine.travel(NOW, tick=False):
        assert seed_known_issues(rng=Random(1), now=NOW) == 2
        assert seed_known_issues(rng=Random(1), now=NOW) == 0  # once

        open_issue = KnownIssue.objects.get(status=KnownIssueStatus.IDENTIFIED)
        assert open_issue.updates.count() == 3
        assert all(u.created_at <= NOW for u in open_issue.updates.all())
        linked = list(open_issue.linked_threads.all())
        assert len(linked) == 4 and all(thread.me_too_count >= 2 for thread in linked)
        assert {thread.language for thread in linked} == {"en", "de"}
        fixed = KnownIssue.objects.get(status=KnownIssueStatus.FIXED)
        assert NOW - timedelta(days=30) < fixed.fixed_at < NOW - timedelta(days=20)
        assert fixed.thread.language == "de"
        assert [item.title for item in banner().items] == [open_issue.thread.title]
