"""seed_escalations on the real demo community: seed_demo calls it after the threads."""

from random import Random

import pytest
from django.utils import timezone

from community.demo.escalations import PLAN, seed_escalations
from community.models import Escalation, EscalationStatus, Priority, SatisfactionSurvey


@pytest.mark.usefixtures("seeded_demo")
class TestDemoEscalations:
    def test_every_status_and_priority_on_the_demo_threads(self, db):
        now = timezone.now()
        escalations = Escalation.objects.all()
        assert escalations.count() == len(PLAN)
        # Once only: a second run (seed_demo on a seeded community) adds nothing.
        assert seed_escalations(rng=Random(18), now=now) == 0
        assert escalations.count() == len(PLAN)
        assert {e.status for e in escalations} == set(EscalationStatus.values)
        assert {e.priority for e in escalations} == set(Priority.values)
        assert Escalation.objects.exclude(case=None).count() == 1
        assert SatisfactionSurvey.objects.filter(score__isnull=False).count() >= 2
        for escalation in escalations.select_related("thread"):
            assert escalation.thread.created_at < escalation.created_at <= now
            if not escalation.is_open:
                assert escalation.resolved_at <= now
                assert escalation.resolution_post.is_official
