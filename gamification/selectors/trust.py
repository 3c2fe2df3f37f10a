"""What trust levels read: a member's activity in numbers, what each level asks of it,
strikes, nomination candidates and super users.

The requirements below are the rules: recomputation promotes by them, and /trust-levels/
and /super-users/ describe them, so a page never promises what the code does not do.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from community.models import (
    AuditAction,
    AuditEntry,
    HelpfulVote,
    Member,
    MemberVisit,
    Post,
    Thread,
    TrustLevel,
)
from community.permissions import has_granted_role, members_with_earned_levels, super_users
from gamification.models import Nomination, NominationStatus, TrustLevelSettings

# --- strikes ---------------------------------------------------------------------------------


def strikes() -> QuerySet:
    """What counts against a member's trust, as audit rows annotated with ``member_id``
    (whose strike it is).

    Today a strike is one of the member's posts hidden by a moderator that is still hidden
    (making it visible again takes the strike back). The one definition: the
    trust-and-safety work widens it here (agreed flags, suspensions).
    """
    post_type = ContentType.objects.get_for_model(Post)
    hidden_post_author = Post.objects.filter(
        pk=OuterRef("target_id"), hidden_at__isnull=False
    ).values("author_id")[:1]
    return (
        AuditEntry.objects.filter(action=AuditAction.HIDE_POST, target_type=post_type)
        .annotate(member_id=Subquery(hidden_post_author))
        .filter(member_id__isnull=False)
    )


# --- a member's activity in numbers ------------------------------------------------------------


def _scalar(queryset: QuerySet, expression) -> Coalesce:
    """One correlated number (a COUNT or SUM over `queryset`), 0 when there are no rows."""
    value = queryset.order_by().values(value=expression)[:1]
    return Coalesce(Subquery(value, output_field=IntegerField()), Value(0))


def _count(queryset: QuerySet) -> Coalesce:
    return _scalar(queryset, Func(F("pk"), function="COUNT"))


def _sum(queryset: QuerySet, field: str) -> Coalesce:
    return _scalar(queryset, Func(F(field), function="SUM"))


def period_start(settings: TrustLevelSettings, now: datetime) -> datetime:
    return now - timedelta(days=settings.regular_period_days)


def with_activity(members: QuerySet, *, settings: TrustLevelSettings, now: datetime) -> QuerySet:
    """`members` annotated with every number a trust level or a nomination asks about, in
    one query whatever their number (correlated subqueries, no join fan-out)."""
    start = period_start(settings, now)
    visits = MemberVisit.objects.filter(member=OuterRef("pk"))
    answers = Post.objects.filter(author=OuterRef("pk"), is_opening=False, deleted_at__isnull=True)
    solutions = Thread.objects.filter(solution__isnull=False, deleted_at__isnull=True)
    member_strikes = strikes().filter(member_id=OuterRef("pk"))
    return members.annotate(
        threads_read=_sum(visits, "threads_read"),
        seconds_read=_sum(visits, "seconds_read"),
        visit_days=_count(visits),
        period_visit_days=_count(visits.filter(day__gte=start.date())),
        answers=_count(answers),
        helpful_votes=_count(
            HelpfulVote.objects.filter(post__author=OuterRef("pk"), post__deleted_at__isnull=True)
        ),
        period_good_answers=_count(
            answers.filter(created_at__gte=start, hidden_at__isnull=True).filter(
                Q(helpful_count__gt=0) | Q(pk__in=solutions.values("solution_id"))
            )
        ),
        accepted_answers=_count(
            solutions.filter(solution__author=OuterRef("pk"), solution__deleted_at__isnull=True)
        ),
        period_strikes=_count(member_strikes.filter(created_at__gte=start)),
        last_strike_at=Subquery(member_strikes.order_by("-created_at").values("created_at")[:1]),
    )


def member_activity(member: Member, *, settings: TrustLevelSettings, now=None) -> Member:
    """`member` again, with the numbers of ``with_activity`` (one query)."""
    now = now or timezone.now()
    return with_activity(Member.objects.filter(pk=member.pk), settings=settings, now=now).get()


# --- what each level asks -------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """One condition of a level: `have` must reach `need` (or stay at most `need`)."""

    description: str
    have: int
    need: int
    at_most: bool = False

    @property
    def met(self) -> bool:
        return self.have <= self.need if self.at_most else self.have >= self.need


def _days_since(moment: datetime, now: datetime) -> int:
    return max(0, (now - moment).days)


def regular_visit_days_needed(settings: TrustLevelSettings) -> int:
    return math.ceil(settings.regular_period_days * settings.regular_visit_percent / 100)


def requirements(level: TrustLevel, activity, *, settings: TrustLevelSettings, now) -> list:
    """What `level` asks of a member, with what `activity` (a member from ``with_activity``,
    or None to describe the level only) has of it. Levels 0 and 4 ask nothing automatic."""
    a = activity
    days = settings.regular_period_days

    def have(name):
        return getattr(a, name) if a is not None else 0

    if level == TrustLevel.BASIC:
        joined = _days_since(a.date_joined, now) if a is not None else 0
        return [
            Requirement(
                ngettext_lazy("Open %(need)d thread", "Open %(need)d threads", "need")
                % {"need": settings.basic_threads_read},
                have("threads_read"),
                settings.basic_threads_read,
            ),
            Requirement(
                ngettext_lazy(
                    "Spend %(need)d minute reading", "Spend %(need)d minutes reading", "need"
                )
                % {"need": settings.basic_minutes_read},
                have("seconds_read") // 60,
                settings.basic_minutes_read,
            ),
            Requirement(
                ngettext_lazy(
                    "Be a member for %(need)d day", "Be a member for %(need)d days", "need"
                )
                % {"need": settings.basic_days_member},
                joined,
                settings.basic_days_member,
            ),
        ]
    if level == TrustLevel.MEMBER:
        return [
            Requirement(
                ngettext_lazy("Visit on %(need)d day", "Visit on %(need)d days", "need")
                % {"need": settings.member_visit_days},
                have("visit_days"),
                settings.member_visit_days,
            ),
            Requirement(
                ngettext_lazy("Post %(need)d answer", "Post %(need)d answers", "need")
                % {"need": settings.member_answers},
                have("answers"),
                settings.member_answers,
            ),
            Requirement(
                ngettext_lazy(
                    "Receive %(need)d helpful vote", "Receive %(need)d helpful votes", "need"
                )
                % {"need": settings.member_helpful_votes},
                have("helpful_votes"),
                settings.member_helpful_votes,
            ),
        ]
    if level == TrustLevel.REGULAR:
        visits_needed = regular_visit_days_needed(settings)
        return [
            Requirement(
                _("Visit on %(need)d of the last %(days)d days")
                % {"need": visits_needed, "days": days},
                have("period_visit_days"),
                visits_needed,
            ),
            Requirement(
                ngettext_lazy(
                    "%(need)d answer accepted or marked helpful in the last %(days)d days",
                    "%(need)d answers accepted or marked helpful in the last %(days)d days",
                    "need",
                )
                % {"need": settings.regular_good_answers, "days": days},
                have("period_good_answers"),
                settings.regular_good_answers,
            ),
            Requirement(
                _("No post hidden by a moderator in the last %(days)d days") % {"days": days},
                have("period_strikes"),
                0,
                at_most=True,
            ),
        ]
    return []


def nomination_requirements(activity, *, settings: TrustLevelSettings, now) -> list:
    """The criteria that put a member on staff's list of proposed super users."""
    a = activity
    strike_free = settings.nomination_strike_free_days
    if a is None:
        recent_strike = 0
        joined = 0
    else:
        last = a.last_strike_at
        recent_strike = int(last is not None and last >= now - timedelta(days=strike_free))
        joined = _days_since(a.date_joined, now)
    return [
        Requirement(
            ngettext_lazy("%(need)d accepted answer", "%(need)d accepted answers", "need")
            % {"need": settings.nomination_accepted_answers},
            a.accepted_answers if a is not None else 0,
            settings.nomination_accepted_answers,
        ),
        Requirement(
            _("A reputation of at least %(need)s")
            % {"need": number_format(settings.nomination_reputation, force_grouping=True)},
            a.reputation if a is not None else 0,
            settings.nomination_reputation,
        ),
        Requirement(
            _("No post hidden by a moderator in the last %(days)d days") % {"days": strike_free},
            recent_strike,
            0,
            at_most=True,
        ),
        Requirement(
            ngettext_lazy(
                "A member for at least %(need)d day", "A member for at least %(need)d days", "need"
            )
            % {"need": settings.nomination_days_member},
            joined,
            settings.nomination_days_member,
        ),
    ]


