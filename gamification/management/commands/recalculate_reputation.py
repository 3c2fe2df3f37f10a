from django.core.management.base import BaseCommand

from gamification.services.ledger import recalculate_reputation


class Command(BaseCommand):
    help = "Rebuild every member's reputation from the ledger and report the drift corrected."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report the drift without correcting it.",
        )

    def handle(self, *args, dry_run=False, **options):
        drifts = recalculate_reputation(dry_run=dry_run)
        for drift in drifts:
            self.stdout.write(
                f"{drift.username}: {drift.stored} → {drift.real} ({drift.difference:+d})"
            )
        total = sum(abs(drift.difference) for drift in drifts)
        verb = "Drift found" if dry_run else "Drift corrected"
        members = f"{len(drifts)} member" if len(drifts) == 1 else f"{len(drifts)} members"
        summary = f"{verb}: {total} points across {members}."
        if drifts:
            self.stdout.write(self.style.WARNING(summary))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"{verb}: 0 (every reputation matches its ledger).")
            )
