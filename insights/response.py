"""The "Response and resolution" section: how fast questions get a first answer, who gives
it, how many get solved and how (docs/metrics.md, "Response and resolution").

Every figure but two counts the public questions *asked* in the period, from their facts
(``insights.facts``), so a question counts once, in the period it was asked, with what has
happened to it since. Three queries: the facts' counts per day, the durations the
percentiles need (both for the period and the one before), and the questions unanswered
now. Super users' share of all answers comes from the roll-up rows (``answers_by_class``).
"""

from collections import Counter as Tally
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from community.models import Post, Thread, ThreadKind, ThreadStatus
from insights.facts import responder_class
from insights.figures import Chart, Dataset, Figure, Section, percentile, register_section, share
from insights.models import QuestionFact, ResponderClass
from insights.rollups import Row, counter

ANSWERS_BY_CLASS = "answers_by_class"

# Per day of asking: how many questions, and how many of them had each outcome.
_OUTCOMES = {
    "asked": Q(),
    "answered": Q(first_response_at__isnull=False),
    "within_target": Q(within_target=True),
    "first_peer": Q(first_responder=ResponderClass.PEER),
    "first_super_user": Q(first_responder=ResponderClass.SUPER_USER),
    "first_staff": Q(first_responder=ResponderClass.STAFF),
    "solved": Q(solved_at__isnull=False),
    "solved_peer": Q(solved_by=ResponderClass.PEER),
    "solved_super_user": Q(solved_by=ResponderClass.SUPER_USER),
    "first_contact_resolution": Q(first_contact_resolution=True),
}


# --- the roll-up counter ------------------------------------------------------------------


