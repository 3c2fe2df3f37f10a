"""Every badge, defined in code: what it is called, exactly how it is earned, and the rule
that finds who has earned it.

A rule is a function of no arguments that returns a queryset of "evidence" rows; the
badge names the path from such a row to the member who earned it (`member`) and, for a
repeatable badge, the row itself is what it was earned for (its primary key becomes the
award's source). ``gamification.services.badges`` narrows the same queryset to a few
members after an event, or runs it for everyone at night, and leaves out what is awarded
already: one rule, both paths.

Rules count only what visitors can still see (no hidden or deleted posts or threads), and
nothing a member does on their own thread (answering or accepting their own question).
Awards are never taken back when a count later drops.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, TextChoices, Window
from django.db.models.functions import Lag
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from community import permissions
from community.models import (
    FlagStatus,
    HelpfulVote,
    IdeaStatus,
    Member,
    MemberVisit,
    MeToo,
    Post,
    PostRevision,
    Thread,
    ThreadKind,
    TrustLevel,
)
from knowledge.models import Article, ArticleContributor, ArticleStatus


class Tier(TextChoices):
    BRONZE = "bronze", _("Bronze")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")


# Best first: where a member's badges are listed together.
TIER_ORDER = (Tier.GOLD, Tier.SILVER, Tier.BRONZE)


@dataclass(frozen=True)
class Family:
    """Badges about one kind of contribution; they share an icon (in their tier's colour)."""

    slug: str
    name: Promise


ASKING = Family("asking", _("Asking"))
ANSWERING = Family("answering", _("Answering"))
SOLVING = Family("solving", _("Solving problems"))
TAKING_PART = Family("taking-part", _("Taking part"))
IDEAS = Family("ideas", _("Ideas"))
VISITS = Family("visits", _("Coming back"))
TRUST = Family("trust", _("Trust and the team"))
FAMILIES = (ASKING, ANSWERING, SOLVING, TAKING_PART, IDEAS, VISITS, TRUST)


@dataclass(frozen=True)
class Badge:
    slug: str
    name: Promise
    description: Promise  # exactly how to earn it
    tier: Tier
    family: Family
    rule: Callable[[], QuerySet]
    # The path from a row of `rule()` to the member who earned the badge; "" when the rows
    # are members.
    member: str = ""
    # Earned again for each row of `rule()` (an answer, an idea), which is its source.
    repeatable: bool = False

    @property
    def tier_name(self) -> str:
        return self.tier.label

    @property
    def member_id_field(self) -> str:
        return self.member or "pk"

    def member_field_lookup(self, field: str) -> str:
        """The rule's path to `field` of the member ("is_active")."""
        return f"{self.member}__{field}" if self.member else field


# --- thresholds -----------------------------------------------------------------------------

GOOD_VOTES, GREAT_VOTES = 10, 25
PROBLEM_SOLVER, EXPERT, GURU = 10, 50, 250
FAST_RESPONSE = timedelta(minutes=15)
FAST_RESPONSES = 10
RESCUE_AFTER = timedelta(days=7)
WELCOMES = 5
SOLVED_TOO_MANY = 5
POPULAR_IDEA = 10
SHORT_STREAK, LONG_STREAK = 10, 30
AGREED_FLAGS = 10


# --- what rules count -----------------------------------------------------------------------


def visible_threads() -> QuerySet:
    return Thread.objects.filter(hidden_at__isnull=True, deleted_at__isnull=True)


def visible_posts() -> QuerySet:
    return Post.objects.filter(
        hidden_at__isnull=True,
        deleted_at__isnull=True,
        thread__hidden_at__isnull=True,
        thread__deleted_at__isnull=True,
    )


def answers_to_others() -> QuerySet:
    """Visible answers to someone else's visible question."""
    return (
        visible_posts()
        .filter(is_opening=False, thread__kind=ThreadKind.QUESTION)
        .exclude(author=F("thread__author"))
    )


def solved_for_others() -> QuerySet:
    """Visible questions solved by someone else's visible answer."""
    return (
        visible_threads()
        .filter(
            kind=ThreadKind.QUESTION,
            solution__hidden_at__isnull=True,
            solution__deleted_at__isnull=True,
        )
        .exclude(solution__author=F("author"))
    )


def earlier_answers_from_others(*, thread: str, before: str, asker: str) -> QuerySet:
    """Visible answers on the thread `thread` (an OuterRef path) posted before `before`
    by anyone but `asker`: with them, a question was no longer unanswered."""
    return Post.objects.filter(
        thread=OuterRef(thread),
        is_opening=False,
        created_at__lt=OuterRef(before),
        hidden_at__isnull=True,
        deleted_at__isnull=True,
    ).exclude(author=OuterRef(asker))


def at_least(rows: QuerySet, *, member: str, count: int, distinct: str = "pk") -> QuerySet:
    """Members with at least `count` of `rows` (grouped by the `member` path)."""
    return (
        rows.order_by()
        .values(member)
        .annotate(number=Count(distinct, distinct=distinct != "pk"))
        .filter(number__gte=count)
    )


# --- the rules ------------------------------------------------------------------------------


def asked_questions() -> QuerySet:
    return visible_threads().filter(kind=ThreadKind.QUESTION)


def questions_with_votes(votes: int) -> Callable[[], QuerySet]:
    def rule() -> QuerySet:
        return visible_posts().filter(
            is_opening=True, thread__kind=ThreadKind.QUESTION, helpful_count__gte=votes
        )

    return rule


def answered_questions() -> QuerySet:
    return answers_to_others()


def fast_first_answers() -> QuerySet:
    first_fast = (
        answers_to_others()
        .filter(created_at__lte=F("thread__created_at") + FAST_RESPONSE)
        .filter(
            ~Exists(
                earlier_answers_from_others(
                    thread="thread", before="created_at", asker="thread__author"
                )
            )
        )
    )
    return at_least(first_fast, member="author", count=FAST_RESPONSES)


def welcomes() -> QuerySet:
    earlier_questions = Thread.objects.filter(
        kind=ThreadKind.QUESTION,
        author=OuterRef("thread__author"),
        created_at__lt=OuterRef("thread__created_at"),
    )
    first_questions = answers_to_others().filter(~Exists(earlier_questions))
    return at_least(first_questions, member="author", count=WELCOMES, distinct="thread")


def answers_with_votes(votes: int) -> Callable[[], QuerySet]:
    def rule() -> QuerySet:
        return visible_posts().filter(is_opening=False, helpful_count__gte=votes)

    return rule


def endorsed_answers() -> QuerySet:
    return visible_posts().filter(is_opening=False, endorsed_by__isnull=False)


def solutions() -> QuerySet:
    return solved_for_others()


def solutions_at_least(count: int) -> Callable[[], QuerySet]:
    def rule() -> QuerySet:
        return at_least(solved_for_others(), member="solution__author", count=count)

    return rule


def rescues() -> QuerySet:
    return (
        solved_for_others()
        .filter(solution__created_at__gt=F("created_at") + RESCUE_AFTER)
        .filter(
            ~Exists(
                earlier_answers_from_others(
                    thread="pk", before="solution__created_at", asker="author"
                )
            )
        )
    )


def solutions_solved_too() -> QuerySet:
    return visible_posts().filter(is_opening=False, solved_too_count__gte=SOLVED_TOO_MANY)


def helpful_votes_given() -> QuerySet:
    return HelpfulVote.objects.all()


def me_toos_given() -> QuerySet:
    return MeToo.objects.all()


def edits() -> QuerySet:
    return PostRevision.objects.filter(number__gt=1)


def ideas() -> QuerySet:
    return visible_threads().filter(kind=ThreadKind.IDEA)


def popular_ideas() -> QuerySet:
    return ideas().filter(me_too_count__gte=POPULAR_IDEA)


def delivered_ideas() -> QuerySet:
    return ideas().filter(idea_status=IdeaStatus.DELIVERED)


def visit_streaks(days: int) -> Callable[[], QuerySet]:
    """Visit days that end a run of `days` days in a row: the visit `days - 1` rows earlier
    (one row per member and day) is exactly `days - 1` days before."""

    def rule() -> QuerySet:
        earlier = Window(Lag("day", days - 1), partition_by=[F("member")], order_by=F("day").asc())
        return (
            MemberVisit.objects.annotate(earlier=earlier)
            .annotate(span=F("day") - F("earlier"))
            .filter(span=timedelta(days=days - 1))
        )

    return rule


def members_at_trust_level(level: TrustLevel) -> Callable[[], QuerySet]:
    def rule() -> QuerySet:
        return permissions.members_at_trust_level(level)

    return rule


def helpful_flaggers() -> QuerySet:
    """Members whose flags reviewers agreed with AGREED_FLAGS times."""
    agreed = Count("flags_given", filter=Q(flags_given__status=FlagStatus.AGREED))
    return Member.objects.annotate(agreed_flags=agreed).filter(agreed_flags__gte=AGREED_FLAGS)


def team_members() -> QuerySet:
    return Member.objects.filter(is_staff=True)


def knowledge_base_contributors() -> QuerySet:
    """Members who wrote, or are credited on, a published knowledge-base article."""
    published = Article.objects.filter(status=ArticleStatus.PUBLISHED)
    return Member.objects.filter(
        Exists(published.filter(author=OuterRef("pk")))
        | Exists(
            ArticleContributor.objects.filter(
                member=OuterRef("pk"), article__status=ArticleStatus.PUBLISHED
            )
        )
    )


# --- the badges -----------------------------------------------------------------------------

BADGES: tuple[Badge, ...] = (
    # asking
    Badge(
        "first-question", _("First question"),
        _("Ask your first question."),
        Tier.BRONZE, ASKING, asked_questions, member="author",
    ),
    Badge(
        "good-question", _("Good question"),
        _("Ask a question that 10 members mark helpful. Earned again for every such question."),
        Tier.SILVER, ASKING, questions_with_votes(GOOD_VOTES), member="author", repeatable=True,
    ),
    Badge(
        "great-question", _("Great question"),
        _("Ask a question that 25 members mark helpful. Earned again for every such question."),
        Tier.GOLD, ASKING, questions_with_votes(GREAT_VOTES), member="author", repeatable=True,
    ),
    # answering
    Badge(
        "first-answer", _("First answer"),
        _("Answer someone else’s question for the first time."),
        Tier.BRONZE, ANSWERING, answered_questions, member="author",
    ),
    Badge(
        "fast-responder", _("Fast responder"),
        _("Be the first to answer a question within 15 minutes of it being asked, on 10 questions."),
        Tier.SILVER, ANSWERING, fast_first_answers, member="author",
    ),
    Badge(
        "welcomer", _("Welcomer"),
        _("Answer the first question of 5 different members who are new here."),
        Tier.SILVER, ANSWERING, welcomes, member="author",
    ),
    Badge(
        "good-answer", _("Good answer"),
        _("Write an answer that 10 members mark helpful. Earned again for every such answer."),
        Tier.SILVER, ANSWERING, answers_with_votes(GOOD_VOTES), member="author", repeatable=True,
    ),
    Badge(
        "great-answer", _("Great answer"),
        _("Write an answer that 25 members mark helpful. Earned again for every such answer."),
        Tier.GOLD, ANSWERING, answers_with_votes(GREAT_VOTES), member="author", repeatable=True,
    ),
    Badge(
        "recommended", _("Recommended by the team"),
        _("Write an answer that the support team recommends."),
        Tier.SILVER, ANSWERING, endorsed_answers, member="author",
    ),
    # solving
    Badge(
        "first-solution", _("First solution"),
        _("Have one of your answers accepted as the solution to someone else’s question."),
        Tier.BRONZE, SOLVING, solutions, member="solution__author",
    ),
    Badge(
        "problem-solver", _("Problem solver"),
        _("Have 10 of your answers accepted as solutions."),
        Tier.BRONZE, SOLVING, solutions_at_least(PROBLEM_SOLVER), member="solution__author",
    ),
    Badge(
        "expert", _("Expert"),
        _("Have 50 of your answers accepted as solutions."),
        Tier.SILVER, SOLVING, solutions_at_least(EXPERT), member="solution__author",
    ),
    Badge(
        "guru", _("Guru"),
        _("Have 250 of your answers accepted as solutions."),
        Tier.GOLD, SOLVING, solutions_at_least(GURU), member="solution__author",
    ),
    Badge(
        "rescuer", _("Rescuer"),
        _(
            "Answer a question that nobody had answered for more than 7 days, "
            "and have your answer accepted as the solution."
        ),
        Tier.SILVER, SOLVING, rescues, member="solution__author",
    ),
    Badge(
        "solved-for-many", _("Solved it for many"),
        _(
            "Write a solution that 5 members mark “solved my problem too”. "
            "Earned again for every such solution."
        ),
        Tier.SILVER, SOLVING, solutions_solved_too, member="author", repeatable=True,
    ),
    # taking part
    Badge(
        "supporter", _("Supporter"),
        _("Mark a post helpful for the first time."),
        Tier.BRONZE, TAKING_PART, helpful_votes_given, member="member",
    ),
    Badge(
        "me-too", _("Me too"),
        _("Say “me too” on a question or an idea for the first time."),
        Tier.BRONZE, TAKING_PART, me_toos_given, member="member",
    ),
    Badge(
        "flagger", _("Flagger"),
        _("Flag 10 posts that the moderators agree need their attention."),
        Tier.BRONZE, TAKING_PART, helpful_flaggers,
    ),
    Badge(
        "editor", _("Editor"),
        _("Edit a post for the first time."),
        Tier.BRONZE, TAKING_PART, edits, member="editor",
    ),
    Badge(
        "kb-contributor", _("Knowledge-base contributor"),
        _("Write, or be credited on, an article of the knowledge base that is published."),
        Tier.SILVER, ANSWERING, knowledge_base_contributors,
    ),
    # ideas
    Badge(
        "first-idea", _("First idea"),
        _("Suggest your first idea."),
        Tier.BRONZE, IDEAS, ideas, member="author",
    ),
    Badge(
        "popular-idea", _("Popular idea"),
        _("Suggest an idea that 10 members want too. Earned again for every such idea."),
        Tier.SILVER, IDEAS, popular_ideas, member="author", repeatable=True,
    ),
    Badge(
        "idea-delivered", _("Idea delivered"),
        _("Suggest an idea that the team delivers. Earned again for every delivered idea."),
        Tier.GOLD, IDEAS, delivered_ideas, member="author", repeatable=True,
    ),
    # coming back
    Badge(
        "ten-days", _("Ten days in a row"),
        _("Visit the community on 10 days in a row."),
        Tier.BRONZE, VISITS, visit_streaks(SHORT_STREAK), member="member",
    ),
    Badge(
        "thirty-days", _("Thirty days in a row"),
        _("Visit the community on 30 days in a row."),
        Tier.SILVER, VISITS, visit_streaks(LONG_STREAK), member="member",
    ),
    # trust and the team
    Badge(
        "basic-member", _("Basic member"),
        _("Reach trust level 1, basic member."),
        Tier.BRONZE, TRUST, members_at_trust_level(TrustLevel.BASIC),
    ),
    Badge(
        "member", _("Member"),
        _("Reach trust level 2, member."),
        Tier.BRONZE, TRUST, members_at_trust_level(TrustLevel.MEMBER),
    ),
    Badge(
        "regular", _("Regular"),
        _("Reach trust level 3, regular."),
        Tier.SILVER, TRUST, members_at_trust_level(TrustLevel.REGULAR),
    ),
    Badge(
        "super-user", _("Super user"),
        _("Be made a super user (trust level 4) by the team."),
        Tier.GOLD, TRUST, members_at_trust_level(TrustLevel.LEADER),
    ),
    Badge(
        "staff", _("Support team"),
        _("Be a member of the support team."),
        Tier.GOLD, TRUST, team_members,
    ),
)  # fmt: skip

BY_SLUG: dict[str, Badge] = {badge.slug: badge for badge in BADGES}


def get_badge(slug: str) -> Badge | None:
    return BY_SLUG.get(slug)
