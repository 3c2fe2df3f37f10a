"""Who may do what: the one place that decides.

Predicates (the ``rules`` package) answer yes/no through ``can()`` for views,
templates (``{% can "community.answer" thread as may_answer %}``) and a future
API alike; ``check_*``
functions raise PermissionDenied with a translated reason. Trust levels are
compared here and nowhere else. What a member may not see raises Http404, so
"hidden" and "never existed" look the same.
"""

from dataclasses import dataclass
from datetime import timedelta

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import (
    STAFF_ONLY_KINDS,
    Flag,
    Member,
    MemberVisit,
    Post,
    Thread,
    ThreadKind,
    TrustLevel,
)
from community.models.flags import SPAM_REASONS
from community.replies import is_me_too_reply as says_only_me_too

# A super user (not staff) chooses the solution for an asker only after this long away.
ASKER_AWAY_DAYS = 7
# Links a post of a member who may not post many may hold (counted as the renderer sees them).
FEW_LINKS = 2

# --- who ---------------------------------------------------------------------------


@rules.predicate
def is_signed_in(member) -> bool:
    return bool(member is not None and member.is_authenticated and member.is_active)


@rules.predicate
def is_staff(member) -> bool:
    return bool(is_signed_in(member) and member.is_staff)


def has_trust_level(level: TrustLevel):
    @rules.predicate(name=f"has_trust_level_{int(level)}")
    def predicate(member) -> bool:
        return bool(is_signed_in(member) and (member.trust_level >= level or member.is_staff))

    return predicate


# Privileges that trust levels unlock (gamification moves members between levels).
is_new_member = has_trust_level(TrustLevel.NEW)
is_basic_member = has_trust_level(TrustLevel.BASIC)
is_full_member = has_trust_level(TrustLevel.MEMBER)
is_regular = has_trust_level(TrustLevel.REGULAR)
is_super_user = has_trust_level(TrustLevel.LEADER)
is_moderator = is_staff | is_super_user


@rules.predicate
def is_same_member(member, target: Member) -> bool:
    return bool(is_signed_in(member) and member.pk == target.pk)


@rules.predicate
def is_author(member, obj) -> bool:
    return bool(is_signed_in(member) and obj.author_id == member.pk)


@rules.predicate
def is_inviter(member, invitation) -> bool:
    return bool(is_signed_in(member) and invitation.inviter_id == member.pk)


@rules.predicate
def is_thread_author(member, post: Post) -> bool:
    return bool(is_signed_in(member) and post.thread.author_id == member.pk)


@rules.predicate
def can_use_django_admin(member) -> bool:
    """Staff status opens the Django admin, but it shows nothing without a permission there:
    only members who can do something in it get a link to it."""
    return bool(is_staff(member) and (member.is_superuser or member.get_all_permissions()))


# --- sanctions (community.services.moderation) ----------------------------------------


def silenced_until(member):
    """When the member's silencing ends, or None when they are not silenced now."""
    until = getattr(member, "silenced_until", None)
    if until is None or not is_signed_in(member) or until <= timezone.now():
        return None
    return until


def suspended_until(member):
    """When the member's suspension ends, or None when they are not suspended now."""
    until = getattr(member, "suspended_until", None)
    if until is None or until <= timezone.now():
        return None
    return until


@rules.predicate
def is_silenced(member) -> bool:
    """Silenced members read but do not post: ask, answer, edit, vote, flag, upload."""
    return silenced_until(member) is not None


@rules.predicate
def is_suspended(member) -> bool:
    """Suspended members cannot sign in (community.adapters, community.middleware)."""
    return bool(member is not None and member.is_authenticated and suspended_until(member))


@rules.predicate
def target_is_staff(member, target: Member) -> bool:
    return bool(target.is_staff)


# --- what ---------------------------------------------------------------------------


@rules.predicate
def thread_is_open_for_posts(member, thread: Thread) -> bool:
    return thread.deleted_at is None and (not thread.is_locked or is_staff(member))


@rules.predicate
def post_thread_is_writable(member, post: Post) -> bool:
    return thread_is_open_for_posts(member, post.thread)


@rules.predicate
def is_question_answer(member, post: Post) -> bool:
    return (
        not post.is_opening
        and post.thread.kind in (ThreadKind.QUESTION, ThreadKind.KNOWN_ISSUE)
        and post.is_visible
    )


@rules.predicate
def is_official_post(member, post: Post) -> bool:
    return post.is_official


@rules.predicate
def invites_me_too(member, thread: Thread) -> bool:
    """“Me too” fits problems and wishes, not announcements."""
    return thread.kind != ThreadKind.ANNOUNCEMENT


@rules.predicate
def is_invitable_thread(member, thread: Thread | None) -> bool:
    """An invitation leads to a thread anyone may read, neither deleted, merged nor hidden
    (asked without a thread, the invitation is to the community as a whole)."""
    if thread is None:
        return True
    return bool(
        is_open_thread(member, thread) and thread.hidden_at is None and thread.space.is_active
    )


@rules.predicate
def is_solution(member, post: Post) -> bool:
    return post.thread.solution_id == post.pk


