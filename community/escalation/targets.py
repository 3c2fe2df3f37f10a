"""A thread's support targets: how soon it should get a first reply and a solution, in
business time, and when each routing tier is due."""

from dataclasses import dataclass
from datetime import datetime

from community.escalation.business_time import BusinessSchedule, add_business_minutes
from community.models import Space, SupportSettings, Thread


@dataclass(frozen=True)
class Targets:
    first_response: int  # business minutes
    solution: int  # business minutes
    schedule: BusinessSchedule
    settings: SupportSettings


def targets_for(space: Space | None) -> Targets:
    """The targets of `space`: its own where set, else the site's."""
    current = SupportSettings.objects.current()
    first_response = space.first_response_target if space is not None else 60
    solution = (space.solution_target if space is not None else None) or current.solution_target
    return Targets(
        first_response=first_response,
        solution=solution,
        schedule=BusinessSchedule.from_settings(current),
        settings=current,
    )


def first_response_due(thread: Thread, targets: Targets | None = None) -> datetime:
    targets = targets or targets_for(thread.space)
    return add_business_minutes(thread.created_at, targets.first_response, targets.schedule)


def solution_due(thread: Thread, targets: Targets | None = None) -> datetime:
    targets = targets or targets_for(thread.space)
    return add_business_minutes(thread.created_at, targets.solution, targets.schedule)


def share_of_first_response_due(
    thread: Thread, percent: int, targets: Targets | None = None
) -> datetime:
    """When `percent` % of the first-response target has passed (the routing tiers)."""
    targets = targets or targets_for(thread.space)
    minutes = targets.first_response * percent / 100
    return add_business_minutes(thread.created_at, minutes, targets.schedule)
