"""Demo known issues: an outage that is open right now, with updates over the last hours and
the members' threads about it linked, and one fixed last month; plus status rows for the
demo's own known-issue notices (community/demo/data/notices.json), so /status/ lists them.

Everything goes through the services (community.escalation.known_issues), then is moved
into the past like the rest of the demo (community.demo.threads backdates the same way).
Call it after the demo threads exist, inside the seeding's transaction, with tasks muted.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from community.escalation.known_issues import (
    forget_banner,
    link_thread,
    post_update,
    start_known_issue,
)
from community.models import (
    KnownIssue,
    KnownIssueStatus,
    KnownIssueUpdate,
    Member,
    MeToo,
    Post,
    PostRevision,
    Space,
    Thread,
    ThreadFollow,
    ThreadKind,
)
from community.permissions import is_staff
from community.services.posts import ask_question
from community.services.reactions import set_me_too


@dataclass(frozen=True)
class Report:
    language: str
    title: str
    body: str


@dataclass(frozen=True)
class Outage:
    space: str
    language: str
    title: str
    body: str
    updates: tuple[tuple[float, str, str], ...]  # (hours after the start, status, text)
    reports: tuple[Report, ...]
    started_hours_ago: float


OPEN = Outage(
    space="account",
    language="en",
    title="Known issue: sign-in codes by text message arrive late or not at all",
    body=(
        "Since this morning, many of you get the sign-in code by text message late or not "
        "at all. We are looking into it.\n\nUntil it works again: choose **Send the code "
        "by e-mail instead** on the sign-in page."
    ),
    updates=(
        (
            1.2,
            KnownIssueStatus.IDENTIFIED,
            "We found the cause: our text-message provider has a disruption in several "
            "networks. They are working on it; e-mail codes work as usual.",
        ),
        (
            2.6,
            KnownIssueStatus.IDENTIFIED,
            "The provider has moved part of the traffic to another route. Codes arrive again "
            "for most of you, some still with a delay of a few minutes.",
        ),
    ),
    reports=(
        Report(
            "en",
            "No sign-in code arriving on my phone",
            "I have been waiting for the text message with my sign-in code for 20 minutes. "
            "I tried three times. Is something wrong?",
        ),
        Report(
            "de",
            "SMS-Code für die Anmeldung kommt nicht an",
            "Ich warte seit einer halben Stunde auf den Code per SMS und komme nicht in "
            "mein Kundenkonto. Geht das noch jemandem so?",
        ),
        Report(
            "en",
            "Two-step verification text never comes",
            "Trying to log in from my laptop, the text message with the code never "
            "arrives. My number is correct in my profile.",
        ),
        Report(
            "de",
            "Anmeldung nicht möglich, keine SMS",
            "Seit heute früh bekomme ich keine SMS mit dem Bestätigungscode mehr. Was "
            "kann ich tun?",
        ),
    ),
    started_hours_ago=3.5,
)

FIXED = Outage(
    space="billing",
    language="de",
    title="Bekanntes Problem: Rechnungs-PDF lässt sich im Kundenkonto nicht öffnen",
    body=(
        "Beim Öffnen der Rechnung im Kundenkonto erscheint gerade eine leere Seite. Wir "
        "schauen uns das an. Die Rechnung per E-Mail ist davon nicht betroffen."
    ),
    updates=(
        (
            2.0,
            KnownIssueStatus.IDENTIFIED,
            "Die Ursache ist gefunden: ein Fehler beim Erzeugen der PDF-Dateien seit dem "
            "letzten Update. Die Korrektur ist in Arbeit.",
        ),
        (
            7.5,
            KnownIssueStatus.FIXED,
            "Behoben: Alle Rechnungen lassen sich wieder öffnen. Danke für deine Geduld!",
        ),
    ),
    reports=(
        Report(
            "de",
            "Rechnung im Kundenkonto ist nur eine leere Seite",
            "Wenn ich meine Rechnung für diesen Monat öffne, sehe ich nur eine weiße "
            "Seite. Letzten Monat ging es noch.",
        ),
        Report(
            "en",
            "Invoice PDF in my account is blank",
            "Opening my latest invoice in the customer account shows an empty page. "
            "Any idea what is going on?",
        ),
    ),
    started_hours_ago=26 * 24,
)


def seed_known_issues(*, rng: Random, now: datetime) -> int:
    """Create the demo's known issues (see the module's docstring) unless some exist.
    Returns how many known issues were created."""
    if KnownIssue.objects.exists():
        return 0
    members = list(Member.objects.filter(is_active=True).order_by("username"))
    staff = [member for member in members if is_staff(member)]
    people = [member for member in members if not is_staff(member)]
    if not staff or len(people) < 8:
        return 0
    created = 0
    for outage in (OPEN, FIXED):
        space = Space.objects.filter(slug=outage.space).first()
        if space is not None:
            _seed_outage(outage, space=space, staff=staff, people=people, rng=rng, now=now)
            created += 1
    created += _status_of_demo_notices()
    forget_banner()
    return created


def _speaker(people: list[Member], language: str, rng: Random, exclude: set[int]) -> Member:
    fitting = [m for m in people if m.locale == language and m.pk not in exclude]
    return rng.choice(fitting or [m for m in people if m.pk not in exclude])


def _seed_outage(
    outage: Outage, *, space, staff: list[Member], people: list[Member], rng: Random, now
) -> None:
    agent = next((m for m in staff if m.locale == outage.language), staff[0])
    started = now - timedelta(hours=outage.started_hours_ago)
    known_issue = start_known_issue(
        by=agent, space=space, title=outage.title, body=outage.body, language=outage.language
    )
    status_post = known_issue.thread
    times: dict[int, datetime] = {}  # post → when
    threads: dict[int, datetime] = {status_post.pk: started}
    times[status_post.posts.get(is_opening=True).pk] = started
    KnownIssue.objects.filter(pk=known_issue.pk).update(created_at=started)
    KnownIssueUpdate.objects.filter(known_issue=known_issue).update(created_at=started)

    asked = set()
    for number, report in enumerate(outage.reports):
        asker = _speaker(people, report.language, rng, asked)
        asked.add(asker.pk)
        thread = ask_question(author=asker, space=space, title=report.title, body=report.body)
        at = started + timedelta(minutes=10 + number * rng.uniform(12, 25))
        threads[thread.pk] = at
        times[thread.posts.get(is_opening=True).pk] = at
        link_thread(thread=thread, known_issue=known_issue, by=agent)
        for member in rng.sample([m for m in people if m.pk not in asked], k=rng.randint(2, 5)):
            set_me_too(thread=thread, by=member, me_too=True)
            _backdate_reaction(thread, member, at + timedelta(minutes=rng.uniform(5, 60)))
    for member in rng.sample([m for m in people if m.pk not in asked], k=3):
        set_me_too(thread=status_post, by=member, me_too=True)
        _backdate_reaction(status_post, member, started + timedelta(minutes=rng.uniform(5, 90)))

    for hours, status, text in outage.updates:
        at = started + timedelta(hours=hours * rng.uniform(0.9, 1.1))
        update = post_update(known_issue=known_issue, by=agent, status=status, body=text)
        KnownIssueUpdate.objects.filter(pk=update.pk).update(created_at=at)
        times[update.post_id] = at
        if status == KnownIssueStatus.FIXED:
            KnownIssue.objects.filter(pk=known_issue.pk).update(fixed_at=at)

    for pk, at in times.items():
        Post.objects.filter(pk=pk).update(created_at=at)
        PostRevision.objects.filter(post_id=pk, number=1).update(created_at=at)
    last = max(times.values())
    for pk, at in threads.items():
        Thread.objects.filter(pk=pk).update(
            created_at=at, last_activity_at=last if pk == status_post.pk else at
        )
        ThreadFollow.objects.filter(thread_id=pk, created_at__gt=now).update(created_at=at)


def _backdate_reaction(thread: Thread, member: Member, at: datetime) -> None:
    MeToo.objects.filter(thread=thread, member=member).update(created_at=at)
    ThreadFollow.objects.filter(thread=thread, member=member).update(created_at=at)


def _status_of_demo_notices() -> int:
    """The demo's known-issue notices get their status rows: solved ones are fixed (at
    the solution's time, by its post), the others are being investigated."""
    created = 0
    notices = Thread.objects.filter(kind=ThreadKind.KNOWN_ISSUE, known_issue__isnull=True)
    for thread in notices.select_related("solution").order_by("pk"):
        opening = thread.posts.get(is_opening=True)
        known_issue = KnownIssue.objects.create(
            thread=thread, created_by_id=thread.author_id, created_at=thread.created_at
        )
        KnownIssueUpdate.objects.create(
            known_issue=known_issue, status=KnownIssueStatus.INVESTIGATING, post=opening,
            author_id=thread.author_id, created_at=thread.created_at,
        )  # fmt: skip
        if thread.solution is not None:
            fixed_at = thread.solved_at or thread.solution.created_at
            KnownIssueUpdate.objects.create(
                known_issue=known_issue, status=KnownIssueStatus.FIXED, post=thread.solution,
                author_id=thread.solution.author_id, created_at=fixed_at,
            )  # fmt: skip
            known_issue.status, known_issue.fixed_at = KnownIssueStatus.FIXED, fixed_at
            known_issue.save(update_fields=["status", "fixed_at"])
        created += 1
    return created
