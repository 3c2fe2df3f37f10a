"""Booking reputation: append-only ledger rows and the member's cached total.

Every function here is idempotent: it reads the latest row of the identity it would write
(see ReputationEvent) and writes only when that changes something, so a replayed or
duplicated signal books nothing twice. A concurrent duplicate loses on the unique
constraint inside a savepoint and books nothing either. ``Member.reputation`` and the
member's total in the row's space (``SpaceReputation``) move in the same transaction, in the
database (``F()``), never by reading them first.
"""

from dataclasses import dataclass, replace

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from community.models import Member, Space
from gamification.models import DEFAULT_POINTS, ReputationEvent, ReputationRule, SpaceReputation

RULES_CACHE_KEY = "gamification:reputation-rules"


# --- rules --------------------------------------------------------------------------------


def _rules() -> dict[str, int]:
    points = cache.get(RULES_CACHE_KEY)
    if points is None:
        points = {str(reason): value for reason, value in DEFAULT_POINTS.items()}
        points.update(ReputationRule.objects.values_list("reason", "points"))
        cache.set(RULES_CACHE_KEY, points, timeout=None)
    return points


def points_for(reason: str) -> int:
    """What `reason` is worth from now on: the admin's rule, else the default. Cached until
    a rule is saved through ``save_reputation_rule``."""
    return _rules()[str(reason)]


@transaction.atomic
def save_reputation_rule(*, rule: ReputationRule) -> ReputationRule:
    """Save an admin's rule; bookings from now on use it (earlier rows keep their points)."""
    rule.full_clean()
    rule.save()
    # Now for this process, and after commit for any process that read the old rule meanwhile.
    cache.delete(RULES_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(RULES_CACHE_KEY))
    return rule


# --- booking and reversing ----------------------------------------------------------------


def _pk(obj) -> int | None:
    return obj if obj is None or isinstance(obj, int) else obj.pk


def _latest(**identity) -> ReputationEvent | None:
    """The newest row of an identity (without round and reversal): the highest round, its
    reversal after its booking."""
    return (
        ReputationEvent.objects.filter(**identity)
        .order_by("-round", "-is_reversal")
        .only("round", "is_reversal", "suspended", "points", "space_id")
        .first()
    )


def _write(event: ReputationEvent) -> ReputationEvent | None:
    """Add `event` and move its member's total; None when a concurrent request wrote the
    same row first (nothing written)."""
    event.created_at = timezone.now()
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction survives a conflict
            event.save(force_insert=True)
    except IntegrityError:
        return None
    Member.objects.filter(pk=event.member_id).update(reputation=F("reputation") + event.points)
    if event.space_id is not None:
        _add_to_space_total(member_id=event.member_id, space_id=event.space_id, points=event.points)
    return event


def _add_to_space_total(*, member_id: int, space_id: int, points: int) -> None:
    """Move the member's total in the space by `points`, creating it with the first row
    booked there. Two first bookings at once: one creates it, the other loses on the unique
    constraint (waiting for the first to commit) and adds to it."""

    def add() -> int:
        totals = SpaceReputation.objects.filter(member_id=member_id, space_id=space_id)
        return totals.update(points=F("points") + points)

    if add():
        return
    try:
        with transaction.atomic():  # a savepoint: the booking survives losing the race
            SpaceReputation.objects.create(member_id=member_id, space_id=space_id, points=points)
    except IntegrityError:
        add()


def _identity(*, member: Member, reason: str, source: models.Model, actor_key: int) -> dict:
    return {
        "member_id": member.pk,
        "reason": reason,
        "source_type": ContentType.objects.get_for_model(source),
        "source_id": source.pk,
        "actor_key": actor_key,
    }


@transaction.atomic
def book(
    *,
    member: Member,
    reason: str,
    source: models.Model,
    actor_key: int = 0,
    space: Space | int | None = None,
) -> ReputationEvent | None:
    """Credit `member` with what `reason` is worth for `source` (caused by `actor_key`, e.g.
    the voter's id; 0 where one booking per source is all there is). `space` (or its id)
    is where the source lives, for leaderboards per space.

    Books nothing while a booking of the same identity stands; after a reversal it books a
    new round. Returns the new row, or None when nothing was booked.
    """
    identity = _identity(member=member, reason=reason, source=source, actor_key=actor_key)
    latest = _latest(**identity)
    if latest is not None and not latest.is_reversal:
        return None
    event = ReputationEvent(
        **identity,
        points=points_for(reason),
        round=1 if latest is None else latest.round + 1,
        space_id=_pk(space),
    )
    return _write(event)


@transaction.atomic
def reverse(
    *, member: Member, reason: str, source: models.Model, actor_key: int = 0
) -> ReputationEvent | None:
    """Take back the standing booking of this identity with a compensating row (its points
    negated, whatever the rule says today). Does nothing when none stands. Returns the new
    row, or None."""
    identity = _identity(member=member, reason=reason, source=source, actor_key=actor_key)
    latest = _latest(**identity)
    if latest is None or latest.is_reversal:
        return None
    return _write(_reversal_of(latest, identity=identity, suspended=False))


def _reversal_of(booking: ReputationEvent, *, identity: dict, suspended: bool) -> ReputationEvent:
    return ReputationEvent(
        **identity,
        points=-booking.points,
        round=booking.round,
        is_reversal=True,
        suspended=suspended,
        space_id=booking.space_id,
    )


@dataclass(frozen=True)
class _Standing:
    """The latest row of each identity booked on one source."""

    identity: dict
    latest: ReputationEvent


