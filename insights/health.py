"""Community health: whether the community carries itself — how many members contribute
regularly, how many start to, how they spread over the trust levels, and the badges that
mark their progress.

Contributors are members who are not staff (the team answering is support, not the
community's health), counted by their public posts (what a visitor can see). Two queries
of the section's own: active contributors (this period and the previous one at once) and
members per trust level now; new contributors and badges come from the daily roll-ups.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Q
from django.utils.translation import gettext as _

from community.models import TrustLevel
from gamification.models import BadgeAward
from insights.calendar import span_bounds
from insights.figures import Chart, Dataset, Figure, Section, register_section
from insights.rollups import Counts, Row, counter
from insights.volume import public_posts

# An active contributor wrote at least this many public posts in the last this many days.
ACTIVE_POSTS = 10
ACTIVE_DAYS = 30


class Pair(NamedTuple):
    """A figure for the period and for the one before."""

    current: int
    previous: int


# --- counter --------------------------------------------------------------------------


@counter
def count_badges_awarded(day: date, start: datetime, end: datetime) -> Iterable[Row]:
    """Badges awarded on `day`, site-wide (a badge belongs to no space or language)."""
    number = BadgeAward.objects.filter(awarded_at__gte=start, awarded_at__lt=end).count()
    yield Row("badges_awarded", number)


@counter
def count_new_contributors(day: date, start: datetime, end: datetime) -> Iterable[Row]:
    """Members (not staff) whose first public post ever was written on `day`, site-wide.
    Each member counts on one day only, so a period's sum is its new contributors; counted
    in the roll-ups because "first ever" reads every earlier post, too much for the page."""
    posted_today = contributions().filter(created_at__gte=start, created_at__lt=end)
    number = (
        contributions()
        .filter(author__in=posted_today.values("author"))
        .values("author")
        .annotate(first=Min("created_at"))
        .filter(first__gte=start)
        .order_by()
        .count()
    )
    yield Row("new_contributors", number)


# --- selectors ------------------------------------------------------------------------


def contributions():
    """Public posts by members who are not staff."""
    return public_posts().filter(author__is_staff=False)


def active_window(last: date) -> tuple[datetime, datetime]:
    """The ACTIVE_DAYS days of the support team's calendar that end with `last`."""
    return span_bounds(last - timedelta(days=ACTIVE_DAYS - 1), last)


def active_contributors(scope) -> Pair:
    """Members with at least ACTIVE_POSTS public posts in the ACTIVE_DAYS ending on the
    period's last day, and on the previous period's. Posts in the scope's space and
    language when it has them. One query."""
    current_start, current_end = active_window(scope.last)
    previous_start, previous_end = active_window(scope.previous().last)
    posts = contributions().filter(created_at__gte=previous_start, created_at__lt=current_end)
    if scope.space_id is not None:
        posts = posts.filter(thread__space_id=scope.space_id)
    if scope.language:
        posts = posts.filter(thread__language=scope.language)
    per_author = (
        posts.values("author")
        .annotate(
            current=Count(
                "pk", filter=Q(created_at__gte=current_start, created_at__lt=current_end)
            ),
            previous=Count(
                "pk", filter=Q(created_at__gte=previous_start, created_at__lt=previous_end)
            ),
        )
        .order_by()
    )
    totals = per_author.aggregate(
        active=Count("author", filter=Q(current__gte=ACTIVE_POSTS)),
        active_before=Count("author", filter=Q(previous__gte=ACTIVE_POSTS)),
    )
    return Pair(totals["active"], totals["active_before"])


def members_per_trust_level() -> dict[int, int]:
    """Active members who are not staff, per trust level now (every level, 0 where none).
    Level 4 is the super users (``community.permissions.super_users``). One query."""
    per_level = dict.fromkeys(TrustLevel.values, 0)
    rows = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=False)
        .values_list("trust_level")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for level, number in rows:
        per_level[level] = number
    return per_level


# --- the section ----------------------------------------------------------------------


@register_section("health", order=80)
def health_section(scope, counts: Counts) -> Section:
    active = active_contributors(scope)
    per_level = members_per_trust_level()
    figures = [
        Figure(
            key="active_contributors",
            label=_("Active contributors"),
            value=active.current,
            previous=active.previous,
            unit="count",
            definition=_(
                "Members (not staff) with at least %(posts)d public posts in the %(days)d days "
                "up to the period's last day, compared with the %(days)d days up to the "
                "previous period's last day. With a space or language filter, only posts in "
                "that space or language count."
            )
            % {"posts": ACTIVE_POSTS, "days": ACTIVE_DAYS},
            higher_is_better=True,
        ),
        Figure(
            key="new_contributors",
            label=_("New contributors"),
            value=counts.total("new_contributors"),
            previous=counts.total("new_contributors", previous=True),
            unit="count",
            definition=_(
                "Members (not staff) whose first public post (question, answer or other "
                "thread) was written in the period. Site-wide: the filters do not narrow it."
            ),
            higher_is_better=True,
            site_wide=True,
        ),
        Figure(
            key="badges_awarded",
            label=_("Badges awarded"),
            value=counts.total("badges_awarded"),
            previous=counts.total("badges_awarded", previous=True),
            unit="count",
            definition=_("Badges members earned in the period. Site-wide."),
            higher_is_better=True,
            site_wide=True,
        ),
        Figure(
            key="super_users",
            label=_("Super users"),
            value=per_level[TrustLevel.LEADER],
            previous=None,
            unit="count",
            definition=_(
                "Active members staff made super users, now (not the period's figure). Site-wide."
            ),
            higher_is_better=True,
            site_wide=True,
        ),
    ]
    levels = Chart(
        key="members_per_trust_level",
        title=_("Members per trust level"),
        kind="bar",
        labels=[str(label) for label in TrustLevel.labels],
        datasets=[Dataset(_("Members"), [per_level[level] for level in TrustLevel.values])],
        unit="count",
        definition=_(
            "Active members who are not staff, per trust level now (not the period's "
            "figure). Site-wide."
        ),
        site_wide=True,
    )
    return Section(key="health", title=_("Community health"), figures=figures, charts=[levels])