@rules.predicate
def is_deletable_by_author(member, post: Post) -> bool:
    """Authors delete an opening post while nobody answered, and any answer but a solution."""
    if post.deleted_at is not None:
        return False
    if post.is_opening:
        return post.thread.answer_count == 0
    return post.thread.solution_id != post.pk


@rules.predicate
def is_not_deleted(member, post: Post) -> bool:
    return post.deleted_at is None


@rules.predicate
def is_open_thread(member, thread: Thread) -> bool:
    """Neither deleted nor merged into another thread: there is something to work on."""
    return thread.deleted_at is None and thread.merged_into_id is None


@rules.predicate
def asker_is_away(member, post: Post) -> bool:
    """The asker has neither visited nor posted for ASKER_AWAY_DAYS: super users may choose
    the solution for them. Asked once per thread object (a page's posts share it)."""
    thread = post.thread
    if "asker_is_away" not in thread.__dict__:
        thread.__dict__["asker_is_away"] = is_away(member_id=thread.author_id)
    return thread.__dict__["asker_is_away"]


def is_away(*, member_id: int) -> bool:
    """No visit day and no post in the last ASKER_AWAY_DAYS days (one query). Visit days
    are the member's own calendar days: a day's margin keeps time zones from cutting short."""
    since = timezone.now() - timedelta(days=ASKER_AWAY_DAYS)
    recent_visit = MemberVisit.objects.filter(
        member_id=OuterRef("pk"), day__gte=since.date() - timedelta(days=1)
    )
    recent_post = Post.objects.filter(author_id=OuterRef("pk"), created_at__gte=since)
    return not (
        Member.objects.filter(pk=member_id)
        .filter(Exists(recent_visit) | Exists(recent_post))
        .exists()
    )


@rules.predicate
def is_idea(member, thread: Thread) -> bool:
    return thread.kind == ThreadKind.IDEA


@rules.predicate
def is_idea_opening_post(member, post: Post) -> bool:
    """An idea is voted for with “I want this too”, not also marked helpful."""
    return post.is_opening and post.thread.kind == ThreadKind.IDEA


@rules.predicate
def is_me_too_reply(member, post: Post) -> bool:
    """An answer that only says “me too” (community.replies): no solution to accept or
    recommend."""
    return not post.is_opening and says_only_me_too(post.body)


@rules.predicate
def is_endorsed(member, post: Post) -> bool:
    return post.endorsed_by_id is not None


@rules.predicate
def is_visible_post(member, post: Post) -> bool:
    return post.is_visible


@rules.predicate
def is_answer_in_deleted_thread(member, post: Post) -> bool:
    """Such an answer comes back with its thread, not on its own."""
    return not post.is_opening and post.thread.deleted_at is not None


# --- what each trust level unlocks -------------------------------------------------------


@dataclass(frozen=True)
class Privilege:
    """A privilege a trust level unlocks: the rules below grant it with ``has_trust_level``
    of the same level, and /trust-levels/ lists it from here. Only what the product does."""

    level: TrustLevel
    description: str
    perms: tuple[str, ...]


PRIVILEGES = [
    Privilege(
        TrustLevel.NEW,
        format_lazy(
            gettext_lazy("Ask questions and answer them (at most {links} links, no images)"),
            links=FEW_LINKS,
        ),
        ("community.ask", "community.answer"),
    ),
    Privilege(
        TrustLevel.BASIC,
        format_lazy(gettext_lazy("Add images and more than {links} links"), links=FEW_LINKS),
        ("community.post_images", "community.upload_image", "community.post_many_links"),
    ),
    Privilege(
        TrustLevel.BASIC,
        gettext_lazy("Create new tags"),
        ("community.create_tags",),
    ),
    Privilege(
        TrustLevel.BASIC,
        gettext_lazy("Flag posts for the moderators (spam, abuse, personal data …)"),
        ("community.flag_post",),
    ),
    Privilege(
        TrustLevel.MEMBER,
        gettext_lazy("Say “I have this problem too” and vote for ideas"),
        ("community.me_too",),
    ),
    Privilege(
        TrustLevel.MEMBER,
        gettext_lazy("Invite people by e-mail to join, or to help with a thread"),
        ("community.invite_members",),
    ),
    Privilege(
        TrustLevel.REGULAR,
        gettext_lazy("Edit the title and tags of other members’ threads"),
        ("community.retitle_thread",),
    ),
    Privilege(
        TrustLevel.REGULAR,
        gettext_lazy("Move threads to another space"),
        ("community.move_thread",),
    ),
    Privilege(
        TrustLevel.REGULAR,
        gettext_lazy("Review spam flags and held posts in the review queue"),
        ("community.review_spam",),
    ),
    Privilege(
        TrustLevel.LEADER,
        gettext_lazy("Review every flag in the review queue"),
        ("community.review_flags",),
    ),
    Privilege(
        TrustLevel.LEADER,
        gettext_lazy("Hide and unhide posts, with a public reason"),
        ("community.hide_post",),
    ),
    Privilege(
        TrustLevel.LEADER,
        gettext_lazy("Lock and unlock threads"),
        ("community.lock_thread",),
    ),
    Privilege(
        TrustLevel.LEADER,
        gettext_lazy("Merge a duplicate thread into the original"),
        ("community.merge_threads",),
    ),
    Privilege(
        TrustLevel.LEADER,
        format_lazy(
            gettext_lazy("Mark the solution for an asker who has been away for {days} days"),
            days=ASKER_AWAY_DAYS,
        ),
        ("community.accept_answer",),
    ),
    Privilege(
        TrustLevel.LEADER,
        gettext_lazy("Split answers into a new thread and close duplicates"),
        ("community.split_thread", "community.close_as_duplicate"),
    ),
    Privilege(
        TrustLevel.LEADER,
        gettext_lazy("Silence a member for a while, with a reason"),
        ("community.silence_member",),
    ),
    Privilege(
        TrustLevel.LEADER,
        gettext_lazy("Redact personal data from a post and every stored copy of it"),
        ("community.redact_post",),
    ),
    Privilege(
        TrustLevel.LEADER,
        gettext_lazy("A “Super user” flair next to their name on every post"),
        ("community.super_user_flair",),
    ),
]


