from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from community.escalation.routing import sweep


class Command(BaseCommand):
    help = (
        "Run one routing sweep (what Celery beat does every minute): put unanswered "
        "questions in front of super users, alert the support team, escalate what is due; "
        "then print what it did."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            help="Sweep as if it were this moment (ISO 8601, e.g. 2026-03-02T11:00+01:00), "
            "to see what would be due then. Default: now.",
        )

    def handle(self, *args, at=None, **options):
        now = None
        if at:
            try:
                now = datetime.fromisoformat(at)
            except ValueError:
                raise CommandError(f"--at: not an ISO 8601 date and time: {at!r}") from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        result = sweep(now=now)
        self.stdout.write(
            f"Put {result.super_users} questions in front of super users, "
            f"alerted the support team about {result.staff_alerts}."
        )
        self.stdout.write(
            f"Escalated: {result.no_first_response} without a first response, "
            f"{result.no_solution} without a solution, {result.me_too} for many “me too”s, "
            f"{result.personal_data} for personal data, {result.triage} after triage."
        )
        self.stdout.write(self.style.SUCCESS(f"{result.escalated} escalations in all."))
