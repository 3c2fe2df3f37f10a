"""Redaction takes a text out of a post and out of every copy Peerdesk stored of it."""

import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from haystack import connections

from community.markdown import REDACTION_MARKER, excerpt
from community.models import (
    AuditAction,
    AuditEntry,
    Notification,
    NotificationKind,
    OutboxMessage,
    Post,
    PostRevision,
    TrustLevel,
)
from community.outbox import relay_due
from community.searching import search_threads
from community.services.notices import notify
from community.services.notifications import notify_new_answer
from community.services.posts import edit_post
from community.services.redaction import redact_post
from community.services.staff import retitle_thread
from community.signals import post_redacted
from community.tasks import send_email_task
from tests.community.search_helpers import titles
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

# Redaction is for what the personal-data guard cannot recognise (a home address, say):
# the guard refuses an IBAN before it is ever posted.
IBAN = "Lindenweg 12, 80331 München"


def stored_text(queryset, *fields) -> str:
    """Every value of `fields` in `queryset`, as one string (JSON without \\u escapes)."""
    return json.dumps(list(queryset.values_list(*fields)), ensure_ascii=False, default=str)


@pytest.fixture
def moderator():
    return MemberFactory(username="maria", trust_level=TrustLevel.LEADER)


def test_redact_post_replaces_the_text_in_body_html_title_slug_and_every_revision(moderator):
    # given an opening post with the IBAN in its title and body, edited once since
    thread = make_thread(title=f"Refund to {IBAN}?", body=f"My IBAN is {IBAN}, refund please.")
    post = thread.posts.get(is_opening=True)
    edit_post(post=post, by=thread.author, body=f"IBAN {IBAN} — please refund to it.")

    # when a moderator redacts the IBAN
    redact_post(post=post, by=moderator, text=IBAN, reason="customer's bank details")

    # then no stored copy of the post holds it, and the marker stands in its place
    post = Post.objects.select_related("thread").get(pk=post.pk)
    assert post.body == f"IBAN {REDACTION_MARKER} — please refund to it."
    assert '<span class="redacted">[redacted]</span>' in post.body_html
    assert post.thread.title == f"Refund to {REDACTION_MARKER}?"
    assert post.thread.slug == "refund-to-redacted"
    assert IBAN not in stored_text(PostRevision.objects.filter(post=post), "body", "title")
    assert PostRevision.objects.filter(post=post).count() == 2  # no new revision
    assert post.revision_count == 2


def test_redact_post_removes_text_an_edit_left_only_in_the_history(moderator):
    thread = make_thread()
    answer = make_answer(thread=thread, body=f"Refund to {IBAN} please, thank you.")
    edit_post(post=answer, by=answer.author, body="Refund to my account please, thank you.")

    redact_post(post=answer, by=moderator, text=IBAN)

    assert [r.body for r in answer.revisions.order_by("number")] == [
        f"Refund to {REDACTION_MARKER} please, thank you.",
        "Refund to my account please, thank you.",
    ]


def test_redact_post_audit_row_names_actor_post_counts_and_revisions_never_the_text(moderator):
    thread = make_thread(title=f"Refund to {IBAN}?", body=f"{IBAN} and again {IBAN}.")
    post = thread.posts.get(is_opening=True)

    redact_post(post=post, by=moderator, text=IBAN, reason="bank details")

    entry = AuditEntry.objects.get(action=AuditAction.REDACT_POST)
    assert (entry.actor, entry.target_id, entry.reason) == (moderator, post.pk, "bank details")
    assert entry.details["occurrences"] == 3
    assert entry.details["in_title"] is True
    assert entry.details["revisions"] == [1]
    assert "Lindenweg" not in json.dumps(entry.details) + entry.reason


def test_redact_post_scrubs_earlier_audit_rows_and_revision_reasons(moderator):
    thread = make_thread(title=f"Refund to {IBAN}?")
    staff = StaffFactory()
    retitle_thread(thread=thread, by=staff, title="Refund to my account?", tags=[])
    post = thread.posts.get(is_opening=True)
    edit_post(post=post, by=staff, body="Refund please.", reason=f"removed {IBAN}")

    redact_post(post=post, by=moderator, text=IBAN)

    assert IBAN not in stored_text(AuditEntry.objects.all(), "reason", "details")
    assert IBAN not in stored_text(PostRevision.objects.all(), "title", "body", "reason")


def test_redact_post_scrubs_notification_data_about_the_post(moderator):
    thread = make_thread()
    answer = make_answer(thread=thread, body=f"Pay to {IBAN} now, the link is below.")
    notify(
        member=thread.author,
        kind=NotificationKind.FLAG_RESOLVED,
        post=answer,
        data={"text": {"en": f"About “Pay to {IBAN}”", "de": f"Zu „{IBAN}“"}},
    )

    redact_post(post=answer, by=moderator, text=IBAN)

    entry = Notification.objects.get(post=answer, kind=NotificationKind.FLAG_RESOLVED)
    assert entry.data == {"text": {"en": "About “Pay to [redacted]”", "de": "Zu „[redacted]“"}}


