from django.db import transaction

from community.audit import record_action
from community.images import ProcessedImage
from community.models import AuditAction, Member

PROFILE_FIELDS = ("display_name", "bio", "locale", "time_zone", "staff_signature")


@transaction.atomic
def update_profile(*, member: Member, by: Member, **changes) -> Member:
    """Save the profile fields in `changes`; an audit row when someone else edits."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    changed = [field for field, value in changes.items() if getattr(member, field) != value]
    if not changed:
        return member
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
