"""A refused request keeps what the member typed and says when to try again: full pages
come back filled in, htmx and JSON get 429 with Retry-After."""

import html

import pytest
from django.urls import reverse

from community.models import HelpfulVote, Limits, PostImage, Thread
from community.models.limits import LIMITS_CACHE_KEY
from tests.factories import MemberFactory, SpaceFactory, make_answer, make_thread
from tests.images import uploaded_image
from tests.rate_limits import use_community_rate_limits

TEXT = "Restart the router and wait two minutes before you plug the cable in again."


@pytest.fixture(autouse=True)
def limits_on(settings, db):
    use_community_rate_limits(settings, store="database")


def set_limits(**values):
    from django.core.cache import cache

    limits = Limits.objects.current()
    for name, value in values.items():
        setattr(limits, name, value)
    limits.save()
    cache.delete(LIMITS_CACHE_KEY)


def content(response) -> str:
    return html.unescape(response.content.decode())


def test_a_second_answer_too_soon_comes_back_with_the_text_and_when(member_client):
    thread = make_thread()
    assert member_client.post(f"/t/{thread.pk}/answer/", {"body": TEXT}).status_code == 302

    response = member_client.post(f"/t/{thread.pk}/answer/", {"body": TEXT + " Then call."})

    assert response.status_code == 429
    assert response["Retry-After"] == "5"
    assert TEXT + " Then call." in content(response)
    assert "Please try again in 5 seconds." in content(response)
    assert thread.posts.filter(is_opening=False).count() == 1


def test_a_question_past_the_daily_count_keeps_everything_typed(member_client):
    space = SpaceFactory()
    payload = {"space": space.pk, "kind": "question", "tags": ""}
    set_limits(threads_per_day=1, post_interval=0)
    first = {"title": "How do I change my delivery address?", "body": "I moved last week."}
    assert member_client.post(reverse("community:ask"), {**payload, **first}).status_code == 302

    second = {"title": "Where is my second invoice?", "body": "The PDF link is missing."}
    response = member_client.post(reverse("community:ask"), {**payload, **second})

    assert response.status_code == 429
    assert int(response["Retry-After"]) == 24 * 3600
    assert 'value="Where is my second invoice?"' in content(response)
    assert "The PDF link is missing." in content(response)
    assert "You are doing this too often." in content(response)
    assert Thread.objects.count() == 1


def test_helpful_vote_past_the_limit_with_htmx_is_429_with_the_button_and_why(member_client):
    set_limits(helpful_votes_per_day=1)
    thread = make_thread()
    first, second = make_answer(thread=thread), make_answer(thread=thread, body=TEXT)
    member_client.post(f"/p/{first.pk}/helpful/", {"vote": "1"}, headers={"HX-Request": "true"})

    response = member_client.post(
        f"/p/{second.pk}/helpful/", {"vote": "1"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 429
    assert response["Retry-After"] == str(24 * 3600)
    assert 'name="vote" value="1"' in content(response)  # still not voted: try again later
    assert "Please try again in 24 hours." in content(response)
    assert HelpfulVote.objects.filter(post=second).count() == 0


def test_helpful_vote_past_the_limit_without_javascript_says_why_on_the_page(member_client):
    set_limits(helpful_votes_per_day=1)
    thread = make_thread()
    first, second = make_answer(thread=thread), make_answer(thread=thread, body=TEXT)
    member_client.post(f"/p/{first.pk}/helpful/", {"vote": "1"})

    response = member_client.post(f"/p/{second.pk}/helpful/", {"vote": "1"}, follow=True)

    assert "You are doing this too often." in content(response)


def test_preview_past_the_limit_is_429_with_the_reason_in_place_of_the_preview(member_client):
    set_limits(previews_per_minute=1)
    assert member_client.post(reverse("community:preview"), {"body": TEXT}).status_code == 200

    response = member_client.post(reverse("community:preview"), {"body": TEXT})

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please try again in 60 seconds." in content(response)


def test_image_upload_past_the_limit_is_json_429(member_client):
    set_limits(image_uploads_per_hour=1)
    url = reverse("community:upload_image")
    assert member_client.post(url, {"image": uploaded_image(name="a.png")}).status_code == 201

    response = member_client.post(url, {"image": uploaded_image(name="b.png")})

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert response.json()["error"].endswith("Please try again in 60 minutes.")
    assert PostImage.objects.count() == 1


def test_search_past_the_limit_keeps_the_query_and_says_why(client):
    set_limits(searches_per_minute=1)
    assert client.get(reverse("community:search"), {"q": "invoice"}).status_code == 200
    client.get(reverse("community:search"), {"q": ""})  # the empty form is not counted

    response = client.get(reverse("community:search"), {"q": "router reset"})

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert 'value="router reset"' in content(response)
    assert "You are doing this too often." in content(response)


def test_search_limits_count_per_visitor(client, db):
    set_limits(searches_per_minute=1)
    client.get(reverse("community:search"), {"q": "invoice"})
    other = MemberFactory()
    client.force_login(other)
    assert client.get(reverse("community:search"), {"q": "invoice"}).status_code == 200


def test_similar_lookups_past_the_limit_say_why(member_client):
    set_limits(previews_per_minute=1)
    url = reverse("community:ask_similar")
    assert member_client.get(url, {"title": "Invoice PDF is empty"}).status_code == 200

    response = member_client.get(
        url, {"title": "Invoice PDF is empty"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 429
    assert "You are doing this too often." in content(response)


def test_ask_form_preview_past_the_limit_keeps_the_text(member_client):
    set_limits(previews_per_minute=1)
    typed = {"title": "Invoice PDF is empty", "body": TEXT, "kind": "question", "tags": ""}
    member_client.post(reverse("community:ask"), {**typed, "preview": "1"})

    response = member_client.post(reverse("community:ask"), {**typed, "preview": "1"})

    assert response.status_code == 429
    assert TEXT in content(response)
    assert 'value="Invoice PDF is empty"' in content(response)


def test_a_flag_past_the_daily_count_is_429_with_the_note_kept(client):
    from community.models import Flag, TrustLevel

    set_limits(flags_per_day=1)
    reporter = MemberFactory(trust_level=TrustLevel.BASIC)
    client.force_login(reporter)
    first, second = make_answer(thread=make_thread()), make_answer(thread=make_thread())
    note = "Same advert as in the other thread."
    data = {"reason": "other", "note": note}
    assert client.post(f"/p/{first.pk}/flag/", data).status_code == 302

    response = client.post(f"/p/{second.pk}/flag/", data)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert note in content(response)
    assert "Please try again in" in content(response)
    assert list(Flag.objects.values_list("post", flat=True)) == [first.pk]
