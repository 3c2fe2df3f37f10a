"""/leaderboard/: tabs, space selector, the table, the viewer's rank; bad input never fails."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import SpaceFactory
from tests.gamification.ledger_rows import book, ranked_members

URL = reverse("gamification:leaderboard")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # top lists are cached: one test's board must not show in the next
    yield
    cache.clear()


def test_leaderboard_page_shows_the_table_with_the_period_and_space_chosen(client, member):
    invoices = SpaceFactory(slug="invoices", name_en="Invoices")
    book(member, 25, days_ago=10, space=invoices)

    response = client.get(URL, {"period": "month", "space": "invoices"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption>" in html and "Last 30 days: reputation gained in Invoices" in html
    assert '<th scope="col">Member</th>' in html
    assert member.public_name in html and ">25</td>" in html
    assert '<option value="invoices" selected>' in html
    assert 'href="?period=month&amp;space=invoices" aria-current="page"' in html


def test_leaderboard_page_marks_itself_in_the_main_navigation(client, db):
    html = client.get(URL).content.decode()

    assert f'<a href="{URL}" aria-current="page">Leaderboard</a>' in html


def test_leaderboard_page_shows_the_viewers_rank_below_the_top(member_client, member):
    for points, ranked in enumerate(ranked_members(51), start=20):
        book(ranked, points)
    book(member, 7)

    html = member_client.get(URL).content.decode()

    assert "Your rank: <strong>#52</strong> with <strong>7</strong> points" in html
    assert "leaderboard__you" not in html  # not among the 50 rows


def test_leaderboard_page_highlights_the_viewers_row(member_client, member):
    book(member, 1)

    html = member_client.get(URL).content.decode()

    assert "Your rank: <strong>#1</strong> with <strong>1</strong> point" in html
    assert 'class="leaderboard__you"' in html


def test_leaderboard_page_says_when_nobody_gained_anything(client, member):
    book(member, 10, days_ago=8)

    html = client.get(URL).content.decode()

    assert "Nobody has gained reputation in this period yet." in html
    assert "<table" not in html


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"period": "year"}, "There is no such period: showing the last 7 days."),
        ({"period": ["week", "x"], "space": "nowhere"}, "There is no such space"),
        ({"space": "%00<script>"}, "There is no such space"),
    ],
)
def test_leaderboard_page_falls_back_to_the_defaults_on_bad_parameters(
    client, member, params, notice
):
    book(member, 10)

    response = client.get(URL, params)

    assert response.status_code == 200
    html = response.content.decode()
    assert notice in html
    assert member.public_name in html  # the whole community's last 7 days
    assert "<script>" not in html


def test_leaderboard_page_leaves_out_switched_off_spaces(client, member):
    SpaceFactory(slug="closed", is_active=False)

    html = client.get(URL, {"space": "closed"}).content.decode()

    assert "There is no such space" in html
    assert 'value="closed"' not in html


@pytest.mark.parametrize("period", ["month", "all"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_leaderboard_page_query_count_does_not_grow_with_the_board(
    client, member, signed_in, period, django_assert_max_num_queries
):
    # Given a full board, the viewer below it and a cold cache: every query the page can make
    space = SpaceFactory(slug="invoices")
    for points, ranked in enumerate(ranked_members(60), start=20):
        book(ranked, points, space=space)
    book(member, 5, space=space)
    if signed_in:
        client.force_login(member)

    with django_assert_max_num_queries(10):
        response = client.get(URL, {"period": period, "space": "invoices"})

    assert response.context["board"].entries[-1].points == 30
    if signed_in:
        assert response.context["board"].viewer.rank == 61


def test_leaderboard_page_rows_link_each_member_and_escape_what_they_typed(client, member):
    member.display_name = "<b>Chris</b> & co"
    member.avatar = "avatars/1/chris.png"
    member.save()
    book(member, 12)

    html = client.get(URL).content.decode()

    assert f'<a href="{member.get_absolute_url()}"><img class="avatar" src="' in html
    assert "<span>&lt;b&gt;Chris&lt;/b&gt; &amp; co</span>" in html
    assert "<b>Chris</b>" not in html
    assert f'<span class="badge badge--trust">{member.get_trust_level_display()}</span>' in html
    assert '<td class="leaderboard__points">12</td>' in html
