"""Spaces are edited by admins; their threads' search entries follow."""

from django.db import transaction

from community.models import Space
from community.outbox import enqueue

# What the search index stores about a thread's space.
INDEXED_FIELDS = {"slug", "name_en", "name_de", "is_active"}


@transaction.atomic
def save_space(*, space: Space, changed: list[str] | None = None) -> Space:
    """Save `space`; when something its threads are found by changed (its names, or whether
    it is active at all), their search entries are renewed after commit.

    `changed` names the fields that changed (all when None, e.g. a new space).
    """
    is_new = space.pk is None
    space.full_clean()
    space.save()
    if not is_new and (changed is None or INDEXED_FIELDS & set(changed)):
        enqueue("community.reindex_space", {"space_id": space.pk})
    return space
