from community.models.audit import AuditAction, AuditEntry
from community.models.branding import Branding
from community.models.cases import CaseMessage, CaseStatus, SupportCase
from community.models.content_version import ContentVersion
from community.models.engagement import (
    HelpfulVote,
    IdeaStatusChange,
    MemberVisit,
    MeToo,
    SolvedToo,
    SpaceFollow,
    TagFollow,
    ThreadDailyViews,
    ThreadFollow,
    ThreadRead,
)
from community.models.escalation import (
    OPEN_ESCALATION_STATUSES,
    CustomerUrgency,
    Escalation,
    EscalationEvent,
    EscalationEventKind,
    EscalationReason,
    EscalationStatus,
    InternalNote,
    Priority,
    RoutingNotice,
    RoutingTier,
    SatisfactionSurvey,
    SupportSettings,
)
from community.models.flags import Flag, FlagReason, FlagStatus
from community.models.invitations import Invitation, InvitationStatus
from community.models.known_issues import KnownIssue, KnownIssueStatus, KnownIssueUpdate
from community.models.limits import Limits, RateLimitCounter
from community.models.members import Member, TrustLevel
from community.models.notifications import (
    EmailKind,
    Notification,
    NotificationKind,
    NotificationPreference,
    SentNotification,
)
from community.models.outbox import OutboxMessage, OutboxState, WorkerHeartbeat
from community.models.posts import Post, PostImage, PostRevision
from community.models.spaces import Space
from community.models.tags import Tag
from community.models.threads import (
    IDEA_STATUS_ORDER,
    STAFF_ONLY_KINDS,
    IdeaStatus,
    Thread,
    ThreadKind,
    ThreadStatus,
)
from community.models.webhooks import (
    DeliveryState,
    InboundHookMessage,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)

__all__ = [
    "IDEA_STATUS_ORDER",
    "OPEN_ESCALATION_STATUSES",
    "STAFF_ONLY_KINDS",
    "AuditAction",
    "AuditEntry",
    "Branding",
    "CaseMessage",
    "CaseStatus",
    "ContentVersion",
    "CustomerUrgency",
    "DeliveryState",
    "EmailKind",
    "Escalation",
    "EscalationEvent",
    "EscalationEventKind",
    "EscalationReason",
    "EscalationStatus",
    "Flag",
    "FlagReason",
    "FlagStatus",
    "HelpfulVote",
    "IdeaStatus",
    "IdeaStatusChange",
    "InboundHookMessage",
    "InternalNote",
    "Invitation",
    "InvitationStatus",
    "KnownIssue",
    "KnownIssueStatus",
    "KnownIssueUpdate",
    "Limits",
    "MeToo",
    "Member",
    "MemberVisit",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "OutboxMessage",
    "OutboxState",
    "Post",
    "PostImage",
    "PostRevision",
    "Priority",
    "RateLimitCounter",
    "RoutingNotice",
    "RoutingTier",
    "SatisfactionSurvey",
    "SentNotification",
    "SolvedToo",
    "Space",
    "SpaceFollow",
    "SupportCase",
    "SupportSettings",
    "Tag",
    "TagFollow",
    "Thread",
    "ThreadDailyViews",
    "ThreadFollow",
    "ThreadKind",
    "ThreadRead",
    "ThreadStatus",
    "TrustLevel",
    "Webhook",
    "WebhookAttempt",
    "WebhookDelivery",
    "WorkerHeartbeat",
]
