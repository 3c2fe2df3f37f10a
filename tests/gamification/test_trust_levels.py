"""Automatic trust levels: promotion at each boundary, the regulars' grace, what is never
touched, the events that re-check a member, and telling the member."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from community.models import AuditAction, AuditEntry, Notification, NotificationKind, TrustLevel
from community.services.members import set_staff_status, set_trust_level
from community.services.posts import unhide_post
from community.services.reactions import set_helpful_vote
from gamification.models import TrustLevelGrace, TrustLevelSettings
from gamification.services.trust import recompute_all_trust_levels, recompute_trust_level
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread
from tests.gamification.trust_helpers import (
    accepted_answers,
    helpful_answers,
    small_settings,
    strike,
    visit,
    visit_days,
)

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def _level(member) -> TrustLevel:
    member.refresh_from_db(fields=["trust_level"])
    return TrustLevel(member.trust_level)


# --- level 1: basic member --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threads", "seconds", "days", "expected"),
    [
        (5, 600, 1, TrustLevel.BASIC),  # exactly the defaults
        (4, 600, 1, TrustLevel.NEW),  # one thread short
        (5, 599, 1, TrustLevel.NEW),  # a second short of 10 minutes
        (5, 600, 0, TrustLevel.NEW),  # joined today
    ],
)
def test_recompute_trust_level_promotes_to_basic_at_the_default_boundary(
    threads, seconds, days, expected
):
    with time_machine.travel(NOON - timedelta(days=days), tick=False):
        member = MemberFactory(trust_level=TrustLevel.NEW)
    with time_machine.travel(NOON, tick=False):
        visit(member, days_ago=0, threads_read=threads, seconds_read=seconds)
        recompute_trust_level(member=member)
    assert _level(member) == expected


def test_a_day_since_joining_means_24_hours_on_the_clock():
    with time_machine.travel(NOON, tick=False):
        member = MemberFactory(trust_level=TrustLevel.NEW)
        visit(member, days_ago=0, threads_read=5, seconds_read=600)
    with time_machine.travel(NOON + timedelta(hours=23, minutes=59), tick=False):
        assert not recompute_trust_level(member=member)
    with time_machine.travel(NOON + timedelta(days=1), tick=False):
        assert recompute_trust_level(member=member)
    assert _level(member) == TrustLevel.BASIC


# --- level 2: member ----------------------------------------------------------------------


def _basic_member(**fields):
    with time_machine.travel(NOON - timedelta(days=30), tick=False):
        member = MemberFactory(trust_level=TrustLevel.BASIC, **fields)
    visit(member, days_ago=20, threads_read=5, seconds_read=600)
    return member


@pytest.mark.parametrize(
    ("visit_count", "answers", "votes", "expected"),
    [
        (3, 2, 2, TrustLevel.MEMBER),
        (2, 2, 2, TrustLevel.BASIC),
        (3, 1, 2, TrustLevel.BASIC),
        (3, 2, 1, TrustLevel.BASIC),
    ],
)
def test_recompute_trust_level_promotes_to_member_at_each_boundary(
    visit_count, answers, votes, expected
):
    small_settings(basic_threads_read=5, basic_minutes_read=10)
    with time_machine.travel(NOON, tick=False):
        member = _basic_member()
        visit_days(member, visit_count - 1, start_days_ago=1)  # + the day of the reading
        posted = [make_answer(thread=make_thread(), author=member) for _ in range(answers)]
        for _vote in range(votes):
            set_helpful_vote(post=posted[0], by=MemberFactory(), voted=True)
        recompute_trust_level(member=member)
    assert _level(member) == expected


def test_deleted_answers_do_not_count_towards_member():
    from community.services.posts import delete_post

    small_settings()
    with time_machine.travel(NOON, tick=False):
        member = _basic_member()
        visit_days(member, 2, start_days_ago=1)
        answers = helpful_answers(member, 2)
        delete_post(post=answers[1], by=member)
        recompute_trust_level(member=member)
    assert _level(member) == TrustLevel.BASIC


def test_the_defaults_are_discourses(db):
    settings = TrustLevelSettings.objects.current()
    assert (settings.basic_threads_read, settings.basic_minutes_read, settings.basic_days_member) == (
        5, 10, 1
    )  # fmt: skip
    assert (settings.member_visit_days, settings.member_answers, settings.member_helpful_votes) == (
        15, 3, 5
    )  # fmt: skip
    assert (
        settings.regular_period_days, settings.regular_visit_percent,
        settings.regular_good_answers, settings.regular_grace_days,
    ) == (100, 50, 10, 14)  # fmt: skip
    assert (
        settings.nomination_accepted_answers, settings.nomination_reputation,
        settings.nomination_strike_free_days, settings.nomination_days_member,
    ) == (25, 1000, 90, 60)  # fmt: skip


# --- level 3: regular, and its grace ----------------------------------------------------------


def _regular_candidate(*, visits=5, good_answers=2):
    """With small_settings(): a member who meets everything up to regular over 10 days."""
    member = _basic_member()
    visit_days(member, visits)  # today and the days before
    helpful_answers(member, good_answers)
    return member


@pytest.mark.parametrize(
    ("visits", "good_answers", "expected"),
    [(5, 2, TrustLevel.REGULAR), (4, 2, TrustLevel.MEMBER), (5, 1, TrustLevel.MEMBER)],
)
def test_recompute_trust_level_promotes_to_regular_at_each_boundary(visits, good_answers, expected):
    small_settings(member_visit_days=3, member_answers=1, member_helpful_votes=1)
    with time_machine.travel(NOON, tick=False):
        member = _regular_candidate(visits=visits, good_answers=good_answers)
        recompute_trust_level(member=member)
    assert _level(member) == expected


def test_only_the_period_counts_for_regular():
    small_settings(member_visit_days=3, member_answers=1, member_helpful_votes=1)
    with time_machine.travel(NOON - timedelta(days=11), tick=False):
        member = _basic_member()
        helpful_answers(member, 2)  # 11 days ago: outside the 10-day period
    with time_machine.travel(NOON, tick=False):
        visit_days(member, 5)
        recompute_trust_level(member=member)
    assert _level(member) == TrustLevel.MEMBER


def test_an_accepted_answer_counts_as_a_good_answer():
    small_settings(member_visit_days=3, member_answers=1, member_helpful_votes=1)
    with time_machine.travel(NOON, tick=False):
        member = _basic_member()
        visit_days(member, 5)
        helpful_answers(member, 1)
        accepted_answers(member, 1)
        recompute_trust_level(member=member)
    assert _level(member) == TrustLevel.REGULAR


def test_a_strike_in_the_period_keeps_a_member_from_regular_and_unhiding_takes_it_back():
    small_settings(member_visit_days=3, member_answers=1, member_helpful_votes=1)
    with time_machine.travel(NOON, tick=False):
        member = _regular_candidate()
        hidden = strike(member)
        recompute_trust_level(member=member)
        assert _level(member) == TrustLevel.MEMBER
        unhide_post(post=hidden, by=StaffFactory())
        recompute_trust_level(member=member)
    assert _level(member) == TrustLevel.REGULAR


def test_a_regular_keeps_the_level_for_the_grace_period_then_goes_back_to_member():
    small_settings(member_visit_days=3, member_answers=1, member_helpful_votes=1)
    with time_machine.travel(NOON, tick=False):
        member = _regular_candidate()
        recompute_trust_level(member=member)
        assert _level(member) == TrustLevel.REGULAR
    # The visits (the last five days) age out of the 10-day period: below from day 7 on.
    with time_machine.travel(NOON + timedelta(days=6), tick=False):
        assert not recompute_trust_level(member=member)
        assert not TrustLevelGrace.objects.exists()
    below_since = NOON + timedelta(days=7)
    with time_machine.travel(below_since, tick=False):
        assert not recompute_trust_level(member=member)
        assert TrustLevelGrace.objects.get(member=member).since == below_since.date()
    with time_machine.travel(below_since + timedelta(days=13), tick=False):
        assert not recompute_trust_level(member=member)
        assert _level(member) == TrustLevel.REGULAR
    with time_machine.travel(below_since + timedelta(days=14), tick=False):
        assert recompute_trust_level(member=member)
    assert _level(member) == TrustLevel.MEMBER
    assert not TrustLevelGrace.objects.exists()
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE_TRUST_LEVEL).first()
    assert (entry.actor, entry.details["level"]) == (None, TrustLevel.MEMBER)
    assert entry.reason == "No longer meets the requirements of a regular"


def test_meeting_the_requirements_again_in_the_grace_period_ends_it():
    small_settings(member_visit_days=3, member_answers=1, member_helpful_votes=1)
    with time_machine.travel(NOON, tick=False):
        member = _regular_candidate()
        recompute_trust_level(member=member)
    with time_machine.travel(NOON + timedelta(days=7), tick=False):
        recompute_trust_level(member=member)
        assert TrustLevelGrace.objects.filter(member=member).exists()
        visit_days(member, 5)
        helpful_answers(member, 2)
        recompute_trust_level(member=member)
    assert not TrustLevelGrace.objects.exists()
    with time_machine.travel(NOON + timedelta(days=21), tick=False):
        recompute_trust_level(member=member)  # a new grace starts; the old one is gone
    assert _level(member) == TrustLevel.REGULAR


def test_members_never_lose_levels_one_and_two():
    small_settings()
    with time_machine.travel(NOON, tick=False):
        member = MemberFactory(trust_level=TrustLevel.MEMBER)  # earns nothing at all
        assert not recompute_trust_level(member=member)
    assert _level(member) == TrustLevel.MEMBER


# --- what recomputation never touches ------------------------------------------------------


def test_super_users_and_staff_are_left_alone():
    small_settings()
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    agent = StaffFactory(trust_level=TrustLevel.NEW)
    assert not recompute_trust_level(member=super_user)
    assert not recompute_trust_level(member=agent)
    assert recompute_all_trust_levels() == 0
    assert (_level(super_user), _level(agent)) == (TrustLevel.LEADER, TrustLevel.NEW)
    assert not AuditEntry.objects.exists()


def test_recompute_all_trust_levels_promotes_everyone_due(django_assert_max_num_queries):
    small_settings(member_visit_days=3, member_answers=1, member_helpful_votes=1)
    with time_machine.travel(NOON, tick=False):
        regular = _regular_candidate()
        basic = [_basic_member() for _ in range(3)]
        new = MemberFactory(trust_level=TrustLevel.NEW)
        assert recompute_all_trust_levels() == 1
        assert _level(regular) == TrustLevel.REGULAR
        assert {_level(member) for member in basic} == {TrustLevel.BASIC}
        assert _level(new) == TrustLevel.NEW
        # Nothing due: settings, graces, everyone's numbers in one query, stale graces;
        # however many members there are.
        for _more in range(5):
            _basic_member()
        with django_assert_max_num_queries(4):
            assert recompute_all_trust_levels() == 0


def test_recompute_trust_levels_command_reports_the_changes():
    small_settings()
    with time_machine.travel(NOON, tick=False):
        member = _basic_member()
        visit_days(member, 2, start_days_ago=1)
        helpful_answers(member, 2)
        out = StringIO()
        call_command("recompute_trust_levels", stdout=out)
    assert "1 trust levels changed." in out.getvalue()
    assert _level(member) == TrustLevel.MEMBER


def test_the_nightly_task_is_scheduled():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "gamification.recompute_trust_levels" in tasks


# --- the events that re-check a member ------------------------------------------------------


def test_a_helpful_vote_rechecks_the_author_after_commit(django_capture_on_commit_callbacks):
    small_settings()
    with time_machine.travel(NOON, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            member = _basic_member()
            visit_days(member, 2, start_days_ago=1)
            answers = [make_answer(thread=make_thread(), author=member) for _ in range(2)]
            set_helpful_vote(post=answers[0], by=MemberFactory(), voted=True)
        assert _level(member) == TrustLevel.BASIC
        with django_capture_on_commit_callbacks(execute=True):
            set_helpful_vote(post=answers[1], by=MemberFactory(), voted=True)
    assert _level(member) == TrustLevel.MEMBER


def test_the_recheck_is_written_in_the_event_transaction_once_per_member(
    django_capture_on_commit_callbacks,
):
    """Durable: the outbox row exists before the commit (a crash after it loses nothing),
    and a second event for the same member while it waits writes no second row."""
    from community.models import OutboxMessage
    from community.models.outbox import OPEN_STATES

    with django_capture_on_commit_callbacks(execute=True):
        member = _basic_member()
        answers = [make_answer(thread=make_thread(), author=member) for _ in range(2)]
    waiting = OutboxMessage.objects.filter(
        task_name="gamification.recompute_trust_level", state__in=OPEN_STATES
    )
    assert not waiting.exists()
    for answer in answers:  # no commit callbacks run from here on: still the transaction
        set_helpful_vote(post=answer, by=MemberFactory(), voted=True)
    assert [row.kwargs for row in waiting] == [{"member_id": member.pk}]


def test_an_answer_rechecks_its_author_after_commit(django_capture_on_commit_callbacks):
    small_settings()
    with time_machine.travel(NOON, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            member = _basic_member()
            visit_days(member, 2, start_days_ago=1)
            answer = make_answer(thread=make_thread(), author=member)
            for _vote in range(2):
                set_helpful_vote(post=answer, by=MemberFactory(), voted=True)
            thread = make_thread()
        assert _level(member) == TrustLevel.BASIC
        with django_capture_on_commit_callbacks(execute=True):
            make_answer(thread=thread, author=member)
    assert _level(member) == TrustLevel.MEMBER


def test_an_accepted_answer_rechecks_its_author(django_capture_on_commit_callbacks):
    small_settings(member_visit_days=3, member_answers=1, member_helpful_votes=1)
    with time_machine.travel(NOON, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            member = _basic_member()
            visit_days(member, 5)
            helpful_answers(member, 1)
        assert _level(member) < TrustLevel.REGULAR
        with django_capture_on_commit_callbacks(execute=True):
            accepted_answers(member, 1)
    assert _level(member) == TrustLevel.REGULAR


def test_a_new_visit_day_rechecks_the_member(django_capture_on_commit_callbacks):
    from community.services.reading import record_visit

    with time_machine.travel(NOON - timedelta(days=3), tick=False):
        member = MemberFactory(trust_level=TrustLevel.NEW)
        visit(member, days_ago=0, threads_read=5, seconds_read=600)
    with (
        time_machine.travel(NOON, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        record_visit(member=member)
    assert _level(member) == TrustLevel.BASIC


def test_the_day_of_signing_up_enqueues_no_recheck(django_capture_on_commit_callbacks):
    from community.models import OutboxMessage
    from community.services.reading import record_visit

    member = MemberFactory(trust_level=TrustLevel.NEW)
    with django_capture_on_commit_callbacks(execute=True):
        record_visit(member=member)
    assert not OutboxMessage.objects.filter(task_name__startswith="gamification.").exists()


# --- telling the member -----------------------------------------------------------------------


def test_a_promotion_is_announced_in_the_members_centre_in_both_languages():
    member = MemberFactory(trust_level=TrustLevel.BASIC)
    set_trust_level(member=member, level=TrustLevel.MEMBER, by=None, reason="Earned")
    notification = Notification.objects.get(recipient=member)
    assert notification.kind == NotificationKind.TRUST_LEVEL_CHANGED
    assert notification.url == reverse("gamification:trust_levels")
    assert notification.data["text"] == {
        "en": "Your trust level is now “Member”: see what it unlocks.",
        "de": notification.data["text"]["de"],
    }
    assert "Mitglied" in notification.data["text"]["de"]
    assert (notification.data["previous"], notification.data["level"]) == (1, 2)


def test_a_staff_status_change_is_announced_to_the_member(staff):
    member = MemberFactory()
    set_staff_status(member=member, is_staff=True, by=staff, reason="Hired")
    notification = Notification.objects.get(recipient=member)
    assert notification.kind == NotificationKind.TRUST_LEVEL_CHANGED
    assert notification.actor == staff
    assert notification.data["text"]["en"].startswith("You are now on the support team")
    assert notification.data["text"]["de"] != notification.data["text"]["en"]


def test_a_change_in_the_django_admin_is_audited_and_announced(admin_client):
    from tests.community.test_admin import _member_change_data

    member = MemberFactory(trust_level=TrustLevel.BASIC)
    response = admin_client.post(
        reverse("admin:community_member_change", args=[member.pk]),
        _member_change_data(member, trust_level=TrustLevel.REGULAR),
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE_TRUST_LEVEL)
    assert (entry.target_id, entry.details) == (member.pk, {"previous": 1, "level": 3})
    assert entry.reason == "Changed in the Django admin"
    assert Notification.objects.get(recipient=member).data["level"] == TrustLevel.REGULAR
