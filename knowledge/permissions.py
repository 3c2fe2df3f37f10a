"""Who may do what in the knowledge base, built only from community's predicates (trust
levels are compared in community.permissions alone)."""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from community.permissions import can, is_staff, is_super_user

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