def privileges_by_level() -> dict[TrustLevel, list[Privilege]]:
    """Every trust level with what it adds to the level below, lowest first."""
    table: dict[TrustLevel, list[Privilege]] = {level: [] for level in TrustLevel}
    for privilege in PRIVILEGES:
        table[privilege.level].append(privilege)
    return table


# --- whom the automatic trust levels move (gamification) -----------------------------------


def has_granted_role(member) -> bool:
    """Super users are named by staff, and staff need no level: recomputing trust levels
    from activity leaves both alone."""
    return bool(member.is_staff or member.trust_level >= TrustLevel.LEADER)


def members_with_earned_levels(members: QuerySet | None = None) -> QuerySet:
    """Active members whose trust level comes from their activity (levels 0–3, not staff)."""
    members = Member.objects.all() if members is None else members
    return members.filter(is_active=True, is_staff=False, trust_level__lt=TrustLevel.LEADER)


def super_users(members: QuerySet | None = None) -> QuerySet:
    """Active members staff made super users (staff themselves are the team, not listed)."""
    members = Member.objects.all() if members is None else members
    return members.filter(is_active=True, is_staff=False, trust_level__gte=TrustLevel.LEADER)


def members_at_trust_level(level: TrustLevel, members: QuerySet | None = None) -> QuerySet:
    """Members who have reached `level` or a higher one (staff by their own level only)."""
    members = Member.objects.all() if members is None else members
    return members.filter(trust_level__gte=level)


# --- members ------------------------------------------------------------------------

rules.add_perm("community.edit_profile", is_same_member | is_staff)
rules.add_perm("community.edit_staff_signature", is_staff)

# --- threads and posts --------------------------------------------------------------

rules.add_perm("community.ask", is_new_member & ~is_silenced)
rules.add_perm("community.create_tags", is_basic_member)
rules.add_perm("community.post_staff_kinds", is_staff)
rules.add_perm("community.answer", is_new_member & ~is_silenced & thread_is_open_for_posts)
# New members' posts carry no images and at most FEW_LINKS links (services count them).
rules.add_perm("community.post_images", is_basic_member)
rules.add_perm("community.post_many_links", is_basic_member)
rules.add_perm(
    "community.edit_post", ((is_author & post_thread_is_writable) | is_staff) & ~is_silenced
)
# Staff also delete others' posts (spam, guideline violations); restoring undoes it.
rules.add_perm(
    "community.delete_post", (is_author & is_deletable_by_author) | (is_staff & is_not_deleted)
)
# Deleting someone else's post asks the moderator why (spam or the guidelines).
rules.add_perm("community.delete_as_moderator", is_staff & ~is_author & is_not_deleted)
# Earlier versions may hold what the author or a moderator took out (personal data, say).
rules.add_perm("community.see_post_history", is_author | is_moderator)
rules.add_perm(
    "community.vote_helpful",
    is_signed_in & ~is_silenced & ~is_author & is_visible_post & ~is_idea_opening_post,
)
rules.add_perm("community.me_too", is_full_member & ~is_silenced & ~is_author & invites_me_too)
# The asker decides (even for their own follow-up: “I found it myself”); staff may decide
# for them, super users once the asker has been away for a week; neither picks their own
# answer. A “me too” reply is no solution; one accepted earlier can still be taken back
# (unaccepting asks this rule too).
rules.add_perm(
    "community.accept_answer",
    is_question_answer
    & (is_thread_author | (is_staff & ~is_author) | (is_super_user & ~is_author & asker_is_away))
    & (is_solution | ~is_me_too_reply),
)
rules.add_perm("community.solved_too", is_signed_in & is_solution & ~is_author & ~is_thread_author)
# The team recommends answers the asker has not accepted (a solution needs no second
# mark) and that say more than “me too”; a recommendation given can always be withdrawn.
rules.add_perm(
    "community.endorse_answer",
    is_staff
    & is_question_answer
    & ~is_official_post
    & (is_endorsed | (~is_solution & ~is_me_too_reply)),
)
# Thread tools, by trust: regulars tidy up (title, tags, space), super users lock and merge,
# pinning and changing a thread's kind stay with the support team. The author edits their
# own title through their opening post.
rules.add_perm("community.retitle_thread", is_regular & ~is_author & is_open_thread)
rules.add_perm("community.move_thread", is_regular & is_open_thread)
rules.add_perm("community.lock_thread", is_super_user & is_open_thread)
rules.add_perm("community.merge_threads", is_super_user & is_open_thread)
rules.add_perm("community.moderate_thread", is_staff)
rules.add_perm("community.hide_post", is_moderator)
rules.add_perm("community.redact_post", is_moderator)
rules.add_perm("community.super_user_flair", is_super_user)
rules.add_perm("community.set_idea_status", is_staff & is_idea)
rules.add_perm("community.follow", is_signed_in)
# Invitations by e-mail (community.services.invitations), optionally to one thread.
rules.add_perm(
    "community.invite_members", is_full_member & ~is_silenced & ~is_suspended & is_invitable_thread
)
rules.add_perm("community.revoke_invitation", is_signed_in & (is_inviter | is_staff))
rules.add_perm("community.upload_image", is_basic_member & ~is_silenced)
rules.add_perm("community.see_staff_queue", is_staff)
rules.add_perm("community.use_admin", can_use_django_admin)
# Nothing is deleted for good: staff bring back what an author deleted (restoring what is
# not deleted changes nothing, so a double click is no error).
rules.add_perm("community.restore_post", is_staff & ~is_answer_in_deleted_thread)
rules.add_perm("community.restore_thread", is_staff)

