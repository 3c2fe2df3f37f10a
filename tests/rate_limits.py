"""The configured rate limits, for the tests that prove them.

tests/settings.py switches allauth's rate limits off (they would leak between tests
through the cache); a test that is about them turns the configured limits back on and
counts in a cache of its own, so nothing it counts reaches another test or run.
"""

import uuid

from config import settings as configured


def use_configured_rate_limits(settings) -> dict:
    """Switch allauth's configured limits on for one test (`settings` is pytest-django's)."""
    # Nothing configured means allauth's defaults.
    settings.ACCOUNT_RATE_LIMITS = getattr(configured, "ACCOUNT_RATE_LIMITS", {})
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"rate-limits-{uuid.uuid4()}",
        }
    }
    return settings.ACCOUNT_RATE_LIMITS


def use_community_rate_limits(settings, *, store: str = "database") -> None:
    """Switch the community's rate limits on for one test, counting in `store` ("database"
    or "cache"); the cache store counts in a fresh cache of its own."""
    settings.PEERDESK_RATE_LIMITS = True
    settings.PEERDESK_RATE_LIMIT_STORE = store
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"community-rate-limits-{uuid.uuid4()}",
        },
    }
