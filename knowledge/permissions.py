"""Who may do what in the knowledge base, built only from community's predicates (trust
levels are compared in community.permissions alone).

Staff create, review, publish and archive; super users draft and propose edits of published
articles that staff review; everyone reads published articles. An article a member may not
see (a draft, one in review, an archived one) is a 404 for them, like a hidden thread.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from community.permissions import (
    can,
    check_see_thread_permission,
    is_moderator,
    is_signed_in,
    is_staff,
    is_super_user,
)
from knowledge.models import Article, ArticleRevision, ArticleStatus


@rules.predicate
def is_article_author(member, article: Article) -> bool:
    return bool(is_signed_in(member) and article.author_id == member.pk)


@rules.predicate
def is_published_article(member, article: Article) -> bool:
    return article.status == ArticleStatus.PUBLISHED


@rules.predicate
def is_draft_article(member, article: Article) -> bool:
    return article.status == ArticleStatus.DRAFT


@rules.predicate
def is_unpublished_work(member, article: Article) -> bool:
    """A draft or one waiting for review: its author still works on it."""
    return article.status in (ArticleStatus.DRAFT, ArticleStatus.REVIEW)


@rules.predicate
def is_pending_proposal(member, revision: ArticleRevision) -> bool:
    return revision.proposal == ArticleRevision.ProposalState.PENDING


# Super users (trust level 4) draft; staff too (is_super_user holds for staff).
rules.add_perm("knowledge.draft_article", is_super_user)
rules.add_perm(
    "knowledge.see_article",
    is_published_article | is_staff | (is_super_user & is_article_author & is_unpublished_work),
)
# Staff edit any article; the drafting super user their own draft until it goes to review.
rules.add_perm(
    "knowledge.edit_article", is_staff | (is_super_user & is_article_author & is_draft_article)
)
rules.add_perm(
    "knowledge.submit_article", is_staff | (is_super_user & is_article_author & is_draft_article)
)
rules.add_perm("knowledge.publish_article", is_staff & ~is_published_article)
rules.add_perm("knowledge.archive_article", is_staff & is_published_article)
rules.add_perm("knowledge.see_history", is_staff)
rules.add_perm("knowledge.restore_revision", is_staff)
rules.add_perm("knowledge.link_translation", is_staff)
# Super users who are not staff propose; staff simply edit.
rules.add_perm("knowledge.propose_edit", is_super_user & ~is_staff & is_published_article)
rules.add_perm("knowledge.review_proposals", is_staff)
rules.add_perm("knowledge.follow", is_signed_in)


def check_see_article_permission(*, member, article: Article) -> None:
    """An article the member may not read does not exist for them."""
    if not can(member, "knowledge.see_article", article):
        raise Http404


def _check(member, perm: str, obj, reason: str) -> None:
    if not can(member, perm, obj):
        raise PermissionDenied(reason)


def check_draft_article_permission(*, member) -> None:
    _check(member, "knowledge.draft_article", None, _("Only super users and staff write articles."))


def check_edit_article_permission(*, member, article: Article) -> None:
    check_see_article_permission(member=member, article=article)
    _check(
        member,
        "knowledge.edit_article",
        article,
        _("Only staff edit this article; super users may propose an edit."),
    )


def check_submit_article_permission(*, member, article: Article) -> None:
    check_see_article_permission(member=member, article=article)
    _check(member, "knowledge.submit_article", article, _("Only drafts go to review."))


def check_publish_article_permission(*, member, article: Article) -> None:
    check_see_article_permission(member=member, article=article)
    _check(member, "knowledge.publish_article", article, _("Only staff publish articles."))


def check_archive_article_permission(*, member, article: Article) -> None:
    check_see_article_permission(member=member, article=article)
    _check(
        member, "knowledge.archive_article", article, _("Only staff archive published articles.")
    )


def check_see_history_permission(*, member, article: Article) -> None:
    """Earlier versions (and declined proposals) are the support team's: a 404 for others."""
    check_see_article_permission(member=member, article=article)
    if not can(member, "knowledge.see_history", article):
        raise Http404


def check_restore_revision_permission(*, member, article: Article) -> None:
    check_see_history_permission(member=member, article=article)
    _check(member, "knowledge.restore_revision", article, _("Only staff restore revisions."))


