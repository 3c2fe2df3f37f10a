"""gamification.services.ledger: points, idempotent bookings and reversals, the total."""

import importlib
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import IntegrityError

from community.models import Member
from gamification.models import (
    DEFAULT_POINTS,
    ReputationEvent,
    ReputationReason,
    ReputationRule,
    SpaceReputation,
)
from gamification.services import ledger
from tests.factories import MemberFactory, SpaceFactory, make_answer, make_thread
from tests.gamification.ledger_helpers import (
    ledger_rows,
    ledger_sum,
    ledger_sum_in,
    reputation,
    reputation_in,
)


@pytest.fixture
def answer(member, other_member):
    return make_answer(thread=make_thread(author=member), author=other_member)


# --- points -------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", list(ReputationReason))
def test_points_for_every_reason_is_its_rule_created_by_the_migration(db, reason):
    assert ReputationRule.objects.get(reason=reason).points == DEFAULT_POINTS[reason]
    assert ledger.points_for(reason) == DEFAULT_POINTS[reason]


def test_points_for_falls_back_to_the_default_without_a_rule(db):
    ReputationRule.objects.filter(reason=ReputationReason.SOLVED_TOO).delete()
    assert ledger.points_for(ReputationReason.SOLVED_TOO) == 5


def test_save_reputation_rule_applies_to_later_bookings_only(
    member, answer, django_assert_num_queries
):
    ledger.points_for(ReputationReason.ANSWER_HELPFUL)  # cached from here on
    with django_assert_num_queries(0):
        assert ledger.points_for(ReputationReason.ANSWER_HELPFUL) == 10
    first = ledger.book(
        member=answer.author, reason=ReputationReason.ANSWER_HELPFUL, source=answer, actor_key=1
    )

    rule = ReputationRule.objects.get(reason=ReputationReason.ANSWER_HELPFUL)
    rule.points = 12
    ledger.save_reputation_rule(rule=rule)

    assert ledger.points_for(ReputationReason.ANSWER_HELPFUL) == 12
    second = ledger.book(
        member=answer.author, reason=ReputationReason.ANSWER_HELPFUL, source=answer, actor_key=2
    )
    assert (first.points, second.points) == (10, 12)
    # A reversal takes back what was booked, not what the rule says today.
    reversal = ledger.reverse(
        member=answer.author, reason=ReputationReason.ANSWER_HELPFUL, source=answer, actor_key=1
    )
    assert reversal.points == -10
    assert reputation(answer.author) == 12


# --- booking and reversing ----------------------------------------------------------------


def test_book_credits_the_member_once_per_identity(answer):
    author = answer.author
    booked = ledger.book(member=author, reason=ReputationReason.ANSWER_ACCEPTED, source=answer)
    again = ledger.book(member=author, reason=ReputationReason.ANSWER_ACCEPTED, source=answer)
    assert booked is not None and again is None
    assert (booked.points, booked.round, booked.is_reversal) == (15, 1, False)
    assert reputation(author) == 15


def test_book_keeps_the_space_it_is_given(answer):
    event = ledger.book(
        member=answer.author,
        reason=ReputationReason.ANSWER_ACCEPTED,
        source=answer,
        space=answer.thread.space,
    )
    assert event.space_id == answer.thread.space_id


def test_book_tells_actors_apart(answer, member):
    voters = MemberFactory.create_batch(2)
    for voter in voters:
        ledger.book(
            member=answer.author,
            reason=ReputationReason.ANSWER_HELPFUL,
            source=answer,
            actor_key=voter.pk,
        )
    assert reputation(answer.author) == 20


def test_reverse_without_a_booking_does_nothing(answer):
    assert (
        ledger.reverse(member=answer.author, reason=ReputationReason.SOLVED_TOO, source=answer)
        is None
    )
    assert not ReputationEvent.objects.exists()


def test_book_reverse_book_gives_one_standing_booking_in_rounds(answer):
    identity = {"member": answer.author, "reason": ReputationReason.ANSWER_HELPFUL,
                "source": answer, "actor_key": 7}  # fmt: skip
    ledger.book(**identity)
    ledger.reverse(**identity)
    ledger.reverse(**identity)  # nothing stands: nothing to take back
    ledger.book(**identity)
    ledger.book(**identity)  # stands already
    rounds = ReputationEvent.objects.order_by("pk").values_list("round", "points", "is_reversal")
    assert list(rounds) == [(1, 10, False), (1, -10, True), (2, 10, False)]
    assert reputation(answer.author) == 10 == ledger_sum(answer.author)


