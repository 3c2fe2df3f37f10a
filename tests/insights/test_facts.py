"""insights.facts: each question's fact from its thread, posts, escalations and audit rows;
kept fresh by the receivers through the outbox, and rebuilt alike by the refresher.

The support team works 08:00–18:00 Europe/Berlin, Monday to Friday (the defaults); March
2026 is before the clocks change, so Berlin is UTC+1.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from community.escalation.services import escalate
from community.models import ThreadKind, TrustLevel
from community.services.posts import delete_post, hide_post
from community.services.solutions import accept_answer, unaccept_answer
from community.services.staff import change_thread_kind, merge_threads, move_thread
from insights.facts import (
    refresh_question_fact,
    refresh_question_facts,
    refresh_recent_question_facts,
)
from insights.models import QuestionFact, ResponderClass
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
# A Tuesday morning: the team is working.
TUESDAY_9 = datetime(2026, 3, 3, 9, 0, tzinfo=BERLIN)


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def ask(moment=TUESDAY_9, **fields):
    with at(moment):
        return make_thread(**fields)


def answer(thread, moment, author=None):
    with at(moment):
        return make_answer(thread=thread, author=author or MemberFactory())


def fact_of(thread) -> QuestionFact:
    return refresh_question_fact(thread.pk)


def test_a_question_without_a_reply_is_unanswered():
    thread = ask()

    fact = fact_of(thread)

    assert fact.asked_at == TUESDAY_9
    assert fact.asked_on == date(2026, 3, 3)
    assert fact.space_id == thread.space_id
    assert fact.language == thread.language
    assert fact.is_public is True
    assert fact.first_response_at is None
    assert fact.first_response_seconds is None
    assert fact.first_responder == ""
    assert fact.within_target is None
    assert fact.solved_at is None
    assert fact.first_contact_resolution is False


def test_the_askers_own_reply_is_no_response():
    thread = ask()
    answer(thread, TUESDAY_9 + timedelta(minutes=5), author=thread.author)

    assert fact_of(thread).first_response_at is None


def test_a_hidden_reply_is_no_response(staff):
    thread = ask()
    spam = answer(thread, TUESDAY_9 + timedelta(minutes=5))
    hide_post(post=spam, by=staff, reason="Spam")

    assert fact_of(thread).first_response_at is None

    # A later visible reply is the first response then, and a deleted one counts neither.
    later = answer(thread, TUESDAY_9 + timedelta(minutes=20))
    fact = fact_of(thread)
    assert fact.first_response_at == later.created_at
    assert fact.first_response_seconds == 20 * 60
    delete_post(post=later, by=later.author)
    assert fact_of(thread).first_response_at is None


def test_first_response_counts_business_hours_only():
    # Asked Friday 17:30, answered Monday 08:30: half an hour on each working day.
    friday = datetime(2026, 3, 6, 17, 30, tzinfo=BERLIN)
    monday = datetime(2026, 3, 9, 8, 30, tzinfo=BERLIN)
    thread = ask(friday)
    answer(thread, monday)

    fact = fact_of(thread)

    assert fact.first_response_seconds == 60 * 60
    assert fact.first_response_wall_seconds == 63 * 60 * 60
    assert fact.within_target is True  # the default target: 60 business minutes
    assert fact.asked_on == date(2026, 3, 6)


def test_within_target_is_against_the_spaces_target():
    space = SpaceFactory(first_response_target=30)
    thread = ask(space=space)
    answer(thread, TUESDAY_9 + timedelta(minutes=31))

    fact = fact_of(thread)

    assert fact.first_response_seconds == 31 * 60
    assert fact.within_target is False


@pytest.mark.parametrize(
    ("make_responder", "expected"),
    [
        (lambda: StaffFactory(), ResponderClass.STAFF),
        (lambda: MemberFactory(trust_level=TrustLevel.LEADER), ResponderClass.SUPER_USER),
        (lambda: MemberFactory(trust_level=TrustLevel.REGULAR), ResponderClass.PEER),
    ],
)
def test_the_first_responder_is_classed_by_role(make_responder, expected):
    thread = ask()
    answer(thread, TUESDAY_9 + timedelta(minutes=10), author=make_responder())
    answer(thread, TUESDAY_9 + timedelta(minutes=20), author=StaffFactory())

    assert fact_of(thread).first_responder == expected


def test_a_solution_by_the_first_reply_is_first_contact_resolution():
    thread = ask()
    first = answer(thread, TUESDAY_9 + timedelta(minutes=10))
    with at(TUESDAY_9 + timedelta(hours=2)):
        accept_answer(answer=first, by=thread.author)

    fact = fact_of(thread)

    assert fact.solved_at == TUESDAY_9 + timedelta(hours=2)
    assert fact.solution_seconds == 2 * 60 * 60
    assert fact.solution_wall_seconds == 2 * 60 * 60
    assert fact.solved_by == ResponderClass.PEER
    assert fact.first_contact_resolution is True


def test_a_solution_by_a_later_reply_is_not_first_contact_resolution():
    thread = ask()
    answer(thread, TUESDAY_9 + timedelta(minutes=10))
    later = answer(thread, TUESDAY_9 + timedelta(minutes=30), author=StaffFactory())
    with at(TUESDAY_9 + timedelta(hours=1)):
        accept_answer(answer=later, by=thread.author)

    fact = fact_of(thread)

    assert fact.solved_by == ResponderClass.STAFF
    assert fact.first_contact_resolution is False


def test_escalated_then_solved_is_not_first_contact_resolution():
    thread = ask()
    with at(TUESDAY_9 + timedelta(minutes=90)):
        escalate(thread=thread, reasons=["no_first_response"])
    first = answer(thread, TUESDAY_9 + timedelta(hours=2), author=StaffFactory())
    with at(TUESDAY_9 + timedelta(hours=3)):
        accept_answer(answer=first, by=thread.author)

    fact = fact_of(thread)

    assert fact.escalated_at == TUESDAY_9 + timedelta(minutes=90)
    assert fact.solved_by == ResponderClass.STAFF
    assert fact.first_contact_resolution is False


def test_an_asker_who_unaccepts_reopens_the_question(django_capture_on_commit_callbacks):
    # The receivers run through the outbox after each commit, as on the site.
    with django_capture_on_commit_callbacks(execute=True):
        thread = ask()
        first = answer(thread, TUESDAY_9 + timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(answer=first, by=thread.author)
    assert QuestionFact.objects.get(pk=thread.pk).first_contact_resolution is True

    with django_capture_on_commit_callbacks(execute=True):
        unaccept_answer(thread=thread, by=thread.author)
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(answer=first, by=thread.author)

    fact = QuestionFact.objects.get(pk=thread.pk)
    assert fact.was_reopened is True
    assert fact.solved_at is not None
    assert fact.first_contact_resolution is False
    # No audit row remembers it (the asker acted): later refreshes keep the stored flag.
    assert fact_of(thread).was_reopened is True


def test_a_removed_solution_is_read_from_the_audit_log(staff):
    # A moderator hid the accepted answer: the audit row says so even with no fact stored.
    thread = ask()
    first = answer(thread, TUESDAY_9 + timedelta(minutes=10))
    accept_answer(answer=first, by=thread.author)
    hide_post(post=first, by=staff, reason="Wrong and dangerous")
    second = answer(thread, TUESDAY_9 + timedelta(minutes=50))
    accept_answer(answer=second, by=thread.author)
    QuestionFact.objects.all().delete()

    fact = fact_of(thread)

    assert fact.was_reopened is True
    assert fact.first_response_at == second.created_at  # the hidden one answered nobody
    assert fact.first_contact_resolution is False


def test_hidden_deleted_and_merged_questions_are_not_public(staff):
    hidden, deleted, duplicate, original = ask(), ask(), ask(), ask()
    hide_post(post=hidden.posts.get(is_opening=True), by=staff, reason="Off topic")
    delete_post(post=deleted.posts.get(is_opening=True), by=deleted.author)
    merge_threads(duplicate=duplicate, into=original, by=staff, reason="Same question")

    refresh_question_facts([hidden.pk, deleted.pk, duplicate.pk, original.pk])

    public = dict(QuestionFact.objects.values_list("thread_id", "is_public"))
    assert public == {hidden.pk: False, deleted.pk: False, duplicate.pk: False, original.pk: True}


def test_only_questions_have_facts(staff):
    discussion = ask(kind=ThreadKind.DISCUSSION)
    question = ask()
    assert refresh_question_fact(discussion.pk) is None
    assert fact_of(question) is not None

    change_thread_kind(thread=question, by=staff, kind=ThreadKind.DISCUSSION)

    assert refresh_question_facts([question.pk, discussion.pk]) == 0
    assert not QuestionFact.objects.exists()


def test_refreshing_a_batch_takes_the_same_queries_whatever_its_size(
    django_assert_num_queries,
):
    threads = [ask() for _ in range(4)]
    for thread in threads:
        answer(thread, TUESDAY_9 + timedelta(minutes=15))
    refresh_question_facts([threads[0].pk])  # warms the site's cached settings

    # The read, the upsert; no delete when every thread is a question.
    with django_assert_num_queries(2):
        refresh_question_facts([threads[0].pk])
    with django_assert_num_queries(2):
        assert refresh_question_facts([thread.pk for thread in threads]) == 4


def test_posting_an_answer_refreshes_the_fact_through_the_outbox(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = ask()
    assert QuestionFact.objects.get(pk=thread.pk).first_response_at is None

    helper = MemberFactory(trust_level=TrustLevel.LEADER)
    with at(TUESDAY_9 + timedelta(minutes=45)), django_capture_on_commit_callbacks(execute=True):
        make_answer(thread=thread, author=helper)

    fact = QuestionFact.objects.get(pk=thread.pk)
    assert fact.first_response_seconds == 45 * 60
    assert fact.first_responder == ResponderClass.SUPER_USER
    assert fact.within_target is True


def test_the_refresher_gives_what_the_receivers_gave(staff, django_capture_on_commit_callbacks):
    def compared():
        fields = [
            field.name
            for field in QuestionFact._meta.concrete_fields
            if field.name != "computed_at"
        ]
        return sorted(QuestionFact.objects.values_list(*fields))

    with django_capture_on_commit_callbacks(execute=True):
        unanswered = ask()
        answered = ask()
        solved = ask()
        escalated = ask()
        hidden = ask()
        answer(answered, TUESDAY_9 + timedelta(minutes=70), author=StaffFactory())
        first = answer(solved, TUESDAY_9 + timedelta(minutes=5))
        answer(hidden, TUESDAY_9 + timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(answer=first, by=solved.author)
    with django_capture_on_commit_callbacks(execute=True):
        escalate(thread=escalated, reasons=["no_first_response"])
    with django_capture_on_commit_callbacks(execute=True):
        hide_post(post=hidden.posts.get(is_opening=True), by=staff, reason="Off topic")
    by_receivers = compared()
    assert len(by_receivers) == 5
    assert {unanswered.pk, answered.pk} <= set(QuestionFact.objects.values_list("pk", flat=True))

    QuestionFact.objects.all().delete()
    assert refresh_recent_question_facts(TUESDAY_9 - timedelta(days=1)) == 5

    assert compared() == by_receivers


def test_the_refresher_leaves_out_what_did_not_change_and_drops_non_questions(staff):
    month_ago = TUESDAY_9 - timedelta(days=30)
    untouched, turned_idea = ask(month_ago), ask(month_ago)
    recent = ask()
    fact_of(untouched), fact_of(turned_idea)
    QuestionFact.objects.filter(pk=untouched.pk).update(language="xx")  # marks it
    with at(month_ago):
        change_thread_kind(thread=turned_idea, by=staff, kind=ThreadKind.IDEA)

    with at(TUESDAY_9 + timedelta(hours=1)):
        written = refresh_recent_question_facts(TUESDAY_9 - timedelta(days=1))

    assert written == 1
    facts = dict(QuestionFact.objects.values_list("pk", "language"))
    assert facts == {untouched.pk: "xx", recent.pk: recent.language}


def test_merging_moving_and_escalating_refresh_the_facts(staff, django_capture_on_commit_callbacks):
    # Given a duplicate answered 10 minutes after it was asked, and an unanswered original.
    with django_capture_on_commit_callbacks(execute=True):
        original = ask()
        duplicate = ask(TUESDAY_9 + timedelta(minutes=1))
        answer(duplicate, TUESDAY_9 + timedelta(minutes=11))
    elsewhere = SpaceFactory()

    with django_capture_on_commit_callbacks(execute=True):
        merge_threads(duplicate=duplicate, into=original, by=staff, reason="Same question")
    with django_capture_on_commit_callbacks(execute=True):
        move_thread(thread=original, by=staff, space=elsewhere)
    with at(TUESDAY_9 + timedelta(hours=2)), django_capture_on_commit_callbacks(execute=True):
        escalate(thread=original, reasons=["manual"], by=staff)

    facts = {fact.pk: fact for fact in QuestionFact.objects.all()}
    assert facts[duplicate.pk].is_public is False
    # The moved answer is the original's first response now, in its new space.
    assert facts[original.pk].first_response_seconds == 11 * 60
    assert facts[original.pk].space_id == elsewhere.pk
    assert facts[original.pk].escalated_at == TUESDAY_9 + timedelta(hours=2)
