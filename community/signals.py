"""What happened in the community, for the other apps to react to.

Services send these after their write, inside the transaction, and only when
something really changed: asking for the state a thing is already in sends
nothing. Receivers (in ``gamification`` and ``knowledge``, connected in their
``AppConfig.ready``) do quick database work or enqueue a task with
``transaction.on_commit``; never network I/O. Every signal is sent with
``sender=`` the model class named below. ``by`` is the member who acted; it is
None only where noted (the system acted, e.g. gamification promoting a member).
"""

from django.dispatch import Signal

# --- threads ---------------------------------------------------------------------------

# sender=Thread; thread: Thread, opening_post: Post, by: Member
thread_asked = Signal()

# sender=Thread; thread: Thread, by: Member, pinned: bool (False when unpinned)
thread_pinned = Signal()

# sender=Thread; thread: Thread, by: Member, locked: bool (False when unlocked), reason: str
thread_locked = Signal()

# sender=Thread; thread: Thread, by: Member, from_space: Space, to_space: Space
thread_moved = Signal()

# sender=Thread; thread: Thread, by: Member (a regular or moderator, not the author),
# old_title: str, old_tags: list[str], tags: list[str] (tag names; title is thread.title)
thread_retitled = Signal()

# sender=Thread; duplicate: Thread (now locked, merged_into=into), into: Thread, by: Member,
# reason: str (shown publicly), moved_answers: list[int] (ids of the answers now in `into`)
threads_merged = Signal()

# sender=Thread; thread: Thread, by: Member, from_kind: str, to_kind: str (ThreadKind values)
thread_kind_changed = Signal()

# sender=Thread; thread: Thread, by: Member (the moderator), reason: str
# (sent with post_hidden when its opening post is hidden; by may be None as there)
thread_hidden = Signal()

# sender=Thread; thread: Thread, by: Member (with post_unhidden for its opening post)
thread_unhidden = Signal()

# sender=Thread; thread: Thread, by: Member (with post_deleted for its opening post)
thread_deleted = Signal()

# sender=Thread; thread: Thread, by: Member (staff; with post_restored for its opening post)
thread_restored = Signal()

# sender=Thread; thread: Thread, change: IdeaStatusChange, by: Member
idea_status_changed = Signal()

# sender=Thread; thread: Thread, by: Member, added: bool (False when taken back)
me_too_changed = Signal()

# --- posts -----------------------------------------------------------------------------

# sender=Post; post: Post (an answer), thread: Thread, by: Member
answer_posted = Signal()

# sender=Post; post: Post, by: Member (the editor), revision: PostRevision
post_edited = Signal()

# sender=Post; post: Post, by: Member
post_deleted = Signal()

# sender=Post; post: Post, by: Member (staff), reason: str
post_restored = Signal()

# sender=Post; post: Post, by: Member (the moderator), reason: str (shown publicly).
# by is None (and reason a system reason) when the spam rules hold a post, and the
# reporter whose flag reached a threshold when flags hide it (community.services.flags)
post_hidden = Signal()

# sender=Post; post: Post, by: Member (the moderator)
post_unhidden = Signal()

# sender=Post; post: Post (its body, and its thread's title, with the text replaced by
# community.markdown.REDACTION_MARKER), by: Member (the moderator), revisions: int (how many
# stored revisions had the text). The removed text itself is never passed on.
post_redacted = Signal()

# sender=Post; post: Post, by: Member (who voted), added: bool (False when taken back)
post_voted = Signal()

# sender=Thread; thread: Thread, answer: Post, by: Member, previous: Post | None
answer_accepted = Signal()

# sender=Thread; thread: Thread, answer: Post (the former solution), by: Member
# (also sent when the solution is hidden or deleted; by None when the system held it)
answer_unaccepted = Signal()

# sender=Post; post: Post (a solution), by: Member, added: bool
solved_too_changed = Signal()

# sender=Post; post: Post, by: Member (staff), endorsed: bool
answer_endorsed = Signal()

# --- members ---------------------------------------------------------------------------

# sender=Member; member: Member, by: Member | None (None: the system), previous: int,
# level: int (TrustLevel values), reason: str
trust_level_changed = Signal()

# sender=Member; member: Member, by: Member | None (None: the system), is_staff: bool, reason: str
staff_status_changed = Signal()

