"""Reads that pages need, each with its query budget. Writes live in community.services."""

import functools
import statistics
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import (
    IDEA_STATUS_ORDER,
    Flag,
    HelpfulVote,
    IdeaStatus,
    IdeaStatusChange,
    Invitation,
    Member,
    MeToo,
    Notification,
    Post,
    SolvedToo,
    Space,
    SpaceFollow,
    Thread,
    ThreadFollow,
    ThreadKind,
    ThreadStatus,
)
from community.models.threads import LIST_ORDER
from community.permissions import visible_posts, visible_threads
from community.prepared import PreparedQuery, PreparedSlices

THREADS_PER_PAGE = 20
# Lists read one page with OFFSET; a bound keeps absurd page numbers from overflowing it.
MAX_PAGE_NUMBER = 10_000
ANSWERS_PER_PAGE = 200
RESPONSE_TIME_WINDOW = timedelta(days=30)
RESPONSE_TIME_MIN_SAMPLES = 3


# --- the reader's languages ------------------------------------------------------------------

SITE_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def reader_languages(reader, ui_language: str | None = None) -> tuple[str, ...]:
    """The languages whose threads `reader` sees unless they ask for all of them.

    `reader` is a request, a member or an anonymous user. A member's own choice
    ("languages I read") wins; otherwise it is the language the site speaks to them,
    `ui_language` (default: the active language). Codes come in the site's order.
    """
    member = reader.user if isinstance(reader, HttpRequest) else reader
    if member is not None and member.is_authenticated:
        chosen = member.read_languages
        if chosen:
            return chosen
    if ui_language is None:
        from community.i18n import active_language

        ui_language = active_language()
    code = ui_language.split("-")[0].lower()
    return (code if code in SITE_LANGUAGES else settings.LANGUAGE_CODE,)


def covers_all_languages(languages: Collection[str]) -> bool:
    return set(SITE_LANGUAGES) <= set(languages)


# --- thread lists ------------------------------------------------------------------------

# What a thread list can show and how it sorts: value in the address → label on the page.
LIST_FILTERS = {
    "all": _("All"),
    "unanswered": _("Unanswered"),
    "unsolved": _("Unsolved"),
    "solved": _("Solved"),
    "mine": _("Mine"),
    "following": _("Following"),
}
LIST_SORTS = {
    "activity": _("Latest activity"),
    "newest": _("Newest"),
    "helpful": _("Most helpful"),
    "me_too": _("Most “me too”"),
}
# Filters about the viewer's own threads: empty for visitors, who are asked to sign in.
PERSONAL_FILTERS = ("mine", "following")


@dataclass(frozen=True)
class ThreadListQuery:
    """What the visitor asked the list for; unknown values fall back to the defaults."""

    filter: str = "all"
    sort: str = "activity"
    tag: str = ""
    kind: str = ""
    idea_status: str = ""
    # ?lang=all: every language, not only the reader's (see reader_languages).
    all_languages: bool = False

    @property
    def is_personal(self) -> bool:
        return self.filter in PERSONAL_FILTERS

    @property
    def is_ideas(self) -> bool:
        return self.kind == ThreadKind.IDEA

    @classmethod
    def from_params(cls, params) -> "ThreadListQuery":
        from community.models import IdeaStatus

        filter_ = params.get("filter", "all")
        sort = params.get("sort", "activity")
        kind = params.get("kind", "")
        idea_status = params.get("status", "")
        return cls(
            filter=filter_ if filter_ in LIST_FILTERS else "all",
            sort=sort if sort in LIST_SORTS else "activity",
            tag=params.get("tag", "").strip().lower()[:32],
            kind=kind if kind in ThreadKind.values else "",
            idea_status=idea_status if idea_status in IdeaStatus.values else "",
            all_languages=params.get("lang") == "all",
        )


