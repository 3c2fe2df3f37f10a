"""Activity for trust-level tests, made through the services members use (visits are rows:
the reading services write them one request at a time)."""

from datetime import timedelta

from django.utils import timezone

from community.models import MemberVisit
from community.services.posts import hide_post
from community.services.reactions import set_helpful_vote
from community.services.solutions import accept_answer
from gamification.models import TrustLevelSettings
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread


def small_settings(**changes) -> TrustLevelSettings:
    """Thresholds small enough to reach each boundary in a few rows (saved like the admin)."""
    values = {
        "basic_threads_read": 2,
        "basic_minutes_read": 1,
        "basic_days_member": 1,
        "member_visit_days": 3,
        "member_answers": 2,
        "member_helpful_votes": 2,
        "regular_period_days": 10,
        "regular_visit_percent": 50,
        "regular_good_answers": 2,
        "regular_grace_days": 14,
        "nomination_accepted_answers": 2,
        "nomination_reputation": 100,
        "nomination_strike_free_days": 90,
        "nomination_days_member": 60,
        **changes,
    }
    settings = TrustLevelSettings(pk=1, **values)
    settings.save()
    return settings


def visit(member, *, days_ago: int, threads_read: int = 0, seconds_read: int = 0):
    day = timezone.localdate() - timedelta(days=days_ago)
    visit, _created = MemberVisit.objects.get_or_create(member=member, day=day)
    visit.threads_read += threads_read
    visit.seconds_read += seconds_read
    visit.save()
    return visit


def visit_days(member, count: int, *, start_days_ago: int = 0):
    for days_ago in range(start_days_ago, start_days_ago + count):
        visit(member, days_ago=days_ago)


def helpful_answers(member, count: int, *, votes_each: int = 1):
    """`count` answers by `member`, each marked helpful by `votes_each` other members."""
    answers = []
    for _number in range(count):
        answer = make_answer(thread=make_thread(), author=member)
        for _vote in range(votes_each):
            set_helpful_vote(post=answer, by=MemberFactory(), voted=True)
        answers.append(answer)
    return answers


def accepted_answers(member, count: int):
    answers = []
    for _number in range(count):
        asker = MemberFactory()
        answer = make_answer(thread=make_thread(author=asker), author=member)
        accept_answer(answer=answer, by=asker)
        answers.append(answer)
    return answers


def strike(member):
    """A moderator hides one of the member's posts."""
    answer = make_answer(thread=make_thread(), author=member)
    return hide_post(post=answer, by=StaffFactory(), reason="Rude")
