"""Builds the demo community. Reproducible (fixed seed) and idempotent."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from community.demo.people import (
    CUSTOMERS,
    DEMO_PASSWORD,
    SPACES,
    STAFF,
    SUPER_USERS,
    demo_logins,
    email_for,
)
from community.demo.threads import seed_demo_threads
from community.models import Branding, Member, Space, ThreadKind, TrustLevel
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
        parts = [f"{number} {what}" for what, number in self.created.items()]
        return "Demo community ready: created " + (", ".join(parts) or "nothing new") + "."


def _member(
    username,
    display_name,
    locale,
    *,
    trust_level,
    report,
    password_hash,
    staff=False,
    admin=False,
    signature="",
) -> Member:
    email = email_for(username)
    member, created = Member.objects.get_or_create(
        username=username,
        defaults={
            "email": email,
            "display_name": display_name,
            "locale": locale,
            "time_zone": "Europe/Berlin" if locale == "de" else "Europe/London",
            "trust_level": trust_level,
            "is_staff": staff or admin,
            "is_superuser": admin,
            "staff_signature": signature,
            "password": password_hash,
        },
    )
    EmailAddress.objects.get_or_create(
        user=member, email=email, defaults={"verified": True, "primary": True}
    )
    report.count("members", created)
    return member


# Demo history must not e-mail anyone; `make run` rebuilds the search index afterwards.
@tasks_muted()
def seed_demo_community(log: Callable[[str], None] = print) -> SeedReport:
    report = SeedReport()
    rng = random.Random(SEED)
    # Hashing 40 passwords at full strength takes seconds; they share one password anyway.
    password_hash = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        Branding.objects.get_or_create(pk=1)
        for position, (slug, name_en, name_de, desc_en, desc_de, target) in enumerate(SPACES):
            _, created = Space.objects.get_or_create(
                slug=slug,
                defaults={
                    "name_en": name_en,
                    "name_de": name_de,
                    "description_en": desc_en,
                    "description_de": desc_de,
                    "position": position,
                    "first_response_target": target,
                    "default_kind": ThreadKind.IDEA if slug == "ideas" else ThreadKind.QUESTION,
                },
            )
            report.count("spaces", created)

        for username, name, locale, role, signature in STAFF:
            _member(
                username,
                name,
                locale,
                trust_level=TrustLevel.LEADER,
                report=report,
                password_hash=password_hash,
                staff=True,
                admin=role == "admin",
                signature=signature,
            )
        for username, name, locale in SUPER_USERS:
            _member(
                username,
                name,
                locale,
                trust_level=TrustLevel.LEADER,
                report=report,
                password_hash=password_hash,
            )
        for username, name, locale in CUSTOMERS:
            # A believable spread: most are new or basic, a few are regulars.
            level = rng.choices([0, 1, 2, 3], weights=[30, 40, 20, 10])[0]
            _member(
                username,
                name,
                locale,
                trust_level=level,
                report=report,
                password_hash=password_hash,
            )
    log(f"{Member.objects.count()} members in {Space.objects.count()} spaces.")
    # Only into a community without threads, so running the command twice adds nothing.
    report.count("threads", seed_demo_threads(rng=rng, log=log))
    return report
