import pytest
from django.core.cache import cache
from haystack import connections

from similar import embedder
from similar.index import forget


@pytest.fixture(autouse=True)
def fresh_similar_state():
    """Each test starts with no loaded index, a model state of its own and an empty
    keyword index (the index folder outlives test transactions)."""
    connections["default"].get_backend().clear()
    cache.clear()
    forget()
    embedder.reset()
    yield
    forget()
    embedder.reset()
