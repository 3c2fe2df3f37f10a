"""Rate limits: how often a member (or a visitor) may post, vote, flag, upload, invite,
preview and search.

Every way in (web, htmx, a later API) goes through the services, and the services ask
here, so all of them obey the same numbers (the admin edits them: ``Limits``).

A limit is a number of hits per window for one key. The window opens with the first hit
and lasts its length; the hit past the limit raises :class:`RateLimited`, whose
``retry_after`` is the seconds until the window closes. Hits are counted where every
worker process sees the same number (``settings.PEERDESK_RATE_LIMIT_STORE``):

* ``"cache"``: the default cache's atomic increment (``add`` then ``incr``: Redis INCR);
* ``"database"``: one :class:`~community.models.RateLimitCounter` row per key, locked
  for the hit (``SELECT … FOR UPDATE``), so parallel hits queue instead of reading the
  same count. Called inside a service's transaction, a refused or failed write takes
  its hit back with it (in the cache store, a refused attempt still counts).

Staff are exempt; members from trust level 2 get twice the daily counts; new members
(trust level 0) have their own, lower limits (``community.permissions`` decides who is
which). ``settings.PEERDESK_RATE_LIMITS`` switches all of it off (the test settings do).
"""

import hashlib
import math
import time
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.markdown import mentioned_usernames
from community.models import Limits, Member, RateLimitCounter
from community.permissions import (
    has_new_member_rate_limits,
    is_exempt_from_rate_limits,
    rate_limit_multiplier,
)

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR

POST_KINDS = ("thread", "answer")


def try_again_message(seconds: int) -> str:
    """“Please try again in N seconds.” (minutes from two minutes on, hours from two hours)."""
    if seconds < 2 * MINUTE:
        return ngettext(
            "Please try again in %(count)s second.",
            "Please try again in %(count)s seconds.",
            seconds,
        ) % {"count": seconds}
    if seconds < 2 * HOUR:
        minutes = math.ceil(seconds / MINUTE)
        return ngettext(
            "Please try again in %(count)s minute.",
            "Please try again in %(count)s minutes.",
            minutes,
        ) % {"count": minutes}
    hours = math.ceil(seconds / HOUR)
    return ngettext(
        "Please try again in %(count)s hour.", "Please try again in %(count)s hours.", hours
    ) % {"count": hours}


class RateLimited(ValidationError):
    """Refused because of a rate limit; nothing was written. ``retry_after`` is whole seconds
    (at least 1) until the same request would be allowed again; views send it as the
    Retry-After header of a 429."""

    def __init__(self, retry_after: float, reason: str = ""):
        self.retry_after = max(1, math.ceil(retry_after))
        reason = reason or _("You are doing this too often.")
        super().__init__(f"{reason} {try_again_message(self.retry_after)}", code="rate_limited")


# Loading the demo community (or another bulk import) writes hundreds of posts by the same
# members within seconds: it runs inside ``rate_limits_suspended()``, in its own context only.
_suspended: ContextVar[bool] = ContextVar("rate_limits_suspended", default=False)


@contextmanager
def rate_limits_suspended():
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def rate_limits_enabled() -> bool:
    return bool(getattr(settings, "PEERDESK_RATE_LIMITS", True)) and not _suspended.get()


# --- counting ----------------------------------------------------------------------------


def _count_in_cache(key: str, window: int) -> tuple[int, float]:
    cache = caches["default"]
    now = time.time()
    # When the window closes, for retry_after (a cache's TTL is not readable everywhere).
    cache.add(f"{key}:until", now + window, timeout=window)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    until = cache.get(f"{key}:until") or now + window
    # A parallel hit may have opened the window a moment after `now`.
    return count, min(window, until - now)


def _count_in_database(key: str, window: int) -> tuple[int, float]:
    with transaction.atomic():
        now = timezone.now()
        counter, created = RateLimitCounter.objects.select_for_update().get_or_create(
            key=key, defaults={"count": 1, "expires_at": now + timedelta(seconds=window)}
        )
        if not created:
            if counter.expires_at <= now:  # the last window is over: this hit opens a new one
                counter.count = 1
                counter.expires_at = now + timedelta(seconds=window)
            else:
                counter.count += 1  # under the row lock: no other hit read this count
            counter.save(update_fields=["count", "expires_at"])
        # A parallel hit may have opened the window while this one waited for the lock.
        return counter.count, min(window, (counter.expires_at - now).total_seconds())


def hit(action: str, *, key: str, limit: int, window: int, reason: str = "") -> None:
    """Count one hit of `action` by `key` (a member or visitor key); raise
    :class:`RateLimited` when it is more than `limit` in `window` seconds.

    A `limit` or `window` of 0 means no limit (nothing is counted)."""
    if not limit or window <= 0:
        return
    full_key = f"rl:{action}:{key}"
    if settings.PEERDESK_RATE_LIMIT_STORE == "database":
        count, remaining = _count_in_database(full_key, window)
    else:
        count, remaining = _count_in_cache(full_key, window)
    if count > limit:
        raise RateLimited(remaining, reason)


