"""Known issues: one public status post when many customers hit the same problem.

Staff open a known issue (a thread of kind "known issue" with a ``KnownIssue`` row), post
status updates on it (investigating → identified → fixed; a fixed issue can be reopened)
and link the threads that report the same problem to it. While any known issue is open,
every page shows a banner (``banner``, cached); ``/status/`` lists them all.

Everyone who said "me too" on the status post or on a linked thread, and everyone who
follows one of them, hears of each update once: in the notification centre and by e-mail
in their own language (``notify_known_issue_update``, run by the worker after commit).

Turning a thread into a known issue: a thread the support team opened (an announcement,
a discussion) becomes the status post itself and keeps its posts. A member's question does
not: its opening post is the member's description, written in their name, and the
status post is the support team's public voice. So a new status post is started with the
question's title, and the question is linked to it as the first affected thread.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.audit import record_action
from community.models import (
    AuditAction,
    EmailKind,
    KnownIssue,
    KnownIssueStatus,
    KnownIssueUpdate,
    Member,
    MeToo,
    NotificationKind,
    NotificationPreference,
    Space,
    Thread,
    ThreadFollow,
    ThreadKind,
)
from community.models.limits import SITE_SETTINGS_SECONDS
from community.outbox import enqueue
from community.permissions import can
from community.signals import known_issue_updated, thread_linked_to_known_issue
from community.site import absolute_url

# The banner's cached contents; the services below delete it when what it shows changes,
# and other processes (their own local caches) see the change within SITE_SETTINGS_SECONDS.
BANNER_CACHE_KEY = "community:known-issues-banner"
# Known issues the banner names; the rest are "and N more" with a link to /status/.
BANNER_SHOWN = 2
# /status/ lists the issues fixed within these days after the open ones.
RECENTLY_FIXED_DAYS = 30
# "Threads that may be about this": asked within these days, shown when at least this many.
SUGGESTION_DAYS = 7
SUGGESTION_MIN = 2
SUGGESTION_LIMIT = 10

# Where an update may take a known issue from each status. An update may keep the status
# (more news, same state); a fixed issue moves only back to "investigating" (it came back).
ALLOWED_NEXT = {
    KnownIssueStatus.INVESTIGATING: {
        KnownIssueStatus.INVESTIGATING,
        KnownIssueStatus.IDENTIFIED,
        KnownIssueStatus.FIXED,
    },
    KnownIssueStatus.IDENTIFIED: {KnownIssueStatus.IDENTIFIED, KnownIssueStatus.FIXED},
    KnownIssueStatus.FIXED: {KnownIssueStatus.INVESTIGATING},
}


def next_statuses(known_issue: KnownIssue) -> list[KnownIssueStatus]:
    """The statuses an update may give `known_issue`, in their order."""
    allowed = ALLOWED_NEXT[KnownIssueStatus(known_issue.status)]
    return [status for status in KnownIssueStatus if status in allowed]


def _check_staff(by: Member | None) -> None:
    if not can(by, "community.manage_known_issues"):
        raise PermissionDenied(_("Only the support team manages known issues."))


def forget_banner() -> None:
    """The banner is read again on the next page (and once more after commit, so a page
    rendered meanwhile cannot keep the old one)."""
    cache.delete(BANNER_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(BANNER_CACHE_KEY))


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


# --- reads ---------------------------------------------------------------------------------


def _public_thread_q(prefix: str = "thread__") -> Q:
    return Q(
        **{
            f"{prefix}hidden_at__isnull": True,
            f"{prefix}deleted_at__isnull": True,
            f"{prefix}merged_into__isnull": True,
            f"{prefix}space__is_active": True,
        }
    )


def public_known_issues():
    """Known issues whose status post every visitor may see."""
    return KnownIssue.objects.filter(_public_thread_q())


def open_known_issues() -> list[KnownIssue]:
    """The open ones with their status posts, newest first: the staff's "Link to" choice."""
    return list(public_known_issues().open().select_related("thread"))


@dataclass(frozen=True)
class BannerItem:
    title: str
    language: str
    status: str
    updated_at: object
    url: str

    @property
    def status_label(self) -> str:
        return KnownIssueStatus(self.status).label


@dataclass(frozen=True)
class Banner:
    items: tuple[BannerItem, ...]
    more: int

    def __bool__(self) -> bool:
        return bool(self.items)