AUTOMATIC_LEVELS = (TrustLevel.BASIC, TrustLevel.MEMBER, TrustLevel.REGULAR)


def earned_level(activity, *, settings: TrustLevelSettings, now) -> TrustLevel:
    """The highest automatic level whose requirements, and those of every level below,
    `activity` meets."""
    level = TrustLevel.NEW
    for candidate in AUTOMATIC_LEVELS:
        if not all(r.met for r in requirements(candidate, activity, settings=settings, now=now)):
            break
        level = candidate
    return level


# --- nominations and super users --------------------------------------------------------------


def nomination_candidates(*, settings: TrustLevelSettings, now=None) -> QuerySet:
    """Members who meet the nomination criteria, are no super users or staff, and have no
    pending nomination nor one declined recently; with their numbers, most accepted
    answers first."""
    now = now or timezone.now()
    recently_decided = Nomination.objects.filter(member=OuterRef("pk")).filter(
        Q(status=NominationStatus.PENDING)
        | Q(
            status=NominationStatus.DECLINED,
            decided_at__gte=now - timedelta(days=settings.nomination_pause_days),
        )
    )
    members = members_with_earned_levels().filter(
        reputation__gte=settings.nomination_reputation,
        date_joined__lte=now - timedelta(days=settings.nomination_days_member),
    )
    return (
        with_activity(members, settings=settings, now=now)
        .filter(accepted_answers__gte=settings.nomination_accepted_answers)
        .filter(
            Q(last_strike_at__isnull=True)
            | Q(last_strike_at__lt=now - timedelta(days=settings.nomination_strike_free_days))
        )
        .filter(~Exists(recently_decided))
        .order_by("-accepted_answers", "-reputation", "pk")
    )


