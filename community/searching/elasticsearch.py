"""haystack's Elasticsearch 7 engine with German and English analysis (past one machine).

Use it with HAYSTACK_CONNECTIONS["default"]["ENGINE"] =
"community.searching.elasticsearch.BilingualElasticsearchEngine" (plus haystack's URL
and INDEX_NAME). It needs the Elasticsearch client, ``elasticsearch>=7,<8``; for
OpenSearch use a 7.x client below 7.14, which does not refuse OpenSearch servers.

Only the mapping differs from haystack's engine (elasticsearch_mapping): ``text`` is
analyzed as English, ``text_de`` as German, filters are keyword fields. Queries go
through SearchQuerySet (community.searching.engine_path). Changing the mapping needs
the index rebuilt (``manage.py rebuild_search_index`` runs haystack's rebuild there).
"""

from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchEngine,
)

from community.searching.elasticsearch_mapping import build_mapping, index_settings


class BilingualElasticsearchBackend(Elasticsearch7SearchBackend):
    DEFAULT_SETTINGS = index_settings(Elasticsearch7SearchBackend.DEFAULT_SETTINGS)

    def build_schema(self, fields):
        return build_mapping(fields, common=self._get_common_mapping())


class BilingualElasticsearchEngine(Elasticsearch7SearchEngine):
    backend = BilingualElasticsearchBackend