# --- moderation actions (community.services.moderation) ---
# Super users and staff split threads and close duplicates like they merge them; they
# silence members (never staff, never themselves); suspending is for staff only.
rules.add_perm("community.split_thread", is_super_user & is_open_thread)
rules.add_perm("community.close_as_duplicate", is_super_user & is_open_thread)
rules.add_perm("community.silence_member", is_moderator & ~target_is_staff & ~is_same_member)
rules.add_perm("community.suspend_member", is_staff & ~target_is_staff & ~is_same_member)
rules.add_perm("community.see_audit_log", is_staff)
# --- flags and the review queue ---
# Members flag others' posts they can read, once each (a constraint keeps it once). Staff
# posts may be flagged too (personal data is personal data), but flags never hide them on
# their own: community.services.flags leaves that to a reviewer. Regulars review spam (and
# the spam rules' holds), super users and staff everything.
rules.add_perm("community.flag_post", is_basic_member & ~is_silenced & ~is_author & is_visible_post)
rules.add_perm("community.review_spam", is_regular)
rules.add_perm("community.review_flags", is_super_user)


def can(member, perm: str, obj=None) -> bool:
    """Ask the rules above. Unlike ``member.has_perm`` there is no superuser shortcut:
    an admin may not vote on their own post either."""
    return rules.has_perm(perm, member, obj)


def can_see_hidden_content(member) -> bool:
    return is_moderator(member)


def can_see_retired_spaces(member) -> bool:
    """Threads in a space an admin switched off stay reachable for the support team only."""
    return is_staff(member)


# --- what a member may see, as query filters -----------------------------------------------
# The same rules as check_see_thread_permission / check_see_post_permission below, for lists,
# counts and profiles. Deleted threads are left to the caller (a tombstone page shows them).


def _thread_visibility(member, prefix: str = "") -> Q:
    def field(name: str) -> str:
        return f"{prefix}{name}"

    if can_see_hidden_content(member):
        rule = Q()
    else:
        rule = Q(**{field("hidden_at__isnull"): True})
        if is_signed_in(member):
            rule |= Q(**{field("author"): member})
    if not can_see_retired_spaces(member):
        rule &= Q(**{field("space__is_active"): True})
    return rule


def visible_threads(member, threads: QuerySet | None = None) -> QuerySet:
    """The threads of `threads` (default: all) that `member` may see, deleted ones included."""
    threads = Thread.objects.all() if threads is None else threads
    return threads.filter(_thread_visibility(member))


def visible_posts(member, posts: QuerySet | None = None) -> QuerySet:
    """Posts `member` may read, in threads `member` may see; deleted posts are left out."""
    posts = Post.objects.all() if posts is None else posts
    rule = _thread_visibility(member, prefix="thread__") & Q(
        deleted_at__isnull=True, thread__deleted_at__isnull=True
    )
    if not can_see_hidden_content(member):
        own = Q(author=member) if is_signed_in(member) else Q(pk__in=[])
        rule &= Q(hidden_at__isnull=True) | own
    return posts.filter(rule)


def can_read_post_text(member, post: Post) -> bool:
    """A hidden post's text stays readable for moderators and its author; others see why
    it was hidden instead."""
    if post.hidden_at is None or can_see_hidden_content(member):
        return True
    return bool(is_signed_in(member) and post.author_id == member.pk)


def shows_trust_level(member) -> bool:
    """Whether a member's trust level is worth a badge next to their name (not for new members)."""
    return member.trust_level > TrustLevel.NEW


def shows_super_user_flair(member) -> bool:
    """The “Super user” flair next to a member's name on their posts."""
    return can(member, "community.super_user_flair")


def can_create_tags(member) -> bool:
    return can(member, "community.create_tags")


# --- checks that raise ----------------------------------------------------------------


def _check(member, perm: str, obj, reason: str) -> None:
    if not can(member, perm, obj):
        raise PermissionDenied(reason)


