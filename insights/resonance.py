"""Reach and resonance: how often threads are read and how readers answer them back
(helpful votes, "me too", "solved my problem too"), and the threads and articles that
reach the most people.

Counters file each figure under the space and language of its thread. The section reads
the roll-ups for its figures and chart, and runs two queries of its own: the top threads
(one query, the reach computed in SQL from the period's view and vote rows) and the top
articles (one GROUP BY over the article views).
"""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from community.models import HelpfulVote, MeToo, SolvedToo, Thread, ThreadDailyViews
from insights.figures import Chart, Dataset, Figure, Link, Listing, Section, register_section
from insights.rollups import Row, counter
from knowledge.models import ArticleDailyViews, ArticleStatus

TOP_THREADS = 10
TOP_ARTICLES = 10
# The weight of each answer back in a thread's reach: a vote says more than a view.
REACH_WEIGHTS = {"views": 1, "helpful": 5, "me_too": 3, "solved_too": 5}


def _rows(metric: str, grouped) -> list[Row]:
    return [
        Row(metric=metric, value=total, space_id=space_id, language=language or "")
        for space_id, language, total in grouped
        if total
    ]


@counter
def count_thread_views(day, start, end):
    """Views of threads on `day` (ThreadDailyViews rows are per support-team day)."""
    grouped = (
        ThreadDailyViews.objects.filter(day=day)
        .values_list("thread__space_id", "thread__language")
        .annotate(total=Sum("views"))
    )
    return _rows("thread_views", grouped)


@counter
def count_votes(day, start, end):
    """Helpful votes, "me too"s and "solved my problem too"s given on `day`, in the space
    and language of their thread. A vote taken back is gone, from its day too."""
    during = {"created_at__gte": start, "created_at__lt": end}
    helpful = (
        HelpfulVote.objects.filter(**during)
        .values_list("post__thread__space_id", "post__thread__language")
        .annotate(total=Count("pk"))
    )
    me_toos = (
        MeToo.objects.filter(**during)
        .values_list("thread__space_id", "thread__language")
        .annotate(total=Count("pk"))
    )
    solved_toos = (
        SolvedToo.objects.filter(**during)
        .values_list("post__thread__space_id", "post__thread__language")
        .annotate(total=Count("pk"))
    )
    return [
        *_rows("helpful_votes", helpful),
        *_rows("me_toos", me_toos),
        *_rows("solved_toos", solved_toos),
    ]


# --- the section ---------------------------------------------------------------------------


