"""Rebuild the search index only when it needs it, so `make run` starts at once.

A rebuild takes about a minute at 10,000 threads. It is needed when the index is
missing, when it was built for other field definitions (a field added, removed,
retyped or given another analyzer: haystack would go on writing the old index
with the new schema), or when it is empty while the database has something to
index. After each rebuild the command writes a fingerprint of the schema into
the index folder; the next start compares it with the schema the code defines.

Only a Whoosh index on disk can be checked that way. For any other engine the
command rebuilds an empty index and otherwise leaves it alone: after changing
search_indexes.py, run ``rebuild_search_index`` there. Changing only what a field holds
(a ``prepare_*`` method) also needs ``rebuild_search_index``: the schema stays the same.
"""

import hashlib
import json
import re
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from haystack import connections
from haystack.constants import DEFAULT_ALIAS
from haystack.query import SearchQuerySet
from whoosh import index as whoosh_index

# Inside the index folder, so it goes wherever the index goes (rebuild_index deletes the
# folder first). Whoosh leaves files alone whose names are not its own.
FINGERPRINT_FILE = "peerdesk-schema.json"
WHOOSH_ENGINE = "haystack.backends.whoosh_backend.WhooshEngine"


def describe(value, depth: int = 0):
    """`value` as plain JSON data that is the same in every process: sets sorted, objects
    as their class and attributes, functions and classes by name."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if depth > 12:
        return _name(type(value))
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, set | frozenset):
        return sorted((describe(item, depth + 1) for item in value), key=json.dumps)
    if isinstance(value, list | tuple):
        return [describe(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {str(key): describe(item, depth + 1) for key, item in value.items()}
    if isinstance(value, re.Pattern):
        return {"pattern": value.pattern, "flags": value.flags}
    if isinstance(value, type) or (callable(value) and hasattr(value, "__qualname__")):
        return _name(value)
    attributes = getattr(value, "__dict__", None)
    if attributes is None:  # no attributes to compare, and its repr may hold an address
        return _name(type(value))
    return {"class": _name(type(value)), **describe(attributes, depth + 1)}


def _name(thing) -> str:
    return f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', thing)}"


def current_schema(using: str) -> dict:
    """The index schema the code defines: haystack's fields and, where the engine builds
    one from them, the engine's own schema (Whoosh: field types and analyzers)."""
    connection = connections[using]
    fields = connection.get_unified_index().all_searchfields()
    schema = {
        "engine": connections.connections_info[using]["ENGINE"],
        "fields": {name: describe(field) for name, field in sorted(fields.items())},
    }
    backend = connection.get_backend()
    if hasattr(backend, "build_schema"):
        schema["engine_schema"] = describe(backend.build_schema(fields))
    return schema


def fingerprint(schema: dict) -> str:
    return hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()


def _has_something_to_index(using: str) -> bool:
    indexes = connections[using].get_unified_index().get_indexes().values()
    return any(index.index_queryset(using=using).exists() for index in indexes)


def _whoosh_folder(using: str) -> Path | None:
    options = connections.connections_info[using]
    if options["ENGINE"] != WHOOSH_ENGINE or options.get("STORAGE", "file") != "file":
        return None
    return Path(options["PATH"])


def rebuild_reason(using: str) -> str | None:
    """Why the index of connection `using` needs a rebuild, or None when it does not."""
    folder = _whoosh_folder(using)
    if folder is None:
        if SearchQuerySet(using=using).count() == 0 and _has_something_to_index(using):
            return "it is empty, but the database has something to index"
        return None
    if not folder.is_dir() or not whoosh_index.exists_in(str(folder)):
        return f"there is none in {folder}"
    try:
        recorded = json.loads((folder / FINGERPRINT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = None
    if not isinstance(recorded, dict):
        return "it has no record of the schema it was built with"
    schema = current_schema(using)
    if recorded.get("fingerprint") != fingerprint(schema):
        before, now = recorded.get("schema", {}).get("fields", {}), schema["fields"]
        changed = sorted(
            name for name in before.keys() | now.keys() if before.get(name) != now.get(name)
        )
        return "its schema changed" + (f" (fields: {', '.join(changed)})" if changed else "")
    if whoosh_index.open_dir(str(folder)).doc_count() == 0 and _has_something_to_index(using):
        return "it is empty, but the database has something to index"
    return None


def record_schema(using: str) -> None:
    """Write the fingerprint of the current schema next to a freshly built Whoosh index."""
    folder = _whoosh_folder(using)
    if folder is None:
        return
    schema = current_schema(using)
    record = {"fingerprint": fingerprint(schema), "schema": schema}
    (folder / FINGERPRINT_FILE).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")


class Command(BaseCommand):
    help = (
        "Rebuild the search index if it is missing, was built for another schema, or is "
        "empty while the database has threads; otherwise leave it as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-u", "--using", default=DEFAULT_ALIAS, help="The haystack connection to check."
        )

    def handle(self, *args, using=DEFAULT_ALIAS, verbosity=1, **options):
        reason = rebuild_reason(using)
        if reason is None:
            self.stdout.write("The search index is up to date; not rebuilding it.")
            return
        self.stdout.write(f"Rebuilding the search index: {reason}.")
        # Our fast rebuild (one Whoosh writer; haystack's rebuild_index on other engines).
        call_command(
            "rebuild_search_index", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr
        )
        record_schema(using)
        self.stdout.write(self.style.SUCCESS("The search index is built."))