def thread_list(
    *,
    member,
    query: ThreadListQuery,
    space: Space | None = None,
    languages: Collection[str] | None = None,
) -> QuerySet:
    """The threads a list shows `member`, in the order `query` asks for.

    With `languages` (usually ``reader_languages``) only threads in those languages,
    unless the query asks for all. The default order reads straight off an index
    (see Thread.Meta.indexes), with or without the space and the language.
    """
    # Conditions gathered and applied at once: every .filter() copies the query.
    # A merged duplicate only points to the thread it was merged into.
    conditions = [Q(deleted_at__isnull=True, merged_into__isnull=True)]
    if space is not None:
        conditions.append(Q(space=space))
    if languages is not None and not query.all_languages and not covers_all_languages(languages):
        languages = list(languages)
        # One language is an equality the indexes start with; IN would make the database sort.
        if len(languages) == 1:
            conditions.append(Q(language=languages[0]))
        else:
            conditions.append(Q(language__in=languages))
    signed_in = member is not None and member.is_authenticated
    match query.filter:
        case "unanswered":
            conditions.append(Q(answer_count=0, kind=ThreadKind.QUESTION))
        case "unsolved":
            conditions.append(Q(kind=ThreadKind.QUESTION, status=ThreadStatus.OPEN))
        case "solved":
            conditions.append(Q(status=ThreadStatus.SOLVED))
        case "mine" if signed_in:
            conditions.append(Q(author=member))
        case "following" if signed_in:
            conditions.append(
                Exists(ThreadFollow.objects.filter(thread=OuterRef("pk"), member=member))
            )
        case "mine" | "following":
            return Thread.objects.none()
    if query.tag:
        conditions.append(Q(tags__name=query.tag))
    if query.kind:
        conditions.append(Q(kind=query.kind))
    elif space is None and not query.idea_status:
        # Ideas have their own list (idea_list); a space's list shows all its threads.
        conditions.append(~Q(kind=ThreadKind.IDEA))
    if query.idea_status:
        conditions.append(Q(kind=ThreadKind.IDEA, idea_status=query.idea_status))
    threads = visible_threads(member).filter(*conditions).for_list()
    match query.sort:
        case "newest":
            order = ["-created_at", "-pk"]
        case "helpful":
            order = ["-helpful_count", "-last_activity_at", "-pk"]
        case "me_too":
            order = ["-me_too_count", "-last_activity_at", "-pk"]
        case _:
            order = list(LIST_ORDER)
    return threads.order_by(*order)


