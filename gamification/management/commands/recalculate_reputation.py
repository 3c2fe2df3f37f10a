from django.core.management.base import BaseCommand

from gamification.services.ledger import recalculate_reputation


class Command(BaseCommand):
    help = (
        "Rebuild every member's reputation, and their reputation in each space, from the "
        "ledger and report the drift corrected."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report the drift without correcting it.",
        )

    def handle(self, *args, dry_run=False, **options):
        drifts = recalculate_reputation(dry_run=dry_run)
        for drift in drifts:
            where = f" in {drift.space}" if drift.space else ""
            self.stdout.write(
                f"{drift.username}{where}: {drift.stored} → {drift.real} ({drift.difference:+d})"
            )
        total = sum(abs(drift.difference) for drift in drifts)
        verb = "Drift found" if dry_run else "Drift corrected"
        members = len([drift for drift in drifts if not drift.space])
        in_spaces = len(drifts) - members
        summary = f"{verb}: {total} points across {members} member{'' if members == 1 else 's'}"
        if in_spaces:
            summary += f" and {in_spaces} total{'' if in_spaces == 1 else 's'} in spaces"
        summary += "."
        if drifts:
            self.stdout.write(self.style.WARNING(summary))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"{verb}: 0 (every reputation matches its ledger).")
            )
