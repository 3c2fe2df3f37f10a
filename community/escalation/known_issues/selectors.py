"""Known issues: what the pages read (the banner, /status/, the thread page's box, the
staff's suggestions). See the package's docstring."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from community.models import KnownIssue, KnownIssueStatus, KnownIssueUpdate, Thread, ThreadKind
from community.models.limits import SITE_SETTINGS_SECONDS
from community.permissions import can

# The banner's cached contents; the services delete it when what it shows changes,
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
# Threads a similar-threads provider (community.extensions) is asked for: enough that the
# recent ones remain after older and linked ones are dropped.
SUGGESTION_CANDIDATES = 50

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
    """Threads asked in the last SUGGESTION_DAYS like the known issue's title, neither
    linked nor status posts, best match first; empty unless at least SUGGESTION_MIN match.

    Like: as the similar-threads provider ranks them (community.extensions: e.g. keywords
    fused with embeddings, which find paraphrases and reports in the other language), or,
    without one or when it cannot answer, sharing words (the site search's "similar"
    lookup)."""
    from community.extensions import similar_thread_ids
    from community.searching.threads import similar_documents

    now = now or timezone.now()
    ids = similar_thread_ids(title=known_issue.thread.title, limit=SUGGESTION_CANDIDATES)
    if ids is None:
        found = similar_documents(
            known_issue.thread.title, content_type="community.thread", limit=20
        )
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
