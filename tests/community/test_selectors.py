"""Reads the pages share."""

from community import selectors
from community.services.solutions import accept_answer, set_answer_endorsement
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread


def test_post_position_agrees_with_the_pages_of_thread_page(monkeypatch, member, db):
    """Solution, then official and recommended answers come first: permalinks count the same way."""
    monkeypatch.setattr(selectors, "ANSWERS_PER_PAGE", 2)
    thread = make_thread(author=member)
    answers = [make_answer(thread=thread, body=f"Answer number {n} with text.") for n in range(5)]
    staff = StaffFactory()
    official = make_answer(thread=thread, author=staff, body="The official answer, posted last.")
    set_answer_endorsement(answer=answers[3], by=staff, endorsed=True)
    accept_answer(answer=answers[4], by=member)
    thread.refresh_from_db()

    shown_on = {}
    for number in (1, 2, 3, 4):
        page = selectors.thread_page(member=MemberFactory(), thread=thread, page_number=number)
        for post in page.answers.object_list:
            shown_on.setdefault(post.pk, number)

    for post in [*answers, official]:
        post.refresh_from_db()
        assert selectors.post_position(post) == shown_on[post.pk], post.body
    assert selectors.post_position(answers[4]) == 1


def test_thread_page_counts_a_first_page_that_holds_every_answer_without_a_count_query(
    monkeypatch, member, db
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(selectors, "ANSWERS_PER_PAGE", 3)
    thread = make_thread(author=member)
    answers = [make_answer(thread=thread, body=f"Answer number {n} with text.") for n in range(3)]
    with CaptureQueriesContext(connection) as queries:
        page = selectors.thread_page(member=None, thread=thread)
    assert not any("COUNT(" in query["sql"].upper() for query in queries)
    assert [post.pk for post in page.answers] == [post.pk for post in answers]
    assert (page.answers.paginator.count, page.answers.paginator.num_pages) == (3, 1)
    assert not page.answers.has_other_pages()

    # One more than a page holds: counted, as Paginator.get_page counts.
    fourth = make_answer(thread=thread, body="Answer number 3 with text.")
    for number, shown in ((None, answers), ("1", answers), ("2", [fourth]), ("0", [fourth])):
        page = selectors.thread_page(member=None, thread=thread, page_number=number)
        assert [post.pk for post in page.answers] == [post.pk for post in shown], number
        assert (page.answers.paginator.count, page.answers.paginator.num_pages) == (4, 2)


# --- the reader's languages --------------------------------------------------------------------


def test_reader_languages_of_a_visitor_is_the_page_language(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert selectors.reader_languages(request, "de") == ("de",)
    assert selectors.reader_languages(AnonymousUser(), "en") == ("en",)


def test_reader_languages_falls_back_to_the_site_language_for_unknown_codes(db):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.reader_languages(AnonymousUser(), "fr") == ("en",)
    assert selectors.reader_languages(AnonymousUser(), "de-at") == ("de",)


def test_reader_languages_of_a_member_is_their_choice_else_the_page_language(member):
    assert selectors.reader_languages(member, "de") == ("de",)
    member.content_languages = "de,en"
    assert selectors.reader_languages(member, "de") == ("en", "de")
    member.content_languages = "de"
    assert selectors.reader_languages(member, "en") == ("de",)


def test_reader_languages_uses_the_active_language_without_one_given(member):
    from django.utils import translation

    with translation.override("de"):
        assert selectors.reader_languages(member) == ("de",)


def test_thread_list_shows_the_readers_languages_unless_all_are_asked_for(db):
    from tests.community.lists import german_thread

    english = make_thread(title="My invoice did not arrive")
    german = german_thread()
    default = selectors.ThreadListQuery()
    everything = selectors.ThreadListQuery(all_languages=True)

    def titles(query, languages):
        return {
            t.title for t in selectors.thread_list(member=None, query=query, languages=languages)
        }

    assert titles(default, ("en",)) == {english.title}
    assert titles(default, ("de",)) == {german.title}
    assert titles(default, ("en", "de")) == {english.title, german.title}
    assert titles(everything, ("en",)) == {english.title, german.title}
    assert titles(default, None) == {english.title, german.title}


def test_thread_list_query_reads_lang_all_from_the_address():
    assert selectors.ThreadListQuery.from_params({"lang": "all"}).all_languages
    assert not selectors.ThreadListQuery.from_params({"lang": "de"}).all_languages
    assert not selectors.ThreadListQuery.from_params({}).all_languages


# --- pagination without counting ----------------------------------------------------------------


def test_paginate_reads_one_row_more_and_never_counts(db, django_assert_num_queries):
    from community.models import Thread
    from tests.community.lists import many_threads

    many_threads(45, tags=0)
    threads = Thread.objects.order_by("pk")
    with django_assert_num_queries(1) as captured:
        first = selectors.paginate(threads, "1", per_page=20)
    assert "COUNT(" not in captured.captured_queries[0]["sql"].upper()
    assert len(first.object_list) == 20 and first.has_next() and not first.has_previous()
    last = selectors.paginate(threads, 3, per_page=20)
    assert len(last.object_list) == 5 and not last.has_next() and last.has_previous()
    assert last.previous_page_number() == 2 and first.next_page_number() == 2
    assert not last.is_past_the_end
    beyond = selectors.paginate(threads, 9, per_page=20)
    assert beyond.object_list == [] and beyond.is_past_the_end


def test_paginate_turns_nonsense_into_a_page_number(db):
    from community.models import Thread

    for value in (None, "", "abc", "-3", "0", "1.5"):
        assert selectors.paginate(Thread.objects.order_by("pk"), value).number == 1
    huge = selectors.paginate(Thread.objects.order_by("pk"), "9" * 40)
    assert huge.number == selectors.MAX_PAGE_NUMBER


def test_attach_tag_names_reads_all_tags_in_one_query(db, django_assert_num_queries):
    from community.models import Thread
    from tests.community.lists import many_threads

    many_threads(6, tags=2)
    rows = list(selectors.thread_rows(Thread.objects.order_by("pk")))
    with django_assert_num_queries(1):
        selectors.attach_tag_names(rows)
    assert [row["tag_names"] for row in rows] == [[], ["entag0"], ["entag0", "entag1"]] * 2
    with django_assert_num_queries(0):
        assert selectors.attach_tag_names([]) == []


def test_thread_rows_reads_what_a_row_shows_in_one_query(db, django_assert_num_queries):
    from community.models import Thread

    thread = make_thread(title="My invoice did not arrive")
    with django_assert_num_queries(1):
        (row,) = selectors.thread_rows(Thread.objects.for_list())
    assert row["pk"] == thread.pk and row["title"] == thread.title
    assert row["space__slug"] == thread.space.slug
    assert row["space__name_de"] == thread.space.name_de
    assert row["last_poster__username"] == thread.author.username


# --- the home page's counts -----------------------------------------------------------------------


def test_space_thread_counts_per_language_from_a_cache(db, django_assert_num_queries):
    from tests.community.lists import german_thread
    from tests.factories import SpaceFactory

    space = SpaceFactory()
    make_thread(space=space, title="My invoice did not arrive")
    make_thread(space=space, title="The app does not start")
    german_thread(space=space)
    with django_assert_num_queries(1):
        assert selectors.space_thread_counts(("en",))[space.pk] == 2
    with django_assert_num_queries(0):
        assert selectors.space_thread_counts(("de",))[space.pk] == 1
        assert selectors.space_thread_counts(None)[space.pk] == 3


def test_space_thread_counts_leave_out_hidden_and_deleted_threads(db):
    from django.utils import timezone

    from community.models import Thread
    from tests.factories import SpaceFactory

    space = SpaceFactory()
    make_thread(space=space, title="My invoice did not arrive")
    hidden = make_thread(space=space, title="Spam spam spam spam")
    deleted = make_thread(space=space, title="Asked by mistake here")
    Thread.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    Thread.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    assert selectors.space_thread_counts()[space.pk] == 1


def test_listed_spaces_with_counts_gives_every_listed_space_a_count(db):
    from tests.factories import SpaceFactory

    busy, empty = SpaceFactory(position=1), SpaceFactory(position=2)
    SpaceFactory(is_active=False)
    make_thread(space=busy, title="My invoice did not arrive")
    spaces = selectors.listed_spaces_with_counts(("en",))
    assert [(s.pk, s.thread_count) for s in spaces] == [(busy.pk, 1), (empty.pk, 0)]


def test_a_visitor_s_list_query_is_built_once_and_each_page_reads_fresh_rows(db):
    from django.contrib.auth.models import AnonymousUser

    visitor, query = AnonymousUser(), selectors.ThreadListQuery()
    rows = selectors.thread_list_rows(member=visitor, query=query, languages=("en",))
    assert selectors.thread_list_rows(member=visitor, query=query, languages=("en",)) is rows

    first = make_thread(title="The first question of the day")
    assert [row["pk"] for row in selectors.paginate(rows, 1)] == [first.pk]
    second = make_thread(title="Another question came in")
    # The shared query is never evaluated itself: every page reads the rows as they are now.
    assert rows.queryset._result_cache is None
    assert [row["pk"] for row in selectors.paginate(rows, 1)] == [second.pk, first.pk]
    assert [row["pk"] for row in rows[1:2]] == [first.pk]
    # What a member's list reads for the same query, row for row.
    assert list(rows) == list(
        selectors.thread_rows(selectors.thread_list(member=visitor, query=query, languages=("en",)))
    )


def test_a_member_s_list_query_is_built_for_them(db, member):
    from django.contrib.auth.models import AnonymousUser

    mine = make_thread(author=member, title="My own question here")
    make_thread(title="Somebody else's question")
    query = selectors.ThreadListQuery(filter="mine")
    rows = selectors.thread_list_rows(member=member, query=query, languages=("en",))
    assert [row["pk"] for row in rows] == [mine.pk]
    visitor_rows = selectors.thread_list_rows(
        member=AnonymousUser(), query=query, languages=("en",)
    )
    assert list(visitor_rows) == []
