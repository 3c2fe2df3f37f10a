"""Each badge's rule at its boundary: one short of it earns nothing, reaching it earns the badge."""

from datetime import date, timedelta

import polib
import pytest
from django.utils import timezone, translation

from community.models import IdeaStatus, Post, Thread, ThreadKind, TrustLevel
from community.services.ideas import change_idea_status
from community.services.members import set_staff_status, set_trust_level
from community.services.posts import edit_post, hide_post
from community.services.reactions import set_helpful_vote, set_me_too
from community.services.solutions import accept_answer, set_answer_endorsement
from gamification.badges import (
    BADGES,
    BY_SLUG,
    EXPERT,
    FAMILIES,
    FAST_RESPONSES,
    GOOD_VOTES,
    GREAT_VOTES,
    GURU,
    LONG_STREAK,
    POPULAR_IDEA,
    PROBLEM_SOLVER,
    RESCUE_AFTER,
    SHORT_STREAK,
    SOLVED_TOO_MANY,
    WELCOMES,
    Tier,
)
from tests.community.test_translations import GERMAN_PO
from tests.factories import MemberFactory, make_answer, make_thread
from tests.gamification.badge_helpers import (
    check,
    holds,
    mark_solved_too,
    say_me_too,
    solved_questions,
    visit_days,
    vote_helpful,
)

pytestmark = pytest.mark.django_db


def test_there_are_at_least_24_badges_in_three_tiers_with_unique_slugs():
    assert len(BADGES) >= 24
    assert len({badge.slug for badge in BADGES}) == len(BADGES)
    assert {badge.tier for badge in BADGES} == set(Tier)
    assert {badge.family for badge in BADGES} == set(FAMILIES)


# --- asking ---------------------------------------------------------------------------------


def test_first_question_needs_a_visible_question(member, staff):
    assert not holds(member, "first-question")
    make_thread(author=member, kind=ThreadKind.DISCUSSION)
    assert not holds(member, "first-question")
    thread = make_thread(author=member)
    hide_post(post=thread.posts.get(), by=staff, reason="Spam")
    assert not holds(member, "first-question")
    make_thread(author=member)
    assert holds(member, "first-question")


@pytest.mark.parametrize(("slug", "votes"), [("good-question", 10), ("great-question", 25)])
def test_question_vote_badges_at_their_threshold(member, slug, votes):
    question = make_thread(author=member).posts.get()
    vote_helpful(question, votes - 1)
    assert not holds(member, slug)
    vote_helpful(question, 1)
    assert [award.source_id for award in check(member, slug)] == [question.pk]


# --- answering ------------------------------------------------------------------------------


def test_first_answer_is_an_answer_to_someone_elses_question(member, other_member):
    own = make_thread(author=member)
    make_answer(thread=own, author=member)
    assert not holds(member, "first-answer")
    make_answer(thread=make_thread(author=other_member), author=member)
    assert holds(member, "first-answer")


@pytest.mark.parametrize(("slug", "votes"), [("good-answer", 10), ("great-answer", 25)])
def test_answer_vote_badges_at_their_threshold_once_per_answer(member, slug, votes):
    first = make_answer(thread=make_thread(), author=member)
    second = make_answer(thread=make_thread(), author=member)
    vote_helpful(first, votes - 1)
    assert check(member, slug) == []
    vote_helpful(first, 1)
    vote_helpful(second, votes)
    assert sorted(award.source_id for award in check(member, slug)) == [first.pk, second.pk]


def _answered_after(*, helper, after: timedelta, asker=None) -> Post:
    """A new question answered by `helper` `after` it was asked."""
    thread = make_thread(author=asker or MemberFactory())
    answer = make_answer(thread=thread, author=helper)
    Post.objects.filter(pk=answer.pk).update(created_at=thread.created_at + after)
    return answer


def test_fast_responder_needs_ten_first_answers_within_15_minutes(member):
    for _ in range(9):
        _answered_after(helper=member, after=timedelta(minutes=15))
    _answered_after(helper=member, after=timedelta(minutes=15, seconds=1))  # too late
    assert not holds(member, "fast-responder")
    _answered_after(helper=member, after=timedelta(minutes=14))
    assert holds(member, "fast-responder")


