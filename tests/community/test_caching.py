"""Pages a cache can serve (community/caching.py): visitors' pages are public, validated by
a content version that members' writes bump; members' pages stay private."""

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.caching import PAGE_CACHE, bump_content_version, content_version
from community.models import ContentVersion, HelpfulVote, Member
from tests.factories import PASSWORD, MemberFactory, make_answer, make_thread


@pytest.fixture
def page_cache(settings):
    """Whole pages kept in Django's cache too (tests/settings.py turns it off elsewhere)."""
    settings.PEERDESK_VISITOR_PAGE_CACHE = True
    caches[PAGE_CACHE].clear()
    yield
    caches[PAGE_CACHE].clear()


@pytest.fixture
def thread(member, other_member):
    thread = make_thread(author=member, title="Invoice PDF does not open")
    make_answer(thread=thread, author=other_member, body="Clear the browser cache first.")
    return thread


def _visitor_pages(thread) -> list[str]:
    return [
        reverse("community:home"),
        reverse("community:threads"),
        thread.space.get_absolute_url(),
        thread.get_absolute_url(),
        reverse("community:profile", args=[thread.author.username]),
        reverse("community:guidelines"),
        reverse("community:search") + "?q=invoice",
    ]


def _as_member(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


# --- visitors' pages -------------------------------------------------------------------------


def test_visitor_page_sets_no_cookie_and_is_public_with_an_etag(client, thread):
    for url in _visitor_pages(thread):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)
        assert "csrfmiddlewaretoken" not in response.content.decode(), url
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "max-age=60" in cache_control, url
        assert response["ETag"].startswith('W/"'), url
        vary = {part.strip() for part in response["Vary"].split(",")}
        assert {"Accept-Language", "Cookie", "HX-Request"} <= vary, url
        assert response["Content-Language"] == "en"


def test_visitor_page_answers_a_conditional_get_with_304_before_any_rendering(client, thread):
    url = thread.get_absolute_url()
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]
    assert len(queries) == 1  # the content version; no session, no thread, no template
    assert client.get(url, HTTP_IF_NONE_MATCH='W/"something-else"').status_code == 200


def test_etag_differs_by_address_and_language(client, thread):
    url = thread.get_absolute_url()
    english = client.get(url)
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert german["Content-Language"] == "de"
    assert english["ETag"] != german["ETag"]
    assert english["ETag"] != client.get(url + "?page=1")["ETag"]
    assert english["ETag"] != client.get(url, HTTP_HX_REQUEST="true")["ETag"]


def test_members_pages_are_private_and_carry_no_etag(member, thread):
    client = _as_member(member)
    for url in _visitor_pages(thread):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url
        assert not response.has_header("ETag"), url


def test_visitor_with_a_session_or_a_flash_message_gets_a_private_page(client, thread):
    url = thread.get_absolute_url()
    client.cookies[CookieStorage.cookie_name] = "anything"
    assert "private" in client.get(url)["Cache-Control"]
    del client.cookies[CookieStorage.cookie_name]
    client.cookies["sessionid"] = "no-such-session"
    assert "private" in client.get(url)["Cache-Control"]


def test_sign_in_pages_carry_the_csrf_token_and_stay_private(client, db):
    for name in ("account_login", "account_signup", "account_reset_password"):
        response = client.get(reverse(name))
        assert "csrftoken" in response.cookies, name
        assert "public" not in response["Cache-Control"], name
        assert not response.has_header("ETag"), name


def test_sign_in_and_sign_up_still_check_csrf(member):
    client = Client(enforce_csrf_checks=True)
    login = reverse("account_login")
    refused = client.post(login, {"login": member.email, "password": PASSWORD})
    assert refused.status_code == 403
    client.get(login)  # the form and its cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        login, {"login": member.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert "private" in client.get(reverse("community:home"))["Cache-Control"]

    stranger = Client(enforce_csrf_checks=True)
    signup = {"email": "new@example.com", "username": "newcomer", "password1": "a-Long-pass-42"}
    signup["password2"] = signup["password1"]
    assert stranger.post(reverse("account_signup"), signup).status_code == 403
    stranger.get(reverse("account_signup"))
    signup["csrfmiddlewaretoken"] = stranger.cookies["csrftoken"].value
    response = stranger.post(reverse("account_signup"), signup)
    assert response.status_code == 302  # on to "confirm your e-mail address"
    assert Member.objects.filter(username="newcomer").exists()


