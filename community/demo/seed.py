"""Builds the demo community from the files in data/. Reproducible (fixed seed) and
idempotent; all or nothing (one transaction)."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from community.demo.escalations import seed_escalations
from community.demo.invitations import seed_invitations
from community.demo.known_issues import seed_known_issues
from community.demo.people import DEMO_PASSWORD, DemoMember, demo_logins, email_for, load_people
from community.demo.threads import THREAD_COUNT, seed_demo_threads
from community.demo.webhooks import seed_webhooks
from community.extensions import finish_demo
from community.models import Branding, Member, Space, TrustLevel
from community.services.members import set_trust_level
from community.services.ratelimits import rate_limits_suspended
from community.tasks import tasks_muted

SEED = 20261129


@dataclass
class SeedReport:
    password: str = DEMO_PASSWORD
    created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=demo_logins)

    def count(self, what: str, created: bool | int) -> None:
        self.created[what] = self.created.get(what, 0) + int(created)

    def summary(self) -> str:
        parts = [f"{number} {what}" for what, number in self.created.items() if number]
        return "Demo community ready: created " + (", ".join(parts) or "nothing new") + "."


SUPER_USER_GRANT = "Super user of the demo community"


def _member(person: DemoMember, *, trust_level: int, password_hash: str) -> tuple[Member, bool]:
    email = email_for(person.username)
    member, created = Member.objects.get_or_create(
        username=person.username,
        defaults={
            "email": email,
            "display_name": person.display_name,
            "locale": person.locale,
            "time_zone": "Europe/Berlin" if person.locale == "de" else "Europe/London",
            "trust_level": trust_level,
            "is_staff": person.role in ("staff", "admin"),
            "is_superuser": person.role == "admin",
            "staff_signature": person.signature,
            "password": password_hash,
        },
    )
    EmailAddress.objects.get_or_create(
        user=member, email=email, defaults={"verified": True, "primary": True}
    )
    return member, created


# Demo history must not e-mail anyone; `make run` builds the search index afterwards.
@tasks_muted()
@rate_limits_suspended()
def seed_demo_community(
    *, threads: int = THREAD_COUNT, log: Callable[[str], None] = print
) -> SeedReport:
    """Create the demo spaces and members (those missing) and, into a community without
    threads, `threads` demo threads.

    One transaction: a run that breaks off (an error, Ctrl-C, a killed process) leaves the
    database as it was, so the next run, `--if-empty` included, builds the whole demo.
    """
    report = SeedReport()
    rng = random.Random(SEED)
    people = load_people()
    # Hashing 40 passwords at full strength takes seconds; they share one password anyway.
    password_hash = make_password(people.password)
    with transaction.atomic():
        Branding.objects.get_or_create(pk=1)
        for position, space in enumerate(people.spaces):
            _, created = Space.objects.get_or_create(
                slug=space.slug,
                defaults={
                    "name_en": space.name_en,
                    "name_de": space.name_de,
                    "description_en": space.description_en,
                    "description_de": space.description_de,
                    "position": position,
                    "first_response_target": space.first_response_target,
                    "default_kind": space.default_kind,
                },
            )
            report.count("spaces", created)
        super_users = []
        for person in people.members:
            if person.role == "customer":
                # A believable spread of what they reached before the demo's history: most
                # are new or basic, a few are regulars. Gamification recomputes the automatic
                # levels from their activity once the history is written.
                level = rng.choices([0, 1, 2, 3], weights=[30, 40, 20, 10])[0]
            elif person.role == "super_user":
                level = TrustLevel.REGULAR  # super user by the staff's grant below
            else:
                level = TrustLevel.LEADER
            member, created = _member(person, trust_level=level, password_hash=password_hash)
            report.count("members", created)
            if person.role == "super_user":
                super_users.append(member)
        admin = Member.objects.filter(is_superuser=True).order_by("pk").first()
        for member in super_users:
            # As staff grant it on /staff/nominations/: audited, announced, the member told.
            set_trust_level(
                member=member, level=TrustLevel.LEADER, by=admin, reason=SUPER_USER_GRANT
            )
        log(f"{Member.objects.count()} members in {Space.objects.count()} spaces.")
        # Only into a community without threads, so running the command twice adds nothing.
        written = seed_demo_threads(rng=rng, count=threads, log=log)
        report.count("threads", written)
        if written:
            # The support team's side of the same history: escalations in every status
            # (with a private case and rated ones), the webhook that saw their events, and
            # known issues with their status posts and linked threads.
            now = timezone.now()
            report.count("escalations", seed_escalations(rng=rng, now=now))
            report.count("webhook deliveries", seed_webhooks(now=now))
            report.count("known issues", seed_known_issues(rng=rng, now=now))
            report.count("invitations", seed_invitations())
            finish_demo(log=log)
    return report
