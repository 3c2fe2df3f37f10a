from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """What a staff member, super user or the system did. Stored values never change."""

    UPDATE_PROFILE = "member.update_profile", _("Updated a profile")
    CHANGE_AVATAR = "member.change_avatar", _("Changed an avatar")
    EDIT_POST = "post.edit", _("Edited someone else’s post")
    DELETE_POST = "post.delete", _("Deleted a post")
    HIDE_POST = "post.hide", _("Hid a post")
    UNHIDE_POST = "post.unhide", _("Made a hidden post visible again")
    ACCEPT_ANSWER = "post.accept", _("Accepted a solution on someone else’s thread")
    UNACCEPT_ANSWER = "post.unaccept", _("Removed a solution on someone else’s thread")
    ENDORSE_ANSWER = "post.endorse", _("Recommended an answer officially")
    UNENDORSE_ANSWER = "post.unendorse", _("Withdrew an official recommendation")
    PIN_THREAD = "thread.pin", _("Pinned a thread")
    UNPIN_THREAD = "thread.unpin", _("Unpinned a thread")
    LOCK_THREAD = "thread.lock", _("Locked a thread")
    UNLOCK_THREAD = "thread.unlock", _("Unlocked a thread")
    MOVE_THREAD = "thread.move", _("Moved a thread to another space")
    RETITLE_THREAD = "thread.retitle", _("Changed the title or tags of someone else’s thread")
    MERGE_THREAD = "thread.merge", _("Merged a duplicate thread into another")
    CHANGE_THREAD_KIND = "thread.change_kind", _("Changed a thread’s kind")
    CHANGE_IDEA_STATUS = "thread.idea_status", _("Changed an idea’s status")
    RESTORE_POST = "post.restore", _("Restored a deleted post")
    CHANGE_TRUST_LEVEL = "member.trust_level", _("Changed a trust level")
    CHANGE_STAFF_STATUS = "member.staff_status", _("Changed a staff status")
    # --- redaction ---
    REDACT_POST = "post.redact", _("Redacted text from a post")
    # --- moderation actions (member sanctions, split, close as duplicate) ---
    SPLIT_THREAD = "thread.split", _("Split answers into a new thread")
    CLOSE_AS_DUPLICATE = "thread.close_duplicate", _("Closed a thread as a duplicate")
    REOPEN_THREAD = "thread.reopen", _("Reopened a thread closed as a duplicate")
    SILENCE_MEMBER = "member.silence", _("Silenced a member")
    UNSILENCE_MEMBER = "member.unsilence", _("Lifted a member’s silencing")
    SUSPEND_MEMBER = "member.suspend", _("Suspended a member")
    UNSUSPEND_MEMBER = "member.unsuspend", _("Lifted a member’s suspension")
    # --- flags and the review queue ---
    HOLD_POST = "post.hold", _("Hid a post while moderators review it")
    AGREE_FLAGS = "flags.agree", _("Agreed with the flags on a post")
    DISAGREE_FLAGS = "flags.disagree", _("Disagreed with the flags on a post")
    IGNORE_FLAGS = "flags.ignore", _("Ignored the flags on a post")
    # --- private messages to the support team ---
    CLOSE_CASE = "case.close", _("Closed a member’s private message to the support team")
    # --- escalation to the support team ---
    ESCALATE_THREAD = "thread.escalate", _("Escalated a thread to the support team")
    CHANGE_PRIORITY = "escalation.priority", _("Changed an escalation’s priority")
    RESOLVE_ESCALATION = "escalation.resolve", _("Resolved an escalation")
    # --- known issues ---
    OPEN_KNOWN_ISSUE = "known_issue.open", _("Opened a known issue")
    UPDATE_KNOWN_ISSUE = "known_issue.update", _("Posted a known-issue update")
    LINK_KNOWN_ISSUE = "known_issue.link", _("Linked a thread to a known issue")
    # --- webhooks to a helpdesk (community.escalation.webhooks) ---
    REDELIVER_WEBHOOK = "webhook.redeliver", _("Sent a webhook delivery again")
    # --- the knowledge base (knowledge.services.articles) ---
    PUBLISH_ARTICLE = "article.publish", _("Published a knowledge-base article")
    ARCHIVE_ARTICLE = "article.archive", _("Archived a knowledge-base article")


class AuditEntry(models.Model):
    """One row per moderation, staff or account action; written by ``community.audit``."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64, choices=AuditAction)
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of target"), on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("target number"))
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.get_action_display()} #{self.target_id}"
