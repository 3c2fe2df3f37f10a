"""Writing, editing, deleting and hiding posts (and the threads they open)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community.audit import record_action
from community.language import guess_language
from community.markdown import RENDERER_VERSION, render_markdown
from community.models import (
    AuditAction,
    IdeaStatus,
    Member,
    Post,
    PostRevision,
    Space,
    Tag,
    Thread,
    ThreadFollow,
    ThreadKind,
    ThreadStatus,
)
from community.services.counters import recalculate_thread_counters
from community.services.text import clean_post_body, clean_title
from community.signals import answer_posted, post_deleted, post_edited, thread_asked
from community.tasks import enqueue_on_commit, notify_new_answer_task, notify_new_thread_task

# The last path segment of the thread actions in community/urls.py.
RESERVED_SLUGS = {"answer", "me-too", "follow", "unaccept", "moderate", "idea-status"}


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
) -> Thread:
    """Open a thread with its first post; the author follows it. Emits ``thread_asked``."""
    title = clean_title(title)
    body = _validate_body(body)
    now = timezone.now()
    thread = Thread.objects.create(
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
    thread_asked.send(sender=Thread, thread=thread, opening_post=post, by=author)
    enqueue_on_commit(notify_new_thread_task, thread_id=thread.pk)
    return thread


@transaction.atomic
def post_answer(*, thread: Thread, author: Member, body: str) -> Post:
    """Answer `thread`; the author follows it. Emits ``answer_posted``; followers hear of it."""
    body = _validate_body(body)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
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
    answer_posted.send(sender=Post, post=post, thread=thread, by=author)
    enqueue_on_commit(notify_new_answer_task, post_id=post.pk)
    return post


@transaction.atomic
def edit_post(
    *, post: Post, by: Member, body: str, title: str | None = None, tags: list[Tag] | None = None
) -> Post:
    """Save a new revision of `post` (and of its thread's title and tags for an opening post)."""
    body = _validate_body(body)
    thread = post.thread
    title = clean_title(title) if title is not None else None
    title_changed = post.is_opening and title is not None and title != thread.title
    tags_changed = (
        post.is_opening
        and tags is not None
        and {tag.pk for tag in tags} != set(thread.tags.values_list("pk", flat=True))
    )
    if body == post.body and not title_changed and not tags_changed:
        return post
    post.revision_count += 1
    revision = PostRevision.objects.create(
        post=post,
        number=post.revision_count,
        title=(title if title_changed else thread.title) if post.is_opening else "",
        body=body,
        editor=by,
    )
    post.body = body
    post.body_html = render_markdown(body)
    post.render_version = RENDERER_VERSION
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "render_version", "edited_at", "revision_count"])
    if title_changed:
        thread.title = title
        thread.slug = thread_slug(title)
        thread.save(update_fields=["title", "slug"])
    if tags_changed:
        thread.tags.set(tags)
    if by.pk != post.author_id:
        record_action(actor=by, action=AuditAction.EDIT_POST, target=post, revision=revision.number)
    post_edited.send(sender=Post, post=post, by=by, revision=revision)
    return post


@transaction.atomic
def delete_post(*, post: Post, by: Member) -> Post:
    """Soft-delete: the text goes, a tombstone stays. An opening post takes its thread along."""
    if post.deleted_at is not None:
        return post
    now = timezone.now()
    post.deleted_at = now
    post.deleted_by = by
    post.save(update_fields=["deleted_at", "deleted_by"])
    thread = post.thread
    if post.is_opening:
        thread.deleted_at = now
        thread.save(update_fields=["deleted_at"])
    else:
        recalculate_thread_counters(thread)
    # The audit log is for staff of any language: its reasons are stored in English.
    record_action(
        actor=by, action=AuditAction.DELETE_POST, target=post, reason="Deleted by its author"
    )
    post_deleted.send(sender=Post, post=post, by=by)
    return post


@transaction.atomic
def hide_post(*, post: Post, by: Member, reason: str) -> Post:
    """Moderation: hide a post (an opening post hides its thread) with a public reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Say why the post is hidden; the author and readers see the reason.")
        )
    if post.hidden_at is not None:
        return post
    post.hidden_at = timezone.now()
    post.hidden_reason = reason[:200]
    post.save(update_fields=["hidden_at", "hidden_reason"])
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    details = {}
    if post.is_opening:
        thread.hidden_at = post.hidden_at
        thread.hidden_reason = post.hidden_reason
        thread.save(update_fields=["hidden_at", "hidden_reason"])
    else:
        if thread.solution_id == post.pk:
            thread.solution = None
            thread.status = ThreadStatus.OPEN
            thread.solved_at = None
            thread.save(update_fields=["solution", "status", "solved_at"])
            details["removed_solution"] = True
        recalculate_thread_counters(thread)
    record_action(actor=by, action=AuditAction.HIDE_POST, target=post, reason=reason, **details)
    return post


@transaction.atomic
def unhide_post(*, post: Post, by: Member) -> Post:
    if post.hidden_at is None:
        return post
    post.hidden_at = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_reason"])
    thread = post.thread
    if post.is_opening:
        thread.hidden_at = None
        thread.hidden_reason = ""
        thread.save(update_fields=["hidden_at", "hidden_reason"])
    else:
        recalculate_thread_counters(thread)
    record_action(actor=by, action=AuditAction.UNHIDE_POST, target=post)
    return post
