"""The one way to write an audit row. Call it inside the transaction of the action."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext, gettext_noop

from community.models import AuditAction, AuditEntry, Member

# Reasons the system writes itself. Stored in English (the log is read by staff of any
# language) and shown in the reader's language; reasons moderators type stay as typed.
DELETED_BY_AUTHOR = gettext_noop("Deleted by its author")
DELETED_BY_MODERATOR = gettext_noop("Deleted by a moderator")
CHANGED_IN_ADMIN = gettext_noop("Changed in the Django admin")
# Posts hidden by the system until a moderator looks (community.services.flags and .spam).
HELD_FOR_REVIEW = gettext_noop("Hidden while moderators review it")
AWAITING_APPROVAL = gettext_noop("Waiting for a moderator’s approval")
HOLD_REASONS = frozenset({HELD_FOR_REVIEW, AWAITING_APPROVAL})
# A reviewer agreed with the flags and hid the post without typing a reason.
AGREED_WITH_FLAGS = gettext_noop("Hidden by a moderator after members flagged it")
# A moderator deletes only spam and what breaks the guidelines, and says which.
DELETED_AS_SPAM = gettext_noop("Deleted as spam")
DELETED_FOR_GUIDELINES = gettext_noop("Deleted: it breaks the community guidelines")
MODERATOR_DELETION_REASONS = {"spam": DELETED_AS_SPAM, "guidelines": DELETED_FOR_GUIDELINES}
SYSTEM_REASONS = frozenset(
    {
        DELETED_BY_AUTHOR,
        DELETED_BY_MODERATOR,
        DELETED_AS_SPAM,
        DELETED_FOR_GUIDELINES,
        CHANGED_IN_ADMIN,
        AGREED_WITH_FLAGS,
        *HOLD_REASONS,
    }
)


def reason_display(reason: str) -> str:
    return gettext(reason) if reason in SYSTEM_REASONS else reason


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
