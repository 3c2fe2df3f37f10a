"""Known issues' suggested threads through the similar-threads provider (community.
extensions.register_similar_threads_provider): its ranking when it answers, with the same
rules as the keyword lookup; the keyword lookup when there is none or it cannot answer."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from community import extensions
from community.escalation.known_issues import link_thread, start_known_issue, suggested_threads
from community.escalation.known_issues.selectors import SUGGESTION_CANDIDATES
from tests.factories import SpaceFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(monkeypatch):
    """Registers a provider that answers with `provider.ids` (None: it cannot answer) and
    records what it was asked."""

    class Provider:
        ids: list[int] | None = None
        asked: list[dict] = []

        def __call__(self, *, title, limit):
            self.asked.append({"title": title, "limit": limit})
            return None if self.ids is None else list(self.ids)

    found = Provider()
    monkeypatch.setattr(extensions, "_similar_threads_provider", [])
    extensions.register_similar_threads_provider(found)
    return found


@pytest.fixture
def outage(staff, indexed):
    with indexed():
        return start_known_issue(
            by=staff, space=SpaceFactory(), title="Invoice download fails",
            body="Downloading invoices fails.",
        )  # fmt: skip


def test_the_last_provider_registered_answers(monkeypatch):
    monkeypatch.setattr(extensions, "_similar_threads_provider", [])
    assert extensions.similar_thread_ids(title="Invoice", limit=5) is None
    extensions.register_similar_threads_provider(lambda *, title, limit: [1])
    extensions.register_similar_threads_provider(lambda *, title, limit: [2, 3][:limit])
    assert extensions.similar_thread_ids(title="Invoice", limit=1) == [2]


def test_the_providers_ranking_is_used_with_the_same_rules(staff, outage, provider, indexed):
    with indexed():
        with time_machine.travel(timezone.now() - timedelta(days=10)):
            old = make_thread(title="Bill PDF will not open", body="Nothing happens.")
        paraphrase = make_thread(title="Bill PDF will not open", body="Nothing happens.")
        german = make_thread(title="Rechnung lässt sich nicht laden", body="Nichts passiert.")
        linked = make_thread(title="My bill is missing", body="Where is it?")
    link_thread(thread=linked, known_issue=outage, by=staff)
    provider.ids = [outage.thread_id, german.pk, old.pk, linked.pk, 999_999, paraphrase.pk]
    # Neither shares a word with the title: only the provider found them, in its order.
    assert suggested_threads(outage) == [german, paraphrase]
    assert provider.asked[-1] == {"title": "Invoice download fails", "limit": SUGGESTION_CANDIDATES}
    provider.ids = [german.pk, old.pk]
    assert suggested_threads(outage) == []  # one recent match is not enough


def test_the_keyword_lookup_answers_when_the_provider_cannot(outage, provider, indexed):
    with indexed():
        one = make_thread(title="Invoice download broken", body="The invoice download fails.")
        two = make_thread(title="Cannot download my invoice", body="Invoice download error.")
        make_thread(title="Bill PDF will not open", body="Nothing happens.")
    provider.ids = None
    assert {thread.pk for thread in suggested_threads(outage)} == {one.pk, two.pk}
    assert provider.asked