def banner() -> Banner:
    """What the site-wide banner shows: the BANNER_SHOWN most recently updated open known
    issues and how many more are open. Cached (no query on most pages); the same for every
    visitor, so pages stay shareable (community.caching)."""
    cached = cache.get(BANNER_CACHE_KEY)
    if cached is not None:
        return cached
    rows = list(
        public_known_issues()
        .open()
        .annotate(updated_at=Max("updates__created_at"))
        .values(
            "status",
            "updated_at",
            "created_at",
            "thread_id",
            "thread__title",
            "thread__slug",
            "thread__language",
        )
        .order_by("-updated_at", "-pk")
    )
    items = tuple(
        BannerItem(
            title=row["thread__title"],
            language=row["thread__language"],
            status=row["status"],
            updated_at=row["updated_at"] or row["created_at"],
            url=Thread(pk=row["thread_id"], slug=row["thread__slug"]).get_absolute_url(),
        )
        for row in rows[:BANNER_SHOWN]
    )
    result = Banner(items=items, more=max(0, len(rows) - BANNER_SHOWN))
    cache.set(BANNER_CACHE_KEY, result, timeout=SITE_SETTINGS_SECONDS)
    return result


def _with_timeline(known_issues):
    return known_issues.select_related("thread", "thread__space").prefetch_related(
        Prefetch(
            "updates",
            queryset=KnownIssueUpdate.objects.select_related("post", "author").order_by(
                "-created_at", "-pk"
            ),
        )
    )


@dataclass
class StatusPage:
    open: list[KnownIssue]
    recently_fixed: list[KnownIssue]


def status_page(*, now=None) -> StatusPage:
    """/status/: the open known issues (most recently updated first), then those fixed in
    the last RECENTLY_FIXED_DAYS; each with its updates, latest first. Three queries."""
    now = now or timezone.now()
    issues = list(
        _with_timeline(
            public_known_issues()
            .filter(
                ~Q(status=KnownIssueStatus.FIXED)
                | Q(fixed_at__gte=now - timedelta(days=RECENTLY_FIXED_DAYS))
            )
            .annotate(updated_at=Max("updates__created_at"), linked_count=_linked_count())
        ).order_by("-updated_at", "-pk")
    )
    return StatusPage(
        open=[issue for issue in issues if issue.is_open],
        recently_fixed=sorted(
            (issue for issue in issues if not issue.is_open),
            key=lambda issue: issue.fixed_at,
            reverse=True,
        ),
    )


