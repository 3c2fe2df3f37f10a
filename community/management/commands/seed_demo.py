from django.core.management.base import BaseCommand

from community.demo.seed import seed_demo_community
from community.models import Member


class Command(BaseCommand):
    help = "Create the demo community (idempotent: running it twice changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has members (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Member.objects.exists():
            self.stdout.write("The database already has members; not loading the demo community.")
            return
        report = seed_demo_community(log=lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS(report.summary()))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {report.password}):")
        for role, email in report.logins:
            self.stdout.write(f"  {role:<22} {email}")