@dataclass
class ListPage:
    """One page of a list, read without counting the list.

    A COUNT over a large list costs more than the page itself, so the page reads
    one row more than it shows: that row says whether a next page exists. Offers
    what templates use of Django's ``Page`` except the total (``paginator`` is None).
    """

    object_list: list
    number: int
    has_next_page: bool
    paginator = None

    def has_next(self) -> bool:
        return self.has_next_page

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next_page or self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def is_past_the_end(self) -> bool:
        """A page number beyond the last page (an old link, a list that shrank)."""
        return not self.object_list and self.number > 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def page_number_from(value) -> int:
    """A page number from the address: 1 for anything that is not a positive number."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE_NUMBER)


def paginate(queryset, page_number, per_page: int = THREADS_PER_PAGE) -> ListPage:
    """Page `page_number` of `queryset` in one query (no COUNT); see ListPage."""
    number = page_number_from(page_number)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return ListPage(object_list=rows[:per_page], number=number, has_next_page=len(rows) > per_page)


# What a list row shows (community.views.rows), read as plain values: model instances for
# a page of threads with their spaces and last posters cost more than the query itself.
ROW_VALUES = (
    "pk", "title", "slug", "kind", "status", "language", "is_pinned", "is_locked",
    "idea_status", "answer_count", "me_too_count", "has_official_answer", "last_activity_at",
    "space_id", "space__slug", *(f"space__name_{code}" for code in SITE_LANGUAGES),
    "last_poster__username", "last_poster__display_name",
)  # fmt: skip


def thread_rows(threads: QuerySet) -> QuerySet:
    """`threads` (e.g. from ``thread_list``) as the dicts a list row needs, in one query."""
    return threads.prefetch_related(None).values(*ROW_VALUES)


def thread_list_rows(
    *,
    member,
    query: ThreadListQuery,
    space: Space | None = None,
    languages: Collection[str] | None = None,
) -> QuerySet | PreparedSlices:
    """``thread_rows(thread_list(…))``: the rows of a list, as plain values, unevaluated;
    read them in slices (``paginate``) or whole.

    A visitor's list is the same query for every visitor asking for the same thing, so it
    is built once per process and each page of it compiled once: building it (a dozen
    conditions, nineteen values across two joins) and compiling it took longer than
    running it. Every read runs the query: the rows are never kept.
    """
    if member is not None and member.is_authenticated:
        return thread_rows(
            thread_list(member=member, query=query, space=space, languages=languages)
        )
    return _visitor_list_rows(
        query,
        space.pk if space is not None else None,
        tuple(languages) if languages is not None else None,
    )


@functools.lru_cache(maxsize=512)
def _visitor_list_rows(
    query: ThreadListQuery, space_pk: int | None, languages: tuple[str, ...] | None
) -> PreparedSlices:
    from django.contrib.auth.models import AnonymousUser

    space = Space(pk=space_pk) if space_pk is not None else None
    threads = thread_list(member=AnonymousUser(), query=query, space=space, languages=languages)
    return PreparedSlices(thread_rows(threads))


def attach_tag_names(rows: list[dict]) -> list[dict]:
    """Add ``tag_names`` (alphabetical) and their ``tag_slugs`` to each of `rows` (from
    ``thread_rows``), with one query for all of them."""
    tags = tags_of_threads([row["pk"] for row in rows])
    for row in rows:
        pairs = tags.get(row["pk"], [])
        row["tag_names"] = [name for name, _slug in pairs]
        row["tag_slugs"] = [slug for _name, slug in pairs]
    return rows


def tags_of_threads(thread_ids: Collection[int]) -> dict[int, list[tuple[str, str]]]:
    """Each thread's tags as (name, slug), alphabetical; threads without tags are left out.
    One plain statement: on every list and thread page, the ORM took longer to build it
    than the database to answer it."""
    tags: dict[int, list[tuple[str, str]]] = {}
    if thread_ids:
        with connection.cursor() as cursor:
            cursor.execute(_tag_names_sql(len(thread_ids)), list(thread_ids))
            for thread_id, name, slug in cursor.fetchall():
                tags.setdefault(thread_id, []).append((name, slug))
    return tags


@functools.cache
def _tag_names_sql(threads: int) -> str:
    from community.models import Tag

    through = Thread.tags.through._meta
    quote = connection.ops.quote_name
    thread_column = quote(through.get_field("thread").column)
    tag_column = quote(through.get_field("tag").column)
    placeholders = ", ".join(["%s"] * threads)
    return (
        f"SELECT tt.{thread_column}, t.name, t.slug"
        f" FROM {quote(through.db_table)} tt JOIN {quote(Tag._meta.db_table)} t"
        f" ON t.id = tt.{tag_column}"
        f" WHERE tt.{thread_column} IN ({placeholders}) ORDER BY t.name, t.id"
    )


# --- the home page ----------------------------------------------------------------------------

SPACE_COUNTS_CACHE_KEY = "community:space_thread_counts"
# Counting every space's threads reads the whole table; a minute-old count is good enough.
SPACE_COUNTS_SECONDS = 60


def space_thread_counts(languages: Collection[str] | None = None) -> dict[int, int]:
    """Public threads per space id, in `languages` (None: all), from a cache at most a
    minute old. Threads in spaces that are switched off are not counted."""
    counts = cache.get(SPACE_COUNTS_CACHE_KEY)
    if counts is None:
        rows = (
            Thread.objects.public()
            .order_by()
            .values_list("space_id", "language")
            .annotate(threads=Count("pk"))
        )
        counts = {(space_id, language): number for space_id, language, number in rows}
        cache.set(SPACE_COUNTS_CACHE_KEY, counts, SPACE_COUNTS_SECONDS)
    totals: dict[int, int] = {}
    for (space_id, language), number in counts.items():
        if languages is None or language in languages:
            totals[space_id] = totals.get(space_id, 0) + number
    return totals


def listed_spaces_with_counts(languages: Collection[str] | None = None) -> list[Space]:
    """The spaces a visitor can enter, each with ``thread_count`` in `languages`."""
    counts = space_thread_counts(languages)
    spaces = list(Space.objects.listed())
    for space in spaces:
        space.thread_count = counts.get(space.pk, 0)
    return spaces


def listed_space_or_none(*, slug: str, member) -> Space | None:
    """The active space with this slug, with ``viewer_follows`` (whether `member` follows
    it) read in the same query."""
    spaces = Space.objects.filter(is_active=True, slug=slug)
    if member is not None and member.is_authenticated:
        follows = SpaceFollow.objects.filter(space=OuterRef("pk"), member=member)
        spaces = spaces.annotate(viewer_follows=Exists(follows))
    else:
        spaces = spaces.annotate(viewer_follows=Value(False))
    return spaces.first()


# --- the thread page --------------------------------------------------------------------------


@dataclass
class ThreadPage:
    thread: Thread
    opening: Post
    answers: Page
    solution: Post | None
    idea_changes: list[IdeaStatusChange] = field(default_factory=list)
    is_following: bool = False
    has_me_too: bool = False
    stale_post_ids: list[int] = field(default_factory=list)


def get_thread_or_none(pk: int) -> Thread | None:
    threads = _thread_by_pk(int(pk))
    return threads[0] if threads else None


# Every view of a thread reads it (compiled once: the joins' hundred-odd columns took
# longer to compile than to read).
_thread_by_pk = PreparedQuery(
    lambda pk: (
        Thread.objects.select_related("space", "author")
        # A status post's known issue, a linked thread's one and its status post: the thread
        # page's known-issue notice costs no query (community.escalation.known_issues).
        .select_related("known_issue", "linked_known_issue__thread")
        # Not .first(): its ORDER BY on the primary key makes Django compare every one of
        # the selected columns with it. The solution is not joined: the thread page reads it
        # with its answers (it is the first of them), and the views that act on it load it
        # when they need it.
        .filter(pk=pk)[:1]
    )
)


def thread_page(*, member, thread: Thread, page_number=1) -> ThreadPage:
    """The thread, its opening post and one page of answers with the viewer's own marks.

    Answers come solution first, then official and recommended answers, then
    the rest in the order they were written. A fixed number of queries: on the first page
    (nearly every view) the opening post comes in the answers' query, and the authors of
    all of them in one more (a hundred answers have a few dozen authors at most; joined,
    each row would build its author anew).
    """
    from community.markdown import RENDERER_VERSION

    # With their Markdown sources: the "me too" check reads them, and leaving them out
    # (deferred fields, an annotation for their first characters) cost more than reading them.
    if page_number in (None, 1, "1"):
        posts = _first_page_posts(ANSWERS_PER_PAGE)(thread.pk, thread.solution_id or 0)
        if not posts or not posts[0].is_opening:
            raise Post.DoesNotExist(f"Thread {thread.pk} has no opening post.")
        opening, rows = posts[0], posts[1:]
        answers_page = _first_answers_page(thread, rows)
    else:
        opening = Post.objects.get(thread=thread, is_opening=True)
        answers = answers_in_page_order(thread)
        answers_page = Paginator(answers, ANSWERS_PER_PAGE).get_page(page_number)
    page_posts = [opening, *answers_page.object_list]
    solution = next((p for p in page_posts if p.pk == thread.solution_id), None)
    if thread.solution_id and solution is None:
        # On another page: shown as a link with its author.
        solution = Post.objects.select_related("author").get(pk=thread.solution_id)
        thread.solution = solution
    _attach_authors(page_posts, known=[thread.author])
    for post in page_posts:
        post.thread = thread  # one thread object for all: permission checks read it per post
    if solution is not None:
        solution.thread = thread

    signed_in = member is not None and member.is_authenticated
    marks = (
        _viewer_marks(member, [p.pk for p in page_posts], thread.solution_id) if signed_in else {}
    )
    for post in page_posts:
        post.viewer_voted = (post.pk, "voted") in marks
        post.viewer_flagged = (post.pk, "flagged") in marks
        post.viewer_solved_too = (post.pk, "solved_too") in marks
    if solution is not None:
        solution.viewer_solved_too = (solution.pk, "solved_too") in marks

    page = ThreadPage(
        thread=thread,
        opening=opening,
        answers=answers_page,
        solution=solution,
        stale_post_ids=[p.pk for p in page_posts if p.render_version != RENDERER_VERSION],
    )
    if thread.kind == ThreadKind.IDEA:
        page.idea_changes = list(
            IdeaStatusChange.objects.filter(thread=thread).select_related(
                "changed_by", "duplicate_of"
            )
        )
    if signed_in:
        page.is_following = ThreadFollow.objects.filter(thread=thread, member=member).exists()
        page.has_me_too = MeToo.objects.filter(thread=thread, member=member).exists()
    return page


def _viewer_marks(member, post_ids: list[int], solution_id: int | None) -> set[tuple[int, str]]:
    """(post pk, mark) for what `member` did to these posts: "voted" (helpful), "flagged",
    "solved_too" (the solution only), in one query."""

    def marks(model, mark: str, **condition):
        return (
            model.objects.filter(**condition)
            .order_by()  # a compound statement's parts cannot be ordered
            .annotate(mark=Value(mark, output_field=CharField()))
            .values_list("post_id", "mark")
        )

    others = [marks(Flag, "flagged", reporter=member, post__in=post_ids)]
    if solution_id:
        others.append(marks(SolvedToo, "solved_too", member=member, post_id=solution_id))
    voted = marks(HelpfulVote, "voted", member=member, post__in=post_ids)
    return set(voted.union(*others, all=True))


@functools.lru_cache(maxsize=8)
def _first_page_posts(per_page: int) -> PreparedQuery:
    """The opening post and the first page of answers, one past the page (see
    _first_answers_page), compiled once per page size."""
    return PreparedQuery(
        lambda thread_pk, solution_pk: _posts_in_page_order(thread_pk, solution_pk)[: per_page + 2],
        arguments=2,
    )


def _first_answers_page(thread: Thread, rows: list[Post]) -> Page:
    """Page 1 of the answers from `rows`, the answers read one past the page: when they
    fit on it, they are all there is, so no COUNT query runs."""
    if len(rows) <= ANSWERS_PER_PAGE:
        return Paginator(rows, ANSWERS_PER_PAGE).page(1)
    return Page(
        rows[:ANSWERS_PER_PAGE], 1, Paginator(answers_in_page_order(thread), ANSWERS_PER_PAGE)
    )


def _attach_authors(posts: list[Post], *, known: Collection[Member] = ()) -> None:
    """Set each post's author from one query for the authors not in `known`."""
    members = {member.pk: member for member in known}
    missing = {post.author_id for post in posts} - members.keys()
    if missing:
        members.update((member.pk, member) for member in _members_by_pk(len(missing))(*missing))
    for post in posts:
        post.author = members[post.author_id]


