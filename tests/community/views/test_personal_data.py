"""The forms when the personal-data guard stops a text: everything typed stays, what was
found is shown marked, and the member can remove it, confirm it or send it privately."""

import re

from django.urls import reverse

from community.models import CaseStatus, Post, SupportCase, Thread
from tests.factories import SpaceFactory, make_answer, make_thread

IBAN = "DE89 3704 0044 0532 0130 00"
PHONE = "0800 1234567"


def _box(response) -> str:
    content = response.content.decode()
    match = re.search(
        r'<section class="notice notice--warning personal-data".*?</section>', content, re.S
    )
    assert match, "no explanation box"
    return match.group()


def _ask(client, **data):
    payload = {"title": "Lastschrift klappt nicht", "body": "Text", "kind": "question", "tags": ""}
    payload.update(data)
    return client.post(reverse("community:ask"), payload)


def test_ask_with_an_iban_keeps_the_text_and_marks_the_iban(member_client):
    space = SpaceFactory()
    body = f"Bitte bucht von {IBAN} ab, <b>danke</b>!"
    response = _ask(member_client, space=space.pk, body=body)

    assert response.status_code == 400
    assert not Thread.objects.exists()
    box = _box(response)
    assert f"<mark>{IBAN}</mark>" in box
    # The member's own markup is shown as text, never as HTML.
    assert "&lt;b&gt;danke&lt;/b&gt;" in box and "<b>danke" not in box
    assert 'name="contact_confirmed"' not in box  # an IBAN cannot be confirmed
    assert 'name="send_privately"' in box
    content = response.content.decode()
    assert (
        "Bitte bucht von DE89 3704 0044 0532 0130 00 ab, &lt;b&gt;danke&lt;/b&gt;!</textarea>"
        in content
    )
    assert 'value="Lastschrift klappt nicht"' in content


def test_ask_with_a_phone_number_offers_the_confirmation_and_posts_once_confirmed(member_client):
    space = SpaceFactory()
    body = f"Die Hotline {PHONE} hat mir nicht geholfen."
    response = _ask(member_client, space=space.pk, body=body)
    assert response.status_code == 400
    box = _box(response)
    assert f"<mark>{PHONE}</mark>" in box
    assert 'name="contact_confirmed"' in box

    response = _ask(member_client, space=space.pk, body=body, contact_confirmed="1")
    assert response.status_code == 302
    assert Thread.objects.get().posts.get().body == body


def test_ask_confirmed_still_refuses_a_card_number(member_client):
    space = SpaceFactory()
    response = _ask(
        member_client, space=space.pk, body="Karte 4111 1111 1111 1111", contact_confirmed="1"
    )
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_ask_sends_it_privately_to_the_support_team(member_client, member, staff):
    space = SpaceFactory()
    body = f"Bitte bucht von {IBAN} ab."
    response = _ask(member_client, space=space.pk, body=body, send_privately="1")

    case = SupportCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert (case.author, case.title, case.space, case.status) == (
        member, "Lastschrift klappt nicht", space, CaseStatus.OPEN,
    )  # fmt: skip
    assert case.messages.get().body == body
    assert not Thread.objects.exists()
    page = member_client.get(case.get_absolute_url())
    assert "only you and the support team can read it" in page.content.decode()


def test_answer_with_a_secret_comes_back_with_the_text_and_the_box(member_client, other_member):
    thread = make_thread(author=other_member)
    body = "Bei mir half das Zurücksetzen. Passwort: Sommer2024"
    response = member_client.post(reverse("community:answer", args=[thread.pk]), {"body": body})
    assert response.status_code == 400
    assert "<mark>Sommer2024</mark>" in _box(response)
    assert f"{body}</textarea>" in response.content.decode()
    assert thread.posts.count() == 1


def test_answer_sent_privately_is_about_the_thread(member_client, member, other_member):
    thread = make_thread(author=other_member, title="Router verliert die Verbindung")
    body = f"Ich habe dasselbe, meine Nummer ist {PHONE}."
    response = member_client.post(
        reverse("community:answer", args=[thread.pk]), {"body": body, "send_privately": "1"}
    )
    case = SupportCase.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert case.title == "About: Router verliert die Verbindung"
    assert case.thread == thread
    assert thread.posts.count() == 1


def test_edit_with_an_iban_keeps_the_text_and_saves_nothing(member_client, member):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    response = member_client.post(
        reverse("community:edit_post", args=[opening.pk]),
        {"title": thread.title, "body": f"IBAN {IBAN}", "tags": "", "revision": "1"},
    )
    assert response.status_code == 400
    assert f"<mark>{IBAN}</mark>" in _box(response)
    assert f"IBAN {IBAN}</textarea>" in response.content.decode()
    assert Post.objects.get(pk=opening.pk).revision_count == 1


def test_edit_of_an_answer_takes_a_confirmed_email_address(member_client, member, other_member):
    answer = make_answer(thread=make_thread(author=other_member), author=member)
    data = {"body": "Schreib an service@example-shop.de", "revision": "1"}
    url = reverse("community:edit_post", args=[answer.pk])
    assert member_client.post(url, data).status_code == 400
    assert member_client.post(url, {**data, "contact_confirmed": "1"}).status_code == 302
    assert Post.objects.get(pk=answer.pk).body == data["body"]


def test_profile_with_a_phone_number_in_the_bio_keeps_the_text(member_client, member):
    data = {"display_name": "Casey", "bio": f"Ruf an: {PHONE}", "locale": "en", "time_zone": "UTC"}
    response = member_client.post(reverse("community:profile_edit"), data)
    assert response.status_code == 400
    box = _box(response)
    assert f"<mark>{PHONE}</mark>" in box
    assert 'name="send_privately"' not in box
    assert f"Ruf an: {PHONE}</textarea>" in response.content.decode()
    member.refresh_from_db()
    assert member.bio == ""

    response = member_client.post(
        reverse("community:profile_edit"), {**data, "contact_confirmed": "1"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.bio == f"Ruf an: {PHONE}"


def test_the_box_speaks_german_with_du(member_client, member):
    member.locale = "de"
    member.save(update_fields=["locale"])
    space = SpaceFactory()
    response = _ask(member_client, space=space.pk, body=f"Ruf mich an: {PHONE}")
    box = _box(response)
    assert "Das sieht nach persönlichen Daten aus" in box
    assert "Stattdessen privat an das Support-Team schicken" in box
    assert "Entferne die markierten Stellen" in box


def test_signup_refuses_a_display_name_with_an_email_address(client, db):
    from community.models import Member

    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "username": "newbie",
            "password1": "a-long-Secret-42",
            "password2": "a-long-Secret-42",
            "display_name": "Max max.mustermann@gmx.de",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "A display name cannot hold an e-mail address" in content
    assert 'value="Max max.mustermann@gmx.de"' in content
    assert not Member.objects.filter(username="newbie").exists()
