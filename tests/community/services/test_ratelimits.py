"""Rate limits at their boundaries: the N-th hit allowed, the next refused with the right
retry_after, allowed again once the window is over; in both stores (a locked database row,
the cache's atomic increment)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache, caches
from django.core.exceptions import ValidationError
from django.utils import translation

from community.models import HelpfulVote, Limits, RateLimitCounter, TrustLevel
from community.models.limits import LIMITS_CACHE_KEY
from community.services import ratelimits
from community.services.posts import ask_question, post_answer
from community.services.ratelimits import (
    RateLimited,
    check_flag_rate,
    check_preview_rate,
    check_search_rate,
    check_upload_rate,
    hit,
    prune_rate_limit_counters,
    visitor_key,
)
from community.services.reactions import set_helpful_vote
from community.services.uploads import store_post_image
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread
from tests.rate_limits import use_community_rate_limits

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["database", "cache"])
def limits_on(request, settings, db):
    use_community_rate_limits(settings, store=request.param)
    return request.param


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def set_limits(**values) -> None:
    limits = Limits.objects.current()
    for name, value in values.items():
        setattr(limits, name, value)
    limits.save()
    cache.delete(LIMITS_CACHE_KEY)


def body(n: int) -> str:
    return f"Answer number {n}: restart the router and try again."


def ask(author, n: int, space=None):
    return ask_question(
        author=author,
        space=space or SpaceFactory(slug="general"),
        title=f"Question number {n} about invoices",
        body=f"Question number {n}: the invoice PDF is empty.",
    )


# --- the counter --------------------------------------------------------------------------


def test_hit_allows_the_limit_refuses_the_next_and_opens_a_new_window(limits_on, clock):
    for _ in range(3):
        hit("test", key="k", limit=3, window=60)
    clock.shift(timedelta(seconds=20))
    with pytest.raises(RateLimited) as refused:
        hit("test", key="k", limit=3, window=60)
    assert refused.value.retry_after == 40
    clock.shift(timedelta(seconds=39))
    with pytest.raises(RateLimited) as refused:
        hit("test", key="k", limit=3, window=60)
    assert refused.value.retry_after == 1
    clock.shift(timedelta(seconds=1))
    hit("test", key="k", limit=3, window=60)  # a new window


def test_hit_counts_each_key_on_its_own(limits_on, clock):
    hit("test", key="a", limit=1, window=60)
    hit("test", key="b", limit=1, window=60)
    hit("other", key="a", limit=1, window=60)
    with pytest.raises(RateLimited):
        hit("test", key="a", limit=1, window=60)


def test_hit_with_limit_zero_counts_nothing(limits_on, clock):
    for _ in range(5):
        hit("test", key="k", limit=0, window=60)
    assert not RateLimitCounter.objects.exists()


def test_rate_limited_is_a_validation_error_that_says_when_to_try_again(db):
    assert isinstance(RateLimited(3), ValidationError)
    assert RateLimited(1).messages == [
        "You are doing this too often. Please try again in 1 second."
    ]
    assert RateLimited(45.2).messages[0].endswith("try again in 46 seconds.")
    assert RateLimited(119).messages[0].endswith("try again in 119 seconds.")
    assert RateLimited(121).messages[0].endswith("try again in 3 minutes.")
    assert RateLimited(5 * 3600).messages[0].endswith("try again in 5 hours.")
    with translation.override("de"):
        assert RateLimited(30).messages == [
            "Du machst das zu oft. Bitte versuch es in 30 Sekunden noch einmal."
        ]


def test_prune_deletes_only_counters_whose_window_is_over(db, settings, clock):
    settings.PEERDESK_RATE_LIMITS = True
    settings.PEERDESK_RATE_LIMIT_STORE = "database"
    hit("short", key="k", limit=5, window=60)
    hit("long", key="k", limit=5, window=3600)
    clock.shift(timedelta(minutes=2))
    assert prune_rate_limit_counters() == 1
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["rl:long:k"]


def test_limits_are_off_in_the_test_settings(db):
    member = MemberFactory(trust_level=TrustLevel.NEW)
    thread = make_thread(author=member)
    for n in range(12):
        make_answer(thread=thread, author=member, body=body(n))


# --- posts --------------------------------------------------------------------------------


def test_everyone_waits_five_seconds_between_posts(limits_on, clock):
    member = MemberFactory(trust_level=TrustLevel.BASIC)
    thread = make_thread()
    post_answer(thread=thread, author=member, body=body(1))
    clock.shift(timedelta(seconds=4))
    with pytest.raises(RateLimited) as refused:
        post_answer(thread=thread, author=member, body=body(2))
    assert refused.value.retry_after == 1
    clock.shift(timedelta(seconds=1))
    post_answer(thread=thread, author=member, body=body(2))


def test_new_members_wait_thirty_seconds_between_posts(limits_on, clock):
    member = MemberFactory(trust_level=TrustLevel.NEW)
    thread = make_thread()
    post_answer(thread=thread, author=member, body=body(1))
    clock.shift(timedelta(seconds=10))
    with pytest.raises(RateLimited) as refused:
        ask(member, 1)
    assert refused.value.retry_after == 20
    clock.shift(timedelta(seconds=20))
    ask(member, 1)


def test_the_identical_text_is_refused_for_five_minutes(limits_on, clock):
    member = MemberFactory(trust_level=TrustLevel.BASIC)
    thread, other = make_thread(), make_thread(title="Another question about invoices")
    post_answer(thread=thread, author=member, body=body(1))
    clock.shift(timedelta(seconds=10))
    post_answer(thread=thread, author=member, body=body(2))  # other text: fine
    clock.shift(timedelta(seconds=10))
    with pytest.raises(RateLimited) as refused:
        post_answer(thread=other, author=member, body="  " + body(1).replace(" ", "  "))
    assert refused.value.retry_after == 280
    assert "You posted this exact text a moment ago." in refused.value.messages[0]
    assert "5 minutes" in refused.value.messages[0]
    other_member = MemberFactory(trust_level=TrustLevel.BASIC)
    post_answer(thread=other, author=other_member, body=body(1))  # same text, other author
    clock.shift(timedelta(seconds=280))
    post_answer(thread=other, author=member, body=body(1))


def test_new_members_ask_three_questions_on_their_first_day(limits_on, clock):
    member = MemberFactory(trust_level=TrustLevel.NEW)  # joined at START
    clock.shift(timedelta(hours=1))
    for n in range(3):
        ask(member, n)
        clock.shift(timedelta(seconds=31))
    with pytest.raises(RateLimited) as refused:
        ask(member, 3)
    first_day_left = START + timedelta(days=1) - (START + timedelta(hours=1, seconds=93))
    assert refused.value.retry_after == first_day_left.total_seconds()
    assert "first day" in refused.value.messages[0]
    clock.move_to(START + timedelta(days=1, seconds=1))
    ask(member, 3)  # the first day is over: only the daily count is left


def test_new_members_post_ten_answers_on_their_first_day(limits_on, clock):
    member = MemberFactory(trust_level=TrustLevel.NEW)
    thread = make_thread()
    for n in range(10):
        post_answer(thread=thread, author=member, body=body(n))
        clock.shift(timedelta(seconds=31))
    with pytest.raises(RateLimited):
        post_answer(thread=thread, author=member, body=body(10))
    clock.shift(timedelta(seconds=31))  # a refused attempt may count as a post (cache store)
    ask(member, 1)  # questions are counted apart


def test_first_day_limits_do_not_apply_to_members_who_joined_earlier(limits_on, clock):
    member = MemberFactory(trust_level=TrustLevel.NEW)
    clock.shift(timedelta(days=2))
    for n in range(5):
        ask(member, n)
        clock.shift(timedelta(seconds=31))


def test_threads_a_day_doubled_from_trust_level_two(limits_on, clock):
    set_limits(threads_per_day=2)
    basic = MemberFactory(trust_level=TrustLevel.BASIC)
    member = MemberFactory(trust_level=TrustLevel.MEMBER)
    for n in range(4):
        if n < 2:
            ask(basic, n)
        ask(member, n)
        clock.shift(timedelta(seconds=6))
    with pytest.raises(RateLimited) as refused:
        ask(basic, 2)
    assert refused.value.retry_after == 24 * 3600 - 4 * 6
    with pytest.raises(RateLimited):
        ask(member, 4)
    clock.move_to(START + timedelta(days=1))
    ask(basic, 5)


def test_staff_are_exempt_from_posting_limits(limits_on, clock):
    staff = StaffFactory()
    thread = make_thread()
    for _ in range(3):
        post_answer(thread=thread, author=staff, body=body(1))  # same text, no pause


def test_new_members_mention_at_most_two_people(limits_on, clock):
    for name in ("anna", "ben", "carl"):
        MemberFactory(username=name)
    thread = make_thread()
    newcomer = MemberFactory(trust_level=TrustLevel.NEW)
    with pytest.raises(ValidationError) as refused:
        post_answer(thread=thread, author=newcomer, body="Thanks @anna, @ben and @carl for this!")
    assert not isinstance(refused.value, RateLimited)
    assert refused.value.messages == [
        "New members can mention at most 2 people in a post; this one mentions 3."
    ]
    post_answer(thread=thread, author=newcomer, body="Thanks @anna and @ben for this!")
    clock.shift(timedelta(seconds=31))
    basic = MemberFactory(trust_level=TrustLevel.BASIC)
    post_answer(thread=thread, author=basic, body="Thanks @anna, @ben and @carl for this!")


# --- votes, flags, uploads, previews, search ------------------------------------------------


def test_helpful_votes_a_day_and_taking_one_back_is_free(limits_on, clock):
    set_limits(helpful_votes_per_day=2)
    thread = make_thread()
    answers = [make_answer(thread=thread, body=body(n)) for n in range(5)]
    voter = MemberFactory(trust_level=TrustLevel.BASIC)
    set_helpful_vote(post=answers[0], by=voter, voted=True)
    set_helpful_vote(post=answers[1], by=voter, voted=True)
    with pytest.raises(RateLimited) as refused:
        set_helpful_vote(post=answers[2], by=voter, voted=True)
    assert refused.value.retry_after == 24 * 3600
    set_helpful_vote(post=answers[0], by=voter, voted=False)
    assert HelpfulVote.objects.filter(member=voter).count() == 1
    clock.shift(timedelta(days=1))
    set_helpful_vote(post=answers[2], by=voter, voted=True)


def test_helpful_votes_doubled_from_trust_level_two(limits_on, clock):
    set_limits(helpful_votes_per_day=1)
    thread = make_thread()
    answers = [make_answer(thread=thread, body=body(n)) for n in range(3)]
    voter = MemberFactory(trust_level=TrustLevel.MEMBER)
    set_helpful_vote(post=answers[0], by=voter, voted=True)
    set_helpful_vote(post=answers[1], by=voter, voted=True)
    with pytest.raises(RateLimited):
        set_helpful_vote(post=answers[2], by=voter, voted=True)


@pytest.mark.parametrize(
    "level, allowed", [(TrustLevel.BASIC, 20), (TrustLevel.MEMBER, 40), (TrustLevel.LEADER, 40)]
)
def test_flags_a_day_by_trust_level(limits_on, clock, level, allowed):
    member = MemberFactory(trust_level=level)
    for _ in range(allowed):
        check_flag_rate(member=member)
    with pytest.raises(RateLimited):
        check_flag_rate(member=member)
    check_flag_rate(member=StaffFactory())


def test_twenty_image_uploads_an_hour(limits_on, clock):
    member = MemberFactory(trust_level=TrustLevel.BASIC)
    for _ in range(20):
        check_upload_rate(member=member)
    clock.shift(timedelta(minutes=59))
    with pytest.raises(RateLimited) as refused:
        # Refused before the file is even looked at.
        store_post_image(upload=None, by=member)
    assert refused.value.retry_after == 60
    clock.shift(timedelta(minutes=1))
    check_upload_rate(member=member)


def test_sixty_previews_and_thirty_searches_a_minute_per_visitor(limits_on, clock):
    for _ in range(60):
        check_preview_rate(visitor="s-abc")
    for _ in range(30):
        check_search_rate(visitor="s-abc")
    with pytest.raises(RateLimited):
        check_preview_rate(visitor="s-abc")
    with pytest.raises(RateLimited) as refused:
        check_search_rate(visitor="s-abc")
    assert refused.value.retry_after == 60
    check_search_rate(visitor="s-other")
    check_search_rate(visitor="s-abc", member=StaffFactory())
    clock.shift(timedelta(minutes=1))
    check_search_rate(visitor="s-abc")


def test_visitor_key_is_the_member_else_the_session_else_the_address(db):
    member = MemberFactory()
    assert visitor_key(member=member, session_key="s1", client_ip="1.2.3.4") == f"m{member.pk}"
    anonymous = type("Anonymous", (), {"is_authenticated": False})()
    assert visitor_key(member=anonymous, session_key="s1", client_ip="1.2.3.4") == "ss1"
    assert visitor_key(member=None, session_key=None, client_ip="1.2.3.4") == "ip1.2.3.4"


def test_the_admin_edits_the_numbers(limits_on, clock):
    set_limits(searches_per_minute=1)
    check_search_rate(visitor="v")
    with pytest.raises(RateLimited):
        check_search_rate(visitor="v")
    assert ratelimits.Limits.objects.current().searches_per_minute == 1


# --- sign-in limits share a cache across workers --------------------------------------------


def test_sign_in_limits_are_configured_for_sign_in_sign_up_and_password_reset():
    from config import settings as configured

    limits = configured.ACCOUNT_RATE_LIMITS
    assert {"login", "login_failed", "signup", "reset_password"} <= set(limits)
    assert all(limits.values())


def test_the_local_default_cache_keeps_allauth_limits_in_the_shared_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "community.cache_backends.SharedRateLimitsLocMemCache",
            "LOCATION": "split-test",
            "OPTIONS": {"SHARED_ALIAS": "shared"},
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "shared-test",
        },
    }
    local, shared = caches["default"], caches["shared"]
    key = "allauth:rl:allauth.account:login_failed:10/m/ip:ip:127.0.0.1"
    assert local.add(key, [1.0], 60)
    assert not local.add(key, [2.0], 60)
    assert shared.get(key) == [1.0]
    local.set("community:limits", "fast")
    assert shared.get("community:limits") is None
    assert local.get("community:limits") == "fast"
    local.delete(key)
    assert shared.get(key) is None


def test_without_a_cache_server_sign_in_limits_use_the_database_cache():
    from config import settings as configured

    if configured.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("with CACHE_URL every cache is shared already")
    assert configured.CACHES["default"]["BACKEND"] == (
        "community.cache_backends.SharedRateLimitsLocMemCache"
    )
    assert configured.CACHES["shared"]["BACKEND"].endswith("DatabaseCache")


def test_the_limits_admin_shows_every_limit():
    from django.contrib import admin

    fieldsets = admin.site._registry[Limits].fieldsets
    shown = {name for _title, options in fieldsets for name in options["fields"]}
    editable = {field.name for field in Limits._meta.fields if field.name != "id"}
    assert shown == editable
