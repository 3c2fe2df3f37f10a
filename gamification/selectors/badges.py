"""What the badge pages and the profile section read: each in one query."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from community.models import Post, Thread
from gamification.badges import BADGES, BY_SLUG, FAMILIES, TIER_ORDER, Badge, Family
from gamification.models import BadgeAward


@dataclass(frozen=True)
class BadgeSummary:
    badge: Badge
    holders: int
    held: bool  # by the reader


@dataclass(frozen=True)
class FamilyOfBadges:
    family: Family
    badges: list[BadgeSummary]


def holder_counts() -> dict[str, int]:
    """How many members hold each badge (repeatable ones count a member once). One query."""
    rows = (
        BadgeAward.objects.filter(member__is_active=True)
        .order_by()
        .values("badge")
        .annotate(holders=Count("member", distinct=True))
        .values_list("badge", "holders")
    )
    return dict(rows)


def badges_held(member) -> set[str]:
    """The slugs of the badges `member` holds; none for a visitor (no query)."""
    if member is None or not member.is_authenticated:
        return set()
    return set(BadgeAward.objects.filter(member=member).values_list("badge", flat=True).distinct())


def badge_overview(*, viewer) -> list[FamilyOfBadges]:
    """Every badge by family, with its holders and whether `viewer` holds it: two queries."""
    counts = holder_counts()
    held = badges_held(viewer)
    return [
        FamilyOfBadges(
            family=family,
            badges=[
                BadgeSummary(
                    badge=badge, holders=counts.get(badge.slug, 0), held=badge.slug in held
                )
                for badge in BADGES
                if badge.family == family
            ],
        )
        for family in FAMILIES
    ]


def badge_holders(badge: Badge) -> QuerySet:
    """Who earned `badge` and when, newest first (one row per award), with the member."""
    return (
        BadgeAward.objects.filter(badge=badge.slug, member__is_active=True)
        .select_related("member")
        .order_by("-awarded_at", "-pk")
    )


def source_link(award: BadgeAward) -> tuple[str, Promise] | None:
    """(address, label) of what a repeatable award was earned for, or None. Its page
    decides who may see it, so the link reveals nothing. No query (cached types)."""
    if award.source_type_id is None:
        return None
    model = ContentType.objects.get_for_id(award.source_type_id).model_class()
    if model is Post:
        return reverse("community:post", kwargs={"pk": award.source_id}), _("for this post")
    if model is Thread:
        link = reverse("community:thread_short", kwargs={"pk": award.source_id})
        return link, _("for this thread")
    return None


def holder_count(badge: Badge) -> int:
    return (
        BadgeAward.objects.filter(badge=badge.slug, member__is_active=True)
        .values("member")
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class HeldBadge:
    badge: Badge
    times: int  # more than 1 only for repeatable badges
    last_awarded_at: datetime


def member_badges(member) -> list[HeldBadge]:
    """The badges `member` holds, gold first, then by when they were last earned. One query."""
    return badges_of_members([member.pk]).get(member.pk, [])


def badges_of_members(member_ids) -> dict[int, list[HeldBadge]]:
    """The badges each of `member_ids` holds, ordered as ``member_badges``. One query."""
    rows = (
        BadgeAward.objects.filter(member_id__in=list(member_ids))
        .order_by()
        .values("member", "badge")
        .annotate(times=Count("pk"), last=Max("awarded_at"))
        .values_list("member", "badge", "times", "last")
    )
    held: dict[int, list[HeldBadge]] = {}
    for member_id, slug, times, last in rows:
        if slug in BY_SLUG:  # a badge since retired from the code is not shown
            held.setdefault(member_id, []).append(
                HeldBadge(badge=BY_SLUG[slug], times=times, last_awarded_at=last)
            )
    for badges in held.values():
        badges.sort(
            key=lambda item: (TIER_ORDER.index(item.badge.tier), -item.last_awarded_at.timestamp())
        )
    return held
