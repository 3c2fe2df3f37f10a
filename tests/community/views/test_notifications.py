"""The bell in the header, /notifications/ and the e-mail settings page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import EmailKind, IdeaStatus, Notification, NotificationKind, ThreadKind
from community.selectors import NOTIFICATIONS_PER_PAGE
from community.services.ideas import change_idea_status
from community.services.notices import email_preferences, notify
from community.services.notifications import notify_idea_status
from community.services.posts import hide_post
from community.services.reactions import set_helpful_vote
from community.services.solutions import accept_answer
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

TITLE = "Invoice PDF does not open"


def _notification_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q for q in queries if "community_notification" in q["sql"]]


def _answered(asker, *, by=None):
    """`asker`'s question with an answer by `by` (Harper unless given): one entry for `asker`."""
    thread = make_thread(author=asker, title=TITLE)
    return make_answer(thread=thread, author=by or MemberFactory(display_name="Harper"))


# --- the bell ---------------------------------------------------------------------------------


def test_bell_shows_the_unread_count_for_eyes_and_screen_readers(client, member):
    for _ in range(3):
        _answered(member)
    client.force_login(member)
    content = client.get(reverse("community:home")).content.decode()
    assert 'class="bell__count" aria-hidden="true">3</span>' in content
    assert "3 unread notifications" in content
    assert f'href="{reverse("community:notifications")}"' in content


def test_bell_costs_one_query_however_many_entries(client, member):
    client.force_login(member)
    _, queries = _notification_queries(client, reverse("community:threads"))
    assert len(queries) == 1
    for _ in range(4):
        _answered(member)
    response, queries = _notification_queries(client, reverse("community:threads"))
    assert len(queries) == 1
    assert "4 unread notifications" in response.content.decode()


def test_bell_is_not_on_visitors_pages_and_costs_them_nothing(client, member):
    _answered(member)
    response, queries = _notification_queries(client, reverse("community:home"))
    assert queries == []
    assert 'class="bell' not in response.content.decode()


def test_bell_says_none_unread_without_a_badge(client, member):
    client.force_login(member)
    content = client.get(reverse("community:home")).content.decode()
    assert "Notifications, none unread" in content
    assert "bell__count" not in content


# --- /notifications/ --------------------------------------------------------------------------


def test_notifications_need_a_signed_in_member(client):
    url = reverse("community:notifications")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.post(reverse("community:notifications_read")).status_code == 302


def _every_community_kind(member):
    """One entry of each kind community writes, newest last."""
    harper = MemberFactory(display_name="Harper")
    answer = _answered(member, by=harper)  # new answer on member's question
    # Casey's answer mentions the asker, who hears of it once, as the asker.
    make_answer(thread=answer.thread, author=MemberFactory(display_name="Casey"),
                body=f"@{member.username} see above")  # fmt: skip
    theirs = make_thread(author=harper, title="Router blinks red all day")
    mine = make_answer(thread=theirs, author=member)
    accept_answer(answer=mine, by=harper)
    for voter in MemberFactory.create_batch(5):
        set_helpful_vote(post=mine, by=voter, voted=True)
    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Dark mode for invoices")
    change = change_idea_status(
        thread=idea, by=StaffFactory(), status=IdeaStatus.PLANNED, comment="Autumn."
    )
    notify_idea_status(change_id=change.pk)
    return answer, mine, idea


def test_notifications_tell_each_kind_in_english(client, member):
    answer, mine, idea = _every_community_kind(member)
    client.force_login(member)
    content = client.get(reverse("community:notifications")).content.decode()
    assert f"Harper answered your question “{TITLE}”" in content
    assert f"Casey answered your question “{TITLE}”" in content
    assert "mentioned you" not in content
    assert "Your answer on “Router blinks red all day” was accepted" in content
    assert "5 people found your answer on “Router blinks red all day” helpful" in content
    assert "The idea “Dark mode for invoices” is now “Planned”" in content
    assert f'href="{answer.get_absolute_url()}"' in content
    assert f'href="{mine.get_absolute_url()}"' in content
    assert f'href="{idea.get_absolute_url()}"' in content


def test_notifications_tell_each_kind_in_german(client, member):
    member.locale = "de"
    member.save(update_fields=["locale"])
    _every_community_kind(member)
    client.force_login(member)
    home = client.get(reverse("community:home")).content.decode()
    assert "5 ungelesene Benachrichtigungen" in home
    content = client.get(reverse("community:notifications")).content.decode()
    assert f"Harper hat deine Frage „{TITLE}“ beantwortet" in content
    assert "Deine Antwort zu „Router blinks red all day“ wurde akzeptiert" in content
    assert "5 Personen fanden deine Antwort zu „Router blinks red all day“ hilfreich" in content
    assert "Die Idee „Dark mode for invoices“ ist jetzt „Geplant“" in content


def test_notifications_tell_a_mention_and_a_single_helpful_vote_by_name(client, member):
    theirs = make_thread(author=MemberFactory(), title="Router blinks red all day")
    casey = MemberFactory(display_name="Casey")
    make_answer(thread=theirs, author=casey, body=f"Ask @{member.username}, please.")
    mine = make_answer(thread=theirs, author=member)
    set_helpful_vote(post=mine, by=casey, voted=True)
    client.force_login(member)
    content = client.get(reverse("community:notifications")).content.decode()
    assert "Casey mentioned you in “Router blinks red all day”" in content
    assert "Casey found your answer on “Router blinks red all day” helpful" in content


