"""/p/<id>/redact/: moderators take a text out of a post; everyone else is refused and
never learns what was there."""

import pytest
from django.urls import reverse

from community.models import AuditAction, AuditEntry, TrustLevel
from community.services.posts import edit_post
from community.services.redaction import redact_post
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

# Redaction is for what the personal-data guard cannot recognise (a home address, say):
# the guard refuses an IBAN before it is ever posted.
IBAN = "Lindenweg 12, 80331 München"


@pytest.fixture
def answer(member):
    thread = make_thread()
    return make_answer(thread=thread, author=member, body=f"Refund to {IBAN} please, thanks.")


def redact_url(post) -> str:
    return reverse("community:redact_post", kwargs={"pk": post.pk})


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("visitor", False),
        (TrustLevel.NEW, False),
        (TrustLevel.BASIC, False),
        (TrustLevel.MEMBER, False),
        (TrustLevel.REGULAR, False),
        (TrustLevel.LEADER, True),
        ("staff", True),
    ],
    ids=["visitor", "TL0", "TL1", "TL2", "TL3", "TL4", "staff"],
)
def test_redact_page_is_for_moderators_only(client, answer, who, allowed):
    if who == "staff":
        client.force_login(StaffFactory(trust_level=TrustLevel.NEW))
    elif who != "visitor":
        client.force_login(MemberFactory(trust_level=who))

    page = client.get(redact_url(answer))
    sent = client.post(redact_url(answer), {"text": IBAN, "confirmed": "on"})

    answer.refresh_from_db()
    if allowed:
        assert page.status_code == 200
        assert sent.status_code == 302
        assert IBAN not in answer.body
    else:
        expected = 302 if who == "visitor" else 403
        assert (page.status_code, sent.status_code) == (expected, expected)
        if who == "visitor":
            assert page["Location"].startswith(reverse("account_login"))
        assert IBAN in answer.body


def test_redact_page_shows_the_text_and_the_form(
    client, staff, answer, django_assert_max_num_queries
):
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(redact_url(answer))
    page = response.content.decode()
    assert IBAN in page
    assert 'name="text"' in page
    assert "Exact text to remove" in page


def test_redact_preview_marks_the_matches_and_changes_nothing(client, staff, answer):
    client.force_login(staff)
    response = client.post(redact_url(answer), {"text": IBAN, "reason": "bank details"})

    page = response.content.decode()
    assert response.status_code == 200
    assert f"<mark>{IBAN}</mark>" in page
    assert "Found 1 time in the current post." in page
    assert 'name="confirmed" value="on"' in page
    assert '<span class="redacted">[redacted]</span>' in page  # what readers will see
    answer.refresh_from_db()
    assert IBAN in answer.body
    assert not AuditEntry.objects.filter(action=AuditAction.REDACT_POST).exists()


def test_redact_confirmed_goes_back_to_the_post_with_a_message(client, staff, answer):
    client.force_login(staff)
    response = client.post(
        redact_url(answer), {"text": IBAN, "reason": "bank details", "confirmed": "on"}, follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain[0][0] == answer.get_absolute_url()
    assert "The text was redacted" in page
    assert "Lindenweg" not in page
    assert '<span class="redacted">[redacted]</span>' in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"text": ""}, "Enter the exact text to remove."),
        ({"text": "no such words"}, "This text does not occur in the post"),
        ({"text": "no such words", "confirmed": "on"}, "This text does not occur in the post"),
        ({"text": IBAN, "reason": f"IBAN {IBAN}"}, "The reason must not repeat the text"),
    ],
    ids=["empty", "not-found", "not-found-confirmed", "reason-repeats"],
)
def test_redact_bad_input_is_a_form_error_with_the_text_kept(client, staff, answer, data, error):
    client.force_login(staff)
    response = client.post(redact_url(answer), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert "<mark>" not in page
    if data["text"]:
        assert data["text"] in page  # kept in the field
    answer.refresh_from_db()
    assert IBAN in answer.body


def test_thread_page_offers_redact_to_moderators_only(client, staff, answer):
    url = answer.get_absolute_url()
    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    assert "/redact/" not in client.get(url, follow=True).content.decode()
    client.force_login(staff)
    assert f"{redact_url(answer)}" in client.get(url, follow=True).content.decode()


def test_history_shows_redacted_by_a_moderator_never_the_text_nor_who(client, member, answer):
    moderator = MemberFactory(display_name="Mona Moderator", trust_level=TrustLevel.LEADER)
    edit_post(post=answer, by=member, body="Refund please, thanks a lot.")
    redact_post(post=answer, by=moderator, text=IBAN, reason="bank details")

    client.force_login(member)
    page = client.get(reverse("community:post_history", kwargs={"pk": answer.pk})).content.decode()

    assert page.count("Redacted by a moderator") == 1
    assert "Lindenweg" not in page
    assert "Mona Moderator" not in page
    assert "bank details" not in page
