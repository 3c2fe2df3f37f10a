"""Self-service: how much the knowledge base and the search answer without anyone having
to ask (article views, helpfulness, deflections) and what people searched for and did
not find, so the knowledge base knows what to write next.

Articles and searches belong to no space: their figures are filed under the language
only (space None), so the space filter leaves them as they are. A deflection through a
suggested thread counts in that thread's space. The section reads the roll-ups and runs
one query of its own (the searches that found nothing).
"""

from urllib.parse import urlencode

from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from insights.calendar import local_day
from insights.figures import (
    Chart,
    Dataset,
    Figure,
    Link,
    Listing,
    Section,
    register_section,
    share,
)
from insights.models import SearchLog
from insights.rollups import Row, counter
from knowledge.models import ArticleDailyViews, ArticleFeedback, Deflection

TOP_UNFOUND = 20


@counter
def count_article_views(day, start, end):
    """Views of articles on `day`, per article language."""
    grouped = (
        ArticleDailyViews.objects.filter(day=day)
        .values_list("article__language")
        .annotate(total=Sum("views"))
    )
    return [Row("article_views", total, language=language) for language, total in grouped if total]


@counter
def count_article_feedback(day, start, end):
    """Answers to "Was this article helpful?" given on `day`: yes and no, per language."""
    grouped = (
        ArticleFeedback.objects.filter(created_at__gte=start, created_at__lt=end)
        .values_list("article__language", "helpful")
        .annotate(total=Count("pk"))
    )
    return [
        Row("article_helpful" if helpful else "article_not_helpful", total, language=language)
        for language, helpful, total in grouped
    ]


@counter
def count_deflections(day, start, end):
    """Questions not asked on `day` because a suggestion of the ask form answered them
    (knowledge.models.Deflection): in the article's language, or the thread's space and
    language."""
    grouped = (
        Deflection.objects.filter(created_at__gte=start, created_at__lt=end)
        .values_list("article__language", "thread__space_id", "thread__language")
        .annotate(total=Count("pk"))
    )
    return [
        Row(
            "deflections",
            total,
            space_id=space_id,
            language=thread_language or article_language or "",
        )
        for article_language, space_id, thread_language, total in grouped
    ]


@counter
def count_searches(day, start, end):
    """Searches run on `day` and those that found nothing, per source ("site", "kb") as
    the key and per language."""
    grouped = (
        SearchLog.objects.filter(created_at__gte=start, created_at__lt=end)
        .values_list("source", "language")
        .annotate(total=Count("pk"), unfound=Count("pk", filter=Q(result_count=0)))
    )
    rows = []
    for source, language, total, unfound in grouped:
        rows.append(Row("searches", total, language=language, key=source))
        if unfound:
            rows.append(Row("searches_no_result", unfound, language=language, key=source))
    return rows


# --- the section ---------------------------------------------------------------------------


def _sum_keys(counts, metric: str, *, previous: bool = False) -> float:
    return sum(counts.by_key(metric, previous=previous).values())


def _series_over_keys(counts, metric: str) -> list[float]:
    """`metric`'s series summed over its keys (every search source)."""
    keys = set(counts.by_key(metric)) | set(counts.by_key(metric, previous=True))
    totals = [0.0] * len(counts.labels)
    for key in keys:
        for position, value in enumerate(counts.series(metric, key)):
            totals[position] += value
    return totals


def unfound_queries(scope, limit: int = TOP_UNFOUND) -> list[dict]:
    """The queries that found nothing in the period (in the scope's language), the most
    searched first: query, times, last searched. One GROUP BY query. Queries stored as ""
    (they held personal data) are counted in the figures and left out here."""
    start, end = scope.bounds()
    rows = SearchLog.objects.filter(created_at__gte=start, created_at__lt=end, result_count=0)
    if scope.language:
        rows = rows.filter(language=scope.language)
    return list(
        rows.exclude(query="")
        .values("query")
        .annotate(times=Count("pk"), last=Max("created_at"))
        .order_by("-times", "-last", "query")[:limit]
    )