def test_fast_responder_counts_only_the_first_answer(member):
    for _ in range(9):
        _answered_after(helper=member, after=timedelta(minutes=5))
    earlier = _answered_after(helper=MemberFactory(), after=timedelta(minutes=1))
    late = make_answer(thread=earlier.thread, author=member)
    Post.objects.filter(pk=late.pk).update(created_at=earlier.created_at + timedelta(minutes=2))
    assert not holds(member, "fast-responder")


def test_welcomer_needs_first_questions_of_five_members(member):
    for _ in range(4):
        make_answer(thread=make_thread(), author=member)  # each asker's first question
    regular = MemberFactory()
    make_thread(author=regular)
    make_answer(thread=make_thread(author=regular), author=member)  # not a first question
    assert not holds(member, "welcomer")
    make_answer(thread=make_thread(), author=member)
    assert holds(member, "welcomer")


def test_recommended_by_the_team(member, staff):
    answer = make_answer(thread=make_thread(), author=member)
    assert not holds(member, "recommended")
    set_answer_endorsement(answer=answer, by=staff, endorsed=True)
    assert holds(member, "recommended")


# --- solving --------------------------------------------------------------------------------


def test_first_solution_is_an_answer_accepted_by_someone_else(member, other_member):
    own = make_thread(author=member)
    accept_answer(answer=make_answer(thread=own, author=member), by=member)
    assert not holds(member, "first-solution")
    thread = make_thread(author=other_member)
    accept_answer(answer=make_answer(thread=thread, author=member), by=other_member)
    assert holds(member, "first-solution")


@pytest.mark.parametrize(
    ("slug", "solutions"), [("problem-solver", 10), ("expert", 50), ("guru", 250)]
)
def test_solution_count_badges_at_their_threshold(member, slug, solutions):
    threads = solved_questions(helper=member, count=solutions)
    Thread.objects.filter(pk=threads[0].pk).update(hidden_at=timezone.now())
    assert not holds(member, slug)
    solved_questions(helper=member, count=1)
    assert holds(member, slug)


def _rescue(*, helper, after: timedelta) -> Thread:
    thread = make_thread()
    answer = make_answer(thread=thread, author=helper)
    Post.objects.filter(pk=answer.pk).update(created_at=thread.created_at + after)
    accept_answer(answer=answer, by=thread.author)
    return thread


def test_rescuer_answers_after_more_than_seven_days_and_is_accepted(member):
    _rescue(helper=member, after=timedelta(days=7))
    assert not holds(member, "rescuer")
    _rescue(helper=member, after=timedelta(days=7, minutes=1))
    assert holds(member, "rescuer")


def test_rescuer_needs_the_question_to_have_been_unanswered(member, other_member):
    thread = make_thread()
    make_answer(thread=thread, author=other_member)
    answer = make_answer(thread=thread, author=member)
    Post.objects.filter(pk=answer.pk).update(created_at=thread.created_at + timedelta(days=8))
    accept_answer(answer=answer, by=thread.author)
    assert not holds(member, "rescuer")


def test_solved_for_many_once_per_solution(member):
    thread = make_thread()
    solution = make_answer(thread=thread, author=member)
    accept_answer(answer=solution, by=thread.author)
    mark_solved_too(solution, 4)
    assert not holds(member, "solved-for-many")
    mark_solved_too(solution, 1)
    assert [award.source_id for award in check(member, "solved-for-many")] == [solution.pk]


# --- taking part ----------------------------------------------------------------------------


def test_supporter_votes_helpful_once(member):
    assert not holds(member, "supporter")
    set_helpful_vote(post=make_thread().posts.get(), by=member, voted=True)
    assert holds(member, "supporter")


def test_me_too_said_once(member):
    assert not holds(member, "me-too")
    set_me_too(thread=make_thread(), by=member, me_too=True)
    assert holds(member, "me-too")


def test_editor_edits_a_post(member):
    thread = make_thread(author=member)
    assert not holds(member, "editor")  # the first version is no edit
    edit_post(post=thread.posts.get(), by=member, body="Now with the error message: E42.")
    assert holds(member, "editor")


