def titles(results) -> list[str]:
    """The titles of a SearchResults page, in order."""
    return [hit.title for hit in results.results]
