"""Fixtures the knowledge tests share."""

import pytest
from haystack import connections

from knowledge.models import Article, Section
from tests.community.conftest import indexed, listen  # noqa: F401  (shared fixtures)

# --- search, suggestions, deflection ------------------------------------------------------


@pytest.fixture
def article_urls(monkeypatch):
    """Article and section addresses without the article pages' routes (for tests that
    need none of the pages)."""
    monkeypatch.setattr(
        Article, "get_absolute_url", lambda self: f"/kb/{self.section.slug}/{self.slug}/"
    )
    monkeypatch.setattr(Section, "get_absolute_url", lambda self: f"/kb/{self.slug}/")


@pytest.fixture
def empty_search_index():
    """The test starts with an empty index (the index folder outlives test transactions)."""
    connections["default"].get_backend().clear()
