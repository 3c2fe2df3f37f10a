"""Building what badges count, quickly: many members voting, many solved questions."""

from datetime import date, timedelta

from community.models import MemberVisit, Post, Thread, ThreadKind, ThreadStatus
from community.services.reactions import set_helpful_vote, set_me_too, set_solved_too
from gamification.badges import BY_SLUG
from gamification.models import BadgeAward
from gamification.services.badges import award_badges
from tests.factories import MemberFactory, SpaceFactory


def check(member, slug: str) -> list[BadgeAward]:
    """Run one badge's rule for `member`; returns the awards it holds afterwards."""
    award_badges(member_ids=[member.pk], badges=[BY_SLUG[slug]])
    return list(BadgeAward.objects.filter(member=member, badge=slug))


def holds(member, slug: str) -> bool:
    return bool(check(member, slug))


def vote_helpful(post: Post, times: int) -> None:
    for _ in range(times):
        set_helpful_vote(post=post, by=MemberFactory(), voted=True)


def mark_solved_too(post: Post, times: int) -> None:
    for _ in range(times):
        set_solved_too(post=post, by=MemberFactory(), solved_too=True)


def say_me_too(thread: Thread, times: int) -> None:
    for _ in range(times):
        set_me_too(thread=thread, by=MemberFactory(), me_too=True)


def solved_questions(*, helper, count: int, asker=None) -> list[Thread]:
    """`count` questions by `asker` (a new member) solved by answers of `helper`, written in
    bulk: services would take minutes for the 250 of the gold badge."""
    asker = asker or MemberFactory()
    space = SpaceFactory()
    threads = Thread.objects.bulk_create(
        Thread(space=space, author=asker, title=f"Question {n}", slug=f"question-{n}",
               kind=ThreadKind.QUESTION, last_activity_at=asker.date_joined)
        for n in range(count)
    )  # fmt: skip
    answers = Post.objects.bulk_create(
        Post(thread=thread, author=helper, body="Do this.", body_html="<p>Do this.</p>")
        for thread in threads
    )
    for thread, answer in zip(threads, answers, strict=True):
        thread.solution = answer
        thread.status = ThreadStatus.SOLVED
    Thread.objects.bulk_update(threads, ["solution", "status"])
    return threads


def visit_days(member, *, first: date, days: int) -> None:
    MemberVisit.objects.bulk_create(
        MemberVisit(member=member, day=first + timedelta(days=n)) for n in range(days)
    )
