"""What the demo community's history earned, by the same rules as a real community's.

Seeding writes the history through community's services, so the ledger fills through the
receivers as it would on a real site; badges and automatic trust levels are granted by the
nightly passes, which tasks muted during seeding cannot trigger. Called once the demo's
threads exist (community.extensions.register_demo_finisher).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery

from community.models import Post
from gamification.models import ReputationEvent
from gamification.services.badges import award_badges
from gamification.services.trust import recompute_all_trust_levels


def finish_demo(*, log) -> None:
    _date_bookings_like_their_posts()
    changed = recompute_all_trust_levels()
    awarded = award_badges()
    log(f"Trust levels recomputed ({changed} changed); {len(awarded)} badges awarded.")


def _date_bookings_like_their_posts() -> None:
    """The seed writes its history now and dates it back afterwards; bookings follow the
    post they are about, so leaderboards per week and month show the demo's spread."""
    posts = Post.objects.filter(pk=OuterRef("source_id"))
    ReputationEvent.objects.filter(source_type=ContentType.objects.get_for_model(Post)).update(
        created_at=Subquery(posts.values("created_at")[:1])
    )
