"""What the asker is told at once after posting a question: on the page (the "just asked"
block of ``community/thread.html``) and by e-mail in their language
(``community/email/question_received``).

Only what the escalation flow delivers is promised: the community's typical response time in the
space, the first-response target, that the support team takes over when the community
has not answered by then (routing escalates it; at once for what the triage found to be
an account, payment or security problem or a complaint, see ``is_escalation_worthy``), the
team's business hours, and when the team is closed, when it is back (in the member's time
zone: the templates format it).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from community import selectors
from community.escalation.business_time import BusinessSchedule, NoBusinessHours, next_opening
from community.escalation.targets import targets_for
from community.escalation.triage import is_escalation_worthy
from community.models import EmailKind, NotificationPreference, Thread, ThreadKind
from community.site import absolute_url


@dataclass(frozen=True)
class Acknowledgement:
    # The community's median time to a first answer in the space; None: too few answers.
    typical: timedelta | None
    # The first-response target, in business minutes.
    target: int
    # When the support team takes over (the routing's escalation), in business minutes.
    takeover: int
    schedule: BusinessSchedule
    # The team's next opening when it is closed at the moment asked; None while it works
    # (or when the schedule never opens).
    back_at: datetime | None
    # Triaged as an account, payment, security problem or complaint at P1/P2, and the
    # admin lets routing escalate those at once (SupportSettings).
    escalates_now: bool = False

    @property
    def hours(self) -> str:
        """The team's business hours in the active language, e.g. "Mon–Fri 08:00–18:00"."""
        return business_hours_text(self.schedule)


def acknowledgement_for(thread: Thread, *, now: datetime | None = None) -> Acknowledgement:
    """What to tell the asker of `thread` about the answers to expect, as of `now`."""
    targets = targets_for(thread.space)
    now = now or timezone.now()
    try:
        opening = next_opening(now, targets.schedule)
    except NoBusinessHours:
        opening = None
    takeover = targets.first_response * targets.settings.escalate_after / 100
    return Acknowledgement(
        typical=selectors.typical_first_response(space=thread.space),
        target=targets.first_response,
        takeover=max(1, round(takeover)),
        schedule=targets.schedule,
        back_at=opening if opening is not None and opening > now else None,
        escalates_now=targets.settings.escalate_high_priority_triage
        and is_escalation_worthy(thread),
    )


def _day_ranges(days: list[int]) -> list[tuple[int, int]]:
    """ISO weekdays as runs of consecutive days: [1, 2, 3, 5] → [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for day in sorted(days):
        if runs and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def business_hours_text(schedule: BusinessSchedule) -> str:
    """e.g. "Mon–Fri 08:00–18:00" / "Mo–Fr 08:00–18:00", in the active language."""

    def name(day: int) -> str:
        return str(WEEKDAYS_ABBR[day - 1])

    days = ", ".join(
        name(first) if first == last else f"{name(first)}–{name(last)}"
        for first, last in _day_ranges(list(schedule.work_days))
    )
    if schedule.opens == schedule.closes:
        return _("%(days)s around the clock") % {"days": days}
    opens, closes = time_format(schedule.opens, "H:i"), time_format(schedule.closes, "H:i")
    return f"{days} {opens}–{closes}"


# --- the e-mail (called by the worker) -----------------------------------------------------


def send_acknowledgement(*, thread_id: int) -> int:
    """E-mail the asker of question `thread_id` what to expect, in their language and time
    zone. Safe to run twice (one e-mail per question); nothing for a hidden question, nor
    for an asker who switched these e-mails off (the page after asking still tells them)."""
    from community.services.notifications import _send as send_notification_email

    thread = Thread.objects.select_related("space", "author").filter(pk=thread_id).first()
    # A question held for review (hidden with its opening post) is held unannounced.
    if thread is None or thread.kind != ThreadKind.QUESTION or not thread.is_public:
        return 0
    kind = EmailKind.QUESTION_RECEIVED
    if NotificationPreference.objects.declining(kind).filter(member=thread.author_id).exists():
        return 0
    context = {
        "thread": thread,
        "ack": acknowledgement_for(thread),
        "url": absolute_url(thread.get_absolute_url()),
    }
    return int(
        send_notification_email(
            member=thread.author,
            key=f"question_received:{thread.pk}",
            template="community/email/question_received",
            context=context,
            follow=(kind, 0),
        )
    )