@counter
def count_answers_by_class(day, start, end) -> Iterable[Row]:
    """Replies written that day and still shown, in public threads of any kind, per space,
    language and the author's role now (key: peer, super_user, staff)."""
    replies = (
        Post.objects.filter(
            created_at__gte=start,
            created_at__lt=end,
            is_opening=False,
            hidden_at__isnull=True,
            deleted_at__isnull=True,
            thread__in=Thread.objects.public(),
        )
        .values_list(
            "thread__space_id", "thread__language", "author__is_staff", "author__trust_level"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    for space_id, language, is_staff, trust_level, number in replies:
        yield Row(
            ANSWERS_BY_CLASS,
            number,
            space_id=space_id,
            language=language,
            key=responder_class(is_staff=is_staff, trust_level=trust_level),
        )


# --- reading the facts ---------------------------------------------------------------------


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


@dataclass
class _Facts:
    """The facts of the period and the one before, per day of asking: outcome counts and
    durations. Indexed by day, so summing a period or a bucket visits only its own days."""

    tallies: dict[date, Tally]
    first_response: dict[date, list[float]]
    solution: dict[date, list[float]]

    def tally(self, first: date, last: date) -> Tally:
        total = Tally()
        for day in _days(first, last):
            total.update(self.tallies.get(day, ()))
        return total

    @staticmethod
    def _between(durations: dict[date, list[float]], first: date, last: date) -> list[float]:
        return [seconds for day in _days(first, last) for seconds in durations.get(day, ())]

    def first_responses(self, first: date, last: date) -> list[float]:
        return self._between(self.first_response, first, last)

    def solutions(self, first: date, last: date) -> list[float]:
        return self._between(self.solution, first, last)


def question_facts(scope):
    """The public questions' facts in the scope's space and language, asked from the start
    of the previous period to the end of this one (its space active, as on the site)."""
    previous = scope.previous()
    facts = QuestionFact.objects.filter(
        is_public=True,
        space__is_active=True,
        asked_on__gte=previous.first,
        asked_on__lte=scope.last,
    )
    if scope.space_id is not None:
        facts = facts.filter(space_id=scope.space_id)
    if scope.language:
        facts = facts.filter(language=scope.language)
    return facts


def load_facts(scope) -> _Facts:
    """Two queries: counts per day, then the durations (one row per answered question)."""
    facts = question_facts(scope)
    counts = (
        facts.values("asked_on")
        .annotate(**{name: Count("pk", filter=condition) for name, condition in _OUTCOMES.items()})
        .order_by()
    )
    tallies = {
        row.pop("asked_on"): Tally({name: value for name, value in row.items() if value})
        for row in counts
    }
    first_response, solution = defaultdict(list), defaultdict(list)
    # A question solved by its asker alone has a solution but no first response: the
    # condition below keeps those too.
    durations = facts.filter(
        Q(first_response_seconds__isnull=False) | Q(solution_seconds__isnull=False)
    ).values_list("asked_on", "first_response_seconds", "solution_seconds")
    for day, first_seconds, solution_seconds in durations:
        if first_seconds is not None:
            first_response[day].append(first_seconds)
        if solution_seconds is not None:
            solution[day].append(solution_seconds)
    return _Facts(tallies=tallies, first_response=first_response, solution=solution)


def unanswered_now(scope) -> int:
    """Open public questions with no reply from anyone but the asker, now (one query)."""
    threads = Thread.objects.public().filter(
        kind=ThreadKind.QUESTION, status=ThreadStatus.OPEN, first_response_at__isnull=True
    )
    if scope.space_id is not None:
        threads = threads.filter(space_id=scope.space_id)
    if scope.language:
        threads = threads.filter(language=scope.language)
    return threads.count()


# --- the section ---------------------------------------------------------------------------


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _seconds(value):
    return _rounded(value, 0)


def _fraction(value):
    return _rounded(value, 4)


class _Period:
    """The figures of one stretch of days (a period or a chart's bucket)."""

    def __init__(self, facts: _Facts, first: date, last: date):
        self.tally = facts.tally(first, last)
        self.first_responses = facts.first_responses(first, last)
        self.solutions = facts.solutions(first, last)

    def part(self, outcome: str) -> float | None:
        return _fraction(share(self.tally[outcome], self.tally["asked"]))

    def of_solved(self, *outcomes: str) -> float | None:
        return _fraction(share(sum(self.tally[o] for o in outcomes), self.tally["solved"]))

    def first_response(self, fraction: float) -> float | None:
        return _seconds(percentile(self.first_responses, fraction))

    def solution(self, fraction: float) -> float | None:
        return _seconds(percentile(self.solutions, fraction))

    @property
    def unanswered(self) -> int:
        return self.tally["asked"] - self.tally["answered"]

    @property
    def unanswered_share(self) -> float | None:
        return _fraction(share(self.unanswered, self.tally["asked"]))


def _super_user_answer_share(counts, *, previous: bool = False) -> float | None:
    answers = counts.by_key(ANSWERS_BY_CLASS, previous=previous)
    return _fraction(share(answers.get(ResponderClass.SUPER_USER, 0), sum(answers.values())))


def _figures(now: _Period, before: _Period, counts, unanswered: int) -> list[Figure]:
    def figure(key, label, value, previous, unit, definition, higher_is_better, **options):
        return Figure(
            key=key,
            label=label,
            value=value,
            previous=previous,
            unit=unit,
            definition=definition,
            higher_is_better=higher_is_better,
            **options,
        )

    return [
        figure(
            "first_response_median",
            _("First response, median"),
            now.first_response(0.5),
            before.first_response(0.5),
            "seconds",
            _(
                "Half of the questions asked in the period got their first reply from "
                "someone other than the asker within this time, counted in business hours. "
                "Hidden and deleted replies do not count."
            ),
            False,
            headline=True,
        ),
        figure(
            "first_response_p90",
            _("First response, 90th percentile"),
            now.first_response(0.9),
            before.first_response(0.9),
            "seconds",
            _(
                "Nine in ten answered questions got their first reply within this time, in "
                "business hours: the slow end that the median hides."
            ),
            False,
        ),
        figure(
            "within_target",
            _("Answered within target"),
            now.part("within_target"),
            before.part("within_target"),
            "percent",
            _(
                "Share of the questions asked in the period whose first reply came within "
                "their space's first-response target (business hours). Questions still "
                "waiting count as not within target."
            ),
            True,
            headline=True,
        ),
        figure(
            "unanswered_now",
            _("Unanswered now"),
            unanswered,
            None,
            "count",
            _(
                "Open public questions that nobody but the asker has replied to yet, right "
                "now, whenever they were asked."
            ),
            False,
        ),
        figure(
            "unanswered_share",
            _("Still unanswered"),
            now.unanswered_share,
            before.unanswered_share,
            "percent",
            _("Share of the questions asked in the period that have no reply yet."),
            False,
        ),
        figure(
            "solved_share",
            _("Solved"),
            now.part("solved"),
            before.part("solved"),
            "percent",
            _("Share of the questions asked in the period that have an accepted solution."),
            True,
            headline=True,
        ),
        figure(
            "solution_median",
            _("Time to solution, median"),
            now.solution(0.5),
            before.solution(0.5),
            "seconds",
            _(
                "Half of the solved questions asked in the period had their solution "
                "accepted within this time, in business hours."
            ),
            False,
        ),
        figure(
            "solution_p90",
            _("Time to solution, 90th percentile"),
            now.solution(0.9),
            before.solution(0.9),
            "seconds",
            _(
                "Nine in ten solved questions had their solution accepted within this "
                "time, in business hours."
            ),
            False,
        ),
        figure(
            "first_contact_resolution",
            _("First-contact resolution"),
            now.part("first_contact_resolution"),
            before.part("first_contact_resolution"),
            "percent",
            _(
                "Share of the questions asked in the period solved by their first reply, "
                "never escalated to the support team and never reopened (solution taken "
                "back)."
            ),
            True,
            headline=True,
        ),
        figure(
            "peer_answer_rate",
            _("Peer answer rate"),
            now.of_solved("solved_peer", "solved_super_user"),
            before.of_solved("solved_peer", "solved_super_user"),
            "percent",
            _(
                "Share of the solved questions whose solution was written by someone who "
                "is not staff: the community helping itself."
            ),
            True,
            headline=True,
        ),
        figure(
            "super_user_solutions",
            _("Super users' share of solutions"),
            now.of_solved("solved_super_user"),
            before.of_solved("solved_super_user"),
            "percent",
            _("Share of the solved questions whose solution a super user wrote."),
            True,
        ),
        figure(
            "super_user_answers",
            _("Super users' share of answers"),
            _super_user_answer_share(counts),
            _super_user_answer_share(counts, previous=True),
            "percent",
            _(
                "Share of all replies written in the period, in threads of any kind, that "
                "super users wrote."
            ),
            True,
        ),
    ]


def _charts(buckets: list[_Period], labels: list[str]) -> list[Chart]:
    return [
        Chart(
            key="first_response_time",
            title=_("Time to first response"),
            kind="line",
            labels=labels,
            datasets=[
                Dataset(_("Median"), [bucket.first_response(0.5) for bucket in buckets]),
                Dataset(_("90th percentile"), [bucket.first_response(0.9) for bucket in buckets]),
            ],
            unit="seconds",
            definition=_(
                "Business time from the question to the first reply by someone other than "
                "the asker, for the questions asked in each stretch."
            ),
        ),
        Chart(
            key="first_answered_by",
            title=_("First answered by"),
            kind="stacked",
            labels=labels,
            datasets=[
                Dataset(_("Community member"), [b.tally["first_peer"] for b in buckets]),
                Dataset(_("Super user"), [b.tally["first_super_user"] for b in buckets]),
                Dataset(_("Staff"), [b.tally["first_staff"] for b in buckets]),
                Dataset(_("Unanswered"), [b.unanswered for b in buckets]),
            ],
            unit="count",
            definition=_(
                "Questions asked in each stretch, by who wrote the first reply (by their "
                "role today), and those nobody has answered yet."
            ),
        ),
        Chart(
            key="resolution",
            title=_("Resolution"),
            kind="line",
            labels=labels,
            datasets=[
                Dataset(_("Solved"), [bucket.part("solved") for bucket in buckets]),
                Dataset(
                    _("First-contact resolution"),
                    [bucket.part("first_contact_resolution") for bucket in buckets],
                ),
            ],
            unit="percent",
            definition=_(
                "Of the questions asked in each stretch: the share solved, and the share "
                "solved by the first reply without escalation or reopening."
            ),
        ),
    ]


@register_section("response", order=10)
def response_section(scope, counts) -> Section:
    """Response and resolution: three queries of its own (see the module's docstring)."""
    facts = load_facts(scope)
    previous = scope.previous()
    now = _Period(facts, scope.first, scope.last)
    before = _Period(facts, previous.first, previous.last)
    buckets = [_Period(facts, bucket.first, bucket.last) for bucket in scope.buckets()]
    return Section(
        key="response",
        title=_("Response and resolution"),
        figures=_figures(now, before, counts, unanswered_now(scope)),
        charts=_charts(buckets, counts.labels),
    )