# --- ideas ----------------------------------------------------------------------------------


def test_first_idea(member):
    make_thread(author=member)
    assert not holds(member, "first-idea")
    make_thread(author=member, kind=ThreadKind.IDEA)
    assert holds(member, "first-idea")


def test_popular_idea_at_ten_members_who_want_it_too(member):
    idea = make_thread(author=member, kind=ThreadKind.IDEA)
    say_me_too(idea, 9)
    assert not holds(member, "popular-idea")
    say_me_too(idea, 1)
    assert [award.source_id for award in check(member, "popular-idea")] == [idea.pk]


def test_idea_delivered_for_each_delivered_idea(member, staff):
    idea = make_thread(author=member, kind=ThreadKind.IDEA)
    change_idea_status(thread=idea, status=IdeaStatus.PLANNED, comment="Soon.", by=staff)
    assert not holds(member, "idea-delivered")
    change_idea_status(thread=idea, status=IdeaStatus.DELIVERED, comment="Done.", by=staff)
    assert [award.source_id for award in check(member, "idea-delivered")] == [idea.pk]


# --- coming back ----------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "days"), [("ten-days", 10), ("thirty-days", 30)])
def test_visit_streak_at_its_length(member, slug, days):
    visit_days(member, first=date(2026, 1, 1), days=days - 1)
    # a gap of one day, then another run one day short
    visit_days(member, first=date(2026, 1, 1) + timedelta(days=days), days=days - 1)
    assert not holds(member, slug)
    visit_days(member, first=date(2026, 1, 1) + timedelta(days=2 * days - 1), days=1)
    assert holds(member, slug)


def test_visit_streak_is_each_members_own(member, other_member):
    # Two members visiting on alternate days make no streak together.
    for day in range(20):
        visit_days(
            member if day % 2 else other_member, first=date(2026, 3, 1) + timedelta(day), days=1
        )
    assert not holds(member, "ten-days")
    assert not holds(other_member, "ten-days")


# --- trust and the team ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "level"),
    [
        ("basic-member", TrustLevel.BASIC),
        ("member", TrustLevel.MEMBER),
        ("regular", TrustLevel.REGULAR),
        ("super-user", TrustLevel.LEADER),
    ],
)
def test_trust_level_badges_at_their_level(slug, level, staff):
    member = MemberFactory(trust_level=level - 1)
    assert not holds(member, slug)
    set_trust_level(member=member, level=level, by=staff)
    assert holds(member, slug)


def test_staff_badge(member, staff):
    assert not holds(member, "staff")
    set_staff_status(member=member, is_staff=True, by=staff)
    assert holds(member, "staff")


def test_inactive_members_earn_nothing(member):
    make_thread(author=member)
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert not holds(member, "first-question")


@pytest.mark.parametrize(
    ("slug", "number"),
    [
        ("good-question", GOOD_VOTES), ("great-question", GREAT_VOTES),
        ("good-answer", GOOD_VOTES), ("great-answer", GREAT_VOTES),
        ("problem-solver", PROBLEM_SOLVER), ("expert", EXPERT), ("guru", GURU),
        ("fast-responder", FAST_RESPONSES), ("welcomer", WELCOMES),
        ("solved-for-many", SOLVED_TOO_MANY), ("popular-idea", POPULAR_IDEA),
        ("ten-days", SHORT_STREAK), ("thirty-days", LONG_STREAK),
        ("rescuer", RESCUE_AFTER.days),
    ],
)  # fmt: skip
def test_descriptions_state_the_numbers_the_rules_use(slug, number):
    for language in ("en", "de"):
        with translation.override(language):
            assert f"{number} " in str(BY_SLUG[slug].description)


def test_every_badge_has_a_german_name_and_description():
    german = {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(GERMAN_PO), encoding="utf-8")
        if not entry.obsolete and "fuzzy" not in entry.flags
    }
    for badge in BADGES:
        with translation.override("en"):
            name, description = str(badge.name), str(badge.description)
        assert german.get(name), f"{badge.slug}: no German name"
        assert german.get(description), f"{badge.slug}: no German description"
        with translation.override("de"):
            assert str(badge.description) == german[description]
