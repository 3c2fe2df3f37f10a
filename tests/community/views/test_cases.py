"""The private-message pages: only the author and staff know a case exists."""

import pytest
from django.urls import reverse

from community.models import CaseStatus, Notification, NotificationKind, OutboxMessage
from community.services.cases import open_private_case, reply_to_case
from tests.factories import StaffFactory

BODY = "Meine Kundennummer: 12345678, die Rechnung stimmt nicht."


@pytest.fixture
def case(member, staff):
    return open_private_case(by=member, title="Rechnung falsch", body=BODY)


def test_case_page_shows_the_conversation_to_its_author_and_staff(client, case, member, staff):
    for reader in (member, staff):
        client.force_login(reader)
        response = client.get(case.get_absolute_url())
        assert response.status_code == 200
        content = response.content.decode()
        assert "Kundennummer: 12345678" in content
        assert '<meta name="robots" content="noindex">' in content


def test_case_page_is_a_404_for_everyone_else(client, case, other_member):
    visitor = client.get(case.get_absolute_url())
    assert visitor.status_code == 404  # with an offer to sign in, as for any number
    assert "/accounts/login/?next=" in visitor.content.decode()
    client.force_login(other_member)
    assert client.get(case.get_absolute_url()).status_code == 404
    response = client.post(case.get_absolute_url(), {"body": "Let me in, please."})
    assert response.status_code == 404
    assert client.post(reverse("community:close_case", args=[case.pk])).status_code == 404
    assert case.messages.count() == 1


def test_staff_reply_tells_the_author(client, case, member, staff):
    client.force_login(staff)
    response = client.post(case.get_absolute_url(), {"body": "Wir korrigieren die Rechnung."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    entry = Notification.objects.get(recipient=member)
    assert entry.kind == NotificationKind.CASE_REPLIED
    assert entry.url == case.get_absolute_url()
    assert OutboxMessage.objects.filter(
        task_name="community.notify_case_message", kwargs__by_id=staff.pk
    ).exists()
    client.force_login(member)
    assert (
        "The support team replied"
        in client.get(reverse("community:notifications")).content.decode()
    )


def test_reply_with_bad_input_keeps_the_text(client, case, member):
    client.force_login(member)
    response = client.post(case.get_absolute_url(), {"body": "ok"})
    assert response.status_code == 400
    assert "ok</textarea>" in response.content.decode()


def test_author_closes_the_case(client, case, member):
    client.force_login(member)
    response = client.post(reverse("community:close_case", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_my_cases_lists_only_the_members_own(client, case, member, other_member):
    open_private_case(by=other_member, title="Someone else's", body="Not for Casey to read.")
    client.force_login(member)
    content = client.get(reverse("community:cases")).content.decode()
    assert "Rechnung falsch" in content
    assert "Someone else" not in content


def test_staff_cases_lists_open_ones_first_and_only_for_staff(client, case, member, staff):
    answered = open_private_case(by=member, title="Answered one", body="Was answered already.")
    reply_to_case(case=answered, by=staff, body="Here is the answer for you.")
    newer = open_private_case(by=member, title="Newer open one", body="Still waiting here.")
    client.force_login(staff)
    content = client.get(reverse("community:staff_cases")).content.decode()
    positions = [content.index(title) for title in ("Rechnung falsch", newer.title, answered.title)]
    assert positions == sorted(positions)
    client.force_login(member)
    assert client.get(reverse("community:staff_cases")).status_code == 404


def test_cases_are_in_no_public_list_or_search(client, case):
    for url in (reverse("community:home"), reverse("community:search") + "?q=Rechnung"):
        assert "Rechnung falsch" not in client.get(url).content.decode()


def test_case_pages_read_a_fixed_number_of_queries(
    client, member, staff, django_assert_max_num_queries
):
    cases = [
        open_private_case(by=member, title=f"Case {number}", body="Some private text here.")
        for number in range(3)
    ]

    def count(url, reader):
        client.force_login(reader)
        client.get(url)  # rows the site caches (branding) are read once, not per page
        with django_assert_max_num_queries(30) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = {
        "staff": count(reverse("community:staff_cases"), staff),
        "mine": count(reverse("community:cases"), member),
        "case": count(cases[0].get_absolute_url(), member),
    }
    for number in range(3, 8):
        open_private_case(by=member, title=f"Case {number}", body="More private text.")
    for _ in range(5):
        reply_to_case(case=cases[0], by=StaffFactory(), body="Another reply from the team.")
    many = {
        "staff": count(reverse("community:staff_cases"), staff),
        "mine": count(reverse("community:cases"), member),
        "case": count(cases[0].get_absolute_url(), member),
    }
    assert many == few
