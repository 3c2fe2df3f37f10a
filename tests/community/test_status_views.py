"""/status/, the banner on every page, the thread page of a status post and of a linked
thread, and the support team's known-issue actions."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from community.escalation.known_issues import link_thread, post_update, start_known_issue
from community.models import KnownIssue, KnownIssueStatus, Thread, ThreadKind
from community.services.reactions import set_me_too
from community.services.solutions import accept_answer
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def outage(db, staff):
    return start_known_issue(
        by=staff,
        space=SpaceFactory(),
        title="Invoice download fails for everyone",
        body="Downloading invoices fails with an error. We are looking into it.",
    )


# --- /status/ ------------------------------------------------------------------------------


def test_status_page_lists_open_issues_first_then_recently_fixed(client, staff):
    with time_machine.travel(NOW - timedelta(days=40), tick=False):
        old = start_known_issue(
            by=staff, space=SpaceFactory(), title="Old outage of the shop", body="The shop is down."
        )
        post_update(known_issue=old, by=staff, status="fixed", body="Fixed long ago.")
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        recent = start_known_issue(by=staff, space=SpaceFactory(), title="Recent outage of the app",
                                   body="The app is down.")  # fmt: skip
        post_update(known_issue=recent, by=staff, status="fixed", body="The fix is live.")
    with time_machine.travel(NOW - timedelta(hours=2), tick=False):
        current = start_known_issue(by=staff, space=SpaceFactory(), title="Login fails today",
                                    body="Nobody can log in.")  # fmt: skip
        post_update(known_issue=current, by=staff, status="identified", body="A bad deploy.")

    with time_machine.travel(NOW, tick=False):
        content = client.get(reverse("community:status")).content.decode()
    content = content[content.index('id="main"') :]  # after the banner

    assert content.index("Open known issues") < content.index("Login fails today")
    assert content.index("Login fails today") < content.index("Fixed in the last 30 days")
    assert content.index("Fixed in the last 30 days") < content.index("Recent outage of the app")
    assert "Old outage of the shop" not in content
    assert "Identified" in content and "A bad deploy." in content  # status as text, updates
    assert content.index("A bad deploy.") < content.index("Nobody can log in.")  # latest first


def test_status_page_in_german(client, outage):
    client.cookies["django_language"] = "de"
    content = client.get(reverse("community:status"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Bekannte Probleme" in content
    assert "Wird untersucht" in content


def test_status_page_without_known_issues(client, db):
    response = client.get(reverse("community:status"))
    assert response.status_code == 200
    assert "No known issues right now" in response.content.decode()


# --- the banner --------------------------------------------------------------------------------


def test_banner_on_every_page_while_open_and_pages_stay_shareable(client, outage, staff):
    response = client.get(reverse("community:home"))
    content = response.content.decode()
    assert "Known issue:" in content and outage.thread.title in content
    assert "Investigating" in content
    assert "public" in response["Cache-Control"]  # nothing personal: visitors share it
    post_update(known_issue=outage, by=staff, status="fixed", body="All fixed now.")
    assert "Known issue:" not in client.get(reverse("community:threads")).content.decode()


def test_banner_links_to_status_page_for_more_than_two(client, db, staff):
    for number in range(3):
        start_known_issue(
            by=staff,
            space=SpaceFactory(),
            title=f"Outage number {number}",
            body="Something is down.",
        )
    content = client.get(reverse("community:home")).content.decode()
    assert "and 1 more known issue" in content


# --- the thread page ---------------------------------------------------------------------------


def test_linked_thread_says_it_is_a_known_issue(client, outage, staff):
    thread = make_thread()
    link_thread(thread=thread, known_issue=outage, by=staff)
    content = client.get(thread.get_absolute_url()).content.decode()
    assert "This is a known issue" in content and "Investigating" in content
    assert outage.thread.get_absolute_url() in content


@pytest.mark.parametrize("linked", [False, True])
def test_thread_page_query_count_with_a_linked_thread(
    client, member, staff, django_assert_max_num_queries, linked, outage
):
    thread = make_thread(author=member)
    posts = [make_answer(thread=thread, author=MemberFactory()) for _ in range(3)]
    accept_answer(answer=posts[1], by=member)
    if linked:
        link_thread(thread=thread, known_issue=outage, by=staff)
    client.force_login(MemberFactory())
    client.get(reverse("community:home"))  # the banner is read once a minute
    # The same budget as tests/community/views/test_thread_page.py: a linked thread's
    # notice comes with the thread's own query.
    with django_assert_max_num_queries(15):
        response = client.get(thread.get_absolute_url())
    assert ("This is a known issue" in response.content.decode()) is linked


def test_status_post_shows_status_updates_and_linked_count(client, outage, staff):
    for title in ("Cannot download invoice", "Invoice PDF error"):
        link_thread(thread=make_thread(title=title), known_issue=outage, by=staff)
    post_update(known_issue=outage, by=staff, status="identified", body="We found the cause.")
    content = client.get(outage.thread.get_absolute_url()).content.decode()
    assert "Known issue" in content and "Identified" in content
    assert "2 threads report this problem" in content
    assert "We found the cause." in content
    assert "Post an update" not in content  # staff tools are for staff


def test_staff_see_tools_on_status_post_and_ordinary_threads(client, outage, staff):
    client.force_login(staff)
    content = client.get(outage.thread.get_absolute_url()).content.decode()
    assert "Post an update" in content and "Link a thread" in content
    thread = make_thread()
    content = client.get(thread.get_absolute_url()).content.decode()
    assert "Link to known issue" in content and outage.thread.title in content
    assert "Turn into known issue" in content


# --- the support team's actions ------------------------------------------------------------------


def test_staff_start_a_known_issue_from_status_new(client, staff, db):
    space = SpaceFactory()
    client.force_login(staff)
    assert client.get(reverse("community:start_known_issue")).status_code == 200
    response = client.post(
        reverse("community:start_known_issue"),
        {"title": "Payments fail", "body": "Card payments fail.", "space": space.pk,
         "language": "en"},
    )  # fmt: skip
    issue = KnownIssue.objects.get()
    assert response.status_code == 302 and response["Location"] == issue.thread.get_absolute_url()


def test_start_form_keeps_what_was_typed_when_refused(client, staff, db):
    client.force_login(staff)
    response = client.post(
        reverse("community:start_known_issue"), {"title": "Payments fail", "body": ""}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Payments fail" in content and "Say what is known so far" in content


def test_members_may_not_manage_known_issues(client, member, outage):
    client.force_login(member)
    assert client.get(reverse("community:start_known_issue")).status_code == 403
    url = reverse("community:known_issue_update", args=[outage.pk])
    assert (
        client.post(url, {"update-status": "fixed", "update-body": "Done and dusted."}).status_code
        == 403
    )
    outage.refresh_from_db()
    assert outage.status == KnownIssueStatus.INVESTIGATING


def test_staff_post_an_update_and_a_refused_one_keeps_the_text(client, outage, staff):
    client.force_login(staff)
    url = reverse("community:known_issue_update", args=[outage.pk])
    response = client.post(url, {"update-status": "identified", "update-body": "Found the cause."})
    assert response.status_code == 302
    response = client.post(
        url, {"update-status": "investigating", "update-body": "Went back to looking"}
    )
    assert response.status_code == 400
    assert "Went back to looking" in response.content.decode()
    outage.refresh_from_db()
    assert outage.status == KnownIssueStatus.IDENTIFIED


def test_staff_link_by_address_or_number_and_from_the_thread(client, outage, staff):
    client.force_login(staff)
    first, second = make_thread(), make_thread(title="Other problem")
    url = reverse("community:known_issue_link", args=[outage.pk])
    response = client.post(url, {"link-thread": f"https://x.example{first.get_absolute_url()}"})
    assert response.status_code == 302
    response = client.post(url, {"link-thread": "not a thread"})
    assert response.status_code == 400 and "not a thread" in response.content.decode()
    client.post(reverse("community:link_to_known_issue", args=[second.pk]),
                {"known_issue": outage.pk})  # fmt: skip
    assert set(outage.linked_threads.all()) == {first, second}
    client.post(reverse("community:link_to_known_issue", args=[second.pk]), {"known_issue": ""})
    assert set(outage.linked_threads.all()) == {first}


def test_staff_turn_a_question_into_a_known_issue(client, staff, member):
    question = make_thread(author=member, title="Everyone gets error 500 at checkout")
    set_me_too(thread=question, by=MemberFactory(), me_too=True)
    client.force_login(staff)
    response = client.post(reverse("community:turn_into_known_issue", args=[question.pk]))
    issue = KnownIssue.objects.get()
    assert response["Location"] == issue.thread.get_absolute_url()
    assert Thread.objects.get(pk=question.pk).linked_known_issue == issue
    assert issue.thread.kind == ThreadKind.KNOWN_ISSUE


def test_staff_factory_makes_staff(db):
    assert StaffFactory().is_staff


def test_unlinking_from_the_status_post_goes_back_there(client, outage, staff):
    thread = make_thread()
    link_thread(thread=thread, known_issue=outage, by=staff)
    client.force_login(staff)
    back = outage.thread.get_absolute_url()
    response = client.post(
        reverse("community:link_to_known_issue", args=[thread.pk]),
        {"known_issue": "", "next": back},
    )
    assert response["Location"] == back
    response = client.post(
        reverse("community:link_to_known_issue", args=[thread.pk]),
        {"known_issue": "", "next": "https://evil.example/"},
    )
    assert response["Location"] == thread.get_absolute_url()


# --- what the pages cost ---------------------------------------------------------------------------


@pytest.mark.parametrize("updates", [1, 8])
def test_status_post_page_costs_one_query_more_whatever_its_updates(
    client, outage, staff, django_assert_max_num_queries, updates
):
    for number in range(updates):
        post_update(known_issue=outage, by=staff, status="investigating",
                    body=f"Still looking into it, update {number}.")  # fmt: skip
    for _ in range(3):
        link_thread(thread=make_thread(), known_issue=outage, by=staff)
    client.force_login(MemberFactory())
    client.get(reverse("community:home"))  # the banner is read once a minute
    # The thread page's budget (tests/community/views/test_thread_page.py) plus one: the
    # updates with the count of linked threads.
    with django_assert_max_num_queries(16):
        response = client.get(outage.thread.get_absolute_url())
    assert "3 threads report this problem" in response.content.decode()


@pytest.mark.parametrize("issues", [1, 6])
def test_status_page_query_count_does_not_grow(
    client, db, staff, django_assert_max_num_queries, issues
):
    for number in range(issues):
        issue = start_known_issue(by=staff, space=SpaceFactory(), title=f"Outage number {number}",
                                  body="Something is down.")  # fmt: skip
        post_update(known_issue=issue, by=staff, status="identified", body="Found the cause.")
    client.get(reverse("community:home"))
    with django_assert_max_num_queries(6):
        response = client.get(reverse("community:status"))
    assert response.content.decode().count('class="card status-item"') == issues


def test_linked_thread_notice_and_banner_in_german(client, outage, staff):
    thread = make_thread()
    link_thread(thread=thread, known_issue=outage, by=staff)
    client.cookies["django_language"] = "de"
    content = client.get(thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Das ist ein bekanntes Problem" in content
    assert "Bekanntes Problem:" in content and "Wird untersucht" in content
    assert "Folge dem Statusbeitrag" in content
