"""The Elasticsearch/OpenSearch mapping of the search index: English and German analysis.

haystack's Elasticsearch backend maps every text field to the English "snowball"
analyzer and ignores the Whoosh analyzers ThreadIndex names, so German forms
(“Rechnungen”, “Rechnung”) would not find each other there. This module builds the
mapping from ThreadIndex's own fields instead:

* a text field analyzed with GERMAN_ANALYZER gets ``peerdesk_german`` (German stop words,
  umlaut normalisation, light German stemming); every other text field
  ``peerdesk_english`` (English possessives, stop words, English stemming);
* a field analyzed as one token (IDAnalyzer: space, kind, language, url …) is a
  ``keyword``: exact filters, no analysis;
* flags, numbers and dates keep haystack's types (boolean, long, date).

No server and no Elasticsearch client are needed here: the engine that uses it is
community.searching.elasticsearch, and tests check the mapping without a server.
"""

import copy

from whoosh.analysis import CompositeAnalyzer, IDTokenizer

ENGLISH = "peerdesk_english"
GERMAN = "peerdesk_german"

ANALYSIS = {
    "filter": {
        "peerdesk_english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "peerdesk_english_stop": {"type": "stop", "stopwords": "_english_"},
        "peerdesk_english_stemmer": {"type": "stemmer", "language": "english"},
        "peerdesk_german_stop": {"type": "stop", "stopwords": "_german_"},
        "peerdesk_german_stemmer": {"type": "stemmer", "language": "light_german"},
    },
    "analyzer": {
        ENGLISH: {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "peerdesk_english_possessive",
                "lowercase",
                "peerdesk_english_stop",
                "peerdesk_english_stemmer",
            ],
        },
        GERMAN: {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "lowercase",
                "peerdesk_german_stop",
                "german_normalization",
                "peerdesk_german_stemmer",
            ],
        },
    },
}

# haystack's field types that are not text, as its Elasticsearch 7 backend maps them.
_TYPES = {
    "date": {"type": "date"},
    "datetime": {"type": "date"},
    "boolean": {"type": "boolean"},
    "integer": {"type": "long"},
    "long": {"type": "long"},
    "float": {"type": "float"},
    "location": {"type": "geo_point"},
}


def index_settings(base: dict | None = None) -> dict:
    """The index's settings: `base` (haystack's, with its n-gram analyzers) plus ours."""
    settings = copy.deepcopy(base or {"settings": {}})
    analysis = settings.setdefault("settings", {}).setdefault("analysis", {})
    for section, entries in ANALYSIS.items():
        analysis.setdefault(section, {}).update(copy.deepcopy(entries))
    return settings


def _text_analyzer(field) -> str:
    from community.search_indexes import GERMAN_ANALYZER

    return GERMAN if getattr(field, "analyzer", None) is GERMAN_ANALYZER else ENGLISH


def _is_one_token(analyzer) -> bool:
    """Whether `analyzer` keeps the whole value as one token (whoosh's IDAnalyzer)."""
    if isinstance(analyzer, CompositeAnalyzer):
        analyzer = analyzer.items[0]
    return isinstance(analyzer, IDTokenizer)


def field_mapping(field) -> dict:
    """The mapping of one haystack field."""
    if field.field_type in _TYPES:
        return dict(_TYPES[field.field_type])
    if _is_one_token(getattr(field, "analyzer", None)) or field.indexed is False:
        return {"type": "keyword"}
    mapping = {"type": "text", "analyzer": _text_analyzer(field)}
    if field.boost != 1.0:
        mapping["boost"] = field.boost
    return mapping


def build_mapping(fields: dict, *, common: dict | None = None) -> tuple[str, dict]:
    """(the name of the document field, {field name: mapping}) for haystack's `fields`
    (UnifiedIndex.all_searchfields()), after the `common` fields (id, django_ct …)."""
    mapping = dict(common or {})
    content_field_name = ""
    for field in fields.values():
        mapping[field.index_fieldname] = field_mapping(field)
        if field.document:
            content_field_name = field.index_fieldname
    return content_field_name, mapping
