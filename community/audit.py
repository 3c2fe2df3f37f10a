"""The one way to write an audit row. Call it inside the transaction of the action."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from community.models import AuditAction, AuditEntry, Member


def record_action(
    *,
    actor: Member | None,
    action: AuditAction,
    target: models.Model,
    reason: str = "",
    **details,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        target_id=target.pk,
        reason=reason,
        details=details,
    )
