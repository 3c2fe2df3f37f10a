"""The demo community earns its badges and levels by the site's own rules."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, Subquery

from community.models import (
    AuditAction,
    AuditEntry,
    Member,
    Notification,
    NotificationKind,
    Post,
    Thread,
    TrustLevel,
)
from gamification.models import BadgeAward, ReputationEvent, ReputationReason
from gamification.services import ledger


@pytest.mark.usefixtures("seeded_demo")
class TestTheDemoCommunity:
    """One seeding for every test of what the demo earned (seeding takes seconds)."""

    def test_the_demo_books_reputation_through_the_receivers(self, db):
        assert ReputationEvent.objects.filter(reason=ReputationReason.ANSWER_ACCEPTED).exists()
        assert ReputationEvent.objects.filter(reason=ReputationReason.ANSWER_HELPFUL).exists()
        assert Member.objects.filter(reputation__gt=0).exists()

    def test_recalculate_reputation_finds_no_drift_in_the_demo(self, db):
        assert ledger.recalculate_reputation(dry_run=True) == []

    def test_demo_super_users_hold_level_four_by_an_audited_staff_grant(self, db):
        super_users = Member.objects.filter(is_staff=False, trust_level=TrustLevel.LEADER)
        assert super_users.exists()
        for member in super_users:
            grant = AuditEntry.objects.get(
                action=AuditAction.CHANGE_TRUST_LEVEL, target_id=member.pk
            )
            assert grant.actor.is_superuser and grant.details["level"] == TrustLevel.LEADER
            assert Notification.objects.filter(
                recipient=member, kind=NotificationKind.TRUST_LEVEL_CHANGED
            ).exists()

    def test_demo_members_hold_the_badges_their_history_earned(self, db):
        assert BadgeAward.objects.filter(badge="first-solution").exists()
        solvers = set(
            Thread.objects.filter(solution__isnull=False)
            .exclude(solution__author=F("author"))
            .values_list("solution__author_id", flat=True)
        )
        first_solution = set(
            BadgeAward.objects.filter(badge="first-solution").values_list("member_id", flat=True)
        )
        assert first_solution <= solvers and first_solution

    def test_demo_bookings_are_dated_like_the_posts_they_are_about(self, db):
        posts = Post.objects.filter(pk=OuterRef("source_id")).values("created_at")[:1]
        bookings = ReputationEvent.objects.filter(
            source_type=ContentType.objects.get_for_model(Post)
        ).annotate(post_created_at=Subquery(posts))
        assert bookings.exists()
        assert not bookings.exclude(created_at=F("post_created_at")).exists()
