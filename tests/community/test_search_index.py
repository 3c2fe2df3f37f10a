"""What community.search_indexes.ThreadIndex puts into the index, and rebuilding it."""

import io
import multiprocessing

import pytest
from django.core.management import call_command
from haystack import connections

from community.models import Thread
from community.search_indexes import LABELS_SEPARATOR, ThreadIndex
from community.searching import search_threads
from community.services.posts import delete_post, hide_post
from tests.factories import SpaceFactory, StaffFactory, TagFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_index():
    connections["default"].get_backend().clear()
    yield


def test_thread_index_index_queryset_leaves_out_hidden_and_deleted_threads(staff):
    shown = make_thread(title="Shown thread")
    hidden = make_thread(title="Hidden thread")
    deleted = make_thread(title="Deleted thread")
    hide_post(post=hidden.posts.get(is_opening=True), by=staff, reason="spam")
    delete_post(post=deleted.posts.get(is_opening=True), by=deleted.author)

    assert list(ThreadIndex().index_queryset()) == [shown]


def test_thread_index_prepare_text_has_title_visible_posts_then_labels(staff):
    space = SpaceFactory(name_en="Invoices & payment", name_de="Rechnungen & Zahlung")
    thread = make_thread(
        title="PDF is empty",
        body="The **PDF** of my invoice is empty.",
        space=space,
        tags=[TagFactory(name="pdf")],
    )
    make_answer(thread=thread, body="Open it in another viewer, please.")
    hidden = make_answer(thread=thread, body="Spam spam spam, buy things here.")
    deleted = make_answer(thread=thread, body="Oops, I posted this twice.")
    hide_post(post=hidden, by=staff, reason="spam")
    delete_post(post=deleted, by=deleted.author)

    text = ThreadIndex().prepare_text(ThreadIndex().index_queryset().get(pk=thread.pk))

    assert text == (
        "PDF is empty\nThe PDF of my invoice is empty.\nOpen it in another viewer, please."
        + LABELS_SEPARATOR
        + "pdf Invoices & payment Rechnungen & Zahlung"
    )


def test_thread_index_fills_both_language_fields_and_what_a_result_row_shows():
    thread = make_thread(title="Rechnung fehlt", body="Wo ist meine Rechnung vom Mai?")

    data = ThreadIndex().full_prepare(ThreadIndex().index_queryset().get(pk=thread.pk))

    assert data["text_de"] == data["text"]
    assert data["url"] == thread.get_absolute_url()
    assert data["space"] == thread.space.slug
    assert (data["space_name_en"], data["space_name_de"]) == (
        thread.space.name_en,
        thread.space.name_de,
    )
    assert data["solved"] is False
    assert data["has_official"] is False
    assert data["answer_count"] == 0
    assert data["kind"] == "question"
    assert data["last_activity"].tzinfo is None  # UTC, as Whoosh wants it


def test_thread_index_index_queryset_prepares_threads_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    staff = StaffFactory()
    for number in range(5):
        thread = make_thread(
            title=f"Thread number {number}", tags=[TagFactory(name=f"tag{number}")]
        )
        make_answer(thread=thread, author=staff)

    index = ThreadIndex()
    with django_assert_max_num_queries(3):  # threads with spaces, tags, visible posts
        documents = [index.full_prepare(thread) for thread in index.index_queryset()]

    assert len(documents) == 5


def test_update_search_index_task_indexes_public_threads_and_removes_the_rest(
    django_capture_on_commit_callbacks, staff
):
    from community.tasks import update_search_index_task

    thread = make_thread(title="Invoice question", body="Where is my invoice for May?")
    assert update_search_index_task(model="community.thread", pk=thread.pk) == "indexed"
    assert search_threads(query="invoice").total == 1

    hide_post(post=thread.posts.get(is_opening=True), by=staff, reason="spam")
    assert update_search_index_task(model="community.thread", pk=thread.pk) == "removed"
    assert search_threads(query="invoice").total == 0


def test_rebuild_index_shows_progress_at_verbosity_2(capsys):
    for number in range(3):
        make_thread(title=f"Invoice number {number}")
    out = io.StringIO()
    # haystack raises the level of multiprocessing's stderr logger at verbosity 2; put it
    # back, or it logs “process shutting down” to pytest's closed stderr at exit.
    logger = multiprocessing.get_logger()
    level = logger.level
    try:
        call_command("rebuild_index", interactive=False, verbosity=2, batchsize=2, stdout=out)
    finally:
        logger.setLevel(level)

    assert "Indexing 3 threads" in out.getvalue()
    progress = capsys.readouterr().out  # haystack prints the batches with print()
    assert "indexed 1 - 2 of 3" in progress
    assert "indexed 3 - 3 of 3" in progress
    assert search_threads(query="invoice").total == Thread.objects.count() == 3
