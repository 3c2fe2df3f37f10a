"""Renewing many search entries at once (the per-row updates live in community.indexing)."""


def reindex_threads(thread_ids) -> tuple[int, int]:
    """Bring the index up to date for these threads at once: index those that should be
    found, remove the others (e.g. after their space was switched off or renamed).

    Returns (indexed, removed).
    """
    from haystack import connections

    from community.models import Thread

    connection = connections["default"]
    index = connection.get_unified_index().get_index(Thread)
    backend = connection.get_backend()
    wanted = set(thread_ids)
    findable = index.index_queryset().filter(pk__in=wanted)
    indexed = 0
    for start in range(0, len(wanted), 500):
        batch = list(findable.order_by("pk")[start : start + 500])
        if batch:
            backend.update(index, batch)
            indexed += len(batch)
    present = set(findable.values_list("pk", flat=True))
    for pk in sorted(wanted - present):
        index.remove_object(f"{Thread._meta.label_lower}.{pk}")
    return indexed, len(wanted - present)
