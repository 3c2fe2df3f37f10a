"""Redaction: a moderator takes a piece of text (an IBAN, a password, a customer's address)
out of a post for good.

An edit keeps the old text in the post's history; a redaction does not. It replaces every
occurrence of the text with ``REDACTION_MARKER`` wherever Peerdesk stored a copy:

- the post's Markdown and its rendered HTML, and the thread's title (and address) when the
  post opens the thread;
- every stored revision of the post (body, title, the editor's reason);
- the audit rows about the post and its thread (a retitle stores the old title);
- the notification-centre entries about the post or its thread (their ``data``);
- the e-mails waiting in the outbox: they are rendered when queued, so their subject and
  text carry copies (the send task reads the scrubbed row, not the broker's copy);
- the search index: the thread is indexed again and the index compacted, so the old
  document's words are gone from the files too, not only from results;
- pages and fragments cached for readers: their keys are made of the post's HTML and the
  content version, so the old entries can no longer be reached and expire on their own.

The audit row records who redacted which post, how many occurrences and which revisions —
never the text. The post's history shows "Redacted by a moderator" at that time (read from
the audit row, see ``redactions_of``); no revision is written, so none can hold the text.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.translation import gettext as _

from community.audit import record_action
from community.caching import bump_content_version_on_commit
from community.emails import SEND_EMAIL_TASK
from community.markdown import (
    REDACTION_MARKER,
    RENDERER_VERSION,
    plain_text,
    render_markdown,
)
from community.models import (
    AuditAction,
    AuditEntry,
    Member,
    Notification,
    OutboxMessage,
    Post,
    PostRevision,
    Thread,
)
from community.outbox import enqueue
from community.services.posts import thread_slug
from community.signals import post_redacted

# Shorter spans would take whole words apart ("a", "de"): a slip that cannot be undone.
MIN_REDACTION_LENGTH = 3
PURGE_INDEX_TASK = "community.purge_thread_from_search_index"


@dataclass(frozen=True)
class RedactionMatches:
    """Where `text` occurs in a post: what the moderator's preview shows."""

    body: int
    title: int
    revisions: list[int]  # numbers of the stored revisions that hold the text

    @property
    def total(self) -> int:
        return self.body + self.title

    @property
    def found(self) -> bool:
        return bool(self.total or self.revisions)


def clean_redaction_text(text: str) -> str:
    """The span as it will be searched for: surrounding white space dropped (a selection
    often takes a line break along). Raises ValidationError when it cannot be redacted."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Enter the exact text to remove."), code="empty")
    if len(text) < MIN_REDACTION_LENGTH:
        raise ValidationError(
            _("Enter at least %(count)d characters: shorter text would cut words apart.")
            % {"count": MIN_REDACTION_LENGTH},
            code="too_short",
        )
    if text in REDACTION_MARKER:
        raise ValidationError(_("This text is already the redaction marker."), code="marker")
    return text


def clean_redaction_reason(*, reason: str, text: str) -> str:
    """The audit log's reason, on one line; it must not carry the text it removes."""
    reason = " ".join((reason or "").split())[:200]
    if text in reason:
        raise ValidationError(
            _("The reason must not repeat the text you are removing."), code="reason_repeats"
        )
    return reason


def find_redaction_matches(*, post: Post, text: str) -> RedactionMatches:
    """Count `text` in the post's current body, its thread's title (an opening post) and
    its stored revisions. Exact and case-sensitive, as redaction replaces it."""
    title = post.thread.title if post.is_opening else ""
    revisions = [
        number
        for number, body, revision_title, reason in PostRevision.objects.filter(post=post)
        .order_by("number")
        .values_list("number", "body", "title", "reason")
        if text in body or text in revision_title or text in reason
    ]
    return RedactionMatches(
        body=post.body.count(text), title=title.count(text), revisions=revisions
    )


