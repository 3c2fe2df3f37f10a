import shutil

import pytest
from django.conf import settings

from tests.factories import PASSWORD, MemberFactory, StaffFactory


@pytest.fixture(scope="session", autouse=True)
def _clean_test_run_dir():
    yield
    shutil.rmtree(settings.TEST_RUN_DIR, ignore_errors=True)


# Rows the site caches until they are saved again, and counts it caches for a while; a
# test's rollback does not reach the cache.
CACHED_SETTINGS_KEYS = ["community:limits", "community:branding", "community:space_thread_counts"]


@pytest.fixture(autouse=True)
def _forget_cached_settings():
    from django.core.cache import cache

    # Before too: setting up the test database (post_migrate) reads the branding.
    cache.delete_many(CACHED_SETTINGS_KEYS)
    yield
    cache.delete_many(CACHED_SETTINGS_KEYS)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def member(db):
    return MemberFactory(username="customer", display_name="Casey Customer")


@pytest.fixture
def other_member(db):
    return MemberFactory(username="helper", display_name="Harper Helper")


@pytest.fixture
def staff(db):
    return StaffFactory(username="agent", display_name="Alex Agent")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
