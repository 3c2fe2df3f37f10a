"""Known issues: the support team's changes (open, update, link), each audited and
announced by its signal. See the package's docstring."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community.audit import record_action
from community.escalation.known_issues.selectors import ALLOWED_NEXT, BANNER_CACHE_KEY
from community.models import (
    AuditAction,
    KnownIssue,
    KnownIssueStatus,
    KnownIssueUpdate,
    Member,
    Space,
    Thread,
    ThreadKind,
)
from community.outbox import enqueue
from community.permissions import can
from community.signals import known_issue_updated, thread_linked_to_known_issue


def _check_staff(by: Member | None) -> None:
    if not can(by, "community.manage_known_issues"):
        raise PermissionDenied(_("Only the support team manages known issues."))


def _forget_banner_after_commit() -> None:
    cache.delete(BANNER_CACHE_KEY)


def forget_banner() -> None:
    """The banner is read again on the next page (and once more after commit, so a page
    rendered meanwhile cannot keep the old one; once per transaction however many known
    issues it changed)."""
    cache.delete(BANNER_CACHE_KEY)
    pending = transaction.get_connection().run_on_commit
    if not any(entry[1] is _forget_banner_after_commit for entry in pending):
        transaction.on_commit(_forget_banner_after_commit)


def _open_known_issue(*, thread: Thread, by: Member, opening_post, now) -> KnownIssue:
    known_issue = KnownIssue.objects.create(thread=thread, created_by=by, created_at=now)
    first = KnownIssueUpdate.objects.create(
        known_issue=known_issue,
        status=KnownIssueStatus.INVESTIGATING,
        post=opening_post,
        author=by,
        created_at=now,
    )
    record_action(actor=by, action=AuditAction.OPEN_KNOWN_ISSUE, target=known_issue)
    known_issue_updated.send(
        sender=KnownIssue, known_issue=known_issue, update=first, created=True, by=by
    )
    forget_banner()
    return known_issue


@transaction.atomic
def start_known_issue(
    *, by: Member, space: Space, title: str, body: str, language: str | None = None
) -> KnownIssue:
    """A new status post (a thread of kind "known issue" by `by`, staff) in `space`, with
    its KnownIssue at "investigating" and that first update. `language`: the thread's
    language (else guessed from the text). Emits ``thread_asked`` and
    ``known_issue_updated`` (created=True). Raises ValidationError for bad text."""
    from community.services.posts import ask_question

    _check_staff(by)
    thread = ask_question(
        author=by, space=space, title=title, body=body, kind=ThreadKind.KNOWN_ISSUE
    )
    if language and language in dict(settings.LANGUAGES) and language != thread.language:
        thread.language = language
        thread.save(update_fields=["language"])
    opening = thread.posts.get(is_opening=True)
    return _open_known_issue(thread=thread, by=by, opening_post=opening, now=timezone.now())


def _status_post_body(thread: Thread) -> str:
    """The first text of a status post started from a member's question, in its language."""
    with translation.override(thread.language):
        return _(
            "Several members report this problem, for example in [%(title)s](%(url)s). "
            "Our support team is looking into it. Follow this post: we post every update "
            "here and tell everyone affected."
        ) % {
            "title": thread.title.replace("]", ")").replace("[", "("),
            "url": thread.get_absolute_url(),
        }


@transaction.atomic
def turn_into_known_issue(*, thread: Thread, by: Member) -> KnownIssue:
    """Make `thread` a known issue (staff). A thread the support team opened becomes the
    status post itself, keeping its posts; a member's thread gets a new status post with
    its title, and is linked to it (see the module's docstring). A thread that already is
    a status post returns its known issue; a thread linked to one returns that one."""
    _check_staff(by)
    current = (
        Thread.objects.select_for_update(no_key=True).select_related("author").get(pk=thread.pk)
    )
    existing = KnownIssue.objects.filter(thread=current).first()
    if existing is not None:
        return existing
    if current.linked_known_issue_id is not None:
        return KnownIssue.objects.get(pk=current.linked_known_issue_id)
    if current.kind == ThreadKind.KNOWN_ISSUE or current.author.is_staff:
        current.kind = ThreadKind.KNOWN_ISSUE
        current.idea_status = ""
        current.save(update_fields=["kind", "idea_status"])
        thread.kind = current.kind
        opening = current.posts.get(is_opening=True)
        return _open_known_issue(thread=current, by=by, opening_post=opening, now=timezone.now())
    known_issue = start_known_issue(
        by=by,
        space=current.space,
        title=current.title,
        body=_status_post_body(current),
        language=current.language,
    )
    link_thread(thread=current, known_issue=known_issue, by=by)
    thread.linked_known_issue = known_issue
    return known_issue


