"""What members read: the days they visit, the threads they open and the time they spend
reading. Trust levels and badges (gamification) count these rows."""

import zoneinfo
from datetime import date

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Least
from django.utils import timezone

from community.models import Member, MemberVisit, Thread, ThreadRead
from community.signals import visit_day_started

# A reading report covers at most this much time: the page reports every 30 seconds, a
# throttled background tab may report late; anything more is not time spent reading.
MAX_SECONDS_PER_REPORT = 60
# Nobody reads more than this in a day: a page left open overnight earns nothing more.
MAX_SECONDS_PER_DAY = 3 * 60 * 60


def member_today(member: Member) -> date:
    """The member's calendar day now, in their own time zone."""
    try:
        zone = zoneinfo.ZoneInfo(member.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    return timezone.localdate(timezone=zone)


@transaction.atomic
def record_visit(*, member: Member, day: date | None = None) -> bool:
    """Record that `member` used the site on `day` (default: their today). Returns whether
    this is the first record of that day; only then is ``visit_day_started`` sent."""
    day = day or member_today(member)
    _visit, created = MemberVisit.objects.get_or_create(member=member, day=day)
    if created:
        visit_day_started.send(sender=Member, member=member, day=day)
    return created


@transaction.atomic
def record_thread_read(*, member: Member, thread: Thread) -> bool:
    """Count `thread` in the member's threads read, once ever per member and thread.
    Returns whether it was counted now."""
    _read, created = ThreadRead.objects.get_or_create(
        member=member, thread=thread, defaults={"first_read_at": timezone.now()}
    )
    if created:
        day = member_today(member)
        record_visit(member=member, day=day)
        MemberVisit.objects.filter(member=member, day=day).update(
            threads_read=F("threads_read") + 1
        )
    return created


@transaction.atomic
def record_reading_time(*, member: Member, seconds: int) -> None:
    """Add `seconds` of reading to the member's day: at most MAX_SECONDS_PER_REPORT per
    call and MAX_SECONDS_PER_DAY per day (one atomic update, safe against two tabs)."""
    seconds = max(0, min(int(seconds), MAX_SECONDS_PER_REPORT))
    if not seconds:
        return
    day = member_today(member)
    record_visit(member=member, day=day)
    MemberVisit.objects.filter(member=member, day=day).update(
        seconds_read=Least(F("seconds_read") + seconds, MAX_SECONDS_PER_DAY)
    )