def prune_rate_limit_counters() -> int:
    """Delete the database store's rows whose window is over; returns how many (hourly task)."""
    deleted, _details = RateLimitCounter.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


# --- what the services ask ---------------------------------------------------------------


def _member_key(member: Member) -> str:
    return f"m{member.pk}"


def _applies_to(member: Member | None) -> bool:
    return rate_limits_enabled() and not is_exempt_from_rate_limits(member)


def check_mentions(*, member: Member, body: str) -> None:
    """New members may mention only a few people in one post (ValidationError, not a rate)."""
    if not _applies_to(member) or not has_new_member_rate_limits(member):
        return
    limit = Limits.objects.current().new_member_mentions_per_post
    mentions = len(mentioned_usernames(body))
    if limit and mentions > limit:
        raise ValidationError(
            ngettext(
                "New members can mention at most %(limit)s person in a post; this one mentions "
                "%(count)s.",
                "New members can mention at most %(limit)s people in a post; this one mentions "
                "%(count)s.",
                limit,
            )
            % {"limit": limit, "count": mentions},
            code="too_many_mentions",
        )


def check_post_rate(*, member: Member, body: str, kind: str) -> None:
    """Before a new question (`kind` "thread") or answer ("answer") by `member` with `body`:
    mentions, time between posts, the identical text again, the first day's and the daily
    counts. Raises :class:`RateLimited` (or ValidationError for mentions); counts the post.
    Edits are not posts and are not counted."""
    assert kind in POST_KINDS
    if not _applies_to(member):
        return
    check_mentions(member=member, body=body)
    limits = Limits.objects.current()
    key = _member_key(member)
    new_member = has_new_member_rate_limits(member)
    interval = limits.new_member_post_interval if new_member else limits.post_interval
    hit("post", key=key, limit=1, window=interval)
    text = hashlib.sha256(" ".join(body.split()).encode()).hexdigest()
    hit(
        "same-text",
        key=f"{key}:{text}",
        limit=1,
        window=limits.duplicate_post_window,
        reason=_("You posted this exact text a moment ago."),
    )
    first_day_left = (member.date_joined + timedelta(days=1) - timezone.now()).total_seconds()
    if new_member and first_day_left > 0:
        first_day_limit = (
            limits.new_member_threads_first_day
            if kind == "thread"
            else limits.new_member_answers_first_day
        )
        hit(
            f"first-day-{kind}",
            key=key,
            limit=first_day_limit,
            window=math.ceil(first_day_left),
            reason=_("New members can post only a few questions and answers on their first day."),
        )
    if kind == "thread":
        hit("threads", key=key, limit=_daily(limits.threads_per_day, member), window=DAY)


def _daily(limit: int, member: Member) -> int:
    return limit * rate_limit_multiplier(member)


def check_helpful_vote_rate(*, member: Member) -> None:
    """Before `member` marks a post helpful (taking a mark back is not counted)."""
    if _applies_to(member):
        limit = _daily(Limits.objects.current().helpful_votes_per_day, member)
        hit("helpful", key=_member_key(member), limit=limit, window=DAY)


def check_flag_rate(*, member: Member) -> None:
    """Before `member` flags a post."""
    if _applies_to(member):
        limit = _daily(Limits.objects.current().flags_per_day, member)
        hit("flags", key=_member_key(member), limit=limit, window=DAY)


def check_upload_rate(*, member: Member) -> None:
    """Before `member` uploads an image."""
    if _applies_to(member):
        limit = Limits.objects.current().image_uploads_per_hour
        hit("uploads", key=_member_key(member), limit=limit, window=HOUR)


def check_invitation_rate(*, member: Member) -> None:
    """Before `member` sends an invitation by e-mail (only members from trust level 2 invite,
    so the count is not doubled for them)."""
    if _applies_to(member):
        limit = Limits.objects.current().invitations_per_day
        hit(
            "invitations",
            key=_member_key(member),
            limit=limit,
            window=DAY,
            reason=_("You have sent as many invitations as a day allows."),
        )


def check_preview_rate(*, visitor: str, member: Member | None = None) -> None:
    """Before a preview or a similar-thread lookup for `visitor` (see ``visitor_key``)."""
    if _applies_to(member):
        limit = Limits.objects.current().previews_per_minute
        hit("previews", key=visitor, limit=limit, window=MINUTE)


def check_search_rate(*, visitor: str, member: Member | None = None) -> None:
    """Before a search for `visitor` (see ``visitor_key``)."""
    if _applies_to(member):
        limit = Limits.objects.current().searches_per_minute
        hit("search", key=visitor, limit=limit, window=MINUTE)


def visitor_key(*, member: Member | None, session_key: str | None, client_ip: str | None) -> str:
    """Who is counted for per-visitor limits: the member, else the session, else the
    client's address (as allauth reads it, behind the configured proxies)."""
    if member is not None and member.is_authenticated:
        return _member_key(member)
    if session_key:
        return f"s{session_key}"
    return f"ip{client_ip or 'unknown'}"
