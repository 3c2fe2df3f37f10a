"""Trust levels and super users: promotion from activity, the regulars' grace, nominations.

Every change of level goes through ``community.services.members.set_trust_level`` (audit
row, ``trust_level_changed``); the members are told by the receivers in
``gamification.receivers``.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.models import Member, NotificationKind, TrustLevel
from community.permissions import has_granted_role, is_super_user, members_with_earned_levels
from community.services.members import set_trust_level
from community.services.notices import notify
from gamification.models import Nomination, NominationStatus, TrustLevelGrace, TrustLevelSettings
from gamification.selectors.trust import earned_level, member_activity, with_activity

# Reasons in the audit log (stored in English, like community's own).
PROMOTED = gettext_noop("Earned by their activity")
GRACE_ENDED = gettext_noop("No longer meets the requirements of a regular")
APPROVED_NOMINATION = gettext_noop("Super-user nomination approved")


def _apply_earned_level(
    *, member: Member, earned: TrustLevel, grace: TrustLevelGrace | None, settings, today: date
) -> bool:
    """Move `member` (level 0–3, not staff) by what they earned; returns whether the level
    changed. Levels 1 and 2 are never taken back; a regular who falls below the
    requirements keeps the level for the grace period, then goes back to member."""
    current = TrustLevel(member.trust_level)
    if earned > current:
        if grace is not None:
            grace.delete()
        return set_trust_level(member=member, level=earned, by=None, reason=PROMOTED)
    if current != TrustLevel.REGULAR:
        return False
    if earned == TrustLevel.REGULAR:
        if grace is not None:
            grace.delete()
        return False
    if grace is None:
        TrustLevelGrace.objects.create(member=member, since=today)
        return False
    if today - grace.since < timedelta(days=settings.regular_grace_days):
        return False
    grace.delete()
    return set_trust_level(
        member=member, level=max(earned, TrustLevel.MEMBER), by=None, reason=GRACE_ENDED
    )


def _may_change(*, current: int, earned: TrustLevel, grace: TrustLevelGrace | None) -> bool:
    """Whether ``_apply_earned_level`` would write anything (a promotion, or a regular's
    grace starting, ending or running out)."""
    if earned > current:
        return True
    return current == TrustLevel.REGULAR and (earned < current or grace is not None)


@transaction.atomic
def recompute_trust_level(*, member: Member) -> bool:
    """Promote `member` to the level their activity earns, or (after the grace period) take
    back the regular level they no longer earn. Super users and staff are left alone.
    Idempotent; returns whether the level changed."""
    member = Member.objects.select_for_update(no_key=True).get(pk=member.pk)
    if has_granted_role(member) or not member.is_active:
        return False
    settings = TrustLevelSettings.objects.current()
    now = timezone.now()
    activity = member_activity(member, settings=settings, now=now)
    grace = TrustLevelGrace.objects.filter(member=member).first()
    return _apply_earned_level(
        member=member,
        earned=earned_level(activity, settings=settings, now=now),
        grace=grace,
        settings=settings,
        today=timezone.localdate(now),
    )


def recompute_all_trust_levels() -> int:
    """The nightly pass over every member with an automatic level: one query reads
    everyone's numbers, only changes are written (each in its own transaction). Grace rows
    of members who are no regulars any more are dropped. Returns how many levels changed."""
    settings = TrustLevelSettings.objects.current()
    now = timezone.now()
    today = timezone.localdate(now)
    graces = {grace.member_id: grace for grace in TrustLevelGrace.objects.all()}
    changed = 0
    members = with_activity(members_with_earned_levels(), settings=settings, now=now)
    for activity in members.order_by("pk").iterator(chunk_size=500):
        earned = earned_level(activity, settings=settings, now=now)
        grace = graces.pop(activity.pk, None)
        if not _may_change(current=activity.trust_level, earned=earned, grace=grace):
            continue  # the common case: nothing to write
        with transaction.atomic():
            changed += _apply_earned_level(
                member=activity, earned=earned, grace=grace, settings=settings, today=today
            )
    # Left over: members made super users, staff or inactive while in grace.
    TrustLevelGrace.objects.filter(member_id__in=list(graces)).delete()
    return changed


# --- nominations ----------------------------------------------------------------------------


@transaction.atomic
def nominate(*, member: Member, by: Member | None, note: str = "") -> Nomination:
    """Propose `member` as a super user: `by` staff by hand, None when the criteria did.
    A member with a pending nomination keeps that one (returned as it is)."""
    if not member.is_active:
        raise ValidationError(_("This member’s account is closed."))
    if is_super_user(member):
        raise ValidationError(_("%(name)s is already a super user or on the support team.")
                              % {"name": member.public_name})  # fmt: skip
    pending = Nomination.objects.filter(member=member, status=NominationStatus.PENDING).first()
    if pending is not None:
        return pending
    return Nomination.objects.create(
        member=member, proposed_by=by, note=note, created_at=timezone.now()
    )


def _decide(*, nomination: Nomination, status: NominationStatus, by: Member, note: str) -> bool:
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if locked.status != NominationStatus.PENDING:
        return False  # decided already (a second click, another staff member)
    nomination.status = status
    nomination.decided_by = by
    nomination.decided_at = timezone.now()
    if note:
        nomination.note = note
    nomination.save(update_fields=["status", "decided_by", "decided_at", "note"])
    return True


@transaction.atomic
def approve_nomination(*, nomination: Nomination, by: Member, note: str = "") -> bool:
    """Make the nominee a super user (audited through set_trust_level, with the note as the
    reason) and tell them. Returns False when the nomination was decided already."""
    if not _decide(nomination=nomination, status=NominationStatus.APPROVED, by=by, note=note):
        return False
    set_trust_level(
        member=nomination.member,
        level=TrustLevel.LEADER,
        by=by,
        reason=nomination.note or APPROVED_NOMINATION,
    )
    _notify_decision(nomination)
    return True


@transaction.atomic
def decline_nomination(*, nomination: Nomination, by: Member, note: str = "") -> bool:
    """Decline with a note (shown to the nominee); the criteria do not propose the member
    again for ``nomination_pause_days``. Returns False when decided already."""
    if not _decide(nomination=nomination, status=NominationStatus.DECLINED, by=by, note=note):
        return False
    _notify_decision(nomination)
    return True


@transaction.atomic
def revoke_super_user(*, member: Member, by: Member, reason: str) -> TrustLevel:
    """Take the super-user level back, with a reason (in the audit row): the member returns
    to the level their activity earns. Returns that level."""
    if not reason.strip():
        raise ValidationError(_("Say why: the reason is kept in the audit log."))
    settings = TrustLevelSettings.objects.current()
    now = timezone.now()
    activity = member_activity(member, settings=settings, now=now)
    level = earned_level(activity, settings=settings, now=now)
    set_trust_level(member=member, level=level, by=by, reason=reason.strip())
    return level


# --- telling the member -------------------------------------------------------------------------


def in_both_languages(text_in_language) -> dict:
    """{"en": …, "de": …}: `text_in_language()` called with each site language active, so
    the centre shows the entry in the reader's language."""
    from django.conf import settings

    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(text_in_language())
    return texts


