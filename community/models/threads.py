from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.models.escalation import CustomerUrgency, Priority


class ThreadKind(models.TextChoices):
    QUESTION = "question", _("Question")
    DISCUSSION = "discussion", _("Discussion")
    IDEA = "idea", _("Idea")
    ANNOUNCEMENT = "announcement", _("Announcement")
    KNOWN_ISSUE = "known_issue", _("Known issue")


STAFF_ONLY_KINDS = (ThreadKind.ANNOUNCEMENT, ThreadKind.KNOWN_ISSUE)


class ThreadStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SOLVED = "solved", _("Solved")


class IdeaStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_REVIEW = "under_review", _("Under review")
    PLANNED = "planned", _("Planned")
    DELIVERED = "delivered", _("Delivered")
    DECLINED = "declined", _("Declined")
    ALREADY_EXISTS = "already_exists", _("Already exists")
    # Added after the others: appended so that the stored values keep their meaning.
    IN_PROGRESS = "in_progress", _("In progress")


# The order an idea goes through, for the staff form and the tabs of /ideas/. "Already
# exists" closes an idea without building it (it duplicates an idea or an existing feature).
IDEA_STATUS_ORDER = (
    IdeaStatus.NEW,
    IdeaStatus.UNDER_REVIEW,
    IdeaStatus.PLANNED,
    IdeaStatus.IN_PROGRESS,
    IdeaStatus.DELIVERED,
    IdeaStatus.DECLINED,
    IdeaStatus.ALREADY_EXISTS,
)


# How lists sort unless the reader picks another order; the indexes below follow it.
LIST_ORDER = ("-is_pinned", "-last_activity_at", "-id")


class ThreadQuerySet(models.QuerySet):
    def public(self):
        """What every visitor may see: not hidden, not deleted, not merged into another thread
        (its page redirects there), in a space that is active.

        Who may see more (authors their own hidden threads, moderators everything) is
        decided by ``community.permissions.visible_threads``.
        """
        return self.filter(
            hidden_at__isnull=True,
            deleted_at__isnull=True,
            merged_into__isnull=True,
            space__is_active=True,
        )

    def for_list(self):
        """Threads with what a list shows about them, in a fixed number of queries.

        The site's own lists read plain values instead (``community.selectors.thread_rows``).
        """
        return self.select_related("space", "author", "last_poster").prefetch_related("tags")


class Thread(models.Model):
    """A question, discussion, idea or staff notice. Its opening text is its first Post."""

    space = models.ForeignKey(
        "community.Space", verbose_name=_("space"), on_delete=models.PROTECT, related_name="threads"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="threads",
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ThreadKind, default=ThreadKind.QUESTION
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ThreadStatus, default=ThreadStatus.OPEN
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    tags = models.ManyToManyField(
        "community.Tag", verbose_name=_("tags"), blank=True, related_name="threads"
    )
    solution = models.ForeignKey(
        "community.Post",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    idea_status = models.CharField(_("idea status"), max_length=16, choices=IdeaStatus, blank=True)

    # Denormalised for lists and sorting; community.services.counters rebuilds them.
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    me_too_count = models.PositiveIntegerField(_("“me too” votes"), default=0)
    helpful_count = models.PositiveIntegerField(_("helpful votes"), default=0)
    has_official_answer = models.BooleanField(_("has an official answer"), default=False)

    created_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_response_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    solved_at = models.DateTimeField(_("solved"), null=True, blank=True)

    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=200, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    # A duplicate merged into another thread: its answers moved there, its page redirects.
    # No index: lists filter on it being empty, and an index would lure the planner away
    # from the list-order indexes (tests/community/test_list_indexes.py).
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # Priority triage (community.escalation.triage) when the question was asked, with the
    # rules that set it, and what the asker said about their own urgency.
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority, default=Priority.NORMAL
    )
    priority_reasons = models.JSONField(_("priority reasons"), default=list, blank=True)
    customer_urgency = models.CharField(
        _("asker's urgency"), max_length=8, choices=CustomerUrgency, blank=True
    )
    # Linked to a known issue's status post as a duplicate (community.escalation.known_issues).
    linked_known_issue = models.ForeignKey(
        "community.KnownIssue",
        verbose_name=_("known issue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="linked_threads",
    )
    merge_reason = models.CharField(_("reason for merging"), max_length=200, blank=True)
    # Shown on a locked thread; for one closed as a duplicate, the reason beside its link.
    lock_reason = models.CharField(_("reason for locking"), max_length=200, blank=True)
    # Closed as a duplicate: locked and readable, pointing to the original (no answers move).
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        # The lists' default order (pinned first, then latest activity, then newest id) for
        # the whole site and for one space, each with and without the reader's language:
        # every variant reads its first page straight off one index instead of sorting.
        indexes = [
            models.Index(fields=[*LIST_ORDER], name="thread_list_order"),
            models.Index(fields=["language", *LIST_ORDER], name="thread_language_list_order"),
            models.Index(fields=["space", *LIST_ORDER], name="thread_space_list_order"),
            models.Index(
                fields=["space", "language", *LIST_ORDER], name="thread_space_language_order"
            ),
            models.Index(fields=["space", "created_at"], name="thread_space_created"),
            # "Newest" in the reader's language, and the home page's unanswered questions:
            # without it the language index wins and the database sorts all its threads.
            models.Index(fields=["language", "-created_at", "-id"], name="thread_language_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", solution__isnull=True)
                | Q(status="solved", solution__isnull=False),
                name="thread_solved_iff_solution",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:thread", kwargs={"pk": self.pk, "slug": self.slug or "-"})

    # Named checks for templates, which cannot compare against ThreadKind.
    @property
    def is_question(self) -> bool:
        return self.kind == ThreadKind.QUESTION

    @property
    def is_idea(self) -> bool:
        return self.kind == ThreadKind.IDEA

    @property
    def is_solved(self) -> bool:
        return self.status == ThreadStatus.SOLVED

    @property
    def is_public(self) -> bool:
        """Neither hidden nor deleted. Whether its space is active is a separate question
        (``ThreadQuerySet.public`` and the permission checks ask both)."""
        return self.hidden_at is None and self.deleted_at is None
