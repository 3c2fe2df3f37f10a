"""The test override: config.settings plus what makes tests fast and isolated.

Database, broker and cache still come from the environment, so CI runs the same
suite against PostgreSQL and Redis by setting DATABASE_URL, CELERY_BROKER_URL
and CACHE_URL.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from config.settings import *  # noqa: F403
from config.settings import HAYSTACK_CONNECTIONS, VAR_DIR

# Tasks run inline in unit tests; tests/config/test_celery_worker.py starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Each test process gets its own upload folder and search index.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
# Created when first used (uploads, index) and removed by tests/conftest.py.
TEST_RUN_DIR = Path(tempfile.gettempdir()) / f"peerdesk-test-{_worker}-{os.getpid()}"
MEDIA_ROOT = TEST_RUN_DIR / "media"
if HAYSTACK_CONNECTIONS["default"]["ENGINE"].endswith("WhooshEngine"):
    HAYSTACK_CONNECTIONS["default"]["PATH"] = str(TEST_RUN_DIR / "whoosh")
DATABASES["default"].setdefault("TEST", {})  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # a fresh clone has none until something runs
    # A file, not memory: a live server thread and a worker process can open it too.
    # pytest-django adds the xdist worker suffix itself.
    # The process id keeps two test runs on one machine apart.
    DATABASES["default"]["TEST"]["NAME"] = str(VAR_DIR / f"test-{os.getpid()}.sqlite3")  # noqa: F405

PEERDESK_REQUIRE_MFA_FOR_STAFF = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# A shared cache server (Redis in CI) outlives a test run: keep each run's keys apart,
# and keep allauth's rate limits (one confirmation mail per address every few minutes)
# from leaking between tests and runs.
for _alias in CACHES.values():  # noqa: F405
    _alias["KEY_PREFIX"] = f"test-{_worker}-{os.getpid()}"
# A Redis cache's clear() empties its whole database (FLUSHDB), whatever the key prefix: each
# xdist worker gets a database of its own (2, 3, …; the broker keeps 0), so one worker's
# clear() never wipes the marks and counts another worker's test is in the middle of.
_worker_number = int(_worker[2:]) if _worker[2:].isdigit() else 0
for _alias in CACHES.values():  # noqa: F405
    if _alias["BACKEND"].endswith("RedisCache") and isinstance(_alias["LOCATION"], str):
        _server = urlsplit(_alias["LOCATION"])
        _alias["LOCATION"] = urlunsplit(_server._replace(path=f"/{2 + _worker_number % 14}"))
ACCOUNT_RATE_LIMITS = False
# Tests post, vote and search faster than any member; tests about the community's rate
# limits switch them on (tests/rate_limits.py).
PEERDESK_RATE_LIMITS = False

# Tests write through services, not requests, so nothing bumps the content version between
# a test's requests: whole pages are not kept (tests/community/test_caching.py turns it on).
# Post fragments stay on: their keys hold what they show, so every test exercises them.
PEERDESK_VISITOR_PAGE_CACHE = False
