"""The services refuse personal data before they save anything."""

import pytest

from community.models import Post, PostRevision, Thread
from community.privacy import PersonalDataFound
from community.services.members import update_profile
from community.services.posts import ask_question, edit_post, post_answer
from tests.factories import SpaceFactory, make_answer, make_thread

IBAN = "DE89 3704 0044 0532 0130 00"
CARD = "4111 1111 1111 1111"
SECRET = "Passwort: Sommer2024"
EMAIL = "service@example-shop.de"
PHONE = "0800 1234567"


def _found(error: PersonalDataFound) -> dict[str, list[tuple[str, str]]]:
    return {
        field: [(f.kind, error.texts[field][f.start : f.end]) for f in findings]
        for field, findings in error.findings.items()
    }


def test_ask_question_refuses_personal_data_in_title_and_body(member):
    with pytest.raises(PersonalDataFound) as caught:
        ask_question(
            author=member,
            space=SpaceFactory(),
            title="Lastschrift von DE89370400440532013000 fehlgeschlagen",
            body=f"Meine Karte {CARD} geht nicht, mail an {EMAIL}",
        )
    assert _found(caught.value) == {
        "title": [("iban", "DE89370400440532013000")],
        "body": [("card", CARD), ("email", EMAIL)],
    }
    assert not caught.value.confirmable
    assert not Thread.objects.exists()


def test_ask_question_takes_a_companys_contact_details_once_confirmed(member):
    body = f"Die Hotline {PHONE} und {EMAIL} haben mir nicht geholfen."
    with pytest.raises(PersonalDataFound) as caught:
        make_thread(author=member, body=body)
    assert caught.value.confirmable
    assert caught.value.kinds == ["email", "phone"]

    thread = ask_question(
        author=member, space=SpaceFactory(), title="Hotline hilft nicht weiter", body=body,
        contact_confirmed=True,
    )  # fmt: skip
    assert thread.posts.get().body == body


@pytest.mark.parametrize("leak", [IBAN, CARD, SECRET])
def test_ask_question_never_takes_cards_ibans_or_secrets_even_when_confirmed(member, leak):
    with pytest.raises(PersonalDataFound):
        ask_question(
            author=member, space=SpaceFactory(), title="Problem mit der Zahlung",
            body=f"Das ist es: {leak}", contact_confirmed=True,
        )  # fmt: skip
    assert not Thread.objects.exists()


def test_post_answer_refuses_personal_data(member, other_member):
    thread = make_thread(author=member)
    with pytest.raises(PersonalDataFound) as caught:
        post_answer(thread=thread, author=other_member, body=f"Try my card {CARD}")
    assert _found(caught.value) == {"body": [("card", CARD)]}
    with pytest.raises(PersonalDataFound):
        post_answer(thread=thread, author=other_member, body=SECRET, contact_confirmed=True)
    assert thread.posts.count() == 1


def test_post_answer_takes_a_confirmed_phone_number(member, other_member):
    thread = make_thread(author=member)
    with pytest.raises(PersonalDataFound):
        post_answer(thread=thread, author=other_member, body=f"Call {PHONE}")
    answer = post_answer(
        thread=thread, author=other_member, body=f"Call {PHONE}", contact_confirmed=True
    )
    assert answer.body == f"Call {PHONE}"


def test_edit_post_refuses_personal_data_and_keeps_the_revision(member):
    thread = make_thread(author=member)
    opening = thread.posts.get()
    with pytest.raises(PersonalDataFound) as caught:
        edit_post(post=opening, by=member, body=f"IBAN {IBAN}", title="Still the same title")
    assert _found(caught.value) == {"body": [("iban", IBAN)]}
    with pytest.raises(PersonalDataFound) as caught:
        edit_post(post=opening, by=member, body=opening.body, title=f"Call {PHONE} please")
    assert list(caught.value.findings) == ["title"]
    assert PostRevision.objects.filter(post=opening).count() == 1
    assert Post.objects.get(pk=opening.pk).body == opening.body


def test_edit_post_takes_a_confirmed_email_address(member, other_member):
    answer = make_answer(thread=make_thread(author=member), author=other_member)
    edited = edit_post(
        post=answer, by=other_member, body=f"Write to {EMAIL}", contact_confirmed=True
    )
    assert edited.revision_count == 2


def test_update_profile_refuses_personal_data_in_public_texts(member):
    with pytest.raises(PersonalDataFound) as caught:
        update_profile(member=member, by=member, bio=f"Erreichbar unter {PHONE}, PIN: 1234")
    assert _found(caught.value) == {"bio": [("phone", PHONE), ("secret", "1234")]}
    member.refresh_from_db()
    assert member.bio == ""


def test_update_profile_takes_a_confirmed_staff_signature(staff):
    with pytest.raises(PersonalDataFound):
        update_profile(member=staff, by=staff, staff_signature=f"Alex, Hotline {PHONE}")
    update_profile(
        member=staff, by=staff, staff_signature=f"Alex, Hotline {PHONE}", contact_confirmed=True
    )
    staff.refresh_from_db()
    assert staff.staff_signature == f"Alex, Hotline {PHONE}"


def test_update_profile_checks_only_what_changed(member):
    # A text saved before the guard existed does not block changing the time zone.
    type(member).objects.filter(pk=member.pk).update(bio=f"Mail {EMAIL}")
    member.refresh_from_db()
    update_profile(member=member, by=member, bio=member.bio, time_zone="Europe/Vienna")
    member.refresh_from_db()
    assert member.time_zone == "Europe/Vienna"