def check_edit_profile_permission(*, member, target: Member) -> None:
    _check(member, "community.edit_profile", target, _("You can only edit your own profile."))


def check_see_thread_permission(*, member, thread: Thread) -> None:
    """Hidden threads exist only for moderators and their author, threads in a switched-off
    space only for staff; everyone else gets a 404."""
    if not thread.space.is_active and not can_see_retired_spaces(member):
        raise Http404
    if thread.hidden_at is None or can_see_hidden_content(member):
        return
    if is_signed_in(member) and thread.author_id == member.pk:
        return
    raise Http404


def check_see_post_permission(*, member, post: Post) -> None:
    check_see_thread_permission(member=member, thread=post.thread)
    if post.hidden_at is None or can_see_hidden_content(member):
        return
    if is_signed_in(member) and post.author_id == member.pk:
        return
    raise Http404


def check_ask_permission(*, member, kind: str) -> None:
    check_not_silenced(member=member)
    _check(member, "community.ask", None, _("Sign in to ask a question."))
    if kind in STAFF_ONLY_KINDS:
        _check(
            member,
            "community.post_staff_kinds",
            None,
            _("Only the support team posts announcements and known issues."),
        )


def check_answer_permission(*, member, thread: Thread) -> None:
    if thread.is_locked and not is_staff(member):
        raise PermissionDenied(_("This thread is locked: no new answers."))
    check_not_silenced(member=member)
    _check(member, "community.answer", thread, _("Sign in to answer."))


def check_edit_post_permission(*, member, post: Post) -> None:
    if is_author(member, post) and not post_thread_is_writable(member, post):
        raise PermissionDenied(_("This thread is locked: its posts can no longer be edited."))
    check_not_silenced(member=member)
    _check(member, "community.edit_post", post, _("You can only edit your own posts."))


def check_see_post_history_permission(*, member, post: Post) -> None:
    _check(
        member,
        "community.see_post_history",
        post,
        _("Only the author and moderators can see earlier versions of a post."),
    )


def check_delete_post_permission(*, member, post: Post) -> None:
    if (
        is_author(member, post)
        and not is_deletable_by_author(member, post)
        and not is_staff(member)
    ):
        if post.is_opening:
            raise PermissionDenied(_("A question that has answers cannot be deleted any more."))
        raise PermissionDenied(_("The accepted solution cannot be deleted."))
    _check(member, "community.delete_post", post, _("You can only delete your own posts."))


def check_vote_helpful_permission(*, member, post: Post) -> None:
    if is_author(member, post):
        raise PermissionDenied(_("You cannot mark your own post as helpful."))
    if is_idea_opening_post(member, post):
        raise PermissionDenied(_("Vote for an idea with “I want this too”."))
    check_not_silenced(member=member)
    _check(member, "community.vote_helpful", post, _("Sign in to mark posts as helpful."))


def check_me_too_permission(*, member, thread: Thread) -> None:
    if is_author(member, thread):
        raise PermissionDenied(_("This is your own thread."))
    check_not_silenced(member=member)
    if is_signed_in(member) and not is_full_member(member):
        raise PermissionDenied(
            _("You can say “me too” once you reach the trust level “%(level)s”.")
            % {"level": TrustLevel.MEMBER.label}
        )
    _check(member, "community.me_too", thread, _("Sign in to say you have this problem too."))


def check_accept_answer_permission(*, member, answer: Post) -> None:
    if is_me_too_reply(member, answer) and not is_solution(member, answer):
        raise PermissionDenied(_("A reply that only says “me too” cannot be the solution."))
    if (
        is_super_user(member)
        and not is_staff(member)
        and not is_thread_author(member, answer)
        and not is_author(member, answer)
        and is_question_answer(member, answer)
        and not asker_is_away(member, answer)
    ):
        raise PermissionDenied(
            _(
                "The asker has been here in the last %(days)s days: leave the choice of the "
                "solution to them. Super users choose only for askers who have been away "
                "that long."
            )
            % {"days": ASKER_AWAY_DAYS}
        )
    _check(
        member,
        "community.accept_answer",
        answer,
        _("Only the person who asked (or a moderator) can choose the solution."),
    )


def check_solved_too_permission(*, member, post: Post) -> None:
    _check(
        member,
        "community.solved_too",
        post,
        _("Only other members can say that the solution solved their problem too."),
    )


def check_endorse_answer_permission(*, member, post: Post) -> None:
    if is_staff(member) and not is_endorsed(member, post):
        if is_solution(member, post):
            raise PermissionDenied(_("The accepted solution needs no recommendation."))
        if is_me_too_reply(member, post):
            raise PermissionDenied(_("A reply that only says “me too” is nothing to recommend."))
    _check(
        member, "community.endorse_answer", post, _("Only the support team can recommend answers.")
    )


def check_moderate_thread_permission(*, member, thread: Thread) -> None:
    _check(member, "community.moderate_thread", thread, _("Only the support team can do that."))


def check_retitle_thread_permission(*, member, thread: Thread) -> None:
    if is_author(member, thread):
        raise PermissionDenied(_("Edit your own title and tags through your question."))
    _check(
        member,
        "community.retitle_thread",
        thread,
        _("Regulars and moderators can edit the title and tags of others’ threads."),
    )


