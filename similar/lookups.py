"""Small lookups the similar-question rankings share (the ask form's box, related threads,
possible duplicates)."""

from django.conf import settings

from community.i18n import active_language
from community.searching import similar_documents

THREAD_CONTENT_TYPE = "community.thread"


def keyword_ids(
    title: str, *, content_type: str = THREAD_CONTENT_TYPE, limit: int = 20, leave_out: int = 0
) -> list[int]:
    """Ids of the documents of `content_type` sharing words with `title`, best first, from
    the search index (no database query); `leave_out` is dropped (the thread itself)."""
    ids = []
    for fields in similar_documents(title, content_type=content_type, limit=limit):
        try:
            pk = int(fields.get("django_id") or 0)
        except (TypeError, ValueError):
            continue
        if pk and pk != leave_out:
            ids.append(pk)
    return ids


def language_label(code: str, reader: str | None = None) -> str:
    """The name of the language `code` when it is not the reader's (default: the active
    language), else "" (nothing to mark)."""
    names = dict(settings.LANGUAGES)
    reader = reader or active_language()
    return "" if code not in names or code == reader else str(names[code])