def test_book_loses_quietly_to_a_concurrent_duplicate(answer, monkeypatch):
    """Another request booked the same row between the read and the write: the unique
    constraint refuses the second, inside a savepoint, and nothing is counted twice."""
    identity = {"member": answer.author, "reason": ReputationReason.ANSWER_HELPFUL,
                "source": answer, "actor_key": 7}  # fmt: skip
    ledger.book(**identity)
    monkeypatch.setattr(ledger, "_latest", lambda **identity: None)  # it has not seen it yet
    assert ledger.book(**identity) is None
    assert reputation(answer.author) == 10
    assert len(ledger_rows()) == 1
    Member.objects.get(pk=answer.author.pk)  # the outer transaction is still usable


def test_the_ledger_refuses_a_duplicate_row(answer):
    event = ledger.book(
        member=answer.author, reason=ReputationReason.ANSWER_ENDORSED, source=answer
    )
    event.pk = None
    with pytest.raises(IntegrityError):
        event.save()


def test_reverse_all_and_rebook_all_for_source_bring_back_only_what_was_standing(answer, member):
    author = answer.author
    keep, withdrawn = MemberFactory.create_batch(2)
    for voter in (keep, withdrawn):
        ledger.book(member=author, reason=ReputationReason.ANSWER_HELPFUL, source=answer,
                    actor_key=voter.pk)  # fmt: skip
    ledger.reverse(member=author, reason=ReputationReason.ANSWER_HELPFUL, source=answer,
                   actor_key=withdrawn.pk)  # fmt: skip
    ledger.book(member=member, reason=ReputationReason.ACCEPTED_AN_ANSWER, source=answer)
    assert reputation(author) == 10

    suspended = ledger.reverse_all_for_source(answer)
    assert sorted((e.member_id, e.points) for e in suspended) == sorted(
        [(author.pk, -10), (member.pk, -2)]
    )
    assert all(e.suspended and e.is_reversal for e in suspended)
    assert ledger.reverse_all_for_source(answer) == []
    assert (reputation(author), reputation(member)) == (0, 0)

    rebooked = ledger.rebook_all_for_source(answer)
    assert sorted((e.member_id, e.actor_key, e.points, e.round) for e in rebooked) == sorted(
        [(author.pk, keep.pk, 10, 2), (member.pk, 0, 2, 2)]
    )
    assert ledger.rebook_all_for_source(answer) == []
    assert (reputation(author), reputation(member)) == (10, 2)


def test_rebook_all_for_source_books_the_points_it_suspended(answer):
    ledger.book(member=answer.author, reason=ReputationReason.ANSWER_ENDORSED, source=answer)
    ledger.reverse_all_for_source(answer)
    rule = ReputationRule.objects.get(reason=ReputationReason.ANSWER_ENDORSED)
    rule.points = 50
    ledger.save_reputation_rule(rule=rule)
    [rebooked] = ledger.rebook_all_for_source(answer)
    assert rebooked.points == 20
    assert reputation(answer.author) == 20


# --- the total in each space ----------------------------------------------------------------


def test_every_booking_and_reversal_moves_the_members_total_in_its_space(answer, member):
    space, elsewhere = answer.thread.space, SpaceFactory()
    author = answer.author
    helpful = {"member": author, "reason": ReputationReason.ANSWER_HELPFUL, "source": answer}
    ledger.book(**helpful, actor_key=1, space=space)
    assert reputation_in(author, space) == 10  # the first booking there creates it
    ledger.book(**helpful, actor_key=2, space=space.pk)
    ledger.book(**helpful, actor_key=3, space=elsewhere)
    ledger.book(**helpful, actor_key=4)  # booked in no space: counted in no space's total
    ledger.reverse(**helpful, actor_key=1)
    assert (reputation_in(author, space), reputation_in(author, elsewhere)) == (10, 10)

    ledger.reverse_all_for_source(answer)
    assert (reputation_in(author, space), reputation_in(author, elsewhere)) == (0, 0)
    ledger.rebook_all_for_source(answer)
    assert (reputation_in(author, space), reputation_in(author, elsewhere)) == (10, 10)
    assert reputation_in(author, space) == ledger_sum_in(author, space)
    assert reputation(author) == 30 == ledger_sum(author)
    assert reputation_in(member, space) is None  # nothing booked for them there
    assert SpaceReputation.objects.count() == 2


def test_booking_creates_the_total_once_when_another_request_created_it_first(answer, monkeypatch):
    """Two first bookings in a space at once: the second finds no total to move, loses the
    creation on the unique constraint (inside a savepoint) and moves the one created."""
    space = answer.thread.space
    SpaceReputation.objects.create(member=answer.author, space=space, points=10)
    real_filter = SpaceReputation.objects.filter
    calls = []

    def not_there_yet(**kwargs):
        found = real_filter(**kwargs)
        calls.append(found)
        # The first look finds nothing, as if the other request had not committed yet.
        return found.none() if len(calls) == 1 else found

    monkeypatch.setattr(SpaceReputation.objects, "filter", not_there_yet)
    ledger.book(
        member=answer.author, reason=ReputationReason.ANSWER_ACCEPTED, source=answer, space=space
    )
    monkeypatch.undo()

    assert reputation_in(answer.author, space) == 25
    assert SpaceReputation.objects.filter(member=answer.author).count() == 1


