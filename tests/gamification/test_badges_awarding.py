"""Granting badges: once, after commit through the outbox, at night for what was missed."""

from datetime import date
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from community.models import Member, Notification, NotificationKind, OutboxMessage, ThreadKind
from community.outbox import tasks_muted
from community.services.ideas import change_idea_status
from community.services.members import set_staff_status
from community.services.posts import edit_post
from community.services.reactions import set_helpful_vote, set_me_too
from community.services.solutions import accept_answer
from gamification.badges import BY_SLUG
from gamification.models import BadgeAward
from gamification.services.badges import award_badges, earned_texts
from gamification.tasks import check_badges_task, grant_missed_badges_task
from tests.factories import MemberFactory, make_answer, make_thread
from tests.gamification.badge_helpers import solved_questions, visit_days, vote_helpful

pytestmark = pytest.mark.django_db


def _slugs(member) -> set[str]:
    return set(BadgeAward.objects.filter(member=member).values_list("badge", flat=True))


# --- idempotency ----------------------------------------------------------------------------


def test_award_badges_twice_awards_once(member):
    make_thread(author=member)
    first = award_badges(member_ids=[member.pk])
    again = award_badges(member_ids=[member.pk])
    assert "first-question" in {award.badge for award in first}
    assert again == []
    assert BadgeAward.objects.filter(member=member, badge="first-question").count() == 1


def test_repeatable_badge_is_awarded_once_per_source(member):
    answers = [make_answer(thread=make_thread(), author=member) for _ in range(2)]
    for answer in answers:
        vote_helpful(answer, 10)
    award_badges(member_ids=[member.pk])
    award_badges(member_ids=[member.pk])
    awards = BadgeAward.objects.filter(member=member, badge="good-answer")
    assert sorted(awards.values_list("source_id", flat=True)) == sorted(a.pk for a in answers)


def _earn(member, slug):
    """Make `member` earn `slug` the quickest way its rule allows."""
    if slug == "problem-solver":
        solved_questions(helper=member, count=10)
    elif slug == "ten-days":
        visit_days(member, first=date(2026, 5, 1), days=10)
    elif slug == "good-answer":
        vote_helpful(make_answer(thread=make_thread(), author=member), 10)
    elif slug == "welcomer":
        for _ in range(5):
            make_answer(thread=make_thread(), author=member)
    elif slug == "staff":
        Member.objects.filter(pk=member.pk).update(is_staff=True)


@pytest.mark.parametrize("slug", ["problem-solver", "ten-days", "good-answer", "welcomer", "staff"])
def test_each_kind_of_rule_awards_once_when_run_again(member, slug):
    # Grouped counts, visit windows, repeatable sources and member rows all leave out
    # what is awarded already.
    _earn(member, slug)
    badge = BY_SLUG[slug]
    assert len(award_badges(member_ids=[member.pk], badges=[badge])) == 1
    assert award_badges(member_ids=[member.pk], badges=[badge]) == []
    assert award_badges(badges=[badge]) == []
    assert BadgeAward.objects.filter(badge=slug).count() == 1


def test_the_database_refuses_a_second_award(member):
    BadgeAward.objects.create(member=member, badge="editor", awarded_at=timezone.now())
    with pytest.raises(IntegrityError):
        BadgeAward.objects.create(member=member, badge="editor", awarded_at=timezone.now())


def test_a_concurrent_award_is_neither_returned_nor_announced_again(member, monkeypatch):
    # Another worker awarded the badge between this run's read and its insert.
    from gamification.services import badges as service

    make_thread(author=member)
    owed = service.qualifying(BY_SLUG["first-question"], member_ids=[member.pk])
    BadgeAward.objects.create(member=member, badge="first-question", awarded_at=timezone.now())
    monkeypatch.setattr(service, "qualifying", lambda badge, member_ids: owed)
    assert award_badges(member_ids=[member.pk], badges=[BY_SLUG["first-question"]]) == []
    assert not Notification.objects.exists()


def test_award_badges_checks_only_the_members_asked_for(member, other_member):
    make_thread(author=member)
    make_thread(author=other_member)
    award_badges(member_ids=[member.pk])
    assert _slugs(member) >= {"first-question"}
    assert _slugs(other_member) == set()


# --- the notification -----------------------------------------------------------------------


def test_each_new_award_is_notified_once_in_both_languages(member):
    make_thread(author=member)
    award_badges(member_ids=[member.pk])
    award_badges(member_ids=[member.pk])
    notification = Notification.objects.get(recipient=member, data__badge="first-question")
    assert notification.kind == NotificationKind.BADGE_EARNED
    assert notification.url == "/badges/first-question/"
    assert notification.data["text"] == {
        "en": "You earned the badge “First question”.",
        "de": "Du hast das Abzeichen „Erste Frage“ erhalten.",
    }


def test_earned_texts_cover_every_site_language():
    assert set(earned_texts(BY_SLUG["guru"])) == {code for code, _name in settings.LANGUAGES}


# --- after an event: receivers, outbox, task ------------------------------------------------


