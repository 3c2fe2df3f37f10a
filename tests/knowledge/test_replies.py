"""Saved replies: who may keep and use them, the pages, the picker on the thread page, the
use count, and the starter set."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import extensions
from community.models import TrustLevel
from knowledge.models import SavedReply
from knowledge.services.replies import (
    fill_placeholders,
    seed_saved_replies,
    use_saved_reply,
)
from knowledge.signals import saved_reply_used
from knowledge.starter_replies import STARTER_REPLIES
from knowledge.views.replies import saved_reply_picker
from tests.community.conftest import listen  # noqa: F401  (a real receiver per signal)
from tests.factories import MemberFactory, StaffFactory, make_thread

ROLES = ["anonymous", "tl0", "tl1", "tl2", "tl3", "tl4", "staff"]
MAY_USE = {"tl4", "staff"}


def _member_of(role):
    if role == "anonymous":
        return None
    if role == "staff":
        return StaffFactory(username="role-staff")
    level = int(role[2:])
    return MemberFactory(username=f"role-{role}", trust_level=TrustLevel(level))


def _client_for(client, role):
    member = _member_of(role)
    if member is not None:
        client.force_login(member)
    return client, member


@pytest.fixture
def team_reply(db):
    return SavedReply.objects.create(
        owner=StaffFactory(username="owner-staff"),
        title="Greeting",
        body="Hi {asker}, thanks for asking!",
        language="en",
        is_shared=True,
    )


@pytest.fixture
def thread(db):
    return make_thread(author=MemberFactory(username="asker", display_name="Robin Asker"))


# --- permissions per role -------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_replies_list_and_new_page_only_for_staff_and_super_users(client, db, role):
    client, _member = _client_for(client, role)
    for name in ("knowledge:replies", "knowledge:reply_new"):
        response = client.get(reverse(name))
        if role == "anonymous":
            assert response.status_code == 302  # to sign in
        elif role in MAY_USE:
            assert response.status_code == 200
        else:
            assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_create_saved_reply_per_role(client, db, role):
    client, member = _client_for(client, role)
    response = client.post(
        reverse("knowledge:reply_new"),
        {"title": "Restart", "body": "Unplug it for 30 seconds.", "language": "en"},
    )
    if role in MAY_USE:
        assert response.status_code == 302
        reply = SavedReply.objects.get()
        assert reply.owner == member and not reply.is_shared
    else:
        assert response.status_code in (302, 404) and not SavedReply.objects.exists()


def test_only_staff_may_share_a_reply(client, db):
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    client.force_login(super_user)
    data = {"title": "T", "body": "B", "language": "de", "is_shared": "on"}
    assert "is_shared" not in client.get(reverse("knowledge:reply_new")).context["form"].fields
    client.post(reverse("knowledge:reply_new"), data)
    assert SavedReply.objects.get().is_shared is False
    client.force_login(StaffFactory())
    client.post(reverse("knowledge:reply_new"), {**data, "title": "Shared"})
    assert SavedReply.objects.get(title="Shared").is_shared is True


@pytest.mark.parametrize("role", ROLES)
def test_edit_and_delete_a_shared_reply_only_staff(client, team_reply, role):
    client, _member = _client_for(client, role)
    edit = client.post(
        reverse("knowledge:reply_edit", args=[team_reply.pk]),
        {"title": "Hello", "body": "Hi!", "language": "en", "is_shared": "on"},
    )
    team_reply.refresh_from_db()
    if role == "staff":
        assert edit.status_code == 302 and team_reply.title == "Hello"
    elif role == "tl4":
        assert edit.status_code == 403 and team_reply.title == "Greeting"  # sees it, may not
    elif role == "anonymous":
        assert edit.status_code == 302 and team_reply.title == "Greeting"
    else:
        assert edit.status_code == 404 and team_reply.title == "Greeting"
    delete = client.post(reverse("knowledge:reply_delete", args=[team_reply.pk]))
    assert SavedReply.objects.filter(pk=team_reply.pk).exists() is (role != "staff")
    if role == "tl4":
        assert delete.status_code == 403


def test_personal_replies_are_their_owners_alone(client, db):
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    mine = SavedReply.objects.create(owner=super_user, title="Mine", body="x", language="en")
    client.force_login(StaffFactory())  # not even staff see someone's personal reply
    assert client.get(reverse("knowledge:reply_edit", args=[mine.pk])).status_code == 404
    assert client.post(reverse("knowledge:reply_delete", args=[mine.pk])).status_code == 404
    assert "Mine" not in client.get(reverse("knowledge:replies")).content.decode()
    client.force_login(super_user)
    assert "Mine" in client.get(reverse("knowledge:replies")).content.decode()
    response = client.post(
        reverse("knowledge:reply_edit", args=[mine.pk]),
        {"title": "Mine, better", "body": "y", "language": "de"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.title, mine.language) == ("Mine, better", "de")
    assert client.post(reverse("knowledge:reply_delete", args=[mine.pk])).status_code == 302
    assert not SavedReply.objects.filter(pk=mine.pk).exists()


# --- bad input ------------------------------------------------------------------------------


def test_a_reply_with_personal_data_is_refused_and_the_text_kept(client, db):
    client.force_login(StaffFactory())
    body = "Call me on +49 30 1234567 any time."
    response = client.post(
        reverse("knowledge:reply_new"), {"title": "Call", "body": body, "language": "en"}
    )
    assert response.status_code == 400
    assert "personal data" in response.content.decode()
    assert body in response.content.decode()
    assert not SavedReply.objects.exists()


def test_an_empty_reply_is_a_form_error(client, db):
    client.force_login(StaffFactory())
    response = client.post(
        reverse("knowledge:reply_new"), {"title": "", "body": "", "language": "xx"}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "body", "language"}


# --- list: search and language filter --------------------------------------------------------


def test_list_searches_and_filters_by_language(client, db):
    staff = StaffFactory()
    SavedReply.objects.create(owner=staff, title="Router restart", body="a", language="en")
    SavedReply.objects.create(owner=staff, title="Router neu starten", body="b", language="de")
    SavedReply.objects.create(owner=staff, title="Greeting", body="router-free", language="en")
    client.force_login(staff)
    page = client.get(reverse("knowledge:replies"), {"q": "router"}).context["page_obj"]
    assert {reply.title for reply in page} == {"Router restart", "Router neu starten", "Greeting"}
    page = client.get(reverse("knowledge:replies"), {"q": "router", "language": "de"}).context[
        "page_obj"
    ]
    assert [reply.title for reply in page] == ["Router neu starten"]


def test_list_query_count_does_not_grow(client, db, django_assert_max_num_queries):
    staff = StaffFactory()
    client.force_login(staff)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("knowledge:replies")).status_code == 200
        return len(queries)

    SavedReply.objects.create(owner=staff, title="R", body="b", is_shared=True)
    client.get(reverse("knowledge:replies"))  # warm the caches
    few = count()
    for number in range(20):
        SavedReply.objects.create(owner=staff, title=f"R{number}", body="b", is_shared=True)
    assert count() == few <= 10


# --- using a reply ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_insert_counts_a_use_only_for_those_who_may(client, team_reply, thread, role):
    client, _member = _client_for(client, role)
    response = client.post(
        reverse("knowledge:reply_use", args=[team_reply.pk]),
        {"thread": thread.pk},
        HTTP_ACCEPT="application/json",
    )
    team_reply.refresh_from_db()
    if role in MAY_USE:
        assert response.status_code == 200
        assert response.json() == {"body": "Hi Robin Asker, thanks for asking!", "use_count": 1}
        assert team_reply.use_count == 1
    else:
        assert response.status_code in (302, 404) and team_reply.use_count == 0


def test_insert_is_a_post(client, team_reply, thread):
    client.force_login(StaffFactory())
    url = reverse("knowledge:reply_use", args=[team_reply.pk])
    assert client.get(url, {"thread": thread.pk}).status_code == 405


def test_insert_into_an_unknown_thread_is_404(client, team_reply):
    client.force_login(StaffFactory())
    url = reverse("knowledge:reply_use", args=[team_reply.pk])
    assert client.post(url, {"thread": "nope"}).status_code == 404
    assert client.post(url, {"thread": 999999}).status_code == 404
    team_reply.refresh_from_db()
    assert team_reply.use_count == 0


def test_use_count_adds_up_atomically(team_reply, thread, listen):  # noqa: F811
    staff = StaffFactory()
    stale = SavedReply.objects.get(pk=team_reply.pk)  # loaded before the other use
    use_saved_reply(reply=team_reply, by=staff, thread=thread)
    calls = listen(saved_reply_used)
    use_saved_reply(reply=stale, by=staff, thread=thread)
    team_reply.refresh_from_db()
    assert team_reply.use_count == 2  # F(): the stale copy did not write 1 back
    assert calls == [{"sender": SavedReply, "reply": stale, "by": staff, "thread": thread}]


def test_without_javascript_the_reply_goes_into_the_answer_form(client, team_reply, thread):
    client.force_login(StaffFactory())
    pick = client.get(reverse("knowledge:reply_pick"), {"thread": thread.pk})
    assert pick.status_code == 200
    assert "Hi Robin Asker, thanks for asking!" in pick.content.decode()
    response = client.post(
        reverse("knowledge:reply_use", args=[team_reply.pk]), {"thread": thread.pk}
    )
    assert response.status_code == 302
    page = client.get(thread.get_absolute_url())
    assert page.context["answer_form"].initial == {"body": "Hi Robin Asker, thanks for asking!"}
    team_reply.refresh_from_db()
    assert team_reply.use_count == 1


def test_fill_placeholders_leaves_unknown_and_empty_ones():
    text = "Hi {asker} / {name}, I'm {me}. Code: {x}"
    assert fill_placeholders(text, asker_name="Sam", my_name="Alex") == (
        "Hi Sam / Sam, I'm Alex. Code: {x}"
    )
    assert fill_placeholders("Hi {asker}", asker_name="") == "Hi {asker}"


# --- the picker on the thread page -----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_picker_on_the_thread_page_only_for_those_who_may(client, team_reply, thread, role):
    client, _member = _client_for(client, role)
    page = client.get(thread.get_absolute_url()).content.decode()
    shown = "Insert a saved reply" in page
    assert shown is (role in MAY_USE)
    if shown:
        assert reverse("knowledge:reply_use", args=[team_reply.pk]) in page
        assert f"{reverse('knowledge:reply_pick')}?thread={thread.pk}" in page


def test_picker_costs_one_query_and_none_for_others(team_reply, thread, django_assert_num_queries):
    staff = StaffFactory()
    regular = MemberFactory(trust_level=TrustLevel.REGULAR)
    with django_assert_num_queries(1):
        tool = saved_reply_picker(member=staff, thread=thread)
    assert [reply.title for reply in tool["replies"]] == ["Greeting"]
    with django_assert_num_queries(0):
        assert saved_reply_picker(member=regular, thread=thread) is None


def test_picker_lists_the_threads_language_first_then_the_most_used(thread):
    staff = StaffFactory()
    SavedReply.objects.create(owner=staff, title="Hallo", body="x", language="de", use_count=9)
    SavedReply.objects.create(owner=staff, title="Often", body="x", language="en", use_count=5)
    SavedReply.objects.create(owner=staff, title="Rarely", body="x", language="en", use_count=1)
    mine = SavedReply.objects.create(owner=staff, title="Mine", body="x", language="en")
    SavedReply.objects.create(owner=StaffFactory(), title="Not mine", body="x", language="en")
    tool = saved_reply_picker(member=staff, thread=thread)  # an English thread
    assert [reply.title for reply in tool["replies"]] == ["Often", "Rarely", "Mine", "Hallo"]
    assert mine in tool["replies"]


def test_replies_pages_speak_german(client, team_reply):
    client.force_login(StaffFactory(locale="de"))
    page = client.get(reverse("knowledge:replies"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Gespeicherte Antworten" in page and "Neue gespeicherte Antwort" in page


def test_picker_adds_one_query_to_the_thread_page(client, team_reply, thread, monkeypatch):
    client.force_login(StaffFactory())
    client.get(thread.get_absolute_url())  # warm the caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(thread.get_absolute_url())
        return len(queries)

    # Each measured warm (a second request), so a cache one of them fills does not count.
    count()
    with_picker = count()
    monkeypatch.setattr(extensions, "_answer_editor_tools", [])
    count()
    assert with_picker - count() == 1


# --- the starter set -------------------------------------------------------------------------


def test_seed_saved_replies_is_idempotent_in_both_languages(db):
    staff = StaffFactory()
    created = seed_saved_replies(by=staff)
    assert created == 2 * len(STARTER_REPLIES) >= 10
    assert seed_saved_replies(by=staff) == 0
    replies = SavedReply.objects.all()
    assert {reply.language for reply in replies} == {"en", "de"}
    assert all(reply.is_shared and reply.owner == staff for reply in replies)
    assert replies.filter(language="de").count() == replies.filter(language="en").count()


def test_starter_replies_hold_no_personal_data():
    from community.privacy import find_personal_data

    for reply in STARTER_REPLIES:
        for language in ("en", "de"):
            text = reply[language]
            assert not find_personal_data(text["title"] + "\n" + text["body"]), reply["key"]


def test_seed_saved_replies_command(db):
    with pytest.raises(CommandError):
        call_command("seed_saved_replies", stdout=StringIO())  # no staff yet
    StaffFactory(username="first")
    second = StaffFactory(username="second")
    out = StringIO()
    call_command("seed_saved_replies", "--owner", "second", stdout=out)
    assert f"{2 * len(STARTER_REPLIES)} saved replies created (owner: second)" in out.getvalue()
    assert set(SavedReply.objects.values_list("owner", flat=True)) == {second.pk}
    out = StringIO()
    call_command("seed_saved_replies", stdout=out)
    assert "0 saved replies created (owner: first)" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("seed_saved_replies", "--owner", "nobody", stdout=StringIO())
