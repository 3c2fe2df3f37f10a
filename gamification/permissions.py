"""Who may do what in gamification, built only from community's predicates (trust levels
are compared in community.permissions alone). Staff pages are 404 for everyone else."""

import rules
from django.http import Http404

from community.permissions import can, is_staff

rules.add_perm("gamification.manage_nominations", is_staff)


def check_manage_nominations_permission(*, member) -> None:
    """Nominations and revocations are the support team's; for anyone else the page does
    not exist."""
    if not can(member, "gamification.manage_nominations"):
        raise Http404
