from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError

from insights.calendar import today
from insights.rollups import rollup


class Command(BaseCommand):
    help = (
        "Compute the insights dashboard's daily roll-up rows (and the per-question facts and "
        "sentiment they rest on) from DATE to today. Safe to run again: each day's rows are "
        "replaced, never added to."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            help="First day to roll up (YYYY-MM-DD, the support team's calendar). "
            "Default: yesterday.",
        )
        parser.add_argument("--until", help="Last day (YYYY-MM-DD). Default: today.")

    def handle(self, *args, since=None, until=None, **options):
        last = self._day(until, "--until") if until else today()
        first = self._day(since, "--since") if since else last - timedelta(days=1)
        if first > last:
            raise CommandError("--since must not be after --until.")
        log = self.stdout.write if options["verbosity"] > 1 else None
        written = rollup(first, last, log=log)
        self.stdout.write(f"Rolled up {(last - first).days + 1} days ({written} rows).")

    @staticmethod
    def _day(text: str, option: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"{option} takes a date as YYYY-MM-DD, not {text!r}.") from None