def check_move_thread_permission(*, member, thread: Thread) -> None:
    _check(
        member,
        "community.move_thread",
        thread,
        _("Regulars and moderators can move threads to another space."),
    )


def check_lock_thread_permission(*, member, thread: Thread) -> None:
    _check(member, "community.lock_thread", thread, _("Only moderators can lock threads."))


def check_merge_threads_permission(*, member, thread: Thread) -> None:
    _check(member, "community.merge_threads", thread, _("Only moderators can merge threads."))


def check_hide_post_permission(*, member, post: Post) -> None:
    _check(member, "community.hide_post", post, _("Only moderators can hide posts."))


def check_redact_post_permission(*, member, post: Post) -> None:
    _check(member, "community.redact_post", post, _("Only moderators can redact posts."))


def check_set_idea_status_permission(*, member, thread: Thread) -> None:
    _check(
        member,
        "community.set_idea_status",
        thread,
        _("Only the support team sets an idea’s status."),
    )


def check_restore_post_permission(*, member, post: Post) -> None:
    if is_staff(member) and is_answer_in_deleted_thread(member, post):
        raise PermissionDenied(
            _("Restore the thread first: this answer belongs to a deleted thread.")
        )
    _check(
        member,
        "community.restore_post",
        post,
        _("Only the support team can restore deleted posts."),
    )


def check_restore_thread_permission(*, member, thread: Thread) -> None:
    _check(
        member,
        "community.restore_thread",
        thread,
        _("Only the support team can restore deleted threads."),
    )


def check_flag_post_permission(*, member, post: Post) -> None:
    if is_author(member, post):
        raise PermissionDenied(_("You cannot flag your own post."))
    if is_signed_in(member) and not is_basic_member(member):
        raise PermissionDenied(
            _("You can flag posts once you reach the trust level “%(level)s”.")
            % {"level": TrustLevel.BASIC.label}
        )
    check_not_silenced(member=member)
    _check(member, "community.flag_post", post, _("Sign in to flag posts."))


def flag_hides_spam_at_once(member) -> bool:
    """A spam flag of a regular (or anyone above) hides the post without waiting for
    two more."""
    return is_regular(member)


def posts_are_screened(member) -> bool:
    """New members' posts pass the spam rules (community.services.spam) before they show."""
    return bool(is_signed_in(member) and not is_basic_member(member))


def may_review(member) -> bool:
    """Whether `member` works in the review queue at all (its link in the header)."""
    return can(member, "community.review_spam")


def reviews_only_spam(member) -> bool:
    """Regulars see the spam part of the queue; super users and staff see all of it."""
    return not can(member, "community.review_flags")


def check_review_permission(*, member) -> None:
    _check(
        member,
        "community.review_spam",
        None,
        _("The review queue is for regulars, super users and the support team."),
    )


def check_resolve_flags_permission(*, member, post: Post) -> None:
    """Regulars decide on posts whose pending flags are all about spam; super users and
    staff on every post."""
    check_review_permission(member=member)
    if not reviews_only_spam(member):
        return
    other = Flag.objects.pending().filter(post=post).exclude(reason__in=SPAM_REASONS)
    if other.exists():
        raise PermissionDenied(_("Only super users and staff review flags other than spam."))


def check_follow_permission(*, member) -> None:
    _check(member, "community.follow", None, _("Sign in to follow."))


def check_upload_image_permission(*, member) -> None:
    check_not_silenced(member=member)
    signed_in = is_signed_in(member)
    reason = new_member_images_message() if signed_in else _("Sign in to upload images.")
    _check(member, "community.upload_image", None, reason)


def new_member_images_message() -> str:
    return _(
        "New members cannot add images yet: you can once you reach the trust level "
        "“%(level)s”. Describe what you see in words for now."
    ) % {"level": TrustLevel.BASIC.label}


def new_member_links_message(*, count: int) -> str:
    return _(
        "This post has %(count)s links; new members may use at most %(limit)s. You can use "
        "more once you reach the trust level “%(level)s”."
    ) % {"count": count, "limit": FEW_LINKS, "level": TrustLevel.BASIC.label}


def check_post_content(
    *, member, links_and_images: tuple[int, int], before: tuple[int, int]
) -> None:
    """Raise ValidationError (the form shows it, with the text as typed) when `member` may
    not post this many links or images. `before` is what the post held until now: an edit
    never has to take out what someone else (staff, say) put in."""
    links, images = links_and_images
    links_before, images_before = before
    if images > images_before and not can(member, "community.post_images"):
        raise ValidationError(new_member_images_message(), code="images_not_allowed")
    if links > max(FEW_LINKS, links_before) and not can(member, "community.post_many_links"):
        raise ValidationError(new_member_links_message(count=links), code="too_many_links")


# --- many posts at once --------------------------------------------------------------------

POST_ACTIONS = {
    "can_edit": "community.edit_post",
    "can_delete": "community.delete_post",
    "can_delete_as_moderator": "community.delete_as_moderator",
    "can_see_history": "community.see_post_history",
    "can_vote": "community.vote_helpful",
    "can_accept": "community.accept_answer",
    "can_solved_too": "community.solved_too",
    "can_endorse": "community.endorse_answer",
    "can_hide": "community.hide_post",
    "can_redact": "community.redact_post",
    "can_restore": "community.restore_post",
    "can_flag": "community.flag_post",
}