def test_redact_post_scrubs_a_mention_email_queued_before_and_sent_after_it(
    moderator, django_capture_on_commit_callbacks
):
    # given an answer mentioning a member, whose e-mail is rendered and queued, not yet sent
    expert = MemberFactory(username="router.expert")
    thread = make_thread()
    with django_capture_on_commit_callbacks(execute=False):
        answer = make_answer(thread=thread, body=f"@router.expert my IBAN is {IBAN}, right?")
        notify_new_answer(post_id=answer.pk)
    queued = OutboxMessage.objects.filter(task_name="community.send_email")
    assert IBAN in stored_text(queued, "kwargs")  # the mail carries a copy

    # when the IBAN is redacted, then the mail goes out
    redact_post(post=answer, by=moderator, text=IBAN)
    assert IBAN not in stored_text(queued, "kwargs")
    mail.outbox = []
    relay_due(ignore_schedule=True)

    # then it has the marker, not the IBAN
    to_expert = [m for m in mail.outbox if m.to == [expert.email]]
    assert len(to_expert) == 1
    sent = to_expert[0]
    assert "[redacted]" in sent.body
    assert "Lindenweg" not in sent.subject + sent.body + sent.alternatives[0].content


def test_redact_post_scrubs_an_excerpt_that_cuts_the_text_off(moderator):
    # An e-mail's excerpt ends inside the text: "… Lindenweg 12, 80331…" must go too.
    thread = make_thread()
    filler = "Word " * 75  # puts the text across the 400-character cut of the excerpt
    answer = make_answer(thread=thread, body=f"{filler}my IBAN is {IBAN} and more text here.")
    cut = excerpt(answer.body_html, 400)
    assert cut.endswith("…") and "Lindenweg" in cut and IBAN not in cut
    message = OutboxMessage.objects.create(
        task_name="community.send_email", kwargs={"subject": "New answer", "body": cut, "to": []}
    )

    redact_post(post=answer, by=moderator, text=IBAN)

    message.refresh_from_db()
    assert "Lindenweg" not in message.kwargs["body"]
    assert message.kwargs["body"].endswith("[redacted]…")


def test_send_email_task_sends_the_outbox_rows_arguments_not_the_brokers_copy():
    message = OutboxMessage.objects.create(
        task_name="community.send_email",
        kwargs={
            "subject": "Scrubbed",
            "body": "[redacted]",
            "from_email": "a@b.c",
            "to": ["x@y.z"],
        },
    )
    mail.outbox = []
    send_email_task.apply(
        kwargs={"subject": "Old", "body": IBAN, "from_email": "a@b.c", "to": ["x@y.z"]},
        task_id=f"outbox-{message.pk}-abc",
    )
    assert [(m.subject, m.body) for m in mail.outbox] == [("Scrubbed", "[redacted]")]


def test_redact_post_leaves_the_text_unfindable_in_the_search_index(moderator, indexed):
    connections["default"].get_backend().clear()
    number = "lindenweg12muenchen"  # one word, as the index sees it
    with indexed():
        thread = make_thread(title="Refund needed", body=f"Refund to {number} please, thanks.")
    assert titles(search_threads(query=number)) == ["Refund needed"]

    with indexed():
        redact_post(post=thread.posts.get(is_opening=True), by=moderator, text=number)

    assert titles(search_threads(query=number)) == []
    assert titles(search_threads(query="refund")) == ["Refund needed"]
    # Not only out of the results: out of the index files (the old document was compacted).
    backend = connections["default"].get_backend()
    with backend.index.refresh().reader() as reader:
        words = {word.decode() for word in reader.lexicon("text")}
    assert number.lower() not in words


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Enter the exact text to remove."),
        ("   ", "Enter the exact text to remove."),
        ("ab", "Enter at least 3 characters"),
        ("not in the post", "does not occur in the post"),
        ("redacted", "already the redaction marker"),
    ],
)
def test_redact_post_refuses_text_it_cannot_redact(moderator, text, error):
    answer = make_answer(thread=make_thread(), body=f"Refund to {IBAN} please, thank you.")

    with pytest.raises(ValidationError, match=error):
        redact_post(post=answer, by=moderator, text=text)

    answer.refresh_from_db()
    assert IBAN in answer.body
    assert not AuditEntry.objects.filter(action=AuditAction.REDACT_POST).exists()


def test_redact_post_refuses_a_reason_that_repeats_the_text(moderator):
    answer = make_answer(thread=make_thread(), body=f"Refund to {IBAN} please, thank you.")
    with pytest.raises(ValidationError, match="must not repeat"):
        redact_post(post=answer, by=moderator, text=IBAN, reason=f"IBAN {IBAN}")


def test_redact_post_twice_is_refused_the_second_time(moderator):
    answer = make_answer(thread=make_thread(), body=f"Refund to {IBAN} please, thank you.")
    redact_post(post=answer, by=moderator, text=IBAN)
    with pytest.raises(ValidationError):
        redact_post(post=answer, by=moderator, text=IBAN)
    assert AuditEntry.objects.filter(action=AuditAction.REDACT_POST).count() == 1


def test_redact_post_sends_post_redacted(moderator, listen):
    calls = listen(post_redacted)
    answer = make_answer(thread=make_thread(), body=f"Refund to {IBAN} please, thank you.")
    edit_post(post=answer, by=answer.author, body=f"Refund to {IBAN} please.")

    redact_post(post=answer, by=moderator, text=IBAN)

    assert calls == [{"sender": Post, "post": answer, "by": moderator,
                      "revisions": 2}]  # fmt: skip
    assert IBAN not in calls[0]["post"].body