def pending_nominations() -> QuerySet:
    return Nomination.objects.filter(status=NominationStatus.PENDING).select_related(
        "member", "proposed_by"
    )


def nominations_with_numbers(nominations: list, *, settings: TrustLevelSettings, now=None):
    """Attach each nominee's numbers (``nomination.numbers``) in one query."""
    now = now or timezone.now()
    ids = [n.member_id for n in nominations]
    numbers = {
        m.pk: m
        for m in with_activity(Member.objects.filter(pk__in=ids), settings=settings, now=now)
    }
    for nomination in nominations:
        nomination.numbers = numbers.get(nomination.member_id)
    return nominations


def current_super_users() -> QuerySet:
    """The super users for the public page: highest reputation first."""
    return super_users().order_by("-reputation", "date_joined", "pk")


@dataclass(frozen=True)
class Progress:
    """A member's way to `level` (or, for a regular, what keeps them there)."""

    level: TrustLevel
    requirements: list
    keeping: bool = False


def progress_towards_next_level(member, *, settings: TrustLevelSettings, now=None):
    """What the member still needs for the next automatic level; for a regular, how they
    stand on keeping it. None for super users and staff (staff grant that level)."""
    if has_granted_role(member):
        return None
    now = now or timezone.now()
    activity = member_activity(member, settings=settings, now=now)
    current = TrustLevel(member.trust_level)
    if current == TrustLevel.REGULAR:
        level, keeping = current, True
    else:
        level, keeping = TrustLevel(current + 1), False
    return Progress(level, requirements(level, activity, settings=settings, now=now), keeping)
