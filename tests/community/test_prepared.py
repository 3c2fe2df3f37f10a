"""community.prepared: a query compiled once per connection returns what its QuerySet
returns, with each call's own numbers in the stand-ins' places."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import selectors
from community.models import KnownIssue, Member, Thread
from community.prepared import STAND_INS, PreparedQuery
from tests.factories import MemberFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    """A model instance's loaded field values (what from_db set)."""
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.attname in instance.__dict__
    }


def _thread_query(pk):
    return (
        Thread.objects.select_related("space", "author")
        .select_related("known_issue", "linked_known_issue__thread")
        .filter(pk=pk)[:1]
    )


def test_models_with_joins_are_the_querysets_own():
    plain, status_post = make_thread(), make_thread(title="Login fails for everyone")
    KnownIssue.objects.create(
        thread=status_post, created_by=status_post.author, created_at=timezone.now()
    )
    prepared = PreparedQuery(_thread_query)
    for thread in (plain, status_post):
        [expected] = _thread_query(thread.pk)
        [got] = prepared(thread.pk)
        assert type(got) is Thread
        assert _fields(got) == _fields(expected)
        assert _fields(got.space) == _fields(expected.space)
        assert _fields(got.author) == _fields(expected.author)
        # Joined and absent: known without another query, as select_related leaves it.
        with CaptureQueriesContext(connection) as queries:
            assert hasattr(got, "known_issue") == hasattr(expected, "known_issue")
            assert got.linked_known_issue is None
        assert len(queries) == 0
        assert got._state.adding is False and got._state.db == "default"
    assert prepared(status_post.pk)[0].known_issue.thread_id == status_post.pk


def test_each_call_runs_one_query_and_compiles_once():
    first, second = make_thread(), make_thread()
    built = []

    def build(pk):
        built.append(pk)
        return Thread.objects.filter(pk=pk)

    prepared = PreparedQuery(build)
    with CaptureQueriesContext(connection) as queries:
        assert [t.pk for t in prepared(first.pk)] == [first.pk]
        assert [t.pk for t in prepared(second.pk)] == [second.pk]
        assert prepared(0) == []
    assert len(queries) == 3
    assert built == [STAND_INS[0]]  # built once, with the stand-in
    assert str(STAND_INS[0]) not in queries[0]["sql"]


def test_annotations_ordering_and_two_arguments():
    thread = make_thread()
    answers = [make_answer(thread=thread) for _ in range(3)]

    # The thread page's own: the opening post, the solution, then the rest.
    build = selectors._posts_in_page_order
    prepared = PreparedQuery(build, arguments=2)
    for solution in (answers[2], answers[1]):
        got = prepared(thread.pk, solution.pk)
        expected = list(build(thread.pk, solution.pk))
        assert [(p.pk, p.rank) for p in got] == [(p.pk, p.rank) for p in expected]
        assert got[1].pk == solution.pk and got[1].rank == 0
        assert [_fields(p) for p in got] == [_fields(p) for p in expected]


def test_an_argument_used_twice_takes_both_places():
    thread, other = make_thread(), make_thread()

    def build(pk):
        return Thread.objects.filter(Q(pk=pk) | Q(author_id=pk, pk=pk)).order_by("pk")

    assert [t.pk for t in PreparedQuery(build)(other.pk)] == [other.pk]
    assert [t.pk for t in PreparedQuery(build)(thread.pk)] == [thread.pk]


def test_deferred_fields_and_values_dicts():
    thread = make_thread(title="Router keeps rebooting")

    only = PreparedQuery(lambda pk: Thread.objects.filter(pk=pk).only("title"))
    [got] = only(thread.pk)
    assert got.title == "Router keeps rebooting"
    assert got.get_deferred_fields() >= {"slug", "kind"}
    assert got.slug == thread.slug  # loaded on use, as a deferred field is

    def values(pk):
        return Thread.objects.filter(pk=pk).values("pk", "title", "space__slug", "created_at")

    assert PreparedQuery(values)(thread.pk) == list(values(thread.pk))
    assert isinstance(PreparedQuery(values)(thread.pk)[0]["created_at"], type(timezone.now()))


def test_members_in_a_list_of_primary_keys():
    members = MemberFactory.create_batch(3)
    pks = [member.pk for member in members[:2]]
    prepared = PreparedQuery(lambda *pks: Member.objects.filter(pk__in=pks), arguments=2)
    assert sorted(member.pk for member in prepared(*pks)) == sorted(pks)


def test_no_arguments():
    make_thread()
    prepared = PreparedQuery(lambda: Thread.objects.order_by("pk").values("pk"), arguments=0)
    assert prepared() == list(Thread.objects.order_by("pk").values("pk"))


@pytest.mark.parametrize("argument", ["5", 5.0, True, None])
def test_only_whole_numbers_are_arguments(argument):
    with pytest.raises(TypeError):
        PreparedQuery(lambda pk: Thread.objects.filter(pk=pk))(argument)


@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**30])
def test_a_number_no_column_can_hold_is_left_to_the_orm(number):
    make_thread()
    assert PreparedQuery(lambda pk: Thread.objects.filter(pk=pk))(number) == []
    assert len(PreparedQuery(lambda pk: Thread.objects.exclude(pk=pk))(number)) == 1


def test_the_number_of_arguments_is_checked():
    with pytest.raises(TypeError):
        PreparedQuery(lambda pk: Thread.objects.filter(pk=pk))(1, 2)


def test_an_argument_the_sql_does_not_carry_is_refused():
    # A lookup Django leaves out of the SQL (the stand-in would never be replaced).
    unused = PreparedQuery(lambda pk: Thread.objects.all(), arguments=1)
    with pytest.raises(ValueError, match="parameter"):
        unused(1)


def test_prefetching_is_refused():
    prefetching = PreparedQuery(lambda pk: Thread.objects.filter(pk=pk).prefetch_related("tags"))
    with pytest.raises(ValueError, match="prefetch"):
        prefetching(1)


def test_values_list_is_refused():
    flat = PreparedQuery(lambda pk: Thread.objects.filter(pk=pk).values_list("pk", flat=True))
    with pytest.raises(ValueError, match="values"):
        flat(1)
