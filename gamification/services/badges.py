"""Granting badges: the one service that writes awards and tells the members who earned them."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from community.caching import bump_content_version_on_commit
from community.models import NotificationKind
from community.services.notices import notify
from gamification.badges import BADGES, Badge
from gamification.models import BadgeAward

INSERT_BATCH = 500


def award_badges(
    *, member_ids: Iterable[int] | None = None, badges: Iterable[Badge] = BADGES
) -> list[BadgeAward]:
    """Award every badge in `badges` that its rule says `member_ids` (None: every member)
    earned and do not hold yet; tell each member about each new award. Returns the new ones.

    Idempotent and safe beside a concurrent run: each rule leaves out what is awarded
    already, and what a concurrent run awarded meanwhile is refused by the award's unique
    constraint and neither returned nor announced twice. One query per badge to find who
    qualifies, whatever the number of members; inactive members earn nothing. Each badge
    is granted in its own transaction.
    """
    if member_ids is not None:
        member_ids = sorted(set(member_ids))
        if not member_ids:
            return []
    awarded = []
    for badge in badges:
        owed = qualifying(badge, member_ids=member_ids)
        if owed:
            awarded += _grant(badge, owed)
    if awarded:
        bump_content_version_on_commit()  # /badges/ and profiles show the awards
    return awarded


def qualifying(
    badge: Badge, *, member_ids: list[int] | None = None
) -> list[tuple[int, int | None]]:
    """(member id, source id) of every award `badge` is owed and not given yet; the source
    is None for a one-off badge. One query."""
    rows = badge.rule().filter(**{badge.member_field_lookup("is_active"): True})
    if member_ids is not None:
        rows = rows.filter(**{f"{badge.member_id_field}__in": member_ids})
    held = BadgeAward.objects.filter(badge=badge.slug, member=OuterRef(badge.member_id_field))
    if badge.repeatable:
        held = held.filter(source_type=_source_type(badge), source_id=OuterRef("pk"))
        pairs = rows.filter(~Exists(held)).values_list(badge.member_id_field, "pk")
        return sorted(set(pairs))
    members = rows.filter(~Exists(held)).values_list(badge.member_id_field, flat=True)
    return [(member_id, None) for member_id in sorted(set(members))]


def _source_type(badge: Badge) -> ContentType:
    return ContentType.objects.get_for_model(badge.rule().model)


@transaction.atomic
def _grant(badge: Badge, owed: list[tuple[int, int | None]]) -> list[BadgeAward]:
    # Every award of this run carries the same moment: reading back the rows with it tells
    # ours from those a concurrent run inserted (ignored as conflicts) meanwhile.
    now = timezone.now()
    source_type = _source_type(badge) if badge.repeatable else None
    BadgeAward.objects.bulk_create(
        [
            BadgeAward(
                member_id=member_id,
                badge=badge.slug,
                source_type=source_type,
                source_id=source_id,
                awarded_at=now,
            )
            for member_id, source_id in owed
        ],
        batch_size=INSERT_BATCH,
        ignore_conflicts=True,
    )
    owed_members = sorted({member_id for member_id, _source in owed})
    new = []
    for start in range(0, len(owed_members), INSERT_BATCH):
        chunk = owed_members[start : start + INSERT_BATCH]
        new += BadgeAward.objects.filter(
            badge=badge.slug, awarded_at=now, member_id__in=chunk
        ).select_related("member")
    for award in new:
        notify(
            member=award.member,
            kind=NotificationKind.BADGE_EARNED,
            url=reverse("gamification:badge", kwargs={"slug": badge.slug}),
            data={"badge": badge.slug, "text": earned_texts(badge)},
        )
    return new


def earned_texts(badge: Badge) -> dict[str, str]:
    """“You earned the badge “X”.” in every language of the site: the notification centre
    shows the reader's."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = gettext("You earned the badge “%(badge)s”.") % {"badge": badge.name}
    return texts