# --- the language switch ---------------------------------------------------------------------


def test_visitor_switches_language_without_a_token_and_gets_the_german_page(thread):
    client = Client(enforce_csrf_checks=True)
    url = thread.get_absolute_url()
    english = client.get(url)
    response = client.post(reverse("switch_language"), {"language": "de", "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert response.cookies["django_language"].value == "de"
    german = client.get(url)
    assert german["Content-Language"] == "de"
    assert "public" in german["Cache-Control"]
    assert german["ETag"] != english["ETag"]


def test_member_language_switch_still_needs_the_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    refused = client.post(reverse("switch_language"), {"language": "de", "next": "/"})
    assert refused.status_code == 403
    member.refresh_from_db()
    assert member.locale == "en"
    page = client.get(reverse("community:guidelines")).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page  # the footer's form carries it for members
    token = client.cookies["csrftoken"].value
    client.post(
        reverse("switch_language"), {"language": "de", "next": "/", "csrfmiddlewaretoken": token}
    )
    member.refresh_from_db()
    assert member.locale == "de"


# --- the content version ---------------------------------------------------------------------


def test_bump_content_version_starts_the_row_and_changes_the_token(db):
    ContentVersion.objects.all().delete()
    assert content_version() == "0"
    bump_content_version()
    first = content_version()
    bump_content_version()
    assert content_version() != first
    assert ContentVersion.objects.get().number == 2


def _etags(client, urls) -> list[str]:
    return [client.get(url)["ETag"] for url in urls]


def test_members_edit_vote_and_answer_change_the_etags_of_the_pages_showing_them(
    client, member, other_member, thread
):
    answer = thread.posts.get(is_opening=False)
    pages = [thread.get_absolute_url(), reverse("community:threads")]
    before = _etags(client, pages)

    # An edit by the author of the answer
    editor = _as_member(other_member)
    response = editor.post(
        reverse("community:edit_post", args=[answer.pk]),
        {"body": "Clear the browser cache first, then reload.", "revision": "1"},
    )
    assert response.status_code == 302
    after_edit = _etags(client, pages)
    assert all(a != b for a, b in zip(before, after_edit, strict=True))
    assert "then reload" in client.get(pages[0]).content.decode()

    # A vote by the asker
    asker = _as_member(member)
    asker.post(reverse("community:helpful", args=[answer.pk]), {"vote": "1"})
    assert HelpfulVote.objects.filter(post=answer, member=member).exists()
    after_vote = _etags(client, pages)
    assert all(a != b for a, b in zip(after_edit, after_vote, strict=True))

    # A new answer by a third member
    helper = _as_member(MemberFactory())
    helper.post(
        reverse("community:answer", args=[thread.pk]), {"body": "Try another browser as well."}
    )
    after_answer = _etags(client, pages)
    assert all(a != b for a, b in zip(after_vote, after_answer, strict=True))
    assert "Try another browser" in client.get(pages[0]).content.decode()


def test_refused_and_visitors_requests_bump_nothing(client, member, thread):
    version = content_version()
    client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
    client.post(reverse("switch_language"), {"language": "de", "next": "/"})
    own_post = thread.posts.get(is_opening=True)
    refused = _as_member(member).post(reverse("community:helpful", args=[own_post.pk]))
    assert refused.status_code == 403
    assert content_version() == version


# --- the full-page cache inside Django -------------------------------------------------------


def test_page_cache_serves_a_visitor_again_without_rendering(client, thread, page_cache):
    url = thread.get_absolute_url()
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 1  # the content version only
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Language"] == "en"
    assert second["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert not second.cookies


def test_page_cache_is_keyed_by_language(client, thread, page_cache):
    url = thread.get_absolute_url()
    client.get(url)
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert german["Content-Language"] == "de"
    assert '<html lang="de">' in german.content.decode()
    client.cookies["django_language"] = "de"
    assert '<html lang="de">' in client.get(url).content.decode()


def test_page_cache_keeps_htmx_fragments_apart_from_whole_pages(client, thread, page_cache):
    url = reverse("community:threads")
    fragment = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="thread-list")
    assert "<html" not in fragment.content.decode()
    assert "<html" in client.get(url).content.decode()
    again = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="thread-list")
    assert again.content == fragment.content


def test_page_cache_shows_a_members_write_at_once(client, other_member, thread, page_cache):
    url = thread.get_absolute_url()
    assert "Second opinion" not in client.get(url).content.decode()
    _as_member(other_member).post(
        reverse("community:answer", args=[thread.pk]), {"body": "Second opinion: reinstall it."}
    )
    assert "Second opinion" in client.get(url).content.decode()


def test_page_cache_never_serves_a_visitor_with_a_flash_message(client, thread, page_cache):
    url = thread.get_absolute_url()
    client.get(url)  # stored
    client.post(reverse("switch_language"), {"language": "en", "next": url})
    storage_cookie = CookieStorage.cookie_name
    # A message waiting for this visitor (as after signing out) comes with the page.
    member_client = _as_member(MemberFactory())
    member_client.post(reverse("account_logout"))
    client.cookies[storage_cookie] = member_client.cookies[storage_cookie].value
    response = client.get(url)
    assert "You have signed out." in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_page_cache_keeps_no_page_that_sets_a_cookie(client, db, page_cache, monkeypatch):
    stored = []
    monkeypatch.setattr(caches[PAGE_CACHE], "set", lambda key, *args, **kw: stored.append(key))
    client.get(reverse("account_login"))
    assert stored == []
    client.get(reverse("community:guidelines"))
    assert len(stored) == 1 and stored[0].startswith("visitor-page:")


def test_page_cache_skips_search(client, thread, page_cache, settings):
    settings.PEERDESK_VISITOR_PAGE_CACHE_SKIP = ("/search/",)
    url = reverse("community:search") + "?q=invoice"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) > 1