def test_answering_and_being_accepted_earn_badges_after_commit(
    member, other_member, django_capture_on_commit_callbacks
):
    thread = make_thread(author=member)
    with django_capture_on_commit_callbacks(execute=True):
        answer = make_answer(thread=thread, author=other_member)
    assert "first-answer" in _slugs(other_member)
    assert "first-solution" not in _slugs(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(answer=answer, by=member)
    assert "first-solution" in _slugs(other_member)
    assert (
        Notification.objects.filter(recipient=other_member, data__badge="first-solution").count()
        == 1
    )


def test_nothing_is_awarded_before_commit(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_thread(author=member)
    assert _slugs(member) == set()
    assert callbacks  # the check waits for the commit
    for callback in callbacks:
        callback()
    assert "first-question" in _slugs(member)


def _checks_after(pk: int) -> list[list[int]]:
    """The member ids of the badge checks enqueued after the outbox message `pk`."""
    checks = OutboxMessage.objects.filter(task_name="gamification.check_badges", pk__gt=pk)
    return sorted(message.kwargs["member_ids"] for message in checks)


def _last_message() -> int:
    return OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_a_vote_checks_the_voter_and_the_author(
    member, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = make_thread(author=other_member).posts.get()
    before = _last_message()
    with django_capture_on_commit_callbacks(execute=True):
        set_helpful_vote(post=post, by=member, voted=True)
    assert _checks_after(before) == sorted([[member.pk], [other_member.pk]])
    assert "supporter" in _slugs(member)


def test_taking_a_vote_back_checks_nobody(member, other_member, django_capture_on_commit_callbacks):
    post = make_thread(author=other_member).posts.get()
    set_helpful_vote(post=post, by=member, voted=True)
    before = _last_message()
    with django_capture_on_commit_callbacks(execute=True):
        set_helpful_vote(post=post, by=member, voted=False)
    assert _checks_after(before) == []


@pytest.mark.parametrize(
    ("event", "slug"),
    [
        (lambda member, staff: make_thread(author=member, kind=ThreadKind.IDEA), "first-idea"),
        (
            lambda member, staff: set_me_too(thread=make_thread(), by=member, me_too=True),
            "me-too",
        ),
        (
            lambda member, staff: edit_post(
                post=make_thread(author=member).posts.get(), by=member, body="Clearer now."
            ),
            "editor",
        ),
        (lambda member, staff: set_staff_status(member=member, is_staff=True, by=staff), "staff"),
    ],
    ids=["thread_asked", "me_too_changed", "post_edited", "staff_status_changed"],
)
def test_events_check_the_members_they_concern(
    member, staff, django_capture_on_commit_callbacks, event, slug
):
    with django_capture_on_commit_callbacks(execute=True):
        event(member, staff)
    assert slug in _slugs(member)


def test_a_delivered_idea_checks_its_author(member, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        idea = make_thread(author=member, kind=ThreadKind.IDEA)
    with django_capture_on_commit_callbacks(execute=True):
        change_idea_status(thread=idea, status="delivered", comment="Shipped.", by=staff)
    assert "idea-delivered" in _slugs(member)


def test_events_in_one_transaction_enqueue_one_check_per_member(
    member, other_member, django_capture_on_commit_callbacks
):
    thread = make_thread(author=member)
    before = _last_message()
    with django_capture_on_commit_callbacks(execute=False):
        answer = make_answer(thread=thread, author=other_member)
        edit_post(post=answer, by=other_member, body="Better: restart the router first.")
    assert _checks_after(before) == [[other_member.pk]]


def test_muted_events_are_granted_by_the_nightly_run(member):
    with tasks_muted():
        make_thread(author=member)
    assert _slugs(member) == set()
    assert grant_missed_badges_task.apply().get() >= 1
    assert "first-question" in _slugs(member)


def test_check_badges_task_returns_how_many_are_new(member):
    make_thread(author=member)
    assert check_badges_task.apply(kwargs={"member_ids": [member.pk]}).get() >= 1
    assert check_badges_task.apply(kwargs={"member_ids": [member.pk]}).get() == 0


# --- the nightly backfill -------------------------------------------------------------------


def test_backfill_grants_missed_badges_to_everyone_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    members = [MemberFactory() for _ in range(5)]
    for member in members:
        make_thread(author=member)
    award_badges()
    BadgeAward.objects.filter(badge="first-question").delete()  # missed, say
    # A query per badge; for the one with new awards a savepoint, the insert, the read-back
    # and one notification per award.
    with django_assert_max_num_queries(len(BY_SLUG) + 4 + len(members)):
        awarded = award_badges()
    assert sorted(award.member_id for award in awarded) == sorted(m.pk for m in members)
    assert {award.badge for award in awarded} == {"first-question"}


def test_grant_badges_command_reports_what_it_granted(member):
    make_thread(author=member)
    out = StringIO()
    call_command("grant_badges", stdout=out)
    assert "first-question: 1" in out.getvalue()
    out = StringIO()
    call_command("grant_badges", stdout=out)
    assert "No badges were missing." in out.getvalue()


def test_the_nightly_run_is_scheduled():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "gamification.grant_missed_badges" in tasks
