"""Rebuilding the whole index fast (community.searching.rebuild, manage.py rebuild_search_index)
and the analyzer that makes it fast (community.search_indexes.OneLoopAnalyzer)."""

import io
import pickle
import random

import pytest
from django.core.management import call_command
from haystack import connections
from whoosh.analysis import LanguageAnalyzer, StemmingAnalyzer

from community.search_indexes import ENGLISH_ANALYZER, GERMAN_ANALYZER
from community.searching import search_threads
from community.searching.rebuild import rebuild_search_index
from community.searching.searcher import current_searcher
from community.services.posts import delete_post
from tests.community.search_helpers import titles
from tests.factories import MemberFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_index():
    connections["default"].get_backend().clear()
    yield
    connections["default"].get_backend().clear()


def _segments() -> int:
    return len(current_searcher().reader().leaf_readers())


def test_rebuild_search_index_indexes_every_public_thread_in_one_segment():
    for number in range(7):
        make_thread(title=f"Invoice number {number}", body="Where is my invoice for May?")
    hidden = make_thread(title="Invoice spam", body="Cheap invoices here, buy now.")
    delete_post(post=hidden.posts.get(is_opening=True), by=hidden.author)
    seen = []

    count = rebuild_search_index(batch_size=3, progress=lambda *args: seen.append(args))

    assert count == 7
    assert search_threads(query="invoice").total == 7
    assert _segments() == 1
    assert seen == [("threads", 3, 7), ("threads", 6, 7), ("threads", 7, 7)]


def test_rebuild_search_index_replaces_what_the_index_had(indexed):
    with indexed():
        gone = make_thread(title="Router question", body="My router blinks red all day.")
    assert titles(search_threads(query="router")) == ["Router question"]
    delete_post(post=gone.posts.get(is_opening=True), by=gone.author)  # not indexed: no commit
    make_thread(title="Invoice question", body="Where is my invoice for May?")

    rebuild_search_index()

    assert search_threads(query="router").total == 0
    assert titles(search_threads(query="invoice")) == ["Invoice question"]


def test_incremental_updates_still_work_after_a_rebuild(indexed):
    with indexed():
        thread = make_thread(title="Invoice question", body="Where is my invoice for May?")
    rebuild_search_index()

    with indexed():
        make_answer(thread=thread, body="Look under Account, then Documents, then Archive.")
        make_thread(title="Router question", body="My router blinks red all day.")

    assert titles(search_threads(query="archive")) == ["Invoice question"]
    assert titles(search_threads(query="router")) == ["Router question"]


def test_rebuild_search_index_command_shows_a_progress_bar():
    for number in range(3):
        make_thread(title=f"Invoice number {number}", body="Where is my invoice for May?")
    out = io.StringIO()

    call_command("rebuild_search_index", batch_size=2, stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Indexing threads [####################..........] 2/3  67%")
    assert lines[1].startswith("Indexing threads [##############################] 3/3 100%")
    assert lines[2].startswith("Indexed 3 documents in ")
    assert search_threads(query="invoice").total == 3


def test_haystacks_rebuild_index_still_works():
    make_thread(title="Invoice question", body="Where is my invoice for May?")

    call_command("rebuild_index", interactive=False, verbosity=0)

    assert titles(search_threads(query="invoice")) == ["Invoice question"]


# --- the analyzer ------------------------------------------------------------------------------

SAMPLE = (
    "The invoice's PDF Rechnungen über die Passwörter v2.1 e.g. a I an Straße Müller x 1042 "
    "and und der THE Ärger running runs laufen gelaufen don't 3.5.1 ÖL öl __init__"
)
WORDS = SAMPLE.split(" ")


@pytest.mark.parametrize(
    ("fast", "whoosh"),
    [(ENGLISH_ANALYZER, StemmingAnalyzer()), (GERMAN_ANALYZER, LanguageAnalyzer("de"))],
    ids=["english", "german"],
)
def test_one_loop_analyzer_gives_the_tokens_of_whooshs_chain(fast, whoosh):
    rng = random.Random(13)
    options = [
        {},
        {"positions": True},
        {"positions": True, "start_pos": 5},
        {"no_morph": True},  # the spelling words
        {"mode": "query"},
        {"positions": True, "chars": True},  # Whoosh's own chain
        {"removestops": False, "positions": True},  # Whoosh's own chain
    ]
    for _ in range(200):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 25)))
        for kwargs in options:
            ours = [(t.text, getattr(t, "pos", None), t.stopped) for t in fast(text, **kwargs)]
            theirs = [(t.text, getattr(t, "pos", None), t.stopped) for t in whoosh(text, **kwargs)]
            assert ours == theirs, (text, kwargs)


def test_one_loop_analyzer_survives_pickling_as_whoosh_stores_schemas():
    copy = pickle.loads(pickle.dumps(GERMAN_ANALYZER))

    assert [t.text for t in copy("Rechnungen und Passwörter")] == ["rechnung", "passwort"]


def test_rebuild_search_index_in_two_processes_finds_the_same():
    author = MemberFactory()
    for number in range(150):  # more than a process's batch of 100
        make_thread(title=f"Invoice number {number}", body="Where is my invoice?", author=author)
    make_thread(title="Router question", body="My router blinks red all day.")

    count = rebuild_search_index(procs=2)

    assert count == 151
    assert search_threads(query="invoice").total == 150
    assert titles(search_threads(query="router")) == ["Router question"]
