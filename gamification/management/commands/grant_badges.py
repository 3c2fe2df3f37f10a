from collections import Counter

from django.core.management.base import BaseCommand

from gamification.services.badges import award_badges


class Command(BaseCommand):
    help = "Award every badge any member has earned and not received yet (the nightly run)."

    def handle(self, *args, **options):
        awarded = award_badges()
        if not awarded:
            self.stdout.write(self.style.SUCCESS("No badges were missing."))
            return
        for slug, count in sorted(Counter(award.badge for award in awarded).items()):
            self.stdout.write(f"{slug}: {count}")
        self.stdout.write(self.style.WARNING(f"Granted {len(awarded)} missing badges."))
