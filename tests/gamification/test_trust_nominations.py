"""Super-user nominations: who the criteria propose, approving, declining, nominating by
hand, revoking, and telling the nominee. Staff only; everyone else gets a 404."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from community.models import (
    AuditAction,
    AuditEntry,
    Member,
    Notification,
    NotificationKind,
    TrustLevel,
)
from gamification.models import Nomination, NominationStatus
from gamification.selectors.trust import nomination_candidates
from gamification.services.trust import (
    approve_nomination,
    decline_nomination,
    nominate,
    revoke_super_user,
)
from tests.factories import MemberFactory
from tests.gamification.trust_helpers import accepted_answers, small_settings, strike

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
NOMINATIONS_URL = reverse("gamification:nominations")


def _candidate(*, days_member=61, reputation=100, accepted=2, **fields):
    """With small_settings(): a member who meets every nomination criterion by default."""
    with time_machine.travel(NOON - timedelta(days=days_member), tick=False):
        member = MemberFactory(trust_level=TrustLevel.REGULAR, **fields)
    accepted_answers(member, accepted)
    # The accepted answers booked points; the case under test sets the total it needs.
    Member.objects.filter(pk=member.pk).update(reputation=reputation)
    member.refresh_from_db()
    return member


def _candidates():
    return list(nomination_candidates(settings=small_settings(), now=NOON))


@pytest.mark.parametrize(
    ("changes", "proposed"),
    [
        ({}, True),
        ({"days_member": 59}, False),
        ({"reputation": 99}, False),
        ({"accepted": 1}, False),
        ({"is_staff": True}, False),
        ({"is_active": False}, False),
    ],
)
def test_nomination_candidates_meet_every_criterion(changes, proposed):
    with time_machine.travel(NOON, tick=False):
        member = _candidate(**changes)
        assert (member in _candidates()) is proposed


def test_a_strike_in_the_last_90_days_keeps_a_member_off_the_list():
    with time_machine.travel(NOON - timedelta(days=89), tick=False):
        member = _candidate()
        strike(member)
    with time_machine.travel(NOON, tick=False):
        assert member not in _candidates()
    with time_machine.travel(NOON + timedelta(days=2), tick=False):
        candidates = list(
            nomination_candidates(settings=small_settings(), now=NOON + timedelta(days=2))
        )
        assert member in candidates
        assert candidates[0].last_strike_at is not None


def test_super_users_pending_and_recently_declined_nominees_are_not_proposed(staff):
    with time_machine.travel(NOON, tick=False):
        super_user = _candidate(username="already")
        super_user.trust_level = TrustLevel.LEADER
        super_user.save()
        pending = _candidate(username="pending")
        nominate(member=pending, by=staff)
        declined = _candidate(username="declined")
        decline_nomination(nomination=nominate(member=declined, by=None), by=staff)
        assert _candidates() == []
    with time_machine.travel(NOON + timedelta(days=91), tick=False):
        # the pause after a decline is over; the pending one still waits for its decision
        now = NOON + timedelta(days=91)
        names = [m.username for m in nomination_candidates(settings=small_settings(), now=now)]
        assert names == ["declined"]


def test_approving_makes_a_super_user_audited_and_tells_the_nominee(staff):
    member = MemberFactory(trust_level=TrustLevel.REGULAR)
    nomination = nominate(member=member, by=staff, note="Answers every weekend")
    assert approve_nomination(nomination=nomination, by=staff, note="Welcome aboard")
    assert not approve_nomination(nomination=nomination, by=staff)  # decided already
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.LEADER
    nomination.refresh_from_db()
    assert (nomination.status, nomination.decided_by, nomination.note) == (
        NominationStatus.APPROVED, staff, "Welcome aboard"
    )  # fmt: skip
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE_TRUST_LEVEL)
    assert (entry.actor, entry.reason, entry.details["level"]) == (staff, "Welcome aboard", 4)
    kinds = set(Notification.objects.filter(recipient=member).values_list("kind", flat=True))
    assert kinds == {NotificationKind.NOMINATION_DECIDED, NotificationKind.TRUST_LEVEL_CHANGED}
    decided = Notification.objects.get(recipient=member, kind=NotificationKind.NOMINATION_DECIDED)
    assert decided.data["approved"] is True
    assert decided.data["text"]["en"].startswith("You are now a super user")
    assert decided.data["note"] == "Welcome aboard"


def test_declining_keeps_the_level_and_tells_the_nominee_why(staff):
    member = MemberFactory(trust_level=TrustLevel.REGULAR)
    nomination = nominate(member=member, by=None)
    assert decline_nomination(nomination=nomination, by=staff, note="Give it a few months")
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.REGULAR
    notification = Notification.objects.get(recipient=member)
    assert notification.kind == NotificationKind.NOMINATION_DECIDED
    assert (notification.data["approved"], notification.data["note"]) == (
        False, "Give it a few months"
    )  # fmt: skip
    assert not AuditEntry.objects.exists()


def test_nominating_twice_keeps_one_pending_nomination_and_super_users_are_refused(staff):
    from django.core.exceptions import ValidationError

    member = MemberFactory()
    first = nominate(member=member, by=staff)
    assert nominate(member=member, by=staff) == first
    assert Nomination.objects.count() == 1
    with pytest.raises(ValidationError):
        nominate(member=MemberFactory(trust_level=TrustLevel.LEADER), by=staff)
    with pytest.raises(ValidationError):
        nominate(member=staff, by=staff)


def test_revoking_returns_a_super_user_to_the_level_their_activity_earns(staff):
    small_settings()
    member = MemberFactory(trust_level=TrustLevel.LEADER)  # no activity at all
    assert revoke_super_user(member=member, by=staff, reason="Hid posts unfairly") == (
        TrustLevel.NEW
    )
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.NEW
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE_TRUST_LEVEL)
    assert (entry.actor, entry.reason, entry.details) == (
        staff, "Hid posts unfairly", {"previous": 4, "level": 0}
    )  # fmt: skip


def test_revoking_needs_a_reason(staff):
    from django.core.exceptions import ValidationError

    member = MemberFactory(trust_level=TrustLevel.LEADER)
    with pytest.raises(ValidationError):
        revoke_super_user(member=member, by=staff, reason="  ")
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.LEADER


# --- the staff page ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["visitor", "member", "super_user"])
def test_the_nominations_page_and_its_actions_are_404_for_everyone_but_staff(client, who):
    nominee = MemberFactory()
    nomination = nominate(member=nominee, by=None)
    if who != "visitor":
        level = TrustLevel.LEADER if who == "super_user" else TrustLevel.REGULAR
        client.force_login(MemberFactory(trust_level=level))
    assert client.get(NOMINATIONS_URL).status_code == 404
    decide = reverse("gamification:decide_nomination", kwargs={"pk": nomination.pk})
    assert client.post(decide, {"decision": "approve"}).status_code == 404
    nominate_url = reverse("gamification:nominate")
    assert client.post(nominate_url, {"username": nominee.username}).status_code == 404
    nominee.refresh_from_db()
    assert nominee.trust_level != TrustLevel.LEADER


def test_staff_see_pending_nominations_candidates_and_super_users(
    client, staff, django_assert_max_num_queries
):
    small_settings()
    client.force_login(staff)
    with time_machine.travel(NOON, tick=False):
        candidates = [_candidate(display_name=f"Candidate {n}") for n in range(3)]
        pending = [MemberFactory(display_name=f"Pending {n}") for n in range(3)]
        for member in pending:
            nominate(member=member, by=staff, note="Kind and quick")
        client.get(NOMINATIONS_URL)  # warm the caches
        with django_assert_max_num_queries(12):
            page = client.get(NOMINATIONS_URL).content.decode()
        with django_assert_max_num_queries(12):
            proposed = client.get(NOMINATIONS_URL + "?show=candidates").content.decode()
    assert all(member.display_name in page for member in pending)
    assert "Kind and quick" in page
    assert all(member.display_name in proposed for member in candidates)
    assert ">2<" in proposed  # accepted answers


def test_staff_approve_a_candidate_from_the_list(client, staff):
    small_settings()
    with time_machine.travel(NOON, tick=False):
        member = _candidate()
    client.force_login(staff)
    url = reverse("gamification:decide_candidate", kwargs={"member_id": member.pk})
    response = client.post(url, {"decision": "approve", "note": "Great helper"})
    assert response.status_code == 302
    assert response["Location"].endswith("?show=candidates")
    nomination = Nomination.objects.get(member=member)
    assert (nomination.proposed_by, nomination.status) == (None, NominationStatus.APPROVED)
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.LEADER


def test_staff_decline_a_pending_nomination_with_a_note(client, staff):
    member = MemberFactory()
    nomination = nominate(member=member, by=staff)
    client.force_login(staff)
    url = reverse("gamification:decide_nomination", kwargs={"pk": nomination.pk})
    assert client.post(url, {"decision": "decline", "note": "Not yet"}).status_code == 302
    nomination.refresh_from_db()
    assert (nomination.status, nomination.note) == (NominationStatus.DECLINED, "Not yet")
    # A decided nomination is gone from the queue; deciding again finds nothing.
    assert client.post(url, {"decision": "approve"}).status_code == 404


def test_staff_nominate_by_hand_and_a_wrong_username_keeps_what_they_typed(client, staff):
    member = MemberFactory(username="harper")
    client.force_login(staff)
    response = client.post(
        reverse("gamification:nominate"), {"username": "nobody-here", "note": "Typed note"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "No member has that username." in page and "Typed note" in page
    response = client.post(reverse("gamification:nominate"), {"username": "@Harper"})
    assert response.status_code == 302
    nomination = Nomination.objects.get(member=member)
    assert (nomination.proposed_by, nomination.status) == (staff, NominationStatus.PENDING)


def test_staff_revoke_a_super_user_with_a_reason(client, staff):
    member = MemberFactory(trust_level=TrustLevel.LEADER)
    client.force_login(staff)
    url = reverse("gamification:revoke_super_user", kwargs={"member_id": member.pk})
    response = client.post(url, {"reason": ""})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.LEADER  # no reason, no revocation
    client.post(url, {"reason": "Inactive for a year"})
    member.refresh_from_db()
    assert member.trust_level != TrustLevel.LEADER
    assert AuditEntry.objects.get(action=AuditAction.CHANGE_TRUST_LEVEL).reason == (
        "Inactive for a year"
    )
    # Someone who is no super user cannot be revoked.
    assert client.post(url, {"reason": "Again"}).status_code == 404


@pytest.mark.parametrize("tab", ["pending", "candidates", "super_users"])
def test_every_field_on_the_nominations_page_has_an_id_of_its_own(client, staff, tab):
    """A label names the field its `for` points at: repeated ids would name another row's."""
    import re

    for n in range(2):
        nominee = MemberFactory(display_name=f"Nominee {n}")
        nominate(member=nominee, by=staff, note="Helps a lot")
        MemberFactory(trust_level=TrustLevel.LEADER, display_name=f"Super {n}")
    client.force_login(staff)
    page = client.get(reverse("gamification:nominations") + f"?show={tab}").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