def _linked_count():
    linked = (
        Thread.objects.filter(linked_known_issue=OuterRef("pk"))
        .filter(_public_thread_q(prefix=""))
        .order_by()
        .values("linked_known_issue")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(linked)


def linked_threads(known_issue: KnownIssue) -> list[Thread]:
    """The public threads linked to `known_issue`, latest first (the staff's list)."""
    return list(
        Thread.objects.public()
        .filter(linked_known_issue=known_issue)
        .only("pk", "title", "slug", "created_at", "me_too_count", "language")
        .order_by("-created_at", "-pk")
    )


def suggested_threads(known_issue: KnownIssue, *, now=None) -> list[Thread]:
    """Threads asked in the last SUGGESTION_DAYS that share words with the known issue's
    title (the site search's "similar" lookup), neither linked nor status posts, best
    match first; empty unless at least SUGGESTION_MIN match."""
    from community.searching.threads import similar_documents

    now = now or timezone.now()
    found = similar_documents(known_issue.thread.title, content_type="community.thread", limit=20)
    ids = []
    for fields in found:
        try:
            ids.append(int(fields.get("django_id") or 0))
        except (TypeError, ValueError):
            continue
    if not ids:
        return []
    candidates = {
        thread.pk: thread
        for thread in Thread.objects.public()
        .filter(
            pk__in=ids,
            created_at__gte=now - timedelta(days=SUGGESTION_DAYS),
            linked_known_issue__isnull=True,
        )
        .exclude(kind=ThreadKind.KNOWN_ISSUE)
        .exclude(pk=known_issue.thread_id)
        .only("pk", "title", "slug", "created_at", "me_too_count", "language")
    }
    ordered = [candidates[pk] for pk in dict.fromkeys(ids) if pk in candidates]
    return ordered[:SUGGESTION_LIMIT] if len(ordered) >= SUGGESTION_MIN else []


def known_issue_box(*, viewer, thread: Thread) -> dict | None:
    """What the thread page shows about known issues (community/partials/known_issue_*):
    on a status post its status, updates and linked-thread count (one query), plus the
    staff's tools; on a linked thread the notice (no query: the thread page's query
    selects the known issue with the thread); on other threads the staff's "Link to"
    choice only. None when there is nothing to show."""
    may_manage = can(viewer, "community.manage_known_issues")
    known_issue = _status_of(thread)
    if known_issue is not None:
        updates = list(
            KnownIssueUpdate.objects.filter(known_issue=known_issue)
            .select_related("author")
            .annotate(linked_count=Subquery(_linked_count_for(known_issue.pk)))
            .order_by("-created_at", "-pk")
        )
        box = {
            "status_post": known_issue,
            "updates": updates,
            "linked_count": (updates[0].linked_count or 0) if updates else 0,
            "may_manage": may_manage,
        }
        if may_manage:
            from community.escalation.known_issue_forms import KnownIssueUpdateForm, LinkThreadForm

            box["update_form"] = KnownIssueUpdateForm(
                known_issue=known_issue, statuses=next_statuses(known_issue)
            )
            box["link_form"] = LinkThreadForm()
            box["linked_threads"] = linked_threads(known_issue)
            box["suggestions"] = suggested_threads(known_issue)
        return box
    linked = thread.linked_known_issue if thread.linked_known_issue_id else None
    if linked is None and not may_manage:
        return None
    box = {"linked": linked, "may_manage": may_manage}
    if may_manage and thread.kind != ThreadKind.KNOWN_ISSUE:
        box["open_known_issues"] = [
            issue for issue in open_known_issues() if issue.thread_id != thread.pk
        ]
    return box


def _linked_count_for(known_issue_id: int):
    return (
        Thread.objects.filter(linked_known_issue_id=known_issue_id)
        .filter(_public_thread_q(prefix=""))
        .order_by()
        .values("linked_known_issue")
        .annotate(n=Count("pk"))
        .values("n")
    )


def _status_of(thread: Thread) -> KnownIssue | None:
    """The thread's KnownIssue when it is a status post (selected with the thread)."""
    try:
        return thread.known_issue
    except KnownIssue.DoesNotExist:
        return None


# --- telling everyone affected (called by the worker) ----------------------------------------


def affected_members(known_issue: KnownIssue) -> dict[int, int]:
    """Who hears of the known issue's news: member id → the thread their e-mail's
    unsubscribe link stops following (the status post if they follow it, else a linked
    thread they follow, else one they said "me too" on). Two queries."""
    thread_ids = [known_issue.thread_id, *Thread.objects.filter(
        linked_known_issue=known_issue).values_list("pk", flat=True)]  # fmt: skip
    members: dict[int, int] = {}
    follows = ThreadFollow.objects.filter(thread_id__in=thread_ids).values_list(
        "member_id", "thread_id"
    )
    for member_id, thread_id in sorted(
        follows, key=lambda row: (row[1] != known_issue.thread_id, row[1])
    ):
        members.setdefault(member_id, thread_id)
    for member_id, thread_id in MeToo.objects.filter(thread_id__in=thread_ids).values_list(
        "member_id", "thread_id"
    ):
        members.setdefault(member_id, thread_id)
    return members


def notify_known_issue_update(*, update_id: int) -> int:
    """Tell everyone affected by the update's known issue (``affected_members``) once:
    an entry in their notification centre, and an e-mail in their language unless they
    switched off e-mails about new answers on threads they follow (an update is an
    official answer on the status post). Safe to run twice. Returns e-mails queued."""
    from community.services.notices import notify_once
    from community.services.notifications import _send as send_notification_email

    update = (
        KnownIssueUpdate.objects.select_related("known_issue__thread", "author", "post")
        .filter(pk=update_id)
        .first()
    )
    if update is None or not update.known_issue.thread.is_public:
        return 0
    known_issue, thread = update.known_issue, update.known_issue.thread
    affected = affected_members(known_issue)
    affected.pop(update.author_id, None)
    members = list(Member.objects.filter(pk__in=affected, is_active=True).order_by("pk"))
    status = KnownIssueStatus(update.status)
    if status == KnownIssueStatus.FIXED:
        message = gettext_noop("Fixed: the known issue “%(title)s”")
    else:
        message = gettext_noop("News of the known issue “%(title)s”: %(status)s")
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = _(message) % {"title": thread.title, "status": str(status.label)}
    notify_once(
        members=members,
        kind=NotificationKind.KNOWN_ISSUE,
        group_key=f"known_issue_update:{update.pk}",
        actor=update.author,
        thread=thread,
        data={"text": texts, "status": update.status},
    )
    declining = set(
        NotificationPreference.objects.declining(EmailKind.NEW_ANSWER)
        .filter(member__in=[member.pk for member in members])
        .values_list("member_id", flat=True)
    )
    url = absolute_url(update.post.get_absolute_url() if update.post else thread.get_absolute_url())
    context = {
        "known_issue": known_issue,
        "thread": thread,
        "update": update,
        "url": url,
        "status_url": absolute_url(reverse("community:status")),
    }
    sent = 0
    for member in members:
        if member.pk in declining:
            continue
        sent += send_notification_email(
            member=member,
            key=f"known_issue_update:{update.pk}",
            template="community/email/known_issue_update",
            context=context,
            follow=("thread", affected[member.pk]),
        )
    return sent