@transaction.atomic
def redact_post(*, post: Post, by: Member, text: str, reason: str = "") -> Post:
    """Replace every occurrence of `text` in `post` and in every stored copy of it with
    REDACTION_MARKER (see the module's docstring for the copies). `reason` is for the audit
    log, read by staff; it must not repeat the text.

    Raises ValidationError when `text` is empty, too short, or occurs neither in the post,
    its title nor any of its revisions. Holds the post's and then the thread's row lock.
    Emits ``post_redacted``. Redacting text that is no longer there is the same error, so a
    double submit changes nothing.
    """
    text = clean_redaction_text(text)
    reason = clean_redaction_reason(reason=reason, text=text)
    current = Post.objects.select_for_update(no_key=True).get(pk=post.pk)
    thread = Thread.objects.select_for_update(no_key=True).get(pk=current.thread_id)
    current.thread = thread
    matches = find_redaction_matches(post=current, text=text)
    if not matches.found:
        raise ValidationError(
            _("This text does not occur in the post, its title or its earlier versions."),
            code="not_found",
        )
    old_html = current.body_html
    replacements = _replacements(text=text, rendered=old_html)

    if matches.body:
        post.body = current.body.replace(text, REDACTION_MARKER)
        post.body_html = render_markdown(post.body)
        post.render_version = RENDERER_VERSION
        # An update, not save(): the search index is renewed (and compacted) by the task below.
        Post.objects.filter(pk=post.pk).update(
            body=post.body, body_html=post.body_html, render_version=post.render_version
        )
    if matches.title:
        thread.title = thread.title.replace(text, REDACTION_MARKER)
        thread.slug = thread_slug(thread.title)
        Thread.objects.filter(pk=thread.pk).update(title=thread.title, slug=thread.slug)
    post.thread = thread

    revisions = list(PostRevision.objects.filter(post=current, number__in=matches.revisions))
    for revision in revisions:
        revision.body = revision.body.replace(text, REDACTION_MARKER)
        revision.title = revision.title.replace(text, REDACTION_MARKER)
        revision.reason = revision.reason.replace(text, REDACTION_MARKER)
    PostRevision.objects.bulk_update(revisions, ["body", "title", "reason"])

    scrubbed = {
        "audit_entries": _scrub_audit_entries(post=current, thread=thread, text=text),
        "notifications": _scrub_notifications(post=current, thread=thread, text=text),
        "emails": _scrub_queued_emails(replacements),
    }
    record_action(
        actor=by,
        action=AuditAction.REDACT_POST,
        target=post,
        reason=reason,
        occurrences=matches.total,
        in_title=bool(matches.title),
        revisions=matches.revisions,
        **scrubbed,
    )
    enqueue(PURGE_INDEX_TASK, {"thread_id": thread.pk}, batch_key=f"purge-index:{thread.pk}")
    bump_content_version_on_commit()
    post_redacted.send(sender=Post, post=post, by=by, revisions=len(matches.revisions))
    return post


def redactions_of(post: Post):
    """The audit rows of the redactions of `post`, oldest first (for its history page)."""
    return AuditEntry.objects.filter(
        action=AuditAction.REDACT_POST,
        target_type__app_label="community",
        target_type__model="post",
        target_id=post.pk,
    ).order_by("created_at", "pk")


# --- the copies -------------------------------------------------------------------------------


def _replacements(*, text: str, rendered: str) -> list[tuple[str, str]]:
    """(old, new) pairs that take `text` out of a copy made from the post: as typed, as the
    rendered post shows it (Markdown removed, spaces collapsed, HTML-escaped), and cut off
    by an excerpt ("… DE89 3704…": the excerpt ends inside the text)."""
    forms = {text, " ".join(text.split())}
    shown = plain_text(render_markdown(text))
    if shown and shown in plain_text(rendered):
        forms.add(shown)
    forms |= {str(escape(form)) for form in forms}
    pairs = [(form, REDACTION_MARKER) for form in sorted(forms, key=len, reverse=True)]
    # excerpt() cuts at a space and drops trailing ",.;:" before its "…".
    for form in sorted(forms, key=len, reverse=True):
        words = form.split(" ")
        for end in range(len(words) - 1, 0, -1):
            head = " ".join(words[:end]).rstrip(",.;:")
            if len(head) >= MIN_REDACTION_LENGTH:
                pairs.append((f"{head}…", f"{REDACTION_MARKER}…"))
    return pairs


def _scrub_value(value, replacements: list[tuple[str, str]]):
    """`value` (JSON: strings, lists, dicts) with every replacement made."""
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_scrub_value(item, replacements) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_value(item, replacements) for key, item in value.items()}
    return value


def _scrub_audit_entries(*, post: Post, thread: Thread, text: str) -> int:
    """Earlier audit rows about the post or its thread (an edit's reason, a retitle's old
    title). Returns how many changed."""
    pairs = [(text, REDACTION_MARKER)]
    entries = AuditEntry.objects.filter(
        Q(target_type__model="post", target_id=post.pk)
        | Q(target_type__model="thread", target_id=thread.pk),
        target_type__app_label="community",
    )
    changed = []
    for entry in entries:
        reason, details = _scrub_value(entry.reason, pairs), _scrub_value(entry.details, pairs)
        if (reason, details) != (entry.reason, entry.details):
            entry.reason, entry.details = reason, details
            changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["reason", "details"])
    return len(changed)


def _scrub_notifications(*, post: Post, thread: Thread, text: str) -> int:
    """Notification-centre entries about the post or its thread whose ``data`` copied the
    text (other apps store their texts there). Returns how many changed."""
    pairs = [(text, REDACTION_MARKER), (" ".join(text.split()), REDACTION_MARKER)]
    changed = []
    for entry in Notification.objects.filter(Q(post=post) | Q(thread=thread)).only("pk", "data"):
        data = _scrub_value(entry.data, pairs)
        if data != entry.data:
            entry.data = data
            changed.append(entry)
    Notification.objects.bulk_update(changed, ["data"])
    return len(changed)


def _scrub_queued_emails(replacements: list[tuple[str, str]]) -> int:
    """E-mails in the outbox (rendered when queued: subject, text and HTML carry copies),
    whatever their state: a failed one can be sent again, a done one is still stored.
    Returns how many changed."""
    changed = []
    messages = OutboxMessage.objects.filter(task_name=SEND_EMAIL_TASK).only("pk", "kwargs")
    for message in messages.iterator(chunk_size=500):
        kwargs = _scrub_value(message.kwargs, replacements)
        if kwargs != message.kwargs:
            message.kwargs = kwargs
            changed.append(message)
    OutboxMessage.objects.bulk_update(changed, ["kwargs"], batch_size=500)
    return len(changed)