def check_link_translation_permission(*, member, article: Article) -> None:
    _check(member, "knowledge.link_translation", article, _("Only staff link translations."))


def check_propose_edit_permission(*, member, article: Article) -> None:
    check_see_article_permission(member=member, article=article)
    _check(
        member,
        "knowledge.propose_edit",
        article,
        _("Super users propose edits of published articles."),
    )


def check_review_proposals_permission(*, member) -> None:
    """The proposals list is staff's; for anyone else it does not exist."""
    if not can(member, "knowledge.review_proposals"):
        raise Http404


def check_follow_permission(*, member) -> None:
    _check(member, "knowledge.follow", None, _("Sign in to follow."))


# --- from thread to article, helpfulness (kbthread) -----------------------------------------


@rules.predicate
def is_solved_thread(member, thread) -> bool:
    """A thread with an accepted solution that is still there: there is something to write
    down. (A predicate on the thread's state, not on who asks.)"""
    return thread.is_solved and thread.deleted_at is None and thread.merged_into_id is None


# Staff and super users (is_moderator: staff, or trust level 4) turn a solved thread into a
# draft; staff review and publish it through the article workflow.
rules.add_perm("knowledge.turn_thread_into_article", is_moderator & is_solved_thread)
# Everyone, visitors too, says whether a published article helped.
rules.add_perm("knowledge.give_feedback", is_published_article)
# The helpfulness score is for the support team.
rules.add_perm("knowledge.see_feedback_score", is_staff)


def check_turn_thread_into_article_permission(*, member, thread) -> None:
    """404 for a thread the member may not see; otherwise a translated reason."""
    check_see_thread_permission(member=member, thread=thread)
    if can(member, "knowledge.turn_thread_into_article", thread):
        return
    if not is_moderator(member):
        raise PermissionDenied(
            _("Only the support team and super users can turn a thread into an article.")
        )
    raise PermissionDenied(_("Only a solved question can be turned into an article."))


def check_give_feedback_permission(*, member, article) -> None:
    """Drafts and archived articles take no votes: for readers they do not exist."""
    if not can(member, "knowledge.give_feedback", article):
        raise Http404


def may_see_feedback_score(member) -> bool:
    return bool(is_signed_in(member) and can(member, "knowledge.see_feedback_score"))


# --- end of from thread to article, helpfulness ----------------------------------------------


# --- saved replies -------------------------------------------------------------------------
# Staff and super users keep replies to insert into the answer editor. Shared replies are
# the team's: everyone who may use saved replies sees them, staff change them. Personal ones
# exist for their owner alone (404 for everyone else).

may_use_saved_replies = is_staff | is_super_user


@rules.predicate
def owns_saved_reply(member, reply) -> bool:
    return reply is not None and reply.owner_id == getattr(member, "pk", None)


@rules.predicate
def is_shared_reply(member, reply) -> bool:
    return reply is not None and reply.is_shared


rules.add_perm("knowledge.use_saved_replies", may_use_saved_replies)
rules.add_perm("knowledge.share_saved_replies", is_staff)
rules.add_perm(
    "knowledge.see_saved_reply", may_use_saved_replies & (is_shared_reply | owns_saved_reply)
)
rules.add_perm(
    "knowledge.change_saved_reply",
    may_use_saved_replies & ((is_shared_reply & is_staff) | (~is_shared_reply & owns_saved_reply)),
)


def check_use_saved_replies_permission(*, member) -> None:
    """The saved-reply pages do not exist for members who may not use them."""
    if not can(member, "knowledge.use_saved_replies"):
        raise Http404


def check_see_saved_reply_permission(*, member, reply) -> None:
    """Someone else's personal reply is not found, like a reply that does not exist."""
    if not can(member, "knowledge.see_saved_reply", reply):
        raise Http404


def check_change_saved_reply_permission(*, member, reply) -> None:
    """Edit or delete: your own personal replies; shared ones are changed by staff."""
    check_see_saved_reply_permission(member=member, reply=reply)
    if not can(member, "knowledge.change_saved_reply", reply):
        raise PermissionDenied(_("Only the support team can change a shared saved reply."))


# --- end of saved replies ------------------------------------------------------------------