@pytest.mark.parametrize(
    ("locale", "texts", "shown"),
    [
        ("de", {"en": "You earned “Helper”", "de": "Du hast „Helfer“ erhalten"}, "Du hast „Helfer“ erhalten"),
        ("de", {"en": "You earned “Helper”"}, "You earned “Helper”"),
        ("en", {}, "You earned a badge"),
        ("de", None, "Du hast ein Abzeichen erhalten"),
    ],
)  # fmt: skip
def test_notifications_of_other_apps_show_their_text_in_the_readers_language(
    client, locale, texts, shown
):
    reader = MemberFactory(locale=locale)
    data = {"text": texts} if texts is not None else {}
    notify(member=reader, kind=NotificationKind.BADGE_EARNED, url="/badges/helper/", data=data)
    client.force_login(reader)
    content = client.get(reverse("community:notifications")).content.decode()
    assert f'<a href="/badges/helper/">{shown}</a>' in content.replace("&quot;", '"')


def test_opening_the_page_shows_the_entries_unread_once_then_read(client, member):
    _answered(member)
    client.force_login(member)
    first = client.get(reverse("community:notifications")).content.decode()
    assert "notification--unread" in first and "Unread:" in first
    assert "bell__count" not in first  # the bell already counts them read
    assert not Notification.objects.unread().exists()
    second = client.get(reverse("community:notifications")).content.decode()
    assert "notification--unread" not in second
    assert "Harper answered your question" in second


def test_opening_the_page_marks_only_the_shown_entries_read(client, member):
    for _ in range(NOTIFICATIONS_PER_PAGE + 2):
        notify(member=member, kind=NotificationKind.BADGE_EARNED)
    client.force_login(member)
    content = client.get(reverse("community:notifications")).content.decode()
    assert Notification.objects.unread().count() == 2
    assert "2 unread notifications" in content
    assert "Mark all read" in content
    assert 'rel="next"' in content
    page_two = client.get(reverse("community:notifications"), {"page": 2}).content.decode()
    assert page_two.count('class="notification notification--unread"') == 2
    assert client.get(reverse("community:notifications"), {"page": "x"}).status_code == 200
    assert client.get(reverse("community:notifications"), {"page": 3}).status_code == 404


def test_mark_all_read_reads_every_entry_and_returns_to_the_list(client, member):
    for _ in range(3):
        _answered(member)
    client.force_login(member)
    response = client.post(reverse("community:notifications_read"))
    assert response.status_code == 302
    assert response["Location"] == reverse("community:notifications")
    assert not Notification.objects.unread().exists()
    assert client.get(reverse("community:notifications_read")).status_code == 405


def test_notifications_drop_title_and_link_of_what_the_member_may_no_longer_see(
    client, member, staff
):
    answer = _answered(member)
    hide_post(post=answer.thread.posts.get(is_opening=False), by=staff, reason="Spam")
    other = _answered(member)
    client.force_login(member)
    content = client.get(reverse("community:notifications")).content.decode()
    assert content.count("no longer available") == 1
    assert f'href="{answer.get_absolute_url()}"' not in content
    assert "New answer on your thread" in content  # the kind instead of the hidden post's text
    assert f'href="{other.get_absolute_url()}"' in content


def test_notifications_page_query_count_does_not_grow_with_the_entries(
    client, member, django_assert_max_num_queries
):
    client.force_login(member)
    _every_community_kind(member)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("community:notifications"))
    for _ in range(10):
        _answered(member)
    _every_community_kind(member)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("community:notifications"))
    with django_assert_max_num_queries(8):
        client.get(reverse("community:notifications"), {"page": 2})


# --- e-mail settings --------------------------------------------------------------------------


def test_email_settings_show_every_kind_and_store_the_choices(client, member):
    client.force_login(member)
    url = reverse("community:email_preferences")
    content = client.get(url).content.decode()
    for kind in EmailKind:
        # The weekly report is for community managers (insights registers its audience).
        shown = kind != EmailKind.WEEKLY_REPORT
        assert (f'name="{kind.value}"' in content) == shown
    assert (
        reverse("community:email_preferences")
        in client.get(reverse("community:profile_edit")).content.decode()
    )
    response = client.post(url, {EmailKind.NEW_ANSWER: "on", EmailKind.IDEA_STATUS: "on"})
    assert response.status_code == 302
    assert email_preferences(member) == {
        EmailKind.NEW_ANSWER: True,
        EmailKind.MENTION: False,
        EmailKind.SOLUTION: False,
        EmailKind.IDEA_STATUS: True,
        EmailKind.NEW_THREAD: False,
        EmailKind.QUESTION_RECEIVED: False,
        EmailKind.WEEKLY_REPORT: True,  # not offered, so left as it was
    }
    assert 'name="mention" id="id_mention"' in client.get(url).content.decode()
    assert client.get(url).content.decode().count("checked") == 2


def test_email_settings_need_a_signed_in_member(client):
    assert client.get(reverse("community:email_preferences")).status_code == 302
