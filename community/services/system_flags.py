"""The review queue's entries the system adds on its own: a new member's post the spam
rules hold, a hidden post its author edited. Below community.services.posts (which calls
them while it writes) and community.services.flags (members' flags and their review)."""

from django.db import transaction

from community.models import Flag, FlagReason, Post
from community.selectors import review_queue_changed
from community.signals import post_flagged


@transaction.atomic
def add_system_flag(*, post: Post, reason: FlagReason, note: str = "") -> Flag | None:
    """Put `post` in the review queue on the system's behalf (the spam rules' hold, an
    edit after hiding). A post with a pending system flag of the same reason gets no
    second one (None). Emits ``post_flagged`` with ``by=None``."""
    pending = Flag.objects.pending().filter(post=post, reporter__isnull=True, reason=reason)
    if pending.exists():
        return None
    flag = Flag.objects.create(post=post, reporter=None, reason=reason, note=note[:500])
    review_queue_changed()
    post_flagged.send(sender=Post, post=post, flag=flag, by=None)
    return flag


def request_re_review(*, post: Post) -> Flag | None:
    """The author edited `post` while it is hidden: it goes back to the queue."""
    return add_system_flag(post=post, reason=FlagReason.EDITED_AFTER_HIDING)