@transaction.atomic
def post_update(*, known_issue: KnownIssue, by: Member, status: str, body: str) -> KnownIssueUpdate:
    """A status update: `body` as an official answer on the status post (the answer
    service: followers, mentions, counters) and a KnownIssueUpdate at `status`. "Fixed"
    sets fixed_at and takes the issue off the banner; a fixed issue reopens only to
    "investigating". Locks the known issue's row, so two updates queue up. Everyone
    affected is told after commit (``notify_known_issue_update``). Emits
    ``known_issue_updated`` (created=False). Raises ValidationError for a status the issue
    cannot move to or a bad text."""
    from community.services.posts import post_answer

    _check_staff(by)
    current = KnownIssue.objects.select_for_update().get(pk=known_issue.pk)
    if status not in KnownIssueStatus.values:
        raise ValidationError(_("Choose a status."), code="status")
    status = KnownIssueStatus(status)
    if status not in ALLOWED_NEXT[KnownIssueStatus(current.status)]:
        if current.status == KnownIssueStatus.FIXED:
            message = _("This issue is fixed. To reopen it, post an update with “Investigating”.")
        else:
            message = _("A known issue cannot go back from “%(current)s” to “%(status)s”.") % {
                "current": KnownIssueStatus(current.status).label,
                "status": status.label,
            }
        raise ValidationError(message, code="status")
    post = post_answer(thread=current.thread, author=by, body=body)
    now = timezone.now()
    update = KnownIssueUpdate.objects.create(
        known_issue=current, status=status, post=post, author=by, created_at=now
    )
    was = current.status
    current.status = status
    if status == KnownIssueStatus.FIXED:
        current.fixed_at = now
    elif was == KnownIssueStatus.FIXED:
        current.fixed_at = None
    current.save(update_fields=["status", "fixed_at"])
    known_issue.status, known_issue.fixed_at = current.status, current.fixed_at
    record_action(
        actor=by, action=AuditAction.UPDATE_KNOWN_ISSUE, target=current,
        status=str(status), previous=str(was), update=update.pk,
    )  # fmt: skip
    known_issue_updated.send(
        sender=KnownIssue, known_issue=current, update=update, created=False, by=by
    )
    enqueue("community.notify_known_issue_update", {"update_id": update.pk})
    forget_banner()
    return update


def check_linkable(*, thread: Thread, known_issue: KnownIssue) -> None:
    """Raises ValidationError when `thread` cannot be linked to `known_issue`."""
    if thread.pk == known_issue.thread_id:
        raise ValidationError(_("A status post cannot be linked to itself."), code="self")
    if thread.kind == ThreadKind.KNOWN_ISSUE:
        raise ValidationError(
            _("That thread is a known issue’s status post itself."), code="status_post"
        )
    if thread.deleted_at is not None or thread.merged_into_id is not None:
        raise ValidationError(_("That thread was deleted or merged."), code="gone")


@transaction.atomic
def link_thread(*, thread: Thread, known_issue: KnownIssue, by: Member) -> Thread:
    """Mark `thread` as one more report of `known_issue`: its page says so and links to
    the status post, and its followers and "me too"s hear of every update. Linking it
    again to the same issue changes nothing; to another one moves it. Audited; emits
    ``thread_linked_to_known_issue``. Raises ValidationError (see ``check_linkable``)."""
    _check_staff(by)
    current = Thread.objects.select_for_update(no_key=True).get(pk=thread.pk)
    check_linkable(thread=current, known_issue=known_issue)
    if current.linked_known_issue_id == known_issue.pk:
        return current
    previous = current.linked_known_issue_id
    current.linked_known_issue = known_issue
    current.save(update_fields=["linked_known_issue"])
    thread.linked_known_issue = known_issue
    record_action(
        actor=by, action=AuditAction.LINK_KNOWN_ISSUE, target=current,
        known_issue=known_issue.pk, previous=previous,
    )  # fmt: skip
    thread_linked_to_known_issue.send(sender=Thread, thread=current, known_issue=known_issue, by=by)
    return current


@transaction.atomic
def unlink_thread(*, thread: Thread, by: Member) -> Thread:
    """Take `thread` off its known issue (it was about something else). A thread that is
    not linked changes nothing. Audited (as a link with ``unlinked``); emits
    ``thread_linked_to_known_issue`` with known_issue=None."""
    _check_staff(by)
    current = Thread.objects.select_for_update(no_key=True).get(pk=thread.pk)
    if current.linked_known_issue_id is None:
        return current
    previous = current.linked_known_issue_id
    current.linked_known_issue = None
    current.save(update_fields=["linked_known_issue"])
    thread.linked_known_issue = None
    record_action(
        actor=by, action=AuditAction.LINK_KNOWN_ISSUE, target=current,
        known_issue=previous, unlinked=True,
    )  # fmt: skip
    thread_linked_to_known_issue.send(sender=Thread, thread=current, known_issue=None, by=by)
    return current
