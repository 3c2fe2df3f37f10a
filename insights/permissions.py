"""Who may open the insights dashboard: staff, and community managers.

A community manager is a member an admin gave the ``insights.view_insights`` permission,
directly or (usually) through the "Community managers" group that migration
``0002_dashboard_group`` creates. Everyone else is told the page does not exist (404), as
for the support desk; visitors are sent to sign in first.

The rule is named ``insights.open_dashboard``, not ``view_insights``: ``rules`` answers
``{% can %}`` and views, and the model permission is what an admin ticks in the admin.
"""

import rules
from django.http import Http404

from community.permissions import can, is_signed_in, is_staff

VIEW_PERMISSION = "insights.view_insights"
MANAGERS_GROUP = "Community managers"


@rules.predicate
def is_community_manager(member) -> bool:
    """Holds the dashboard's model permission, directly or through a group."""
    return bool(is_signed_in(member) and member.has_perm(VIEW_PERMISSION))


rules.add_perm("insights.open_dashboard", is_staff | is_community_manager)


def check_open_dashboard_permission(*, member) -> None:
    """Staff and community managers only; to anyone else the page does not exist."""
    if not can(member, "insights.open_dashboard"):
        raise Http404
