"""Reads that gamification's pages need, each with its query budget."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from community.models import Member, Post
from community.permissions import visible_posts
from community.selectors import ListPage, paginate
from gamification.models import ReputationEvent

LEDGER_PER_PAGE = 25


@dataclass(frozen=True)
class LedgerRow:
    """One row of a member's reputation history, as the viewer may see it."""

    points: int
    reason: str  # in the active language
    is_reversal: bool
    suspended: bool  # reversed because its post was hidden or deleted
    created_at: datetime
    post_url: str = ""  # empty: the viewer may not see the post
    post_title: str = ""

    @property
    def signed_points(self) -> str:
        """ "+10", "−10" (a real minus sign), "0"."""
        if self.points < 0:
            return f"\u2212{-self.points}"
        return f"+{self.points}" if self.points else "0"


def reputation_history(*, member: Member, viewer, page_number) -> ListPage:
    """Page `page_number` of `member`'s ledger, newest first, each row linking to its post
    when `viewer` may see it. Two queries (plus ContentType's per-process cache), whatever
    the page holds."""
    events = (
        ReputationEvent.objects.filter(member=member)
        .order_by("-created_at", "-pk")
        .only("points", "reason", "source_type", "source_id", "is_reversal", "suspended",
              "created_at")
    )  # fmt: skip
    page = paginate(events, page_number, per_page=LEDGER_PER_PAGE)
    post_type = ContentType.objects.get_for_model(Post)
    post_ids = {event.source_id for event in page if event.source_type_id == post_type.pk}
    titles = dict(
        visible_posts(viewer, Post.objects.filter(pk__in=post_ids)).values_list(
            "pk", "thread__title"
        )
        if post_ids
        else ()
    )
    page.object_list = [
        _row(event, titles if event.source_type_id == post_type.pk else {}) for event in page
    ]
    return page


def _row(event: ReputationEvent, post_titles: dict[int, str]) -> LedgerRow:
    title = post_titles.get(event.source_id)
    return LedgerRow(
        points=event.points,
        reason=event.get_reason_display(),
        is_reversal=event.is_reversal,
        suspended=event.suspended,
        created_at=event.created_at,
        post_url=reverse("community:post", kwargs={"pk": event.source_id}) if title else "",
        post_title=title or "",
    )
