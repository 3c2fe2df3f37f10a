"""Deflection: a suggestion opened from the ask form, and no question posted after it.

The ask form's suggestion links go through knowledge:open_suggestion, which records a
SuggestionOpened row (record_opening) holding the member id, or for a visitor only the
session key, and the article or thread opened. When that member posts a question within
WINDOW (community.signals.thread_asked), their openings are marked posted (mark_posted).
settle_openings, run by Celery beat, turns openings older than WINDOW into Deflection rows
unless they were marked posted.

Visitors: asking needs an account, so a visitor posts only after signing in. Signing in
gives the session a new key (Django cycles it), so the key alone would never match; the
opened rows' ids are kept in the session instead and the member id is put on them when
that session signs in (attach_openings, on user_logged_in). What cannot be matched: a
visitor who opens a suggestion in one browser and asks from another, or whose session
ended (cookies cleared, session expired) before signing in, counts as a deflection.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from knowledge import signals
from knowledge.models import Deflection, SuggestionOpened

WINDOW = timedelta(minutes=30)
SETTLE_BATCH = 500  # openings settled per transaction
SESSION_OPENED = "knowledge_suggestions_opened"  # the session's openings (ids), newest last
SESSION_OPENED_LIMIT = 20


def record_opening(*, by=None, session_key: str = "", article=None, thread=None):
    """Record that `by` (a member, or None for a visitor with `session_key`) opened a
    suggestion: `article` or `thread`. The same target opened again by the same person
    within WINDOW is recorded once (the earlier row is returned)."""
    if (article is None) == (thread is None):
        raise ValueError("record_opening needs an article or a thread, not both.")
    member = by if by is not None and by.is_authenticated else None
    if member is None and not session_key:
        raise ValueError("record_opening needs a member or a session key.")
    who = {"member": member} if member is not None else {"session_key": session_key}
    target = {"article": article} if article is not None else {"thread": thread}
    with transaction.atomic():
        earlier = (
            SuggestionOpened.objects.filter(
                **who,
                **target,
                settled=False,
                posted=False,
                opened_at__gte=timezone.now() - WINDOW,
            )
            .order_by("-pk")
            .first()
        )
        if earlier is not None:
            return earlier
        return SuggestionOpened.objects.create(
            member=member, session_key="" if member is not None else session_key, **target
        )


def attach_openings(*, by, opening_ids) -> int:
    """Put member `by` on a visitor's openings (`opening_ids`, kept in the session) when that
    session signs in, so a question they post then is matched. Returns how many."""
    ids = [pk for pk in opening_ids or () if isinstance(pk, int)][:SESSION_OPENED_LIMIT]
    if not ids:
        return 0
    # One conditional UPDATE: atomic by itself.
    return SuggestionOpened.objects.filter(
        pk__in=ids, member__isnull=True, settled=False, opened_at__gte=timezone.now() - WINDOW
    ).update(member=by)


def mark_posted(*, by) -> int:
    """`by` posted a question: their openings of the last WINDOW are no deflection.
    One conditional UPDATE in the asking transaction (atomic by itself: no savepoint, so
    asking costs one query more). Returns how many."""
    return SuggestionOpened.objects.filter(
        member=by, settled=False, posted=False, opened_at__gte=timezone.now() - WINDOW
    ).update(posted=True)


def settle_openings(*, now=None, batch: int = SETTLE_BATCH) -> int:
    """Turn openings older than WINDOW into Deflection rows (those not marked posted) and
    mark them settled, `batch` at a time; returns how many deflections were recorded.

    Idempotent and safe with two workers: the rows are locked with SKIP LOCKED where the
    database has it (another worker takes the next ones), a Deflection is one per opening
    (unique; a conflict is skipped) and `settled` is set only where it was not.
    """
    cutoff = (now or timezone.now()) - WINDOW
    recorded = 0
    while True:
        with transaction.atomic():
            due = list(
                SuggestionOpened.objects.select_for_update(skip_locked=True)
                .filter(settled=False, opened_at__lt=cutoff)
                .order_by("pk")[:batch]
            )
            if not due:
                return recorded
            settled = SuggestionOpened.objects.filter(
                pk__in=[opening.pk for opening in due], settled=False
            ).update(settled=True)
            if not settled:  # another worker settled them meanwhile
                continue
            deflected = [opening for opening in due if not opening.posted]
            Deflection.objects.bulk_create(
                [
                    Deflection(opened=o, article_id=o.article_id, thread_id=o.thread_id)
                    for o in deflected
                ],
                ignore_conflicts=True,  # one per opening, however often this runs
            )
            if deflected:
                new = list(Deflection.objects.filter(opened__in=deflected))
                recorded += len(new)
                signals.questions_deflected.send(sender=Deflection, deflections=new)
