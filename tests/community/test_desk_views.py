"""The support desk's pages (/support/) and the private cases' new home (/cases/)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from community.escalation import desk
from community.models import EscalationStatus, Priority, TrustLevel
from community.services.cases import open_private_case
from tests.factories import (
    MemberFactory,
    SpaceFactory,
    StaffFactory,
    make_escalation,
    make_thread,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _escalation(*, due_in, priority=Priority.NORMAL, space=None, created_ago=timedelta(hours=2),
                **fields):  # fmt: skip
    with time_machine.travel(NOW - created_ago, tick=False):
        thread = make_thread(space=space or SpaceFactory(), title=f"Question due in {due_in}")
    return make_escalation(
        thread=thread, priority=priority, created_at=NOW - timedelta(minutes=5),
        first_response_due_at=NOW + due_in, solution_due_at=NOW + due_in + timedelta(days=2),
        **fields,
    )  # fmt: skip


def test_desk_is_a_404_for_everyone_but_staff(client, member):
    escalation = make_escalation()
    urls = [reverse("community:desk"), escalation.get_absolute_url()]
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    for who in (None, member, super_user):
        client.logout()
        if who is not None:
            client.force_login(who)
        for url in urls:
            assert client.get(url).status_code == 404
        assert client.post(reverse("community:desk_claim", args=[escalation.pk])).status_code == 404
    escalation.refresh_from_db()
    assert escalation.assignee is None


def test_queue_sorts_by_priority_then_time_left_and_shows_clocks(staff_client):
    late = _escalation(due_in=-timedelta(hours=1, minutes=5))
    soon = _escalation(due_in=timedelta(minutes=12))
    urgent = _escalation(due_in=timedelta(hours=5), priority=Priority.URGENT)
    _escalation(due_in=timedelta(minutes=1), status=EscalationStatus.RESOLVED)
    with time_machine.travel(NOW, tick=False):
        response = staff_client.get(reverse("community:desk"))
    assert response.status_code == 200
    rows = [row["escalation"] for row in response.context["rows"]]
    assert rows == [urgent, late, soon]
    content = response.content.decode()
    assert "12 min left" in content
    assert "overdue by 1 h 5 min" in content
    assert "P1 urgent" in content


def test_queue_filters(staff_client, staff):
    space = SpaceFactory()
    late = _escalation(due_in=-timedelta(minutes=30), space=space)
    at_risk = _escalation(due_in=timedelta(minutes=20))  # 20 of 140 minutes left
    relaxed = _escalation(due_in=timedelta(days=3), priority=Priority.HIGH, assignee=staff)
    done = _escalation(due_in=timedelta(days=3), status=EscalationStatus.RESOLVED)

    def listed(**params):
        with time_machine.travel(NOW, tick=False):
            response = staff_client.get(reverse("community:desk"), params)
        assert response.status_code == 200
        return {row["escalation"] for row in response.context["rows"]}

    assert listed() == {late, at_risk, relaxed}
    assert listed(status="resolved") == {done}
    assert listed(status="all") == {late, at_risk, relaxed, done}
    assert listed(priority=2) == {relaxed}
    assert listed(space=space.pk) == {late}
    assert listed(assignee="me") == {relaxed}
    assert listed(assignee="none") == {late, at_risk}
    assert listed(clock="breached") == {late}
    assert listed(clock="at_risk") == {at_risk}
    assert listed(status="nonsense", priority="x", space="y", page="z") == {late, at_risk, relaxed}


def test_queue_query_count_does_not_grow(staff_client, django_assert_num_queries):
    """Session, member, MFA, the page of escalations (thread, space, asker and assignee
    joined), the spaces for the filter and the base layout's counts: 8, however many rows.
    Measured warm: the day's first request records the member's visit and the branding."""
    for _ in range(3):
        _escalation(due_in=timedelta(minutes=20))
    url = reverse("community:desk")
    with time_machine.travel(NOW, tick=False):
        staff_client.get(url)
    for _ in range(2):
        with time_machine.travel(NOW, tick=False), django_assert_num_queries(8):
            assert len(staff_client.get(url).context["rows"]) >= 3
        for _ in range(10):
            _escalation(due_in=timedelta(minutes=20), assignee=StaffFactory())
    # With the clock filter: one more query for the clocks, still not per row.
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(9):
        assert len(staff_client.get(url, {"clock": "at_risk"}).context["rows"]) == 23


def test_escalation_page_query_count_does_not_grow(staff_client, staff, member,
                                                   django_assert_num_queries):  # fmt: skip
    """Notes, timeline, the customer's threads and escalations and the staff to assign to
    are one query each: 13 with the question (warm), however many there are."""
    escalation = make_escalation(thread=make_thread(author=member))
    staff_client.get(escalation.get_absolute_url())
    for _ in range(2):
        desk.add_note(escalation=escalation, by=staff, body="One more note on this.")
        with django_assert_num_queries(13):
            staff_client.get(escalation.get_absolute_url())
        make_thread(author=member, title="Yet another question from me")
        desk.change_priority(escalation=escalation, priority=1 + escalation.priority % 3, by=staff)


def test_escalation_page_shows_the_customer_and_the_timeline(staff_client, staff, member):
    earlier = make_thread(author=member, title="An earlier question of mine")
    old = make_escalation(thread=earlier, status=EscalationStatus.RESOLVED)
    escalation = make_escalation(thread=make_thread(author=member, title="Login fails"))
    desk.add_note(escalation=escalation, by=staff, body="Customer on the old plan.")
    desk.claim(escalation=escalation, by=staff)
    desk.change_priority(escalation=escalation, priority=Priority.HIGH, by=staff)
    response = staff_client.get(escalation.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    for text in ("Login fails", "An earlier question of mine", old.get_absolute_url(),
                 "Customer on the old plan.", "Internal note added", "Reputation",
                 "No reply within the first-response target", "(New → Acknowledged)",
                 f"(– → {staff.public_name})", "(P3 normal → P2 high)",
                 "When I click on my invoice"):  # fmt: skip
        assert text in content


def test_desk_forms_call_the_services(staff_client, staff, member):
    escalation = make_escalation(thread=make_thread(author=member))
    url = escalation.get_absolute_url()

    def post(name, data=None):
        return staff_client.post(reverse(f"community:desk_{name}", args=[escalation.pk]), data)

    assert post("claim").url == url
    assert post("status", {"status": "in_progress"}).status_code == 302
    assert post("priority", {"priority": "1", "reason": "Cannot pay"}).status_code == 302
    assert post("note", {"body": "Asked billing."}).status_code == 302
    assert post("ticket", {"ticket_id": "ZD-9"}).status_code == 302
    assert post("private", {"body": "Which card did you use for it?"}).status_code == 302
    assert post("assign", {"assignee": ""}).status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.IN_PROGRESS
    assert escalation.priority == Priority.URGENT
    assert escalation.external_ticket_id == "ZD-9"
    assert escalation.case is not None and escalation.assignee is None
    response = post("resolve", {"note": "We refunded the payment.", "mark_solution": "on"})
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.RESOLVED
    assert escalation.thread.solution_id == escalation.resolution_post_id


def test_desk_form_errors_keep_what_was_typed(staff_client, staff):
    escalation = make_escalation()
    response = staff_client.post(
        reverse("community:desk_resolve", args=[escalation.pk]),
        {"note": "ok", "mark_solution": "on"},
    )
    assert response.status_code == 400
    assert response.context["resolve_form"]["note"].value() == "ok"
    assert "at least" in response.content.decode()
    response = staff_client.post(
        reverse("community:desk_assign", args=[escalation.pk]), {"assignee": "999999"}
    )
    assert response.status_code == 400
    response = staff_client.post(
        reverse("community:desk_status", args=[escalation.pk]), {"status": "waiting"}, follow=True
    )
    assert "cannot go" in response.content.decode()
    assert (
        staff_client.get(reverse("community:desk_claim", args=[escalation.pk])).status_code == 405
    )


def test_base_nav_links_the_desk_for_staff_only(client, staff, member):
    client.force_login(member)
    assert reverse("community:desk") not in client.get(reverse("community:home")).content.decode()
    client.force_login(staff)
    assert reverse("community:desk") in client.get(reverse("community:home")).content.decode()


# --- private cases at /cases/ ----------------------------------------------------------------


@pytest.fixture
def case(member):
    return open_private_case(by=member, title="Invoice", body="My customer number is 12345678.")


def test_case_addresses_moved_permanently(client, case, member):
    assert case.get_absolute_url() == f"/cases/{case.pk}/"
    assert reverse("community:cases") == "/cases/"
    old = client.get(f"/support/cases/{case.pk}/")
    assert old.status_code == 301 and old.url == f"/cases/{case.pk}/"
    old_list = client.get("/support/cases/")
    assert old_list.status_code == 301 and old_list.url == "/cases/"


def test_case_page_for_every_role(client, case, member, staff):
    url = case.get_absolute_url()
    # A visitor gets a 404 that offers to sign in, exactly as for a case that does not
    # exist: no leak, and the customer who follows the e-mail's link finds the way in.
    visitor = client.get(url)
    missing = client.get(f"/cases/{case.pk + 1000}/")
    assert visitor.status_code == missing.status_code == 404
    assert visitor.content == missing.content.replace(
        f"{case.pk + 1000}".encode(), f"{case.pk}".encode()
    )
    assert client.post(url, {"body": "Let me read it, please."}).status_code == 404
    assert "Casey" not in visitor.content.decode()
    roles = {
        "other member": (MemberFactory(), 404),
        "super user": (MemberFactory(trust_level=TrustLevel.LEADER), 404),
        "regular": (MemberFactory(trust_level=TrustLevel.REGULAR), 404),
        "author": (member, 200),
        "staff": (staff, 200),
    }
    for name, (who, expected) in roles.items():
        client.force_login(who)
        assert client.get(url).status_code == expected, name
        posted = client.post(url, {"body": "Let me read it, please."})
        assert posted.status_code == (404 if expected == 404 else 302), name
    client.force_login(staff)
    assert client.get(reverse("community:staff_cases")).status_code == 200


def test_case_page_shows_its_escalation(client, member, staff):
    escalation = make_escalation(thread=make_thread(author=member))
    case = desk.open_private_channel(escalation=escalation, by=staff, body="Which plan are you on?")
    client.force_login(member)
    content = client.get(case.get_absolute_url()).content.decode()
    assert "The support team took over the question" in content
    assert escalation.get_absolute_url() not in content
    client.force_login(staff)
    assert escalation.get_absolute_url() in client.get(case.get_absolute_url()).content.decode()


def test_a_resolution_with_personal_data_is_refused_until_confirmed(staff_client):
    escalation = make_escalation()
    url = reverse("community:desk_resolve", args=[escalation.pk])
    note = "Please call our hotline at +49 30 1234567 if it happens again."
    response = staff_client.post(url, {"note": note})
    assert response.status_code == 400
    content = response.content.decode()
    assert "personal data" in content and "+49 30 1234567" in content
    assert 'name="contact_confirmed"' in content
    response = staff_client.post(url, {"note": note, "contact_confirmed": "on"})
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.RESOLVED


def test_a_resolved_escalation_shows_the_rating_in_both_languages(client, staff, member):
    from community.escalation.surveys import answer_survey
    from community.models import SatisfactionSurvey

    escalation = make_escalation(thread=make_thread(author=member))
    desk.resolve(escalation=escalation, by=staff, note="Fixed on our side, works again.")
    client.force_login(staff)
    content = client.get(escalation.get_absolute_url()).content.decode()
    assert "The customer has not rated it yet." in content
    survey = SatisfactionSurvey.objects.get(escalation=escalation)
    answer_survey(survey=survey, score=4, comment="Fast help", by=member)
    content = client.get(escalation.get_absolute_url()).content.decode()
    assert "The customer rated it 4 of 5." in content and "Fast help" in content
    staff.locale = "de"
    staff.save(update_fields=["locale"])
    german = client.get(escalation.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de")
    assert "Die Kundin oder der Kunde hat mit 4 von 5 bewertet." in german.content.decode()
    queue = client.get(reverse("community:desk"), {"status": "resolved"}, HTTP_ACCEPT_LANGUAGE="de")
    assert "Support-Desk" in queue.content.decode()
