"""`manage.py ensure_search_index`: `make run` rebuilds the index only when it must."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from haystack import connections
from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer

from community.management.commands.ensure_search_index import (
    FINGERPRINT_FILE,
    WHOOSH_ENGINE,
    current_schema,
    describe,
    fingerprint,
)
from tests.factories import make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_folder(tmp_path):
    """haystack's ``default`` connection on a Whoosh index of this test's own."""
    folder = tmp_path / "whoosh"
    own = {"default": {**settings.HAYSTACK_CONNECTIONS["default"], "ENGINE": WHOOSH_ENGINE}}
    own["default"]["PATH"] = str(folder)
    own["default"].pop("STORAGE", None)
    configured = connections.connections_info
    with override_settings(HAYSTACK_CONNECTIONS=own):
        connections.connections_info = own
        connections.reload("default")
        try:
            yield folder
        finally:
            connections.connections_info = configured
    connections.reload("default")


def ensure() -> str:
    out = StringIO()
    call_command("ensure_search_index", verbosity=0, stdout=out)
    return out.getvalue()


def documents(folder) -> int:
    return whoosh_index.open_dir(str(folder)).doc_count()


def test_ensure_search_index_builds_a_missing_index_and_records_its_schema(index_folder):
    make_thread(title="Invoice PDF is empty")

    out = ensure()

    assert f"there is none in {index_folder}" in out
    assert documents(index_folder) == 1
    recorded = json.loads((index_folder / FINGERPRINT_FILE).read_text())
    assert recorded["fingerprint"] == fingerprint(current_schema("default"))


def test_ensure_search_index_leaves_a_current_index_alone(index_folder):
    make_thread(title="Invoice PDF is empty")
    ensure()
    # A thread the index has not heard of yet: a rebuild would add it.
    make_thread(title="Router keeps restarting")

    out = ensure()

    assert "up to date; not rebuilding" in out
    assert documents(index_folder) == 1


def test_ensure_search_index_rebuilds_when_an_analyzer_changed(index_folder):
    make_thread(title="Rechnungen fehlen")
    ensure()
    make_thread(title="Router startet neu")
    # As if search_indexes.py now gave the German text the English analyzer.
    field = connections["default"].get_unified_index().all_searchfields()["text_de"]
    german = field.analyzer
    field.analyzer = StemmingAnalyzer()
    try:
        out = ensure()
        changed = json.loads((index_folder / FINGERPRINT_FILE).read_text())
    finally:
        field.analyzer = german

    assert "its schema changed (fields: text_de)" in out
    assert documents(index_folder) == 2
    assert changed["fingerprint"] != fingerprint(current_schema("default"))
    # Back to the German analyzer: the index no longer fits, so the next start rebuilds.
    assert "its schema changed (fields: text_de)" in ensure()


def test_ensure_search_index_rebuilds_an_empty_index_when_there_are_threads(index_folder):
    ensure()  # an empty database: an empty index
    assert documents(index_folder) == 0
    make_thread(title="Invoice PDF is empty")

    out = ensure()

    assert "it is empty, but the database has something to index" in out
    assert documents(index_folder) == 1


def test_ensure_search_index_rebuilds_an_index_without_a_recorded_schema(index_folder):
    make_thread(title="Invoice PDF is empty")
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert not (index_folder / FINGERPRINT_FILE).exists()

    out = ensure()

    assert "no record of the schema it was built with" in out
    assert (index_folder / FINGERPRINT_FILE).exists()
    assert "up to date" in ensure()


def test_describe_gives_the_same_data_in_every_process():
    # Sets (such as stop word lists) iterate in an order that depends on the process's hash
    # seed, and reprs hold memory addresses: neither may reach the fingerprint.
    analyzer = StemmingAnalyzer(stoplist=frozenset({"the", "and", "a"}))

    described = describe({"analyzer": analyzer, "stem": analyzer.items[-1].stemfn})

    assert described["analyzer"]["class"] == "whoosh.analysis.analyzers.CompositeAnalyzer"
    stop_filter = described["analyzer"]["items"][2]
    assert stop_filter["stops"] == ["a", "and", "the"]
    assert described["stem"] == "whoosh.lang.porter.stem"
    assert describe(object()) == "builtins.object"
    assert json.loads(json.dumps(described)) == described
