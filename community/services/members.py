"""Writes to a member: profile, avatar, trust level and staff status."""

from django.db import transaction

from community.audit import record_action
from community.images import ProcessedImage
from community.models import AuditAction, Member, TrustLevel
from community.privacy import check_personal_data
from community.signals import staff_status_changed, trust_level_changed

# What other members read on the profile and next to posts: checked for personal data.
PUBLIC_TEXT_FIELDS = ("display_name", "bio", "staff_signature")
PROFILE_FIELDS = (
    "display_name", "bio", "locale", "time_zone", "content_languages", "staff_signature"
)  # fmt: skip


@transaction.atomic
def update_profile(
    *, member: Member, by: Member, contact_confirmed: bool = False, **changes
) -> Member:
    """Save the profile fields in `changes`; an audit row when someone else edits.

    Raises ``PersonalDataFound`` for personal data in a changed public text (display
    name, bio, staff signature); `contact_confirmed` lets a company's e-mail address or
    phone number through."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    changed = [field for field, value in changes.items() if getattr(member, field) != value]
    if not changed:
        return member
    check_personal_data(
        texts={field: changes[field] for field in PUBLIC_TEXT_FIELDS if field in changed},
        contact_confirmed=contact_confirmed,
    )
    for field in changed:
        setattr(member, field, changes[field])
    member.full_clean(exclude=["password", "avatar"])
    member.save(update_fields=changed)
    if by.pk != member.pk:
        record_action(actor=by, action=AuditAction.UPDATE_PROFILE, target=member, fields=changed)
    return member


@transaction.atomic
def change_avatar(*, member: Member, avatar: ProcessedImage | None, by: Member) -> Member:
    """Replace (or with None, remove) the avatar; the old file is deleted after commit."""
    old_name = member.avatar.name if member.avatar else ""
    storage = member.avatar.storage
    if avatar is None:
        member.avatar = ""
    else:
        member.avatar.save(avatar.content.name, avatar.content, save=False)
    member.save(update_fields=["avatar"])
    if old_name and old_name != member.avatar.name:
        transaction.on_commit(lambda: storage.delete(old_name))
    if by.pk != member.pk:
        record_action(actor=by, action=AuditAction.CHANGE_AVATAR, target=member)
    return member


@transaction.atomic
def set_trust_level(*, member: Member, level: int, by: Member | None, reason: str = "") -> bool:
    """Move `member` to trust level `level`; audited, announced by ``trust_level_changed``.

    `by` is None when the system decides (gamification's promotions). Locks the
    member's row; asking for the level the member already has changes nothing,
    writes nothing and announces nothing. Returns whether the level changed.
    """
    level = TrustLevel(level)  # ValueError for anything outside 0–4
    current = Member.objects.select_for_update(no_key=True).only("trust_level").get(pk=member.pk)
    previous = current.trust_level
    member.trust_level = level
    if previous == level:
        return False
    member.save(update_fields=["trust_level"])
    record_action(
        actor=by, action=AuditAction.CHANGE_TRUST_LEVEL, target=member, reason=reason,
        previous=int(previous), level=int(level),
    )  # fmt: skip
    trust_level_changed.send(
        sender=Member, member=member, by=by, previous=int(previous), level=int(level),
        reason=reason,
    )  # fmt: skip
    return True


@transaction.atomic
def set_staff_status(
    *, member: Member, is_staff: bool, by: Member | None, reason: str = ""
) -> bool:
    """Make `member` part of the support team, or no longer; audited, announced by
    ``staff_status_changed``. Locks the member's row; returns whether it changed."""
    current = Member.objects.select_for_update(no_key=True).only("is_staff").get(pk=member.pk)
    member.is_staff = is_staff
    if current.is_staff == is_staff:
        return False
    member.save(update_fields=["is_staff"])
    record_action(
        actor=by, action=AuditAction.CHANGE_STAFF_STATUS, target=member, reason=reason,
        is_staff=is_staff,
    )  # fmt: skip
    staff_status_changed.send(sender=Member, member=member, by=by, is_staff=is_staff, reason=reason)
    return True
