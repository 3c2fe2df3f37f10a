"""Search on Elasticsearch/OpenSearch (community.searching.elasticsearch): the mapping with
German and English analysis, built and checked without a server; and the same search
against a real server, which runs only where ELASTICSEARCH_URL names one (for example
``ELASTICSEARCH_URL=http://127.0.0.1:9200``) and the Elasticsearch 7 client is installed."""

import os
import uuid
from contextlib import contextmanager

import pytest
from django.test import override_settings
from haystack import connections

from community.searching import search_threads
from community.searching.elasticsearch_mapping import (
    ENGLISH,
    GERMAN,
    build_mapping,
    field_mapping,
    index_settings,
)
from community.services.solutions import accept_answer
from tests.community.search_helpers import titles
from tests.factories import make_answer, make_thread

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ENGINE = "community.searching.elasticsearch.BilingualElasticsearchEngine"


def _thread_fields() -> dict:
    return connections["default"].get_unified_index().all_searchfields()


def test_build_mapping_analyzes_text_as_english_and_text_de_as_german():
    content_field, mapping = build_mapping(
        _thread_fields(), common={"django_ct": {"type": "keyword"}}
    )

    assert content_field == "text"
    assert mapping["django_ct"] == {"type": "keyword"}
    assert mapping["text"] == {"type": "text", "analyzer": ENGLISH}
    assert mapping["text_de"] == {"type": "text", "analyzer": GERMAN}
    assert mapping["title"] == {"type": "text", "analyzer": ENGLISH, "boost": 2.0}


def test_build_mapping_makes_filters_and_stored_values_keywords():
    _, mapping = build_mapping(_thread_fields())

    for name in ("space", "kind", "language", "url", "space_name_en", "space_name_de"):
        assert mapping[name] == {"type": "keyword"}, name
    assert mapping["solved"] == mapping["has_official"] == {"type": "boolean"}
    assert mapping["answer_count"] == {"type": "long"}
    assert mapping["last_activity"] == {"type": "date"}


def test_field_mapping_of_a_plain_text_field_is_english():
    from haystack import indexes

    assert field_mapping(indexes.CharField()) == {"type": "text", "analyzer": ENGLISH}


def test_index_settings_define_both_analyzers_and_keep_haystacks():
    haystack_settings = {
        "settings": {"analysis": {"analyzer": {"ngram_analyzer": {"tokenizer": "standard"}}}}
    }

    settings = index_settings(haystack_settings)

    analysis = settings["settings"]["analysis"]
    assert set(analysis["analyzer"]) == {"ngram_analyzer", ENGLISH, GERMAN}
    german_filters = analysis["analyzer"][GERMAN]["filter"]
    assert german_filters[-1] == "peerdesk_german_stemmer"
    assert analysis["filter"]["peerdesk_german_stemmer"]["language"] == "light_german"
    assert analysis["filter"]["peerdesk_english_stemmer"]["language"] == "english"
    assert "peerdesk_english" not in haystack_settings["settings"]["analysis"]["analyzer"]


# --- against a server ------------------------------------------------------------------------

needs_server = pytest.mark.skipif(
    not ELASTICSEARCH_URL,
    reason="ELASTICSEARCH_URL is not set: no Elasticsearch/OpenSearch server to search on here",
)


@contextmanager
def elasticsearch_engine():
    """haystack's default connection on our engine, on an index of its own, for the block."""
    pytest.importorskip("elasticsearch", reason="the Elasticsearch 7 client is not installed")
    other = {
        "default": {
            "ENGINE": ENGINE,
            "URL": ELASTICSEARCH_URL,
            "INDEX_NAME": f"peerdesk-test-{uuid.uuid4().hex[:8]}",
        }
    }
    configured = connections.connections_info
    with override_settings(HAYSTACK_CONNECTIONS=other):
        connections.connections_info = other
        connections.reload("default")
        backend = connections["default"].get_backend()
        try:
            backend.setup()
            yield backend
        finally:
            backend.clear()
            connections.connections_info = configured
    connections.reload("default")


@needs_server
@pytest.mark.django_db
def test_elasticsearch_finds_german_and_english_forms_and_filters_by_language(indexed):
    with elasticsearch_engine() as backend:
        with indexed():
            german = make_thread(title="Rechnung fehlt", body="Wo finde ich die Rechnung vom Mai?")
            make_thread(title="Invoice is missing", body="Where can I download the invoice?")
            accept_answer(answer=make_answer(thread=german), by=german.author)
        backend.conn.indices.refresh(index=backend.index_name)

        mapping = backend.conn.indices.get_mapping(index=backend.index_name)
        properties = mapping[backend.index_name]["mappings"]["properties"]
        assert properties["text_de"]["analyzer"] == GERMAN
        assert titles(search_threads(query="Rechnungen")) == ["Rechnung fehlt"]
        assert titles(search_threads(query="invoices")) == ["Invoice is missing"]
        assert titles(search_threads(query="rechnung", languages=["de"])) == ["Rechnung fehlt"]
        assert titles(search_threads(query="rechnung", solved_only=True)) == ["Rechnung fehlt"]