# sender=Member; member: Member, day: date (the member's calendar day). Sent once per member
# and day, when the first request of that day records the visit (community.services.reading)
visit_day_started = Signal()

# --- searches -----------------------------------------------------------------------------

# sender=SearchResults (community.searching); query: str (as typed, cleaned by
# community.searching.clean_query; it may hold personal data, so a receiver that stores it
# must check), source: str ("site": the site search; a search narrowed to another app's
# documents says that app's SearchProvider.search_source, "kb" for knowledge-base articles),
# language: str (the reader's language code), result_count: int (matches found; 0: the
# search found nothing). Sent for the first page of a search that ran (not for an empty
# query, a later page or a refused search). No member is passed: who searched is nobody's
# business.
search_performed = Signal()

# --- moderation actions ------------------------------------------------------------------

# sender=Thread; thread: Thread (the one split), new_thread: Thread, by: Member,
# reason: str (shown publicly), moved_answers: list[int] (ids of the posts now in new_thread;
# the first is its opening post)
thread_split = Signal()

# sender=Thread; thread: Thread, original: Thread | None (None when reopened), by: Member,
# reason: str, closed: bool (False when reopened)
thread_closed_as_duplicate = Signal()

# sender=Member; member: Member, by: Member, until: datetime | None (None when lifted),
# reason: str
member_silenced = Signal()

# sender=Member; member: Member, by: Member, until: datetime | None (None when lifted;
# community.services.moderation.SUSPENDED_FOREVER for a permanent one), reason: str
member_suspended = Signal()
# --- flags and the review queue -------------------------------------------------------------

# sender=Post; post: Post, flag: Flag (reporter None: the spam rules or a re-review hold),
# by: Member | None (the reporter; None: the system)
post_flagged = Signal()

# sender=Post; post: Post, by: Member (the reviewer), decision: str ("agreed", "disagreed"
# or "ignored", FlagStatus values), flags: list[Flag] (the flags this decision resolved)
flags_resolved = Signal()
# --- private messages to the support team -------------------------------------------------

# sender=SupportCase; case: SupportCase, message: CaseMessage (the first), by: Member (the author)
case_opened = Signal()

# sender=SupportCase; case: SupportCase, message: CaseMessage, by: Member (the author or staff)
case_replied = Signal()

# sender=SupportCase; case: SupportCase, by: Member (the author or staff)
case_closed = Signal()
# --- escalation to the support team (community.escalation) ---------------------------------

# sender=Thread; thread: Thread, tier: str (RoutingTier value), by: None (always the system).
# Sent once per thread and tier when an unanswered question is put in front of super users
# or the support team is alerted before its target is missed.
question_routed = Signal()

# sender=Escalation; escalation: Escalation, reasons: list[str] (EscalationReason values that
# this call added), created: bool (False: another reason was added to the open escalation),
# by: Member | None (None: the system, e.g. the every-minute sweep)
thread_escalated = Signal()

# sender=Escalation; escalation: Escalation, event: EscalationEvent (kind says what changed:
# priority, assignee, status, note, a reply in the private conversation, a helpdesk ticket),
# by: Member | None (None: the system or the helpdesk)
escalation_changed = Signal()

# sender=Escalation; escalation: Escalation, post: Post | None (the resolution, posted as an
# official answer; None when staff resolved without a public answer), by: Member | None
escalation_resolved = Signal()

# sender=SatisfactionSurvey; survey: SatisfactionSurvey (score and comment set), by: Member
survey_answered = Signal()

# --- known issues ------------------------------------------------------------------------

# sender=KnownIssue; known_issue: KnownIssue, update: KnownIssueUpdate (the first one when
# created), created: bool, by: Member (staff)
known_issue_updated = Signal()

# sender=Thread; thread: Thread, known_issue: KnownIssue | None (None: unlinked), by: Member
thread_linked_to_known_issue = Signal()

# --- invitations (community.services.invitations) ------------------------------------------

# sender=Invitation; invitation: Invitation (pending; its e-mail goes out after commit),
# by: Member (the inviter). The address is personal data: receivers must not store it.
invitation_sent = Signal()

# sender=Invitation; invitation: Invitation (accepted, address already erased),
# member: Member (who joined), by: Member (the same new member: accepting is their act)
invitation_accepted = Signal()

# sender=Invitation; invitation: Invitation (revoked, address already erased), by: Member
# (the inviter, or staff in the Django admin)
invitation_revoked = Signal()
