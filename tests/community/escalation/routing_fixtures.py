"""What the routing tests share: a frozen Monday morning in Berlin and fresh support
settings (they are cached, and a test's rollback does not reach the cache)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache

from community.models import SupportSettings
from community.models.escalation import SUPPORT_SETTINGS_CACHE_KEY

# Monday 2 March 2026, 10:00 in Berlin (09:00 UTC): the support team is at work.
MONDAY_MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fresh_support_settings():
    cache.delete(SUPPORT_SETTINGS_CACHE_KEY)
    yield
    cache.delete(SUPPORT_SETTINGS_CACHE_KEY)


def set_support_settings(**values) -> SupportSettings:
    current = SupportSettings.objects.current()
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    return current


def at(moment: datetime):
    """``with at(moment):`` the clock stands still at `moment`."""
    return time_machine.travel(moment, tick=False)
