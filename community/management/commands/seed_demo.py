from django.core.management.base import BaseCommand, CommandError

from community.demo.seed import seed_demo_community
from community.demo.threads import THREAD_COUNT, minimum_thread_count
from community.models import Member


class Command(BaseCommand):
    help = (
        "Create the demo community (idempotent: running it twice changes nothing; "
        "all or nothing: a run that breaks off leaves nothing behind)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has members (used by `make run`).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=THREAD_COUNT,
            help=(
                f"How many threads to write (default {THREAD_COUNT}, at least "
                f"{minimum_thread_count()}); fewer load faster."
            ),
        )

    def handle(self, *args, if_empty=False, threads=THREAD_COUNT, **options):
        if threads < minimum_thread_count():
            raise CommandError(f"--threads must be at least {minimum_thread_count()}.")
        # Seeding is one transaction, so members only exist after a complete run (or
        # in a real community): either way there is nothing to add.
        if if_empty and Member.objects.exists():
            self.stdout.write("The database already has members; not loading the demo community.")
            return
        report = seed_demo_community(threads=threads, log=lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS(report.summary()))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {report.password}):")
        for role, email in report.logins:
            self.stdout.write(f"  {role:<22} {email}")