# --- the brand colour ------------------------------------------------------------------------


def test_brand_stylesheet_is_kept_for_a_year_under_its_colour(client, db):
    from community.models import Branding

    Branding.objects.create(pk=1, primary_colour="#aa0000")
    page = client.get(reverse("community:home")).content.decode()
    assert 'href="/brand.css?v=aa0000"' in page
    current = client.get("/brand.css?v=aa0000")
    assert current["Content-Type"].startswith("text/css")
    assert current.content.decode() == ":root { --brand: #aa0000; }\n"
    assert "immutable" in current["Cache-Control"]
    stale = client.get("/brand.css?v=0b5cad")
    assert "--brand: #aa0000" in stale.content.decode()
    assert "max-age=60" in stale["Cache-Control"]


def test_brand_stylesheet_prints_nothing_but_a_colour(client, db):
    from community.models import Branding

    Branding.objects.create(pk=1, primary_colour="red;}*{")  # not through the admin
    assert client.get("/brand.css").content.decode() == ":root { --brand: #0b5cad; }\n"


@pytest.mark.parametrize("model", ["limits", "branding"])
def test_another_process_sees_the_admins_settings_within_a_minute(db, settings, model):
    # Without a cache server each process caches the limits and the branding itself; a save
    # in one process clears only its own copy, so the others must not keep theirs forever.
    # (A process's own memory cache: a cache server's clock would ignore time_machine.)
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from community.models import Branding, Limits
    from community.models.limits import SITE_SETTINGS_SECONDS

    cls, field, value = {
        "limits": (Limits, "max_post_length", 9_999),
        "branding": (Branding, "name", "Elsewhere Telecom"),
    }[model]
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"site-settings-{model}",
        },
    }
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        before = getattr(cls.objects.current(), field)
        row = cls.objects.current()
        setattr(row, field, value)
        row.pk = 1
        cls.objects.bulk_create([row])  # another process saved it: this cache knows nothing
        assert getattr(cls.objects.current(), field) == before
        traveller.shift(timedelta(seconds=SITE_SETTINGS_SECONDS + 1))
        assert getattr(cls.objects.current(), field) == value
