"""The main menu's "Insights" link for community managers who are not staff (staff reach
the dashboard from the support desk; their main menu is full, and a member's header has no
room left beside the bell).

Whether a member is a manager takes a permission query; the menu is on every page and the
pages' query counts are pinned, so the answer is worked out once, at sign-in, and kept in
the session. A member made manager later sees the link after signing in again (the page
itself checks the permission on every request and works at once).
"""

from community.permissions import can, is_staff

SESSION_KEY = "insights_manager"


def remember_manager(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: note in the session whether the menu shows the link."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_KEY] = bool(not is_staff(user) and can(user, "insights.open_dashboard"))
