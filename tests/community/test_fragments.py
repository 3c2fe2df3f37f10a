"""community.fragments: each process keeps the fragments it used last in front of the
shared "fragments" cache, within a bound."""

import pytest
from django.core.cache import caches

from community import fragments


@pytest.fixture(autouse=True)
def empty(settings):
    fragments.recent.clear()
    caches[fragments.CACHE_ALIAS].clear()
    yield
    fragments.recent.clear()


def test_a_stored_fragment_is_read_from_memory_without_asking_the_cache(monkeypatch):
    fragments.set_many({"post:a": "<article>A</article>"}, 60)

    def no_cache(*args, **kwargs):
        raise AssertionError("the shared cache was asked")

    monkeypatch.setattr(caches[fragments.CACHE_ALIAS], "get_many", no_cache)
    assert fragments.get_many(["post:a"]) == {"post:a": "<article>A</article>"}


def test_a_fragment_another_process_stored_comes_from_the_cache_and_is_kept():
    caches[fragments.CACHE_ALIAS].set("post:b", "<article>B</article>", 60)
    assert fragments.get_many(["post:b", "post:none"]) == {"post:b": "<article>B</article>"}
    assert fragments.recent.get_many(["post:b"]) == {"post:b": "<article>B</article>"}


def test_memory_keeps_the_fragments_used_last_within_its_bound(settings):
    settings.PEERDESK_FRAGMENTS_IN_MEMORY = 25
    fragments.set_many({"a": "x" * 10, "b": "y" * 10}, 60)
    fragments.get_many(["a"])  # used last: kept
    fragments.set_many({"c": "z" * 10}, 60)
    assert set(fragments.recent.get_many(["a", "b", "c"])) == {"a", "c"}
    # The cache still has what memory let go.
    assert fragments.get("b") == "y" * 10


def test_tuples_are_kept_too():
    fragments.set("thread-meta:x", ("<script></script>", "A description"), 60)
    assert fragments.get("thread-meta:x") == ("<script></script>", "A description")
