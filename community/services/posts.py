"""Writing, editing, deleting and hiding posts (and the threads they open)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community.audit import (
    AWAITING_APPROVAL,
    DELETED_BY_AUTHOR,
    MODERATOR_DELETION_REASONS,
    record_action,
)
from community.escalation.triage import triage
from community.language import guess_language
from community.markdown import RENDERER_VERSION, render_markdown
from community.models import (
    AuditAction,
    CustomerUrgency,
    FlagReason,
    IdeaStatus,
    Member,
    Post,
    PostRevision,
    Space,
    Tag,
    Thread,
    ThreadFollow,
    ThreadKind,
)
from community.outbox import enqueue
from community.privacy import check_personal_data
from community.services.counters import recalculate_thread_counters
from community.services.notices import notify_answer_posted, notify_mentions
from community.services.ratelimits import check_post_rate
from community.services.solutions import drop_solution
from community.services.spam import suspicious_rules
from community.services.system_flags import add_system_flag, request_re_review
from community.services.text import check_links_and_images, clean_post_body, clean_title
from community.signals import (
    answer_posted,
    post_deleted,
    post_edited,
    post_hidden,
    post_restored,
    post_unhidden,
    thread_asked,
    thread_deleted,
    thread_hidden,
    thread_restored,
    thread_unhidden,
)

# The last path segment of the thread actions in community/urls.py (and of the other apps'
# /t/<id>/… pages: the knowledge base's "to-article").
RESERVED_SLUGS = {
    "answer", "me-too", "follow", "unaccept", "moderate", "idea-status", "restore", "retitle",
    "merge", "split", "duplicate", "moderation", "to-article", "support", "escalate",
    "viewed", "invite",
}  # fmt: skip


def thread_slug(title: str) -> str:
    slug = slugify(title)[:80].strip("-") or "thread"
    return f"{slug}-thread" if slug in RESERVED_SLUGS else slug


def _validate_body(body: str) -> str:
    return clean_post_body(body)


def _new_post(
    *, thread: Thread, author: Member, body: str, is_opening: bool, title: str = ""
) -> Post:
    post = Post.objects.create(
        thread=thread,
        author=author,
        is_opening=is_opening,
        body=body,
        body_html=render_markdown(body),
        render_version=RENDERER_VERSION,
        is_official=author.is_staff,
    )
    PostRevision.objects.create(post=post, number=1, title=title, body=body, editor=author)
    return post


@transaction.atomic
def ask_question(
    *,
    author: Member,
    space: Space,
    title: str,
    body: str,
    kind: str = ThreadKind.QUESTION,
    tags: list[Tag] = (),
    contact_confirmed: bool = False,
    urgency: str = "",
) -> Thread:
    """Open a thread with its first post; the author follows it. Emits ``thread_asked``.

    A question is triaged (community.escalation.triage): its priority, the reasons for it
    and the asker's `urgency` (a CustomerUrgency value) are stored on the thread, and the
    asker is sent the acknowledgement e-mail after commit.

    Raises ``PersonalDataFound`` for personal data in title or body (`contact_confirmed`:
    the author said its e-mail addresses and phone numbers are a company's)."""
    title = clean_title(title)
    body = _validate_body(body)
    check_links_and_images(body=body, by=author)
    check_personal_data(texts={"title": title, "body": body}, contact_confirmed=contact_confirmed)
    check_post_rate(member=author, body=body, kind="thread")
    now = timezone.now()
    triaged = _triage_question(kind=kind, title=title, body=body, space=space, urgency=urgency)
    thread = Thread.objects.create(
        **triaged,
        space=space,
        author=author,
        title=title,
        slug=thread_slug(title),
        kind=kind,
        language=guess_language(f"{title}\n{body}", default=author.locale),
        idea_status=IdeaStatus.NEW if kind == ThreadKind.IDEA else "",
        last_activity_at=now,
        last_poster=author,
    )
    if tags:
        thread.tags.add(*tags)  # not set(): a new thread has no tags to read first
    post = _new_post(thread=thread, author=author, body=body, is_opening=True, title=title)
    ThreadFollow.objects.create(thread=thread, member=author)  # nobody follows it yet
    # A new member's post that trips the spam rules waits for a reviewer, unannounced.
    if not _hold_if_suspicious(post=post, title=title):
        notify_mentions(post=post)
    thread_asked.send(sender=Thread, thread=thread, opening_post=post, by=author)
    enqueue("community.notify_new_thread", {"thread_id": thread.pk})
    if kind == ThreadKind.QUESTION:
        enqueue("community.send_acknowledgement", {"thread_id": thread.pk})
    return thread


def _triage_question(*, kind: str, title: str, body: str, space: Space, urgency: str) -> dict:
    """The triage fields of a new thread: a question's priority, reasons and urgency."""
    if kind != ThreadKind.QUESTION:
        return {}
    if urgency and urgency not in CustomerUrgency.values:
        raise ValueError(f"unknown urgency {urgency!r}")
    result = triage(title=title, body=body, space=space, urgency=urgency)
    return {
        "priority": result.priority,
        "priority_reasons": result.reasons,
        "customer_urgency": urgency,
    }


@transaction.atomic
def post_answer(
    *, thread: Thread, author: Member, body: str, contact_confirmed: bool = False
) -> Post:
    """Answer `thread`; the author follows it. Emits ``answer_posted``; the asker and the
    members it mentions find it in their notification centres, followers by e-mail.
    Raises ``PersonalDataFound`` as ask_question does."""
    body = _validate_body(body)
    check_links_and_images(body=body, by=author)
    check_personal_data(texts={"body": body}, contact_confirmed=contact_confirmed)
    check_post_rate(member=author, body=body, kind="answer")
    thread = Thread.objects.select_for_update(no_key=True).get(pk=thread.pk)
    post = _new_post(thread=thread, author=author, body=body, is_opening=False)
    now = timezone.now()
    thread.answer_count = F("answer_count") + 1
    thread.last_activity_at = now
    thread.last_poster = author
    fields = ["answer_count", "last_activity_at", "last_poster"]
    if thread.first_response_at is None and author.pk != thread.author_id:
        thread.first_response_at = now
        fields.append("first_response_at")
    if post.is_official:
        thread.has_official_answer = True
        fields.append("has_official_answer")
    thread.save(update_fields=fields)
    thread.refresh_from_db(fields=["answer_count"])
    # One statement whether or not the author follows the thread already.
    ThreadFollow.objects.bulk_create(
        [ThreadFollow(thread=thread, member=author)], ignore_conflicts=True
    )
    if not _hold_if_suspicious(post=post):
        notify_answer_posted(answer=post)
    answer_posted.send(sender=Post, post=post, thread=thread, by=author)
    enqueue("community.notify_new_answer", {"post_id": post.pk})
    return post


class EditConflict(ValidationError):
    """The post changed since the editor's form was filled: saving would overwrite that.

    ``current`` is the post as it is now (with ``current.thread`` for title and tags);
    nothing was written.
    """

    def __init__(self, current: Post):
        super().__init__(
            _("Someone saved a newer version of this post while you were editing it."),
            code="edit_conflict",
        )
        self.current = current


@transaction.atomic
def edit_post(
    *,
    post: Post,
    by: Member,
    body: str,
    title: str | None = None,
    tags: list[Tag] | None = None,
    base_revision: int | None = None,
    reason: str = "",
    contact_confirmed: bool = False,
) -> Post:
    """Save a new revision of `post` (and of its thread's title and tags for an opening post).

    `reason` is what the editor says about the change; the history shows it.

    Holds the post's row lock while it compares and numbers the revision, so parallel
    edits queue up instead of colliding. `base_revision` is the revision the editor
    started from: when the post has moved on since, nothing is saved and
    :class:`EditConflict` carries the current version. None skips that check (the
    caller wrote the text from the current version, e.g. a script). Raises
    ``PersonalDataFound`` as ask_question does.
    """
    body = _validate_body(body)
    checked = {"title": clean_title(title)} if title is not None else {}
    check_personal_data(texts={**checked, "body": body}, contact_confirmed=contact_confirmed)
    # Only the post's row: the thread is read, and written only by edits of this post.
    current = (
        Post.objects.select_for_update(no_key=True, of=("self",))
        .select_related("thread")
        .get(pk=post.pk)
    )
    thread = current.thread
    if base_revision is not None and base_revision != current.revision_count:
        raise EditConflict(current)
    if body != current.body:
        check_links_and_images(body=body, by=by, before=current.body)
    title = clean_title(title) if title is not None else None
    title_changed = current.is_opening and title is not None and title != thread.title
    tags_changed = (
        current.is_opening
        and tags is not None
        and {tag.pk for tag in tags} != set(thread.tags.values_list("pk", flat=True))
    )
    if body == current.body and not title_changed and not tags_changed:
        return post
    number = current.revision_count + 1
    revision = PostRevision.objects.create(
        post=current,
        number=number,
        title=(title if title_changed else thread.title) if current.is_opening else "",
        body=body,
        editor=by,
        reason=" ".join((reason or "").split())[:200],
    )
    post.body = body
    post.body_html = render_markdown(body)
    post.render_version = RENDERER_VERSION
    post.edited_at = timezone.now()
    post.revision_count = number
    post.save(update_fields=["body", "body_html", "render_version", "edited_at", "revision_count"])
    if title_changed:
        thread.title = title
        thread.slug = thread_slug(title)
        thread.save(update_fields=["title", "slug"])
    if tags_changed:
        thread.tags.set(tags)
    post.thread = thread
    if current.hidden_at is not None and by.pk == post.author_id:
        # Hidden by a moderator, by flags or the spam rules: the edit goes back for review.
        request_re_review(post=post)
    if by.pk != post.author_id:
        record_action(
            actor=by, action=AuditAction.EDIT_POST, target=post, reason=revision.reason,
            revision=revision.number,
        )  # fmt: skip
    post_edited.send(sender=Post, post=post, by=by, revision=revision)
    return post


def _lock(post: Post) -> tuple[Post, Thread]:
    """The post's and then its thread's current rows, locked (always in this order)."""
    current = Post.objects.select_for_update(no_key=True).get(pk=post.pk)
    thread = Thread.objects.select_for_update(no_key=True).get(pk=current.thread_id)
    return current, thread


@transaction.atomic
def delete_post(*, post: Post, by: Member, reason: str = "") -> Post:
    """Soft-delete: the text goes, a tombstone stays. An opening post takes its thread along
    (``thread_deleted``), a solution leaves the thread open (``answer_unaccepted``).
    Staff can restore it. Emits ``post_deleted``; deleting twice changes nothing.

    Someone else's post is deleted only as spam or for breaking the guidelines: `reason`
    is "spam" or "guidelines" (MODERATOR_DELETION_REASONS), else ValidationError."""
    if by.pk == post.author_id:
        reason = DELETED_BY_AUTHOR
    elif reason in MODERATOR_DELETION_REASONS:
        reason = MODERATOR_DELETION_REASONS[reason]
    else:
        raise ValidationError(
            _("Say why: moderators delete only spam and posts that break the guidelines."),
            code="reason",
        )
    current, thread = _lock(post)
    post.thread = thread
    if current.deleted_at is not None:
        post.deleted_at, post.deleted_by_id = current.deleted_at, current.deleted_by_id
        return post
    now = timezone.now()
    post.deleted_at = now
    post.deleted_by = by
    post.save(update_fields=["deleted_at", "deleted_by"])
    details = {}
    if post.is_opening:
        thread.deleted_at = now
        thread.save(update_fields=["deleted_at"])
    else:
        if thread.solution_id == post.pk:
            drop_solution(thread=thread, by=by)
            details["removed_solution"] = True
        recalculate_thread_counters(thread)
    # The audit log is for staff of any language: its reasons are stored in English.
    record_action(actor=by, action=AuditAction.DELETE_POST, target=post, reason=reason, **details)
    post_deleted.send(sender=Post, post=post, by=by)
    if post.is_opening:
        thread_deleted.send(sender=Thread, thread=thread, by=by)
    return post


@transaction.atomic
def restore_post(*, post: Post, by: Member, reason: str = "") -> Post:
    """Staff undo a deletion: the post (and, for an opening post, its thread) is back.
    A former solution stays unaccepted. Emits ``post_restored`` (and ``thread_restored``);
    restoring a post that is not deleted changes nothing."""
    current, thread = _lock(post)
    post.thread = thread
    if current.deleted_at is None:
        post.deleted_at, post.deleted_by = None, None
        return post
    if not post.is_opening and thread.deleted_at is not None:
        raise ValidationError(
            _("Restore the thread first: this answer belongs to a deleted thread.")
        )
    post.deleted_at = None
    post.deleted_by = None
    post.save(update_fields=["deleted_at", "deleted_by"])
    if post.is_opening:
        thread.deleted_at = None
        thread.save(update_fields=["deleted_at"])
    else:
        recalculate_thread_counters(thread)
    record_action(actor=by, action=AuditAction.RESTORE_POST, target=post, reason=reason)
    post_restored.send(sender=Post, post=post, by=by, reason=reason)
    if post.is_opening:
        thread_restored.send(sender=Thread, thread=thread, by=by)
    return post


@transaction.atomic
def hide_post(*, post: Post, by: Member, reason: str) -> Post:
    """Moderation: hide a post with a public reason. An opening post hides its thread
    (``thread_hidden``); a solution leaves the thread open (``answer_unaccepted``).
    Emits ``post_hidden``; hiding twice changes nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say why the post is hidden; the author and readers see the reason.")
        )
    return _hide(post=post, by=by, reason=reason, action=AuditAction.HIDE_POST)


def _hold_if_suspicious(*, post: Post, title: str = "") -> bool:
    """Hold `post` (just written by its author, inside their transaction) when it trips the
    spam rules: a system flag for the queue, then the post hidden with AWAITING_APPROVAL
    (``post_flagged``, ``post_hidden``). True when held."""
    rules = suspicious_rules(post=post, title=title)
    if not rules:
        return False
    add_system_flag(post=post, reason=FlagReason.HELD, note=",".join(rules))
    hold_post(post=post, by=None, reason=AWAITING_APPROVAL, rules=rules)
    return True


@transaction.atomic
def hold_post(*, post: Post, by: Member | None, reason: str, **details) -> Post:
    """Hide `post` until a moderator reviews it: flags that reached their threshold, or
    the spam rules (`by` is then None). `reason` is one of the system's reasons
    (community.audit), stored in English and shown in the reader's language. The same
    hiding as :func:`hide_post` (signals, audit row with `details`); holding a hidden
    post changes nothing."""
    return _hide(post=post, by=by, reason=reason, action=AuditAction.HOLD_POST, **details)


def _hide(*, post: Post, by: Member | None, reason: str, action: AuditAction, **details) -> Post:
    current, thread = _lock(post)
    post.thread = thread
    if current.hidden_at is not None:
        post.hidden_at, post.hidden_reason = current.hidden_at, current.hidden_reason
        return post
    post.hidden_at = timezone.now()
    post.hidden_reason = reason[:200]
    post.save(update_fields=["hidden_at", "hidden_reason"])
    if post.is_opening:
        thread.hidden_at = post.hidden_at
        thread.hidden_reason = post.hidden_reason
        thread.save(update_fields=["hidden_at", "hidden_reason"])
    else:
        if thread.solution_id == post.pk:
            drop_solution(thread=thread, by=by)
            details["removed_solution"] = True
        recalculate_thread_counters(thread)
    record_action(actor=by, action=action, target=post, reason=reason, **details)
    post_hidden.send(sender=Post, post=post, by=by, reason=post.hidden_reason)
    if post.is_opening:
        thread_hidden.send(sender=Thread, thread=thread, by=by, reason=post.hidden_reason)
    return post


@transaction.atomic
def unhide_post(*, post: Post, by: Member) -> Post:
    """Moderation: show a hidden post again (an opening post: its thread too). A former
    solution stays unaccepted. Emits ``post_unhidden`` (and ``thread_unhidden``)."""
    current, thread = _lock(post)
    post.thread = thread
    if current.hidden_at is None:
        post.hidden_at, post.hidden_reason = None, ""
        return post
    post.hidden_at = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_reason"])
    if post.is_opening:
        thread.hidden_at = None
        thread.hidden_reason = ""
        thread.save(update_fields=["hidden_at", "hidden_reason"])
    else:
        recalculate_thread_counters(thread)
    record_action(actor=by, action=AuditAction.UNHIDE_POST, target=post)
    post_unhidden.send(sender=Post, post=post, by=by)
    if post.is_opening:
        thread_unhidden.send(sender=Thread, thread=thread, by=by)
    return post
