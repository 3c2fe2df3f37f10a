"""Known issues: one public status post when many customers hit the same problem.

Staff open a known issue (a thread of kind "known issue" with a ``KnownIssue`` row), post
status updates on it (investigating → identified → fixed; a fixed issue can be reopened)
and link the threads that report the same problem to it. While any known issue is open,
every page shows a banner (``banner``, cached); ``/status/`` lists them all.

Everyone who said "me too" on the status post or on a linked thread, and everyone who
follows one of them, hears of each update once: in the notification centre and by e-mail
in their own language (``notify_known_issue_update``, run by the worker after commit).

Turning a thread into a known issue: a thread the support team opened (an announcement,
a discussion) becomes the status post itself and keeps its posts. A member's question does
not: its opening post is the member's description, written in their name, and the
status post is the support team's public voice. So a new status post is started with the
question's title, and the question is linked to it as the first affected thread.
"""

from community.escalation.known_issues.notifications import (
    affected_members,
    notify_known_issue_update,
)
from community.escalation.known_issues.selectors import (
    ALLOWED_NEXT,
    BANNER_CACHE_KEY,
    BANNER_SHOWN,
    RECENTLY_FIXED_DAYS,
    SUGGESTION_DAYS,
    SUGGESTION_MIN,
    Banner,
    BannerItem,
    StatusPage,
    banner,
    known_issue_box,
    linked_threads,
    next_statuses,
    open_known_issues,
    public_known_issues,
    status_page,
    suggested_threads,
)
from community.escalation.known_issues.services import (
    check_linkable,
    forget_banner,
    link_thread,
    post_update,
    start_known_issue,
    turn_into_known_issue,
    unlink_thread,
)

__all__ = [
    "ALLOWED_NEXT",
    "BANNER_CACHE_KEY",
    "BANNER_SHOWN",
    "RECENTLY_FIXED_DAYS",
    "SUGGESTION_DAYS",
    "SUGGESTION_MIN",
    "Banner",
    "BannerItem",
    "StatusPage",
    "affected_members",
    "banner",
    "check_linkable",
    "forget_banner",
    "known_issue_box",
    "link_thread",
    "linked_threads",
    "next_statuses",
    "notify_known_issue_update",
    "open_known_issues",
    "post_update",
    "public_known_issues",
    "start_known_issue",
    "status_page",
    "suggested_threads",
    "turn_into_known_issue",
    "unlink_thread",
]
