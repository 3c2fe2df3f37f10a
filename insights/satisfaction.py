"""Customer satisfaction: what customers said in the survey after an escalation was
resolved (1–5 and a comment).

Counters (counted on the day the survey was answered, for the space and language of the
escalated thread; each also with key = the agent's id, for the per-agent chart):
``surveys_answered``, ``csat_positive`` (scores 4 and 5) and ``csat_score_sum``; and
``surveys_sent`` on the day a survey went out, for the response rate. Surveys of hidden,
deleted or merged-away threads count nowhere, as in every figure.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import Count, Q, Sum
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from community.i18n import FALLBACK_LANGUAGE, active_language
from community.models import Member, SatisfactionSurvey
from insights.calendar import local_day
from insights.escalations import share
from insights.figures import Chart, Dataset, Figure, Link, Listing, Section, register_section
from insights.rollups import Row, counter

POSITIVE_SCORES = (4, 5)
LATEST_COMMENTS = 10
COMMENT_LENGTH = 300
# The per-agent chart shows the agents with the most answered surveys.
MOST_AGENTS = 20


def counted_surveys():
    """Surveys of threads that still stand (the escalations' rule)."""
    return SatisfactionSurvey.objects.filter(
        escalation__thread__hidden_at__isnull=True,
        escalation__thread__deleted_at__isnull=True,
        escalation__thread__merged_into__isnull=True,
    )


def in_scope(queryset, scope):
    """`queryset` narrowed to the scope's space and language (of the escalated thread)."""
    if scope.space_id is not None:
        queryset = queryset.filter(escalation__thread__space_id=scope.space_id)
    if scope.language:
        queryset = queryset.filter(escalation__thread__language=scope.language)
    return queryset


def positive():
    return Q(score__in=POSITIVE_SCORES)


# --- counters -----------------------------------------------------------------------------


@counter
def count_surveys(day: date, start: datetime, end: datetime) -> Iterable[Row]:
    answered = (
        counted_surveys()
        .filter(answered_at__gte=start, answered_at__lt=end, score__isnull=False)
        .values_list("escalation__thread__space_id", "escalation__thread__language", "agent_id")
        .annotate(
            answered=Count("pk"), positive=Count("pk", filter=positive()), score_sum=Sum("score")
        )
        .order_by()
    )
    for space_id, language, agent_id, number, good, score_sum in answered:
        # Site total (key "") and the agent's own (the rows of one identity are summed).
        for key in ("", str(agent_id)) if agent_id is not None else ("",):
            yield Row("surveys_answered", number, space_id, language, key=key)
            yield Row("csat_positive", good, space_id, language, key=key)
            yield Row("csat_score_sum", score_sum, space_id, language, key=key)

    sent = (
        counted_surveys()
        .filter(sent_at__gte=start, sent_at__lt=end)
        .values_list("escalation__thread__space_id", "escalation__thread__language")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for space_id, language, number in sent:
        yield Row("surveys_sent", number, space_id, language)


# --- the section ----------------------------------------------------------------------------


def csat_per_space(scope) -> list[tuple[str, float | None]]:
    """(space name, CSAT) for each space with answered surveys in the period, by name: one
    query over the period's surveys, names included. Read from the surveys, not the
    roll-ups: per space, the roll-ups need a query per figure and one more for the names."""
    start, end = scope.bounds()
    # The name in the active language, and in English where it has none.
    languages = dict.fromkeys((active_language(), FALLBACK_LANGUAGE))
    names = [f"escalation__thread__space__name_{code}" for code in languages]
    rows = (
        in_scope(counted_surveys(), scope)
        .filter(answered_at__gte=start, answered_at__lt=end, score__isnull=False)
        .values_list("escalation__thread__space_id", *names)
        .annotate(answered=Count("pk"), positive=Count("pk", filter=positive()))
        .order_by()
    )
    per_space = []
    for _space_id, *localized_names, answered, good in rows:
        name = next((name for name in localized_names if name), "")
        per_space.append((name, share(good, answered)))
    return sorted(per_space, key=lambda row: row[0].casefold())


def csat_per_agent(counts) -> list[tuple[str, float | None]]:
    """(agent's name, CSAT) for the agents with the most answered surveys in the period,
    most first; one query for the names."""
    answered = {key: n for key, n in counts.by_key("surveys_answered").items() if key and n}
    good = counts.by_key("csat_positive")
    busiest = sorted(answered, key=lambda key: (-answered[key], int(key)))[:MOST_AGENTS]
    names = {
        str(member.pk): member.public_name
        for member in Member.objects.filter(pk__in=[int(key) for key in busiest]).only(
            "pk", "display_name", "username"
        )
    }
    return [(names[key], share(good.get(key, 0), answered[key])) for key in busiest if key in names]


def latest_comments(scope) -> Listing:
    """The last comments customers left in the period, newest first (one query)."""
    start, end = scope.bounds()
    surveys = (
        in_scope(counted_surveys(), scope)
        .filter(answered_at__gte=start, answered_at__lt=end, score__isnull=False)
        .exclude(comment="")
        .select_related("escalation__thread")
        .only(
            "score",
            "comment",
            "answered_at",
            "escalation__thread__id",
            "escalation__thread__slug",
            "escalation__thread__title",
        )
        .order_by("-answered_at", "-pk")[:LATEST_COMMENTS]
    )
    rows = [
        [
            survey.score,
            Truncator(survey.comment).chars(COMMENT_LENGTH),
            Link(survey.escalation.thread.title, survey.escalation.thread.get_absolute_url()),
            formats.date_format(local_day(survey.answered_at), "SHORT_DATE_FORMAT"),
        ]
        for survey in surveys
    ]
    return Listing(
        key="survey_comments",
        title=_("Latest survey comments"),
        columns=[_("Score"), _("Comment"), _("Thread"), _("Answered")],
        rows=rows,
        definition=_(
            "The last %(count)s comments customers wrote in the survey after an escalation "
            "was resolved, in the period."
        )
        % {"count": LATEST_COMMENTS},
        empty=_("No survey with a comment was answered in this period."),
    )


@register_section("satisfaction", order=30)
def satisfaction_section(scope, counts) -> Section:
    """Customer satisfaction: CSAT, mean score and response rate; CSAT over time, per space
    and per agent; the latest comments. Three queries of its own: CSAT per space (with the
    names), the agents' names, the comments."""
    answered = counts.total("surveys_answered")
    answered_before = counts.total("surveys_answered", previous=True)
    figures = [
        Figure(
            key="csat",
            label=_("CSAT"),
            value=share(counts.total("csat_positive"), answered),
            previous=share(counts.total("csat_positive", previous=True), answered_before),
            unit="percent",
            definition=_(
                "Customer satisfaction: the share of surveys answered in the period that "
                "gave 4 or 5 out of 5, asked after an escalation was resolved."
            ),
            higher_is_better=True,
            headline=True,
        ),
        Figure(
            key="csat_mean",
            label=_("Mean survey score"),
            value=share(counts.total("csat_score_sum"), answered),
            previous=share(counts.total("csat_score_sum", previous=True), answered_before),
            unit="score",
            definition=_("The average score (1 to 5) of the surveys answered in the period."),
            higher_is_better=True,
        ),
        Figure(
            key="survey_response_rate",
            label=_("Survey response rate"),
            value=share(answered, counts.total("surveys_sent")),
            previous=share(answered_before, counts.total("surveys_sent", previous=True)),
            unit="percent",
            definition=_(
                "Surveys answered in the period per survey sent in it (a survey can be "
                "answered for 60 days, so a short period may count one sent before it)."
            ),
            higher_is_better=True,
        ),
    ]
    positives = counts.series("csat_positive")
    over_time = Chart(
        key="csat_over_time",
        title=_("CSAT over time"),
        kind="line",
        labels=counts.labels,
        datasets=[
            Dataset(
                _("CSAT"),
                [
                    share(good, number)
                    for good, number in zip(
                        positives, counts.series("surveys_answered"), strict=True
                    )
                ],
            )
        ],
        unit="percent",
        definition=_("The share of 4 and 5 among the surveys answered, per day, week or month."),
    )
    per_space = csat_per_space(scope)
    by_space = Chart(
        key="csat_by_space",
        title=_("CSAT per space"),
        kind="bar",
        labels=[name for name, _value in per_space],
        datasets=[Dataset(_("CSAT"), [value for _name, value in per_space])],
        unit="percent",
        definition=_("The share of 4 and 5 among the surveys answered in the period, per space."),
    )
    per_agent = csat_per_agent(counts)
    by_agent = Chart(
        key="csat_by_agent",
        title=_("CSAT per agent"),
        kind="bar",
        labels=[name for name, _value in per_agent],
        datasets=[Dataset(_("CSAT"), [value for _name, value in per_agent])],
        unit="percent",
        definition=_(
            "The share of 4 and 5 among the surveys answered in the period, per support "
            "agent who resolved the escalation; the %(count)s agents with the most answers."
        )
        % {"count": MOST_AGENTS},
    )
    return Section(
        key="satisfaction",
        title=_("Customer satisfaction"),
        figures=figures,
        charts=[over_time, by_space, by_agent],
        listings=[latest_comments(scope)],
    )