@functools.lru_cache(maxsize=128)
def _members_by_pk(count: int) -> PreparedQuery:
    """Members by their primary keys, `count` of them (one compiled query per count)."""
    return PreparedQuery(lambda *pks: Member.objects.filter(pk__in=pks), arguments=count)


def get_post_or_none(pk: int) -> Post | None:
    return Post.objects.select_related("thread", "thread__space", "author").filter(pk=pk).first()


def answers_in_page_order(thread: Thread) -> QuerySet:
    """A thread's answers in the order its pages show them: the solution first, then
    official and recommended answers, then the rest as they were written."""
    return posts_in_page_order(thread).filter(is_opening=False)


def posts_in_page_order(thread: Thread) -> QuerySet:
    """The opening post, then the answers in the order of ``answers_in_page_order``."""
    return _posts_in_page_order(thread.pk, thread.solution_id or 0)


def _posts_in_page_order(thread_pk: int, solution_pk: int) -> QuerySet:
    return (
        Post.objects.filter(thread_id=thread_pk)
        .annotate(
            rank=Case(
                When(is_opening=True, then=Value(-1)),
                When(pk=solution_pk, then=Value(0)),
                When(Q(is_official=True) | Q(endorsed_by__isnull=False), then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "created_at", "pk")
    )


def post_position(post: Post) -> int:
    """Which page of its thread `post` is on (for links to a single post), counted in
    the same order as ``thread_page`` shows the answers."""
    if post.is_opening:
        return 1
    answers = answers_in_page_order(post.thread)
    rank = answers.filter(pk=post.pk).values_list("rank", flat=True).first()
    if rank is None:
        return 1
    earlier = answers.filter(
        Q(rank__lt=rank)
        | Q(rank=rank, created_at__lt=post.created_at)
        | Q(rank=rank, created_at=post.created_at, pk__lt=post.pk)
    )
    return earlier.count() // ANSWERS_PER_PAGE + 1


# --- response times ---------------------------------------------------------------------------


def typical_first_response(*, space: Space | None = None) -> timedelta | None:
    """Median time to the first answer for questions asked in the last 30 days.

    None while there are too few answered questions to say anything honest.
    """
    since = timezone.now() - RESPONSE_TIME_WINDOW
    threads = Thread.objects.public().filter(
        kind=ThreadKind.QUESTION, created_at__gte=since, first_response_at__isnull=False
    )
    if space is not None:
        threads = threads.filter(space=space)
    durations = [
        (answered - asked).total_seconds()
        for asked, answered in threads.values_list("created_at", "first_response_at")
    ]
    if len(durations) < RESPONSE_TIME_MIN_SAMPLES:
        return None
    return timedelta(seconds=statistics.median(durations))


# --- the support team's list of questions waiting for a first answer ----------------------------


def waiting_questions() -> list[Thread]:
    """Unanswered questions, those past their space's target first, then the most “me too”s."""
    threads = list(
        Thread.objects.public()
        .filter(kind=ThreadKind.QUESTION, first_response_at__isnull=True, status=ThreadStatus.OPEN)
        .select_related("space", "author")
        .order_by("created_at")[:200]
    )
    now = timezone.now()
    for thread in threads:
        thread.waiting_for = now - thread.created_at
        thread.target = timedelta(minutes=thread.space.first_response_target)
        thread.overdue_by = thread.waiting_for - thread.target
        thread.is_overdue = thread.overdue_by > timedelta(0)
    threads.sort(key=lambda t: (not t.is_overdue, -t.me_too_count, t.created_at))
    return threads


# --- member profiles ------------------------------------------------------------------------


def member_activity(*, member: Member, viewer) -> dict:
    """A profile's lists and counts, made only of what `viewer` may see.

    Counting anything else would reveal that hidden threads or answers in them exist.
    """
    threads = visible_threads(viewer).filter(author=member, deleted_at__isnull=True)
    answers = visible_posts(viewer).filter(author=member, is_opening=False)
    solutions = visible_threads(viewer).filter(
        deleted_at__isnull=True, solution__author=member, solution__hidden_at__isnull=True
    )
    stats = {
        "questions": threads.count(),
        "answers": answers.count(),
        "solutions": solutions.count(),
    }
    return {
        "recent_threads": list(threads.select_related("space").order_by("-created_at")[:10]),
        "recent_answers": list(answers.select_related("thread").order_by("-created_at")[:10]),
        "stats": stats,
    }


# --- ideas ------------------------------------------------------------------------------------

# The tabs of the ideas list: value in the address → the statuses it shows. "New" also
# holds ideas from before statuses existed (no status yet).
IDEA_TABS: dict[str, tuple[str, ...]] = {
    status.value: (status.value, "") if status == IdeaStatus.NEW else (status.value,)
    for status in IDEA_STATUS_ORDER
}
IDEA_SORTS = {
    "votes": _("Most wanted"),
    "newest": _("Newest"),
}


@dataclass(frozen=True)
class IdeaListQuery:
    """Which tab of the ideas list, in which order; unknown values fall back to the defaults."""

    status: str = ""
    sort: str = "votes"

    @classmethod
    def from_params(cls, params) -> "IdeaListQuery":
        status = params.get("status", "")
        sort = params.get("sort", "votes")
        return cls(
            status=status if status in IDEA_TABS else "",  # "": all ideas
            sort=sort if sort in IDEA_SORTS else "votes",
        )


@dataclass(frozen=True)
class IdeaTab:
    status: str
    label: str
    count: int


def _visible_ideas(member) -> QuerySet:
    return visible_threads(member).filter(deleted_at__isnull=True, kind=ThreadKind.IDEA)


def idea_list(*, member, query: IdeaListQuery) -> QuerySet:
    """The ideas of one tab with what a row shows (space, author), most wanted or newest
    first. One query per page, and one to count them."""
    ideas = _visible_ideas(member)
    if query.status:
        ideas = ideas.filter(idea_status__in=IDEA_TABS[query.status])
    if query.sort == "newest":
        order = ["-created_at", "-pk"]
    else:
        order = ["-me_too_count", "-created_at", "-pk"]
    return ideas.select_related("space", "author").order_by(*order)


def idea_tabs(*, member, current: str) -> list[IdeaTab]:
    """Each tab with the number of ideas in it, counted in one query.

    "Already exists" is a tab only while an idea has that status (or it is the tab
    asked for): it closes few ideas, and an empty tab would crowd the row on phones.
    """
    counts = {
        row["idea_status"]: row["count"]
        for row in _visible_ideas(member)
        .order_by()
        .values("idea_status")
        .annotate(count=Count("pk"))
    }
    tabs = [IdeaTab(status="", label=_("All ideas"), count=sum(counts.values()))]
    for status in IDEA_STATUS_ORDER:
        count = sum(counts.get(value, 0) for value in IDEA_TABS[status])
        if status == IdeaStatus.ALREADY_EXISTS and not count and current != status:
            continue
        tabs.append(IdeaTab(status=status, label=status.label, count=count))
    return tabs


def ideas_wanted_by(*, member, threads) -> set[int]:
    """Which of `threads` `member` said “I want this too” to, in one query."""
    if member is None or not member.is_authenticated:
        return set()
    return set(
        MeToo.objects.filter(member=member, thread__in=[t.pk for t in threads]).values_list(
            "thread_id", flat=True
        )
    )


def ideas_space() -> Space | None:
    """The space new ideas go to: the first listed one whose threads are ideas by default."""
    return Space.objects.listed().filter(default_kind=ThreadKind.IDEA).first()


# --- the notification centre ---------------------------------------------------------------

NOTIFICATIONS_PER_PAGE = 30


def notification_page(*, member, page_number) -> ListPage:
    """One page of `member`'s notifications, newest first, in one query. Each entry says
    whether `member` may still see its thread (``shows_thread``) and post (``shows_post``):
    what was hidden or deleted since keeps its entry but loses its title and link."""
    entries = (
        Notification.objects.for_member(member)
        .select_related("actor", "thread", "post")
        .defer("post__body", "post__body_html")
        .annotate(
            shows_thread=Exists(
                visible_threads(
                    member, Thread.objects.filter(pk=OuterRef("thread_id"), deleted_at__isnull=True)
                )
            ),
            shows_post=Exists(visible_posts(member, Post.objects.filter(pk=OuterRef("post_id")))),
        )
    )
    return paginate(entries, page_number, per_page=NOTIFICATIONS_PER_PAGE)


# --- moderation (community.views.moderation) ------------------------------------------------


def has_moderation_history(thread: Thread) -> bool:
    """Whether ``thread_moderation_entries(thread=thread)`` has any row: audit rows for
    `thread` or the posts in it (the thread page's link to its moderation history). The
    same condition as one plain statement: on every thread page, building it with the ORM
    cost several times what running it does."""
    from django.contrib.contenttypes.models import ContentType

    thread_type = ContentType.objects.get_for_model(Thread)  # cached by Django
    post_type = ContentType.objects.get_for_model(Post)
    with connection.cursor() as cursor:
        cursor.execute(
            _moderation_history_sql(), [thread_type.pk, thread.pk, post_type.pk, thread.pk]
        )
        return bool(cursor.fetchone()[0])


@functools.cache
def _moderation_history_sql() -> str:
    from community.models import AuditEntry

    quote = connection.ops.quote_name
    entries, posts = quote(AuditEntry._meta.db_table), quote(Post._meta.db_table)
    return (
        f"SELECT EXISTS (SELECT 1 FROM {entries} WHERE target_type_id = %s AND target_id = %s)"
        f" OR EXISTS (SELECT 1 FROM {entries} a JOIN {posts} p ON a.target_id = p.id"
        " WHERE a.target_type_id = %s AND p.thread_id = %s)"
    )


def thread_moderation_entries(*, thread: Thread):
    """Audit rows about `thread` and the posts in it, newest first, each with its actor."""
    from django.contrib.contenttypes.models import ContentType

    from community.models import AuditEntry

    thread_type = ContentType.objects.get_for_model(Thread)
    post_type = ContentType.objects.get_for_model(Post)
    post_ids = Post.objects.filter(thread_id=thread.pk).values("pk")
    return AuditEntry.objects.filter(
        Q(target_type=thread_type, target_id=thread.pk)
        | Q(target_type=post_type, target_id__in=post_ids)
    ).select_related("actor")


def split_candidates(*, thread: Thread) -> list[Post]:
    """The answers of `thread` a moderator may split off (hidden ones too), oldest first."""
    return list(
        Post.objects.filter(thread=thread, is_opening=False, deleted_at__isnull=True)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def audit_log(*, action: str = "", actor: str = "", target_type=None, since=None, until=None):
    """The whole audit log, newest first, narrowed by the staff page's filters."""
    from community.models import AuditEntry

    entries = AuditEntry.objects.select_related("actor", "target_type")
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor__username__iexact=actor)
    if target_type is not None:
        entries = entries.filter(target_type=target_type)
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    if until is not None:
        entries = entries.filter(created_at__lt=until)
    return entries


# --- the review queue (community.views.review) ---------------------------------------------


def review_queue_posts(member):
    """Posts with pending flags `member` reviews, the longest waiting first, with what a
    row needs. Regulars get the posts whose pending flags are all about spam."""
    from community.models import Flag, Post
    from community.models.flags import SPAM_REASONS
    from community.permissions import reviews_only_spam

    pending = Flag.objects.pending().filter(post=OuterRef("pk"))
    posts = Post.objects.filter(Exists(pending), deleted_at__isnull=True)
    if reviews_only_spam(member):
        posts = posts.exclude(Exists(pending.exclude(reason__in=SPAM_REASONS)))
    return (
        posts.annotate(
            flagged_since=Subquery(pending.order_by("created_at").values("created_at")[:1])
        )
        .select_related("thread", "thread__space", "author")
        .order_by("flagged_since", "pk")
    )


REVIEW_QUEUE_VERSION_KEY = "review-queue:version"
REVIEW_COUNT_SECONDS = 60


def review_queue_changed() -> None:
    """Flags came or went (community.services.flags): the header's counts are read anew."""
    try:
        cache.incr(REVIEW_QUEUE_VERSION_KEY)
    except ValueError:
        cache.set(REVIEW_QUEUE_VERSION_KEY, 1, None)


def review_queue_count(member) -> int:
    """The number next to the queue's link in the header, for reviewers only: from the
    cache (kept until the queue changes, at most a minute), else one query."""
    from community.permissions import may_review, reviews_only_spam

    if not may_review(member):
        return 0
    version = cache.get(REVIEW_QUEUE_VERSION_KEY, 0)
    part = "spam" if reviews_only_spam(member) else "all"
    key = f"review-queue:{version}:{part}"
    count = cache.get(key)
    if count is None:
        count = review_queue_posts(member).count()
        cache.set(key, count, REVIEW_COUNT_SECONDS)
    return count


# --- invitations (community.views.invitations) ---------------------------------------------

INVITATIONS_PER_PAGE = 25


def invitation_page(*, member, page_number) -> ListPage:
    """One page of the invitations `member` sent, newest first, in one query."""
    invitations = Invitation.objects.filter(inviter=member).for_list()
    return paginate(invitations, page_number, per_page=INVITATIONS_PER_PAGE)