def _post_facts(member, post: Post) -> tuple:
    """Everything the post predicates above read about `post`, as a hashable key.

    Posts with the same facts get the same answers, so a page of 200 answers asks the
    rules once per kind of post. Extend this when a predicate reads something new;
    tests/community/test_permissions.py compares it with asking every post.
    """
    thread = post.thread
    return (
        post.author_id == member.pk,
        thread.author_id == member.pk,
        post.is_opening,
        post.is_official,
        post.endorsed_by_id is None,
        not post.is_opening and says_only_me_too(post.body),
        post.hidden_at is None,
        post.deleted_at is None,
        thread.solution_id == post.pk,
        thread.kind,
        thread.is_locked,
        thread.deleted_at is None,
        thread.answer_count == 0,
    )


def annotate_post_permissions(member, posts) -> None:
    """Set ``post.can_edit`` … (and ``post.can_read`` for a hidden post's text,
    ``post.invites_helpful`` for the helpful button) on each post in one pass, so templates
    only read flags.

    Visitors can do none of it; their page skips the rules entirely.
    """
    for post in posts:
        post.can_read = can_read_post_text(member, post)
        # Whether anyone may mark it helpful (a visitor sees a link to log in and vote).
        post.invites_helpful = not is_idea_opening_post(member, post)
    if not is_signed_in(member):
        for post in posts:
            for flag in POST_ACTIONS:
                setattr(post, flag, False)
        return
    answers: dict[tuple, dict[str, bool]] = {}
    for post in posts:
        key = _post_facts(member, post)
        if key not in answers:
            answers[key] = {flag: can(member, perm, post) for flag, perm in POST_ACTIONS.items()}
        for flag, allowed in answers[key].items():
            setattr(post, flag, allowed)


# --- rate limits (community/services/ratelimits.py) ------------------------------------------
# Who counts against which numbers; the numbers themselves are in the admin (Limits).


def is_exempt_from_rate_limits(member) -> bool:
    """Staff post, vote and search as often as their work needs."""
    return bool(is_staff(member))


def has_new_member_rate_limits(member) -> bool:
    """Trust level 0: more time between posts, a few posts on the first day, few mentions."""
    return bool(is_signed_in(member) and not is_basic_member(member))


def rate_limit_multiplier(member) -> int:
    """How many times the daily counts (threads, helpful votes, flags) a member gets:
    twice from trust level 2 on."""
    return 2 if is_full_member(member) else 1


# --- moderation actions (community.services.moderation) -------------------------------------


def silenced_message(*, member) -> str:
    """What a silenced member reads wherever they would post: why, and until when (in their
    time zone, which the request activated)."""
    until = silenced_until(member)
    return _(
        "You are silenced until %(until)s: you can read, but not post, vote, flag or upload. "
        "Reason: %(reason)s"
    ) % {
        "until": date_format(timezone.localtime(until), "DATETIME_FORMAT"),
        "reason": member.silence_reason,
    }


def check_not_silenced(*, member) -> None:
    if is_silenced(member):
        raise PermissionDenied(silenced_message(member=member))


def check_invite_permission(*, member, thread: Thread | None = None) -> None:
    """May `member` invite someone by e-mail (to `thread`, when given)?"""
    check_not_silenced(member=member)
    if is_signed_in(member) and not is_full_member(member):
        raise PermissionDenied(
            _("You can invite people once you reach the trust level “%(level)s”.")
            % {"level": TrustLevel.MEMBER.label}
        )
    if thread is not None and is_signed_in(member) and not is_invitable_thread(member, thread):
        raise PermissionDenied(_("Nobody can be invited to this thread."))
    _check(member, "community.invite_members", thread, _("Sign in to invite people."))


def check_revoke_invitation_permission(*, member, invitation) -> None:
    """Only the inviter (and staff) know an invitation exists: 404 for everyone else."""
    if not can(member, "community.revoke_invitation", invitation):
        raise Http404


def check_split_thread_permission(*, member, thread: Thread) -> None:
    _check(member, "community.split_thread", thread, _("Only moderators can split threads."))


def check_close_as_duplicate_permission(*, member, thread: Thread) -> None:
    _check(
        member,
        "community.close_as_duplicate",
        thread,
        _("Only moderators can close a thread as a duplicate."),
    )


def check_silence_member_permission(*, member, target: Member) -> None:
    _check(
        member,
        "community.silence_member",
        target,
        _("Moderators can silence members, but not staff members or themselves."),
    )


def check_suspend_member_permission(*, member, target: Member) -> None:
    _check(
        member,
        "community.suspend_member",
        target,
        _("Only the support team can suspend members, and not staff members or themselves."),
    )


def check_see_audit_log_permission(*, member) -> None:
    _check(member, "community.see_audit_log", None, _("Only the support team sees the audit log."))


# --- private messages to the support team ---------------------------------------------------
# A case is read by its author and staff only; to everyone else it does not exist (404).

rules.add_perm("community.see_case", is_author | is_staff)
rules.add_perm("community.reply_case", is_author | is_staff)
rules.add_perm("community.close_case", is_author | is_staff)
rules.add_perm("community.see_staff_cases", is_staff)
rules.add_perm("community.open_case", is_signed_in)


