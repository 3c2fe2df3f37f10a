from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.audit import record_action
from community.models import (
    AuditAction,
    IdeaStatus,
    IdeaStatusChange,
    Member,
    Thread,
    ThreadKind,
)
from community.outbox import enqueue
from community.signals import idea_status_changed


@transaction.atomic
def change_idea_status(
    *, thread: Thread, by: Member, status: str, comment: str, duplicate_of: Thread | None = None
) -> IdeaStatusChange:
    """Give an idea a new public status with a comment; followers and voters are told.

    The same status again is allowed: it adds a comment to the history ("still planned,
    now for the autumn release").
    """
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.kind != ThreadKind.IDEA:
        raise ValidationError(_("Only ideas have a status."))
    if status not in IdeaStatus.values:
        raise ValidationError(_("Choose one of the statuses in the list."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("Tell the community why: a status without a comment helps nobody."))
    if status == IdeaStatus.ALREADY_EXISTS and duplicate_of is None:
        raise ValidationError(_("Link the idea or feature that already exists."))
    if duplicate_of is not None and duplicate_of.pk == thread.pk:
        raise ValidationError(_("An idea cannot be a duplicate of itself."))
    change = IdeaStatusChange.objects.create(
        thread=thread,
        status=status,
        comment=comment,
        duplicate_of=duplicate_of if status == IdeaStatus.ALREADY_EXISTS else None,
        changed_by=by,
    )
    thread.idea_status = status
    thread.last_activity_at = timezone.now()
    thread.save(update_fields=["idea_status", "last_activity_at"])
    record_action(
        actor=by, action=AuditAction.CHANGE_IDEA_STATUS, target=thread, reason=comment,
        status=status,
    )  # fmt: skip
    idea_status_changed.send(sender=Thread, thread=thread, change=change, by=by)
    enqueue("community.notify_idea_status", {"change_id": change.pk})
    return change