@register_section("selfservice", order=70)
def selfservice_section(scope, counts) -> Section:
    """Article views, helpfulness, deflections, searches and the searches that found
    nothing. One query of its own (the list); the rest comes from the roll-ups."""
    helpful = counts.total("article_helpful")
    not_helpful = counts.total("article_not_helpful")
    helpful_before = counts.total("article_helpful", previous=True)
    not_helpful_before = counts.total("article_not_helpful", previous=True)
    searches = _sum_keys(counts, "searches")
    searches_before = _sum_keys(counts, "searches", previous=True)
    unfound = _sum_keys(counts, "searches_no_result")
    unfound_before = _sum_keys(counts, "searches_no_result", previous=True)
    no_space = _("Articles and searches belong to no space: the space filter does not narrow it.")
    figures = [
        Figure(
            key="article_views",
            label=_("Article views"),
            value=counts.total("article_views"),
            previous=counts.total("article_views", previous=True),
            unit="count",
            definition=_(
                "How often knowledge-base articles were opened, counted like thread views "
                "(once per reader and article in half an hour, robots not counted). %(note)s"
            )
            % {"note": no_space},
            higher_is_better=True,
        ),
        Figure(
            key="article_helpfulness",
            label=_("Articles found helpful"),
            value=share(helpful, helpful + not_helpful),
            previous=share(helpful_before, helpful_before + not_helpful_before),
            unit="percent",
            definition=_(
                "Of the answers to “Was this article helpful?” given in the period, the share "
                "of “yes”."
            ),
            higher_is_better=True,
        ),
        Figure(
            key="deflections",
            label=_("Deflections"),
            value=counts.total("deflections"),
            previous=counts.total("deflections", previous=True),
            unit="count",
            definition=_(
                "Questions not asked: someone opened an article or solved thread that the ask "
                "form suggested and did not post their question afterwards."
            ),
            higher_is_better=True,
            headline=True,
        ),
        Figure(
            key="searches",
            label=_("Searches"),
            value=searches,
            previous=searches_before,
            unit="count",
            definition=_(
                "Searches run on the site and in the knowledge base (first result page only). "
                "%(note)s"
            )
            % {"note": no_space},
            higher_is_better=None,
        ),
        Figure(
            key="searches_no_result",
            label=_("Searches that found nothing"),
            value=share(unfound, searches),
            previous=share(unfound_before, searches_before),
            unit="percent",
            definition=_("The share of searches that found no result at all."),
            higher_is_better=False,
        ),
    ]
    charts = [
        Chart(
            key="self_service",
            title=_("Self-service"),
            kind="line",
            labels=counts.labels,
            datasets=[
                Dataset(_("Article views"), counts.series("article_views")),
                Dataset(_("Deflections"), counts.series("deflections")),
                Dataset(_("Searches"), _series_over_keys(counts, "searches")),
                Dataset(
                    _("Searches that found nothing"),
                    _series_over_keys(counts, "searches_no_result"),
                ),
            ],
            unit="count",
            definition=_(
                "Article views, deflections, searches and the searches that found nothing, "
                "per period."
            ),
        ),
    ]
    search_url = reverse("community:search")
    rows = [
        [
            Link(row["query"], f"{search_url}?{urlencode({'q': row['query']})}"),
            row["times"],
            formats.date_format(local_day(row["last"]), "SHORT_DATE_FORMAT"),
        ]
        for row in unfound_queries(scope)
    ]
    listings = [
        Listing(
            key="unfound_queries",
            title=_("Searches that found nothing"),
            columns=[_("Search"), _("Times"), _("Last searched")],
            rows=rows,
            definition=_(
                "The %(count)s queries searched most often in the period that found nothing: "
                "what the knowledge base could answer next. Queries are stored in lower case "
                "and without anyone's name; a query that looked like personal data (an "
                "e-mail address, a phone number, an IBAN, a card number) is counted but not "
                "kept."
            )
            % {"count": TOP_UNFOUND},
            empty=_("Every search found something in this period."),
        ),
    ]
    return Section(
        key="selfservice",
        title=_("Self-service"),
        figures=figures,
        charts=charts,
        listings=listings,
    )
