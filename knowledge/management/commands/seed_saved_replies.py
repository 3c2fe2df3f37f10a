from django.core.management.base import BaseCommand, CommandError

from community.models import Member
from knowledge.services.replies import seed_saved_replies


class Command(BaseCommand):
    help = (
        "Create the starter set of shared saved replies in English and German (greeting, "
        "personal data, private case, known issue, mark the solution, …). Safe to run again: "
        "replies already there are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--owner",
            help="Username of the staff member who owns the replies (default: the first staff "
            "member).",
        )

    def handle(self, *args, owner=None, **options):
        staff = Member.objects.filter(is_staff=True, is_active=True).order_by("pk")
        if owner:
            member = staff.filter(username=owner).first()
            if member is None:
                raise CommandError(f"No active staff member with the username {owner!r}.")
        else:
            member = staff.first()
            if member is None:
                raise CommandError("There is no staff member yet: create one, or pass --owner.")
        created = seed_saved_replies(by=member)
        self.stdout.write(f"{created} saved replies created (owner: {member.username}).")