def _latest_per_identity(source: models.Model) -> list[_Standing]:
    source_type = ContentType.objects.get_for_model(source)
    rows = ReputationEvent.objects.filter(source_type=source_type, source_id=source.pk).order_by(
        "member_id", "reason", "actor_key", "-round", "-is_reversal"
    )
    found: dict[tuple, _Standing] = {}
    for row in rows:
        key = (row.member_id, row.reason, row.actor_key)
        if key not in found:  # the first of each identity is its latest
            identity = {
                "member_id": row.member_id,
                "reason": row.reason,
                "source_type": source_type,
                "source_id": source.pk,
                "actor_key": row.actor_key,
            }
            found[key] = _Standing(identity=identity, latest=row)
    return list(found.values())


@transaction.atomic
def reverse_all_for_source(source: models.Model) -> list[ReputationEvent]:
    """`source` was hidden or deleted: suspend every booking standing on it (for every
    member), each with a compensating row. Returns the rows added."""
    added = []
    for standing in _latest_per_identity(source):
        if not standing.latest.is_reversal:
            event = _write(
                _reversal_of(standing.latest, identity=standing.identity, suspended=True)
            )
            if event is not None:
                added.append(event)
    return added


@transaction.atomic
def rebook_all_for_source(source: models.Model) -> list[ReputationEvent]:
    """`source` is shown again: book anew, in a new round and with the same points, every
    booking that ``reverse_all_for_source`` suspended. What was taken back before (a vote
    withdrawn, an answer unaccepted) stays taken back. Returns the rows added."""
    added = []
    for standing in _latest_per_identity(source):
        latest = standing.latest
        if latest.is_reversal and latest.suspended:
            event = _write(
                ReputationEvent(
                    **standing.identity,
                    points=-latest.points,
                    round=latest.round + 1,
                    space_id=latest.space_id,
                )
            )
            if event is not None:
                added.append(event)
    return added


# --- the cached total -----------------------------------------------------------------------


@dataclass(frozen=True)
class Drift:
    """A member whose cached reputation disagreed with the sum of their ledger: their whole
    reputation, or (`space`: its slug) their total in one space."""

    member_id: int
    username: str
    stored: int
    real: int
    space: str = ""

    @property
    def difference(self) -> int:
        return self.real - self.stored


def _ledger_sum(member_ref) -> Coalesce:
    total = (
        ReputationEvent.objects.filter(member=member_ref)
        .order_by()
        .values("member")
        .annotate(total=Sum("points"))
        .values("total")
    )
    return Coalesce(Subquery(total), Value(0))


def recalculate_reputation(*, dry_run: bool = False) -> list[Drift]:
    """Rebuild every ``Member.reputation`` and every total in a space (``SpaceReputation``)
    that disagrees with the sum of the member's ledger (all of them unless `dry_run`); return
    what disagreed, the members' totals first. Empty on a healthy site.

    Each correction locks the member's row before summing, so a booking racing it either
    committed first (and is in the sum) or adds its points on top afterwards: a booking
    moves the member's row before their total in the space.
    """
    drifting = (
        Member.objects.annotate(real=_ledger_sum(OuterRef("pk")))
        .exclude(reputation=F("real"))
        .order_by("pk")
        .values_list("pk", "username", "reputation", "real")
    )
    found = [Drift(*row) for row in drifting]
    found_in_spaces = _space_drift()
    if dry_run:
        return found + found_in_spaces
    corrected = []
    for drift in found:
        with transaction.atomic():
            member = Member.objects.select_for_update().only("reputation").get(pk=drift.member_id)
            real = ReputationEvent.objects.filter(member_id=drift.member_id).aggregate(
                total=Coalesce(Sum("points"), 0)
            )["total"]
            if member.reputation != real:
                Member.objects.filter(pk=drift.member_id).update(reputation=real)
                corrected.append(Drift(drift.member_id, drift.username, member.reputation, real))
    spaces = dict(Space.objects.values_list("slug", "pk"))
    for drift in found_in_spaces:
        with transaction.atomic():
            Member.objects.select_for_update().only("pk").get(pk=drift.member_id)
            space_id = spaces[drift.space]
            real = ReputationEvent.objects.filter(
                member_id=drift.member_id, space_id=space_id
            ).aggregate(total=Coalesce(Sum("points"), 0))["total"]
            total, _created = SpaceReputation.objects.get_or_create(
                member_id=drift.member_id, space_id=space_id
            )
            if total.points != real:
                SpaceReputation.objects.filter(pk=total.pk).update(points=real)
                corrected.append(replace(drift, stored=total.points, real=real))
    return corrected


def _space_drift() -> list[Drift]:
    """Every total in a space that disagrees with the member's ledger rows booked there (a
    missing total stands for 0), by member and space."""
    real = {
        (member_id, space_id): total
        for member_id, space_id, total in ReputationEvent.objects.filter(space__isnull=False)
        .order_by()
        .values("member", "space")
        .annotate(total=Sum("points"))
        .values_list("member", "space", "total")
    }
    stored = {
        (member_id, space_id): points
        for member_id, space_id, points in SpaceReputation.objects.values_list(
            "member", "space", "points"
        )
    }
    wrong = sorted(
        key for key in real.keys() | stored.keys() if real.get(key, 0) != stored.get(key, 0)
    )
    if not wrong:
        return []
    usernames = dict(
        Member.objects.filter(pk__in={member_id for member_id, _space in wrong}).values_list(
            "pk", "username"
        )
    )
    slugs = dict(Space.objects.values_list("pk", "slug"))
    return [
        Drift(
            member_id,
            usernames[member_id],
            stored.get((member_id, space_id), 0),
            real.get((member_id, space_id), 0),
            space=slugs[space_id],
        )
        for member_id, space_id in wrong
    ]
