"""The values a thread list row shows, prepared once per page."""

from types import SimpleNamespace

from django.utils import translation

from community import selectors
from community.models import Thread, ThreadKind
from community.views.rows import (
    LanguageScope,
    language_name,
    present_thread_links,
    present_thread_rows,
)
from tests.community.lists import german_thread, many_threads
from tests.factories import SpaceFactory, TagFactory, make_thread


def _rows(*, ui_language="en", show_space=True) -> list[SimpleNamespace]:
    rows = list(selectors.thread_rows(Thread.objects.order_by("-pk")))
    selectors.attach_tag_names(rows)
    rows = present_thread_rows(rows, ui_language=ui_language, show_space=show_space)
    return [SimpleNamespace(**row) for row in rows]


def test_present_thread_rows_reads_nothing_from_the_database(db, django_assert_num_queries):
    many_threads(12, tags=2)
    rows = selectors.attach_tag_names(list(selectors.thread_rows(Thread.objects.all())))
    with django_assert_num_queries(0):
        present_thread_rows(rows, ui_language="en")


def test_present_thread_links_names_the_space_in_the_readers_language(db):
    space = SpaceFactory(slug="billing", name_en="Invoices", name_de="")
    make_thread(space=space, title="Invoice PDF is empty")
    (row,) = present_thread_links(selectors.thread_rows(Thread.objects.all()), ui_language="de")
    # Nobody translated the name yet: the English one rather than nothing.
    assert (row["space_url"], row["space_name"]) == ("/s/billing/", "Invoices")


def test_present_thread_rows_links_thread_space_and_tags(db):
    space = SpaceFactory(slug="billing", name_en="Invoices", name_de="Rechnungen")
    thread = make_thread(space=space, title="Invoice PDF is empty", tags=[TagFactory(name="pdf")])
    (row,) = _rows()
    assert row.url == thread.get_absolute_url()
    assert (row.space_url, row.space_name) == ("/s/billing/", "Invoices")
    assert row.tags_html == '<a class="tag" href="/tags/pdf/">#pdf</a> '
    with translation.override("de"):
        (row,) = _rows(ui_language="de")
    assert row.space_name == "Rechnungen"
    (row,) = _rows(show_space=False)
    assert row.space_url == "" and row.space_name == ""


def test_present_thread_rows_marks_threads_in_another_language(db):
    make_thread(title="My invoice did not arrive")
    german_thread()
    german, english = _rows()
    assert english.foreign_language == ""
    assert german.foreign_language == "de" and german.language_name == "Deutsch"
    assert '<span class="badge badge--language" lang="de">Deutsch</span>' in german.badges_html
    with translation.override("de"):
        german, english = _rows(ui_language="de")
    assert german.foreign_language == ""
    assert '<span class="badge badge--language" lang="en">English</span>' in english.badges_html


def test_present_thread_rows_translates_labels_and_counts(db):
    thread = make_thread(title="Dark mode for the app please", kind=ThreadKind.IDEA)
    Thread.objects.filter(pk=thread.pk).update(is_pinned=True, answer_count=1, me_too_count=3)
    with translation.override("de"):
        (row,) = _rows(ui_language="de")
    assert row.answers_word == "Kommentar"  # an idea has comments, not answers
    assert row.answers_text == "1 Kommentar"
    assert "Angeheftet" in row.badges_html and "Idee" in row.badges_html
    assert row.row_class == "thread-row thread-row--pinned"
    assert row.last_poster_text.startswith("von ")


def test_present_thread_rows_escapes_what_members_wrote(db):
    make_thread(title="<script>alert(1)</script> in my invoice", tags=[TagFactory(name="a&b")])
    (row,) = _rows()
    assert "a&amp;b" in row.tags_html and "<script>" not in row.tags_html


def test_language_name_is_the_languages_own_name():
    assert language_name("de") == "Deutsch"
    assert language_name("en") == "English"
    assert language_name("xx") == "xx"


def test_language_scope_offers_the_switch_only_to_readers_of_some_languages():
    assert LanguageScope(languages=("en",), showing_all=False).offered
    assert not LanguageScope(languages=("en", "de"), showing_all=False).offered
    with translation.override("en"):
        only = LanguageScope(languages=("de",), showing_all=False)
        assert only.status == "Showing threads in German."
        assert only.switch_label == "Show all languages"
        every = LanguageScope(languages=("de",), showing_all=True)
        assert every.status == "Showing threads in all languages."
        assert every.switch_label == "Only German"
