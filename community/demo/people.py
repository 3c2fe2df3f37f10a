"""Demo members and spaces: fixed data (data/members.json, data/spaces.json), so every
newcomer sees the same community."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from community.demo.content import DATA_DIR, DemoDataError, build, read_json


@dataclass(frozen=True)
class DemoSpace:
    slug: str
    name_en: str
    name_de: str
    description_en: str
    description_de: str
    first_response_target: int  # minutes
    default_kind: str  # the kind of thread the ask form starts with


@dataclass(frozen=True)
class DemoMember:
    ROLES = ("admin", "staff", "super_user", "customer")

    username: str
    display_name: str  # may be empty: the member goes by their username
    locale: str
    role: str  # one of ROLES; admins are staff as well
    signature: str = ""  # staff only


@dataclass(frozen=True)
class DemoPeople:
    password: str  # every demo member's
    spaces: tuple[DemoSpace, ...]
    members: tuple[DemoMember, ...]  # in the order they are created

    def with_role(self, *roles: str) -> list[DemoMember]:
        return [member for member in self.members if member.role in roles]


@cache
def load_people(data_dir: Path = DATA_DIR) -> DemoPeople:
    """Read the demo spaces and members from `data_dir`."""
    people = read_json(data_dir / "members.json")
    members = tuple(build(DemoMember, data, "members.json") for data in people["members"])
    for member in members:
        if member.role not in DemoMember.ROLES:
            raise DemoDataError(f"members.json {member.username}: unknown role {member.role!r}")
    return DemoPeople(
        password=people["password"],
        spaces=tuple(
            build(DemoSpace, data, "spaces.json") for data in read_json(data_dir / "spaces.json")
        ),
        members=members,
    )


DEMO_PASSWORD = load_people().password


def email_for(username: str) -> str:
    return f"{username.replace('_', '.')}@demo.peerdesk.example"


def demo_logins() -> list[tuple[str, str]]:
    """The accounts worth trying, as (role, e-mail)."""
    people = load_people()
    logins = [
        ("admin + staff" if member.role == "admin" else "staff agent", email_for(member.username))
        for member in people.with_role("admin", "staff")
    ]
    logins += [
        ("super user (level 4)", email_for(member.username))
        for member in people.with_role("super_user")
    ]
    first_by_locale = {}
    for member in people.with_role("customer"):
        first_by_locale.setdefault(member.locale, member.username)
    logins += [(f"customer ({locale})", email_for(u)) for locale, u in first_by_locale.items()]
    return logins
