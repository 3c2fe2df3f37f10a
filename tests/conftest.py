import shutil
from io import StringIO
from types import SimpleNamespace
from unittest import mock

import pytest
from celery.app.task import Task
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from tests.factories import PASSWORD, MemberFactory, StaffFactory


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests on the seeded demo community first and, under pytest-xdist (``--dist
    loadgroup``), all on one worker: they share one seeding (see `seeded_demo`), the run's
    slowest step, and started first it overlaps with the other tests instead of holding up
    the end of the run. Tests that empty the database when they end (live server, real
    transactions) last, so that no test after them misses what the migrations wrote.
    trylast: after pytest-django's own ordering, which it keeps otherwise."""
    items.sort(key=lambda item: (not _reads_demo(item), _empties_the_database(item)))
    for item in items:
        if _reads_demo(item):
            item.add_marker(pytest.mark.xdist_group("seeded_demo"))


def _empties_the_database(item) -> bool:
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "live_server" in names
        or "transactional_db" in names
        or bool(marker and marker.kwargs.get("transaction"))
    )


def _reads_demo(item) -> bool:
    return "seeded_demo" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session", autouse=True)
def _clean_test_run_dir():
    yield
    shutil.rmtree(settings.TEST_RUN_DIR, ignore_errors=True)


# Rows the site caches until they are saved again, and counts it caches for a while; a
# test's rollback does not reach the cache. The ask form's space suggestion caches words
# learnt from the spaces and their threads.
CACHED_SETTINGS_KEYS = [
    "community:limits",
    "community:branding",
    "community:space_thread_counts",
    "community:space-words",
    "gamification:reputation-rules",
    "community:support-settings",  # SupportSettings.objects.current()
    "community:known-issues-banner",
]


@pytest.fixture(autouse=True)
def _forget_cached_settings(request):
    from django.core.cache import cache

    # Before too: setting up the test database (post_migrate) reads the branding.
    cache.delete_many(CACHED_SETTINGS_KEYS)
    if "seeded_demo" not in request.fixturenames:
        _known_issues_banner_is_empty()
    yield
    cache.delete_many(CACHED_SETTINGS_KEYS)


@pytest.fixture(autouse=True)
def _insights_reads_forgotten():
    """Each process keeps the insights dashboard's reads of past days under the roll-up
    version; a test's rollback can bring back a version number (and, with the clock
    stopped, its moment) that another test's rows were kept under."""
    from insights.rollups import forget_stored_reads

    forget_stored_reads()
    yield
    forget_stored_reads()


@pytest.fixture(autouse=True)
def _vector_index_is_loaded():
    """A test starts with this process's vector index of similar questions loaded (empty:
    no test has vectors before it stores some) and just checked against the database, as
    on a running site that loaded it at its first page: the pages' pinned query counts
    measure the page, not that once-per-process load (similar.index.current_index).
    tests/similar forget it and load their own."""
    import time

    from django.core.cache import cache

    from similar import index
    from similar.services import VERSION_KEY

    index.forget()
    index._loaded.update(
        index=index.VectorIndex.from_rows([]),
        version=cache.get(VERSION_KEY, 0),
        stamp=(0, None),
        checked=time.monotonic(),
    )
    yield
    index.forget()


def _known_issues_banner_is_empty() -> None:
    """A test starts with no known issue open, and every page's banner says so from the
    cache, as on a running site that read it within the last minute: the pages' pinned
    query counts measure the page, not that once-a-minute read. The services that open or
    close a known issue forget it (community.escalation.known_issues.forget_banner)."""
    from django.core.cache import cache

    from community.escalation.known_issues import BANNER_CACHE_KEY, Banner

    cache.set(BANNER_CACHE_KEY, Banner(items=(), more=0))


class _SeededDemo:
    """`seed_demo`, run once and shared by every test that reads the demo, rolled back
    before the first test that does not.

    The tests that read it run first and one after the other (`pytest_collection_
    modifyitems`), each in a savepoint of its own (they ask for `db` as well), inside one
    transaction that holds the seeded community; `pytest_runtest_setup` rolls it back
    before the first other test sets up its database fixtures. Records what seeding tried
    to send: tasks (even ones a test transaction would hold back until a commit that never
    comes) and e-mails.
    """

    def __init__(self):
        self.state = None
        self.finished = False
        self._contexts = []

    def __getattr__(self, name):
        if self.state is None:
            raise AttributeError(name)
        return getattr(self.state, name)

    def start(self, django_db_blocker) -> None:
        tasks = []

        def record_task(task, *args, **kwargs):
            tasks.append(task.name)

        self._enter(django_db_blocker.unblock())
        self._enter(transaction.atomic())
        mail.outbox = []
        out = StringIO()
        # With the rate limits a real site has (the test settings switch them off): a
        # fresh `make run` seeds with them on.
        limits_on = override_settings(
            PEERDESK_RATE_LIMITS=True, PEERDESK_RATE_LIMIT_STORE="database"
        )
        try:
            with mock.patch.object(Task, "apply_async", record_task), limits_on:
                call_command("seed_demo", stdout=out)
        except BaseException:
            self.stop()
            raise
        self.state = SimpleNamespace(
            out=out.getvalue(),
            tasks=tasks,
            emails=len(mail.outbox),
            # What seeding left to run after its commit, by function name.
            on_commit=[entry[1].__qualname__ for entry in connection.run_on_commit],
        )

    def _enter(self, context) -> None:
        context.__enter__()
        self._contexts.append(context)

    def stop(self) -> None:
        if not self._contexts:
            return
        transaction.set_rollback(True)
        while self._contexts:
            self._contexts.pop().__exit__(None, None, None)
        self.state = None
        self.finished = True


_seeded = _SeededDemo()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture of the test: the first test that does not read the demo rolls it
    back (its own database fixtures must start outside the demo's transaction)."""
    if not _reads_demo(item):
        _seeded.stop()
    elif _seeded.finished:
        raise RuntimeError(
            f"{item.nodeid} reads the demo after other tests rolled it back: demo tests run "
            "first (pytest_collection_modifyitems); keep that order"
        )


@pytest.fixture(scope="session")
def seeded_demo(django_db_setup, django_db_blocker):
    """The demo community (`seed_demo`), seeded once for all the tests that read it: see
    _SeededDemo. Such tests must ask for `db` as well and leave what they change to their
    own rollback."""
    _seeded.start(django_db_blocker)
    yield _seeded
    _seeded.stop()


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


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request through the test client leaves its language active in the thread (a real
    server activates each request's own), so a German page in one test would make the
    next test's messages German. Every test ends in the site's default language."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)
