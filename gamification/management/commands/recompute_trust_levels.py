from django.core.management.base import BaseCommand

from gamification.services.trust import recompute_all_trust_levels


class Command(BaseCommand):
    help = (
        "Move every member with an automatic trust level (0–3) to the level their activity "
        "earns (regulars after their grace period); super users and staff stay as they are."
    )

    def handle(self, *args, **options):
        changed = recompute_all_trust_levels()
        self.stdout.write(self.style.SUCCESS(f"{changed} trust levels changed."))
