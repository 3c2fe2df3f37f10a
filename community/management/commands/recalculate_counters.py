from django.core.management.base import BaseCommand

from community.services.counters import recalculate_counters


class Command(BaseCommand):
    help = "Rebuild answer, vote and “me too” counts from their rows and report any drift."

    def handle(self, *args, **options):
        drift = recalculate_counters()
        if any(drift.values()):
            self.stdout.write(
                self.style.WARNING(
                    f"Fixed drift: {drift['threads']} threads, {drift['posts']} posts had wrong counts."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("All counters agree with their rows."))
