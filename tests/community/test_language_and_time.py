import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.factories import MemberFactory


def test_visitor_gets_german_from_accept_language(client, db):
    response = client.get(reverse("community:home"), HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    content = response.content.decode()
    assert '<html lang="de">' in content
    assert "Gemeinschaftsrichtlinien" in content or "Community-Richtlinien" in content


def test_switch_language_sets_cookie_for_visitors(client, db):
    response = client.post(reverse("switch_language"), {"language": "de", "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    assert response.cookies["django_language"].value == "de"
    assert '<html lang="de">' in client.get("/privacy/").content.decode()


def test_switch_language_is_remembered_on_the_members_profile(member_client, member):
    member_client.post(reverse("switch_language"), {"language": "de", "next": "/"})
    member.refresh_from_db()
    assert member.locale == "de"


def test_members_language_wins_over_the_browser(client, db):
    german = MemberFactory(username="deutsch", locale="de")
    client.force_login(german)
    response = client.get(reverse("community:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="de">' in response.content.decode()


def test_switch_language_ignores_unknown_languages_and_foreign_redirects(client, db):
    response = client.post(
        reverse("switch_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert "django_language" not in response.cookies


def test_times_are_shown_in_the_members_time_zone(client, db):
    joined = dt.datetime(2026, 1, 15, 23, 30, tzinfo=dt.UTC)
    tokyo = MemberFactory(username="tokyo", time_zone="Asia/Tokyo", date_joined=joined)
    client.force_login(tokyo)
    response = client.get(tokyo.get_absolute_url())
    # 23:30 UTC on 15 January is already 16 January in Tokyo.
    assert 'datetime="2026-01-16T08:30:00+09:00"' in response.content.decode()
    assert timezone.get_current_timezone_name() != "Asia/Tokyo"  # nothing leaks past the request