def _per_thread(queryset, thread_field: str, aggregate):
    """A subquery: `aggregate` over `queryset`'s rows of the outer thread, 0 when none."""
    rows = (
        queryset.filter(**{thread_field: OuterRef("pk")})
        .order_by()
        .values(thread_field)
        .annotate(total=aggregate)
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def top_threads(scope, limit: int = TOP_THREADS) -> list[dict]:
    """The public threads (in the scope's space and language) with the most reach in the
    period, most first: views + 5 × helpful votes + 3 × "me too" + 5 × "solved my problem
    too", each counted in the period. One query."""
    start, end = scope.bounds()
    views = ThreadDailyViews.objects.filter(day__gte=scope.first, day__lte=scope.last)
    during = {"created_at__gte": start, "created_at__lt": end}
    helpful = HelpfulVote.objects.filter(**during)
    me_toos = MeToo.objects.filter(**during)
    solved_toos = SolvedToo.objects.filter(**during)
    threads = Thread.objects.public().filter(
        Q(pk__in=views.values("thread"))
        | Q(pk__in=helpful.values("post__thread"))
        | Q(pk__in=me_toos.values("thread"))
        | Q(pk__in=solved_toos.values("post__thread"))
    )
    if scope.space_id is not None:
        threads = threads.filter(space_id=scope.space_id)
    if scope.language:
        threads = threads.filter(language=scope.language)
    weights = REACH_WEIGHTS
    annotated = threads.annotate(
        views=_per_thread(views, "thread", Sum("views")),
        helpful=_per_thread(helpful, "post__thread", Count("pk")),
        me_too=_per_thread(me_toos, "thread", Count("pk")),
        solved_too=_per_thread(solved_toos, "post__thread", Count("pk")),
    ).annotate(
        reach=weights["views"] * F("views")
        + weights["helpful"] * F("helpful")
        + weights["me_too"] * F("me_too")
        + weights["solved_too"] * F("solved_too")
    )
    return list(
        annotated.order_by("-reach", "-pk").values(
            "pk", "title", "slug", "views", "helpful", "me_too", "solved_too", "reach"
        )[:limit]
    )


def top_articles(scope, limit: int = TOP_ARTICLES) -> list[dict]:
    """The published articles (in the scope's language; articles belong to no space) most
    viewed in the period, most first. One query."""
    rows = ArticleDailyViews.objects.filter(
        day__gte=scope.first, day__lte=scope.last, article__status=ArticleStatus.PUBLISHED
    )
    if scope.language:
        rows = rows.filter(article__language=scope.language)
    return list(
        rows.values("article_id", "article__title", "article__slug", "article__section__slug")
        .annotate(views=Sum("views"))
        .order_by("-views", "article_id")[:limit]
    )


def _figure(counts, key, metric, label, definition, *, higher_is_better, headline=False):
    return Figure(
        key=key,
        label=label,
        value=counts.total(metric),
        previous=counts.total(metric, previous=True),
        unit="count",
        definition=definition,
        higher_is_better=higher_is_better,
        headline=headline,
    )


@register_section("resonance", order=60)
def resonance_section(scope, counts) -> Section:
    """Views, votes and the threads and articles with the most reach. Two queries of its
    own (top threads, top articles); the rest comes from the roll-ups."""
    views_definition = _(
        "How often a thread's page was opened. Counted once per reader and thread in half "
        "an hour, by the page itself once it is shown; search engines and other robots are "
        "not counted."
    )
    figures = [
        _figure(
            counts,
            "thread_views",
            "thread_views",
            _("Thread views"),
            views_definition,
            higher_is_better=True,
            headline=True,
        ),
        _figure(
            counts,
            "helpful_votes",
            "helpful_votes",
            _("Helpful votes"),
            _("Votes that a post was helpful, given in the period (a vote taken back is gone)."),
            higher_is_better=True,
        ),
        _figure(
            counts,
            "me_toos",
            "me_toos",
            _("“Me too”"),
            _(
                "Members who said they have the same problem or want the same idea, in the "
                "period: how many a thread speaks for beyond its asker."
            ),
            higher_is_better=None,
        ),
        _figure(
            counts,
            "solved_toos",
            "solved_toos",
            _("“Solved my problem too”"),
            _("Members who said a solution solved their problem too, in the period."),
            higher_is_better=True,
        ),
    ]
    charts = [
        Chart(
            key="thread_views",
            title=_("Thread views"),
            kind="line",
            labels=counts.labels,
            datasets=[Dataset(_("Thread views"), counts.series("thread_views"))],
            unit="count",
            definition=views_definition,
        ),
        Chart(
            key="votes",
            title=_("Votes"),
            kind="stacked",
            labels=counts.labels,
            datasets=[
                Dataset(_("Helpful votes"), counts.series("helpful_votes")),
                Dataset(_("“Me too”"), counts.series("me_toos")),
                Dataset(_("“Solved my problem too”"), counts.series("solved_toos")),
            ],
            unit="count",
            definition=_(
                "Helpful votes, “me too” and “solved my problem too” given, by the day "
                "they were given."
            ),
        ),
    ]
    threads = [
        [
            Link(row["title"], Thread(pk=row["pk"], slug=row["slug"]).get_absolute_url()),
            row["views"],
            row["helpful"],
            row["me_too"],
            row["solved_too"],
            row["reach"],
        ]
        for row in top_threads(scope)
    ]
    articles = [
        [
            Link(
                row["article__title"],
                reverse(
                    "knowledge:article",
                    kwargs={"section": row["article__section__slug"], "slug": row["article__slug"]},
                ),
            ),
            row["views"],
        ]
        for row in top_articles(scope)
    ]
    weights = REACH_WEIGHTS
    listings = [
        Listing(
            key="top_threads",
            title=_("Threads with the most reach"),
            columns=[
                _("Thread"),
                _("Views"),
                _("Helpful votes"),
                _("“Me too”"),
                _("“Solved my problem too”"),
                _("Reach"),
            ],
            rows=threads,
            definition=_(
                "Public threads by reach in the period: views + %(helpful)s × helpful votes "
                "+ %(me_too)s × “me too” + %(solved_too)s × “solved my problem too”, each "
                "counted in the period."
            )
            % {
                "helpful": weights["helpful"],
                "me_too": weights["me_too"],
                "solved_too": weights["solved_too"],
            },
            empty=_("No thread was read or voted on in this period."),
        ),
        Listing(
            key="top_articles",
            title=_("Most read articles"),
            columns=[_("Article"), _("Views")],
            rows=articles,
            definition=_(
                "Published knowledge-base articles by views in the period. Articles belong "
                "to no space: the space filter does not narrow this list."
            ),
            empty=_("No article was read in this period."),
        ),
    ]
    return Section(
        key="resonance",
        title=_("Reach and resonance"),
        figures=figures,
        charts=charts,
        listings=listings,
    )