def _notify_decision(nomination: Nomination) -> None:
    approved = nomination.status == NominationStatus.APPROVED

    def text():
        if approved:
            return _("You are now a super user. Thank you for helping so many members!")
        return _("Your super-user nomination was not approved this time.")

    data = {"text": in_both_languages(text), "approved": approved}
    if nomination.note:
        data["note"] = nomination.note
    notify(
        member=nomination.member,
        kind=NotificationKind.NOMINATION_DECIDED,
        actor=nomination.decided_by,
        url=reverse("gamification:super_users"),
        data=data,
    )


def notify_trust_level_changed(*, member: Member, previous: int, level: int, by) -> None:
    def text():
        label = TrustLevel(level).label
        if level > previous:
            return _("Your trust level is now “%(level)s”: see what it unlocks.") % {"level": label}
        return _("Your trust level is now “%(level)s”.") % {"level": label}

    notify(
        member=member,
        kind=NotificationKind.TRUST_LEVEL_CHANGED,
        actor=by,
        url=reverse("gamification:trust_levels"),
        data={"text": in_both_languages(text), "previous": previous, "level": level},
    )


def notify_staff_status_changed(*, member: Member, is_staff: bool, by) -> None:
    def text():
        if is_staff:
            return _("You are now on the support team: every moderation tool is open to you.")
        return _("You are no longer on the support team.")

    notify(
        member=member,
        kind=NotificationKind.TRUST_LEVEL_CHANGED,
        actor=by,
        url=reverse("gamification:trust_levels"),
        data={"text": in_both_languages(text), "is_staff": is_staff},
    )