# --- recalculate_reputation -----------------------------------------------------------------


def _book_some(answer, member):
    ledger.book(member=answer.author, reason=ReputationReason.ANSWER_ACCEPTED, source=answer)
    ledger.book(member=member, reason=ReputationReason.ACCEPTED_AN_ANSWER, source=answer)


def test_recalculate_reputation_reports_0_on_a_healthy_site(answer, member):
    _book_some(answer, member)
    assert ledger.recalculate_reputation() == []
    out = StringIO()
    call_command("recalculate_reputation", stdout=out)
    assert "Drift corrected: 0" in out.getvalue()


def test_recalculate_reputation_corrects_planted_drift(answer, member, other_member):
    _book_some(answer, member)
    bystander = MemberFactory()
    Member.objects.filter(pk=other_member.pk).update(reputation=100)  # booked 15
    Member.objects.filter(pk=bystander.pk).update(reputation=-3)  # booked nothing

    out = StringIO()
    call_command("recalculate_reputation", stdout=out)

    assert f"{other_member.username}: 100 → 15 (-85)" in out.getvalue()
    assert f"{bystander.username}: -3 → 0 (+3)" in out.getvalue()
    assert "Drift corrected: 88 points across 2 members." in out.getvalue()
    assert (reputation(other_member), reputation(bystander), reputation(member)) == (15, 0, 2)
    assert ledger.recalculate_reputation() == []


def test_recalculate_reputation_dry_run_changes_nothing(answer, member, other_member):
    _book_some(answer, member)
    Member.objects.filter(pk=other_member.pk).update(reputation=40)
    out = StringIO()
    call_command("recalculate_reputation", "--dry-run", stdout=out)
    assert "Drift found: 25 points across 1 member." in out.getvalue()
    assert reputation(other_member) == 40


def test_recalculate_reputation_corrects_the_totals_in_spaces_too(answer, member, other_member):
    space = answer.thread.space
    ledger.book(member=other_member, reason=ReputationReason.ANSWER_ACCEPTED, source=answer,
                space=space)  # fmt: skip
    ledger.book(member=member, reason=ReputationReason.ACCEPTED_AN_ANSWER, source=answer,
                space=space)  # fmt: skip
    elsewhere = SpaceFactory(slug="elsewhere")
    SpaceReputation.objects.filter(member=other_member).update(points=40)  # booked 15
    SpaceReputation.objects.filter(member=member).delete()  # booked 2
    SpaceReputation.objects.create(member=member, space=elsewhere, points=7)  # booked nothing
    assert ledger.recalculate_reputation(dry_run=True) == [
        ledger.Drift(member.pk, member.username, 0, 2, space=space.slug),
        ledger.Drift(member.pk, member.username, 7, 0, space="elsewhere"),
        ledger.Drift(other_member.pk, other_member.username, 40, 15, space=space.slug),
    ]
    assert reputation_in(other_member, space) == 40  # the dry run changed nothing

    out = StringIO()
    call_command("recalculate_reputation", stdout=out)

    assert f"{other_member.username} in {space.slug}: 40 → 15 (-25)" in out.getvalue()
    assert f"{member.username} in {space.slug}: 0 → 2 (+2)" in out.getvalue()
    assert f"{member.username} in elsewhere: 7 → 0 (-7)" in out.getvalue()
    assert "Drift corrected: 34 points across 0 members and 3 totals in spaces." in out.getvalue()
    assert (reputation_in(other_member, space), reputation_in(member, space)) == (15, 2)
    assert reputation_in(member, elsewhere) == 0
    assert ledger.recalculate_reputation() == []
    out = StringIO()
    call_command("recalculate_reputation", stdout=out)
    assert "Drift corrected: 0" in out.getvalue()


def test_migration_fills_the_totals_in_spaces_from_the_ledger(answer, member):
    space = answer.thread.space
    ledger.book(member=answer.author, reason=ReputationReason.ANSWER_ACCEPTED, source=answer,
                space=space)  # fmt: skip
    ledger.book(member=member, reason=ReputationReason.ACCEPTED_AN_ANSWER, source=answer)
    ledger.reverse(member=answer.author, reason=ReputationReason.ANSWER_ACCEPTED, source=answer)
    ledger.book(member=answer.author, reason=ReputationReason.ANSWER_ACCEPTED, source=answer,
                space=space)  # fmt: skip
    SpaceReputation.objects.all().delete()
    migration = importlib.import_module("gamification.migrations.0003_space_reputation")

    migration.fill_from_the_ledger(django_apps, None)

    assert list(SpaceReputation.objects.values_list("member", "space", "points")) == [
        (answer.author.pk, space.pk, 15)
    ]
    assert ledger.recalculate_reputation(dry_run=True) == []
