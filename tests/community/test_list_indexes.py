"""The lists' queries read their page straight off an index, with or without a language.

A sort over all of a space's (or the site's) threads costs what the whole page costs at
10,000 threads. SQLite says "USE TEMP B-TREE" when it has to sort; PostgreSQL, with
sorting made prohibitively expensive for the planner, still shows a Sort node only when
no index gives the order.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from community import selectors
from tests.community.lists import many_threads
from tests.factories import MemberFactory, SpaceFactory

Query = selectors.ThreadListQuery


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_incremental_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def _sorts(plan: str) -> bool:
    return "TEMP B-TREE" in plan or "Sort" in plan


@pytest.fixture
def threads(db):
    space = SpaceFactory(slug="busy")
    many_threads(30, space=space, language="en", tags=0)
    many_threads(30, space=space, language="de", tags=0)
    return space


CASES = {
    "list": (Query(), False, None),
    "list in one language": (Query(), False, ("de",)),
    "list in all languages": (Query(all_languages=True), False, ("de",)),
    "space": (Query(), True, None),
    "space in one language": (Query(), True, ("en",)),
    "newest in one language": (Query(sort="newest"), False, ("en",)),
    "home: unanswered, newest": (Query(filter="unanswered", sort="newest"), False, ("en",)),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("who", ["visitor", "member"])
def test_thread_list_reads_its_order_from_an_index(threads, case, who):
    query, in_space, languages = CASES[case]
    member = AnonymousUser() if who == "visitor" else MemberFactory()
    queryset = selectors.thread_list(
        member=member, query=query, space=threads if in_space else None, languages=languages
    )[:21]
    plan = _plan(queryset)
    assert not _sorts(plan), plan