def check_open_case_permission(*, member) -> None:
    _check(member, "community.open_case", None, _("Sign in to write to the support team."))


def check_see_case_permission(*, member, case) -> None:
    if not can(member, "community.see_case", case):
        raise Http404


def check_reply_case_permission(*, member, case) -> None:
    check_see_case_permission(member=member, case=case)
    _check(member, "community.reply_case", case, _("You cannot reply to this message."))


def check_close_case_permission(*, member, case) -> None:
    check_see_case_permission(member=member, case=case)
    _check(member, "community.close_case", case, _("You cannot close this message."))


def check_see_staff_cases_permission(*, member) -> None:
    _check(
        member,
        "community.see_staff_cases",
        None,
        _("Only the support team reads the private messages."),
    )


# --- escalation to the support team: routing (community.escalation.services, .routing) ----
# The asker asks for the support team once the community could not help (someone answered
# without solving it, or the first-response target passed); super users and staff escalate
# any question with a note; super users and staff see the unanswered questions routed to them.


def open_escalation_of(thread: Thread):
    """`thread`'s open escalation or None; asked once per thread object (the thread page
    sets it from its own query)."""
    if "open_escalation" not in thread.__dict__:
        from community.models import Escalation

        thread.__dict__["open_escalation"] = (
            Escalation.objects.open().filter(thread_id=thread.pk).first()
        )
    return thread.__dict__["open_escalation"]


@rules.predicate
def is_asker(member, thread: Thread) -> bool:
    return bool(is_signed_in(member) and thread.author_id == member.pk)


@rules.predicate
def is_escalatable_question(member, thread: Thread) -> bool:
    """A question that still exists on its own: neither deleted nor merged away."""
    return (
        thread.kind == ThreadKind.QUESTION
        and thread.deleted_at is None
        and thread.merged_into_id is None
    )


@rules.predicate
def is_unsolved_open_question(member, thread: Thread) -> bool:
    return is_escalatable_question(member, thread) and not thread.is_solved and not thread.is_locked


@rules.predicate
def has_no_open_escalation(member, thread: Thread) -> bool:
    return open_escalation_of(thread) is None


@rules.predicate
def community_could_not_help(member, thread: Thread) -> bool:
    """Someone else answered (and, the thread being unsolved, it did not solve it), or the
    first-response target has passed."""
    if thread.first_response_at is not None:
        return True
    from community.escalation.business_time import NoBusinessHours
    from community.escalation.targets import first_response_due

    try:
        return first_response_due(thread) <= timezone.now()
    except NoBusinessHours:
        return False


rules.add_perm(
    "community.request_support",
    is_asker & is_unsolved_open_question & has_no_open_escalation & community_could_not_help,
)
rules.add_perm("community.escalate_thread", is_super_user & is_escalatable_question)
rules.add_perm("community.see_unanswered", is_super_user)


def check_request_support_permission(*, member, thread: Thread) -> None:
    if is_asker(member, thread) and is_unsolved_open_question(member, thread):
        if not has_no_open_escalation(member, thread):
            raise PermissionDenied(_("Our support team is already looking into this question."))
        if not community_could_not_help(member, thread):
            raise PermissionDenied(
                _(
                    "You can ask for the support team once someone has answered or when the "
                    "time we aim to answer in has passed."
                )
            )
    _check(
        member,
        "community.request_support",
        thread,
        _("Only the asker can ask for the support team, on an open question not solved yet."),
    )


def check_escalate_thread_permission(*, member, thread: Thread) -> None:
    _check(
        member,
        "community.escalate_thread",
        thread,
        _("Only super users and the support team escalate questions to the support team."),
    )


def check_see_unanswered_permission(*, member) -> None:
    _check(
        member,
        "community.see_unanswered",
        None,
        _("The unanswered questions are for super users and the support team."),
    )


# --- support desk (community.escalation.desk) -------------------------------------------------
# The support team works escalations at /support/; to everyone else the desk does not exist.

rules.add_perm("community.work_escalations", is_staff)


def check_work_escalations_permission(*, member) -> None:
    """Staff only; anyone else gets a 404, as for the other staff pages."""
    if not can(member, "community.work_escalations"):
        raise Http404


# --- webhooks to a helpdesk (community.escalation.webhooks) --------------------------------
# The support team sees every webhook's deliveries at /support/webhooks/ and can send one
# again; to everyone else the page does not exist (404).

rules.add_perm("community.see_webhooks", is_staff)
rules.add_perm("community.redeliver_webhook", is_staff)


def check_see_webhooks_permission(*, member) -> None:
    if not can(member, "community.see_webhooks"):
        raise Http404


def check_redeliver_webhook_permission(*, member) -> None:
    check_see_webhooks_permission(member=member)
    if not can(member, "community.redeliver_webhook"):
        raise Http404


# --- known issues (community.escalation.known_issues) ---------------------------------------
# Staff open known issues, post their updates and link threads to them; everyone reads them.

rules.add_perm("community.manage_known_issues", is_staff)


def check_manage_known_issues_permission(*, member) -> None:
    _check(
        member,
        "community.manage_known_issues",
        None,
        _("Only the support team manages known issues."),
    )
