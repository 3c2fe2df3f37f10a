"""The thread page's escalation notice and buttons for each role, the two escalation
actions, and the review queue's "Unanswered" tab."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from community.escalation.routing import sweep
from community.escalation.services import escalate
from community.models import (
    Escalation,
    EscalationStatus,
    InternalNote,
    SpaceFollow,
    ThreadKind,
    TrustLevel,
)
from tests.community.escalation.routing_fixtures import (  # noqa: F401 (fixture)
    MONDAY_MORNING,
    at,
    fresh_support_settings,
)
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

LOOKING = "Our support team is looking into this"
REQUEST = "I still need help from the support team"
ESCALATE = "Escalate to the support team"


@pytest.fixture
def question(member):
    with at(MONDAY_MORNING):
        return make_thread(author=member)


@pytest.fixture
def answered(question, other_member):
    with at(MONDAY_MORNING + timedelta(minutes=5)):
        make_answer(thread=question, author=other_member)
    question.refresh_from_db()
    return question


def page(client, thread, who=None):
    if who is not None:
        client.force_login(who)
    with at(MONDAY_MORNING + timedelta(minutes=10)):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- the notice -----------------------------------------------------------------------------


def test_open_escalation_shows_a_notice_with_the_time_and_no_private_details(
    client, question, staff
):
    with at(MONDAY_MORNING):
        escalate(thread=question, reasons=["manual"], by=staff, note="Customer 4711 billing")

    content = page(client, question)

    assert LOOKING in content
    assert "2026-03-02T09:00:00+00:00" in content or "2026-03-02T10:00:00+01:00" in content
    assert "Customer 4711" not in content
    assert "manual" not in content.lower().split(LOOKING.lower())[1][:400]


def test_the_notice_shows_the_time_in_the_readers_time_zone(client, question):
    with at(MONDAY_MORNING):
        escalate(thread=question, reasons=["no_first_response"])
    reader = MemberFactory(time_zone="America/New_York")
    content = page(client, question, reader)
    local = timezone.localtime(MONDAY_MORNING, ZoneInfo("America/New_York"))
    assert date_format(local, "DATETIME_FORMAT") in content


def test_resolved_escalation_says_the_team_answered_and_links_to_its_answer(
    client, question, staff
):
    answer = make_answer(thread=question, author=staff, body="Official fix: renew the token.")
    escalation = escalate(thread=question, reasons=["no_first_response"])
    Escalation.objects.filter(pk=escalation.pk).update(
        status=EscalationStatus.RESOLVED, resolution_post=answer
    )
    content = page(client, question)
    assert "Our support team answered this" in content
    assert f'href="/p/{answer.pk}/"' in content
    assert LOOKING not in content


def test_no_notice_without_an_escalation_or_on_other_kinds(client, member):
    discussion = make_thread(author=member, kind=ThreadKind.DISCUSSION)
    content = page(client, discussion)
    assert LOOKING not in content and REQUEST not in content and ESCALATE not in content


# --- who sees which button ---------------------------------------------------------------------


def test_visitors_and_other_members_see_no_buttons(client, answered):
    assert REQUEST not in page(client, answered)
    content = page(client, answered, MemberFactory(trust_level=TrustLevel.REGULAR))
    assert REQUEST not in content and ESCALATE not in content


def test_the_asker_sees_the_request_button_once_someone_answered(client, question, member):
    assert REQUEST not in page(client, question, member)  # 10 minutes, nobody answered
    with at(MONDAY_MORNING + timedelta(minutes=5)):
        make_answer(thread=question)
    question.refresh_from_db()
    content = page(client, question, member)
    assert REQUEST in content
    assert f'action="/t/{question.pk}/support/"' in content
    assert ESCALATE not in content


@pytest.mark.parametrize(
    "make_member", [lambda: MemberFactory(trust_level=TrustLevel.LEADER), StaffFactory]
)
def test_super_users_and_staff_see_the_escalate_form(client, question, make_member):
    content = page(client, question, make_member())
    assert ESCALATE in content
    assert 'name="note"' in content
    assert REQUEST not in content


# --- the actions ---------------------------------------------------------------------------------


def test_the_asker_requests_support(client, answered, member):
    client.force_login(member)
    with at(MONDAY_MORNING + timedelta(minutes=10)):
        response = client.post(f"/t/{answered.pk}/support/", follow=True)
    assert response.redirect_chain[-1][0] == answered.get_absolute_url()
    content = response.content.decode()
    assert "Our support team takes over your question" in content
    assert LOOKING in content
    assert REQUEST not in content
    assert Escalation.objects.get(thread=answered).reasons == ["asker"]


def test_request_support_is_refused_to_others_and_too_early(client, question, member):
    client.force_login(member)
    with at(MONDAY_MORNING + timedelta(minutes=10)):
        assert client.post(f"/t/{question.pk}/support/").status_code == 403
    client.force_login(MemberFactory())
    with at(MONDAY_MORNING + timedelta(hours=2)):
        assert client.post(f"/t/{question.pk}/support/").status_code == 403
    assert not Escalation.objects.exists()


def test_request_support_asks_visitors_to_sign_in(client, answered):
    response = client.post(f"/t/{answered.pk}/support/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_escalating_with_a_note(client, question):
    leader = MemberFactory(trust_level=TrustLevel.LEADER)
    client.force_login(leader)
    response = client.post(f"/t/{question.pk}/escalate/", {"note": "Looks like a billing bug"})
    assert response.status_code == 302
    escalation = Escalation.objects.get(thread=question)
    assert escalation.reasons == ["manual"]
    assert InternalNote.objects.get(escalation=escalation).body == "Looks like a billing bug"
    content = client.get(question.get_absolute_url()).content.decode()
    assert LOOKING in content
    assert "billing bug" not in content
    assert ESCALATE not in content  # escalated by hand already


def test_escalating_without_a_note_shows_the_page_with_the_reason(client, question, staff):
    client.force_login(staff)
    response = client.post(f"/t/{question.pk}/escalate/", {"note": "   "})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Tell the support team why this question needs them." in content
    assert 'class="card staff-tools escalation-form" open' in content
    assert not Escalation.objects.exists()


def test_a_too_long_note_keeps_what_was_typed(client, question, staff):
    client.force_login(staff)
    note = "Details " * 700
    response = client.post(f"/t/{question.pk}/escalate/", {"note": note})
    assert response.status_code == 400
    assert "Details Details" in response.content.decode()


def test_members_below_super_user_cannot_escalate(client, question):
    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    assert client.post(f"/t/{question.pk}/escalate/", {"note": "Please"}).status_code == 403


def test_thread_urls_are_not_taken_by_a_title(client, member):
    thread = make_thread(author=member, title="Support?!?!?!")
    assert thread.slug == "support-thread"
    assert client.get(thread.get_absolute_url()).status_code == 200


# --- the "Unanswered" tab ----------------------------------------------------------------------


@pytest.fixture
def routed(member):
    """Two questions put in front of super users; one of them answered since."""
    with at(MONDAY_MORNING):
        waiting = make_thread(author=member, title="Export to CSV is empty")
        answered = make_thread(author=member, title="Cannot change my avatar")
    with at(MONDAY_MORNING + timedelta(minutes=30)):
        sweep()
        make_answer(thread=answered)
    return waiting, answered


def test_unanswered_tab_lists_routed_questions_with_the_time_left(client, routed):
    waiting, answered = routed
    client.force_login(MemberFactory(trust_level=TrustLevel.LEADER))
    with at(MONDAY_MORNING + timedelta(minutes=40)):
        content = client.get("/review/unanswered/").content.decode()
    assert waiting.get_absolute_url() in content
    assert answered.title not in content
    assert "20 minutes left" in content

    with at(MONDAY_MORNING + timedelta(minutes=90)):
        content = client.get("/review/unanswered/").content.decode()
    assert "overdue by 30 minutes" in content


def test_the_review_queue_links_to_the_tab_for_super_users_only(client):
    client.force_login(MemberFactory(trust_level=TrustLevel.LEADER))
    assert 'href="/review/unanswered/"' in client.get("/review/").content.decode()
    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    assert 'href="/review/unanswered/"' not in client.get("/review/").content.decode()


def test_unanswered_tab_is_for_super_users_and_staff(client, routed):
    assert client.get("/review/unanswered/").status_code == 302
    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    assert client.get("/review/unanswered/").status_code == 403
    client.force_login(StaffFactory())
    assert client.get("/review/unanswered/").status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_unanswered_tab_query_count_does_not_grow(
    client, member, django_assert_max_num_queries, count
):
    with at(MONDAY_MORNING):
        for i in range(count):
            make_thread(author=member, title=f"Unanswered question number {i}")
    with at(MONDAY_MORNING + timedelta(minutes=30)):
        sweep()
    client.force_login(StaffFactory())
    # The page's own three (count, threads, support settings) and the site's frame.
    with at(MONDAY_MORNING + timedelta(minutes=40)), django_assert_max_num_queries(20):
        response = client.get("/review/unanswered/")
    assert response.content.decode().count("Unanswered question number") == count


def test_the_notice_and_the_button_speak_german(client, answered):
    escalate(thread=answered, reasons=["no_first_response"])
    reader = MemberFactory(locale="de")
    content = page(client, answered, reader)
    assert "Unser Support-Team kümmert sich darum" in content
    assert "An das Support-Team übergeben am" in content


def test_super_users_read_the_routing_notice_in_their_notification_centre(client, member):
    leader = MemberFactory(trust_level=TrustLevel.LEADER, locale="de")
    with at(MONDAY_MORNING):
        thread = make_thread(author=member, title="Export to CSV is empty")
    SpaceFollow.objects.create(space=thread.space, member=leader)
    with at(MONDAY_MORNING + timedelta(minutes=30)):
        sweep()
    client.force_login(leader)
    content = client.get("/notifications/").content.decode()
    assert "„Export to CSV is empty“ wartet auf eine Antwort: Kannst du helfen?" in content
    assert thread.get_absolute_url() in content
