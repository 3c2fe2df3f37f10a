"""Who may do what in the knowledge base, built only from community's predicates (trust
levels are compared in community.permissions alone). What a member may not see is a 404."""

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
)

# --- from thread to article, helpfulness (kbthread) -----------------------------------------


@rules.predicate
def is_solved_thread(member, thread) -> bool:
    """A thread with an accepted solution that is still there: there is something to write
    down. (A predicate on the thread's state, not on who asks.)"""
    return thread.is_solved and thread.deleted_at is None and thread.merged_into_id is None


@rules.predicate
def is_published_article(member, article) -> bool:
    return article.is_published


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
