"""Volume: how much the community asks, answers and grows, and when it asks.

Counters (``insights.rollups.counter``) count one day of public threads and posts: what a
visitor can see (not hidden, not deleted, not merged into another thread, in an active
space), each in its thread's space and language. New members are site-wide and carry the
member's language. Questions are split further by tag and by the hour of the week they
were asked, in the support team's time zone, so the heatmap shows when the team is needed.

The section reads those roll-ups: three queries of its own (questions per space, the
spaces' names, the top tags' names).
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from community.models import Post, Space, Tag, Thread, ThreadKind
from insights.calendar import site_zone
from insights.figures import Chart, Dataset, Figure, Section, register_section
from insights.rollups import Counts, Row, counter

# The thread kinds counted as volume, and the metric each is counted under. Announcements
# and known issues are staff notices, not demand.
THREAD_METRICS = {
    ThreadKind.QUESTION: "questions",
    ThreadKind.DISCUSSION: "discussions",
    ThreadKind.IDEA: "ideas",
}
TOP_TAGS = 10
HOURS = range(24)
ISO_WEEKDAYS = range(1, 8)


def hour_key(weekday: int, hour: int) -> str:
    """The detail key of an hour of the week: ISO weekday (1 = Monday) and hour, "1-14"."""
    return f"{weekday}-{hour}"


def public_posts():
    """Posts a visitor can see, in threads a visitor can see."""
    return Post.objects.filter(
        hidden_at__isnull=True,
        deleted_at__isnull=True,
        thread__in=Thread.objects.public(),
    )


# --- counters -------------------------------------------------------------------------


@counter
def count_threads(day: date, start: datetime, end: datetime) -> Iterable[Row]:
    """New questions, discussions and ideas; questions also by hour of the week. One query
    grouped by kind, space, language and the local weekday and hour."""
    zone = site_zone()
    groups = (
        Thread.objects.public()
        .filter(kind__in=list(THREAD_METRICS), created_at__gte=start, created_at__lt=end)
        .annotate(
            weekday=ExtractIsoWeekDay("created_at", tzinfo=zone),
            hour=ExtractHour("created_at", tzinfo=zone),
        )
        .values_list("kind", "space_id", "language", "weekday", "hour")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for kind, space_id, language, weekday, hour, number in groups:
        yield Row(THREAD_METRICS[kind], number, space_id, language)
        if kind == ThreadKind.QUESTION:
            yield Row("questions_by_hour", number, space_id, language, hour_key(weekday, hour))


@counter
def count_questions_by_tag(day: date, start: datetime, end: datetime) -> Iterable[Row]:
    """Questions asked on `day` per tag (key: the tag's slug); a question with three tags
    counts once for each."""
    questions = Thread.objects.public().filter(
        kind=ThreadKind.QUESTION, created_at__gte=start, created_at__lt=end
    )
    groups = (
        Thread.tags.through.objects.filter(thread__in=questions)
        .values_list("tag__slug", "thread__space_id", "thread__language")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for slug, space_id, language, number in groups:
        yield Row("questions_by_tag", number, space_id, language, slug)


@counter
def count_answers(day: date, start: datetime, end: datetime) -> Iterable[Row]:
    """Replies posted on `day` (every post but a thread's opening one, in any kind of
    thread), in the thread's space and language."""
    groups = (
        public_posts()
        .filter(is_opening=False, created_at__gte=start, created_at__lt=end)
        .values_list("thread__space_id", "thread__language")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for space_id, language, number in groups:
        yield Row("answers", number, space_id, language)


@counter
def count_members(day: date, start: datetime, end: datetime) -> Iterable[Row]:
    """Members who joined on `day`, site-wide, by the language they chose."""
    groups = (
        get_user_model()
        .objects.filter(date_joined__gte=start, date_joined__lt=end)
        .values_list("locale")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for locale, number in groups:
        yield Row("members", number, None, locale)


# --- the section ----------------------------------------------------------------------


def _figure(counts: Counts, metric: str, **fields) -> Figure:
    return Figure(
        key=metric,
        value=counts.total(metric),
        previous=counts.total(metric, previous=True),
        unit="count",
        higher_is_better=None,
        **fields,
    )


def figures(counts: Counts) -> list[Figure]:
    return [
        _figure(
            counts,
            "questions",
            label=_("New questions"),
            definition=_(
                "Questions asked in the period that are public now (not hidden, deleted or "
                "merged). More is neither good nor bad: it is the demand for support."
            ),
            headline=True,
        ),
        _figure(
            counts,
            "answers",
            label=_("Answers"),
            definition=_(
                "Public replies posted in the period, in questions, discussions and ideas, "
                "by anyone (staff included); a thread's opening post is not counted."
            ),
            headline=True,
        ),
        _figure(
            counts,
            "members",
            label=_("New members"),
            definition=_(
                "Members who signed up in the period. Site-wide: the space filter does not "
                "narrow it; the language filter counts members by the language they chose."
            ),
            site_wide=True,
        ),
        _figure(
            counts,
            "ideas",
            label=_("New ideas"),
            definition=_("Public ideas posted in the period."),
        ),
    ]


def activity_chart(counts: Counts) -> Chart:
    series = (
        ("questions", _("New questions")),
        ("answers", _("Answers")),
        ("ideas", _("New ideas")),
        ("members", _("New members")),
    )
    return Chart(
        key="volume",
        title=_("Questions, answers, ideas and members"),
        kind="line",
        labels=counts.labels,
        datasets=[Dataset(label, counts.series(metric)) for metric, label in series],
        unit="count",
        definition=_(
            "New public questions, replies and ideas, and new members, per day, week or month "
            "of the period, in the support team's time zone."
        ),
    )


def space_chart(counts: Counts) -> Chart:
    """Questions per space, most first. Every space is shown whatever the space filter
    (the language filter applies); names in the reader's language."""
    per_space = {pk: total for pk, total in counts.by_space("questions").items() if pk and total}
    spaces = Space.objects.filter(pk__in=per_space).only("pk", "name_en", "name_de", "position")
    ranked = sorted(spaces, key=lambda space: (-per_space[space.pk], space.position, space.pk))
    return Chart(
        key="questions_by_space",
        title=_("Questions by space"),
        kind="bar",
        labels=[space.name for space in ranked],
        datasets=[Dataset(_("New questions"), [per_space[space.pk] for space in ranked])],
        unit="count",
        definition=_(
            "New public questions in the period per space. Every space is shown whatever "
            "the space filter; the language filter applies."
        ),
    )


def tag_chart(counts: Counts) -> Chart:
    """The ten tags most questions of the period carry."""
    per_tag = {slug: total for slug, total in counts.by_key("questions_by_tag").items() if total}
    names = dict(Tag.objects.filter(slug__in=per_tag).values_list("slug", "name"))
    # A tag renamed or deleted since keeps its slug as its label.
    ranked = sorted(per_tag, key=lambda slug: (-per_tag[slug], names.get(slug, slug)))[:TOP_TAGS]
    return Chart(
        key="questions_by_tag",
        title=_("Top tags of new questions"),
        kind="bar",
        labels=[names.get(slug, slug) for slug in ranked],
        datasets=[Dataset(_("New questions"), [per_tag[slug] for slug in ranked])],
        unit="count",
        definition=_(
            "The ten tags carried by the most new public questions in the period; a "
            "question with several tags counts for each."
        ),
    )


def hours_chart(counts: Counts) -> Chart:
    """Questions by weekday (rows, Monday first) and hour (columns), in the support team's
    time zone, summed over the period."""
    per_hour = counts.by_key("questions_by_hour")
    return Chart(
        key="busiest_hours",
        title=_("Busiest hours"),
        kind="heatmap",
        labels=[str(WEEKDAYS[weekday - 1]) for weekday in ISO_WEEKDAYS],
        datasets=[
            Dataset(
                f"{hour:02d}:00",
                [per_hour.get(hour_key(weekday, hour), 0.0) for weekday in ISO_WEEKDAYS],
            )
            for hour in HOURS
        ],
        unit="count",
        definition=_(
            "New public questions in the period by weekday and hour they were asked, in the "
            "support team's time zone: when help is needed most."
        ),
    )


@register_section("volume", order=50)
def volume_section(scope, counts: Counts) -> Section:
    return Section(
        key="volume",
        title=_("Volume"),
        figures=figures(counts),
        charts=[
            activity_chart(counts),
            space_chart(counts),
            tag_chart(counts),
            hours_chart(counts),
        ],
    )
