"""Support targets per space, with the site's defaults, counted in business time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from community.escalation.targets import (
    first_response_due,
    share_of_first_response_due,
    solution_due,
    targets_for,
)
from community.models import SupportSettings
from community.models.escalation import SUPPORT_SETTINGS_CACHE_KEY
from tests.factories import SpaceFactory, make_thread

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _fresh_support_settings():
    cache.delete(SUPPORT_SETTINGS_CACHE_KEY)
    yield
    cache.delete(SUPPORT_SETTINGS_CACHE_KEY)


def test_targets_for_a_space_without_its_own_use_the_sites(db):
    space = SpaceFactory(first_response_target=30)
    targets = targets_for(space)
    assert (targets.first_response, targets.solution) == (30, 48 * 60)
    assert targets.schedule.holiday_country == "DE"


def test_targets_for_a_space_with_its_own_solution_target(db):
    SupportSettings(solution_target=600, opens_at=datetime(1, 1, 1, 9).time()).save()
    space = SpaceFactory(first_response_target=120, solution_target=240)
    targets = targets_for(space)
    assert (targets.first_response, targets.solution) == (120, 240)
    assert targets_for(SpaceFactory()).solution == 600
    assert targets.schedule.opens.hour == 9


def test_targets_for_no_space_are_the_sites(db):
    targets = targets_for(None)
    assert (targets.first_response, targets.solution) == (60, 48 * 60)


def test_due_times_count_business_time(db):
    space = SpaceFactory(first_response_target=60, solution_target=600)
    # Friday 17:30 in Berlin: half an hour on Friday, the rest on Monday.
    with time_machine.travel(datetime(2026, 3, 6, 16, 30, tzinfo=UTC), tick=False):
        thread = make_thread(space=space)
    assert first_response_due(thread) == datetime(2026, 3, 9, 8, 30, tzinfo=BERLIN)
    assert solution_due(thread) == datetime(2026, 3, 9, 17, 30, tzinfo=BERLIN)
    assert share_of_first_response_due(thread, 50) == datetime(2026, 3, 6, 18, 0, tzinfo=BERLIN)
