"""The flag form (/p/<id>/flag/) and the review queue (/review/)."""

import pytest
from django.urls import reverse

from community.audit import AWAITING_APPROVAL, HELD_FOR_REVIEW
from community.models import AuditAction, AuditEntry, Flag, FlagReason, FlagStatus, Post, TrustLevel
from community.services.flags import flag_post
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread

REVIEW = reverse("community:review")
DECIDE = reverse("community:review_decide")


@pytest.fixture
def answer(db, member):
    return make_answer(thread=make_thread(author=member), body="Visit my shop, it is great.")


def flag_url(post):
    return reverse("community:flag_post", args=[post.pk])


# --- flagging ------------------------------------------------------------------------------


def test_flag_page_shows_the_reasons_as_radio_buttons(client, answer):
    client.force_login(MemberFactory())
    response = client.get(flag_url(answer))
    assert response.status_code == 200
    page = response.content.decode()
    for reason in ("spam", "abusive", "off_topic", "personal_data", "duplicate", "other"):
        assert f'value="{reason}"' in page
    assert 'type="radio"' in page


def test_flag_post_by_form_then_the_page_says_flagged(client, answer):
    client.force_login(MemberFactory())
    response = client.post(flag_url(answer), {"reason": "off_topic", "note": "Not here"})
    assert response.status_code == 302
    assert Flag.objects.get().note == "Not here"
    again = client.get(flag_url(answer))
    assert "Flagged" in again.content.decode()
    second = client.post(flag_url(answer), {"reason": "spam"})
    assert "Flagged" in second.content.decode() and Flag.objects.count() == 1


def test_the_flag_that_hides_a_post_sends_the_flagger_back_to_the_thread(client, answer):
    # The post's own address is a 404 for them now that it is hidden: not where to land.
    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    response = client.post(flag_url(answer), {"reason": "personal_data"})
    assert response.status_code == 302
    assert response["Location"] == answer.thread.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_flag_duplicate_by_thread_address(client, answer):
    original = make_thread(title="The original")
    client.force_login(MemberFactory())
    client.post(
        flag_url(answer),
        {"reason": "duplicate", "duplicate_of": f"https://x.example/t/{original.pk}/slug/"},
    )
    assert Flag.objects.get().duplicate_of == original


def test_flag_form_errors_keep_the_text(client, answer):
    client.force_login(MemberFactory())
    response = client.post(flag_url(answer), {"reason": "other", "note": ""})
    assert response.status_code == 400
    response = client.post(
        flag_url(answer), {"reason": "duplicate", "duplicate_of": "nowhere", "note": "kept text"}
    )
    assert response.status_code == 400
    assert "kept text" in response.content.decode()
    assert not Flag.objects.exists()


def test_flag_refused_for_new_members_and_on_ones_own_post(client, answer):
    client.force_login(MemberFactory(trust_level=TrustLevel.NEW))
    assert client.post(flag_url(answer), {"reason": "spam"}).status_code == 403
    client.force_login(answer.author)
    assert client.post(flag_url(answer), {"reason": "spam"}).status_code == 403
    assert not Flag.objects.exists()


def test_flag_link_on_the_thread_page_for_members_who_may(client, answer):
    client.force_login(MemberFactory())
    page = client.get(answer.thread.get_absolute_url()).content.decode()
    assert flag_url(answer) in page


def test_held_post_tells_the_public_and_its_author(client, answer):
    flag_post(post=answer, by=MemberFactory(), reason=FlagReason.PERSONAL_DATA)
    page = client.get(answer.thread.get_absolute_url()).content.decode()
    assert HELD_FOR_REVIEW in page and "Visit my shop" not in page
    client.force_login(answer.author)
    page = client.get(answer.thread.get_absolute_url()).content.decode()
    assert "waits for a moderator" in page and "Visit my shop" in page


def test_new_members_spam_is_held_and_they_are_told(client, db):
    newcomer = MemberFactory(trust_level=TrustLevel.NEW)
    thread = make_thread(author=newcomer, body="Buy now, the best watches!")
    assert Post.objects.get(thread=thread).hidden_reason == AWAITING_APPROVAL
    client.force_login(newcomer)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "waits for a moderator" in page


# --- who sees the queue --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        (TrustLevel.NEW, 403),
        (TrustLevel.BASIC, 403),
        (TrustLevel.MEMBER, 403),
        (TrustLevel.REGULAR, 200),
        (TrustLevel.LEADER, 200),
        ("staff", 200),
    ],
)
def test_review_queue_permission_matrix(client, db, who, status):
    if who == "staff":
        client.force_login(StaffFactory(trust_level=TrustLevel.NEW))
    elif who != "anonymous":
        client.force_login(MemberFactory(trust_level=who))
    response = client.get(REVIEW)
    assert response.status_code == status
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_regulars_see_spam_only_super_users_everything(client, db):
    thread = make_thread()
    spam = make_answer(thread=thread, body="Spammy answer")
    rude = make_answer(thread=thread, body="Rude answer")
    flag_post(post=spam, by=MemberFactory(), reason=FlagReason.SPAM)
    flag_post(post=rude, by=MemberFactory(), reason=FlagReason.ABUSIVE)
    client.force_login(MemberFactory(trust_level=TrustLevel.REGULAR))
    page = client.get(REVIEW).content.decode()
    assert "Spammy answer" in page and "Rude answer" not in page
    # A regular cannot decide on a post with other flags, even by posting the form.
    client.post(DECIDE, {"act": f"{rude.pk}:disagree"})
    assert Flag.objects.get(post=rude).status == FlagStatus.PENDING
    client.force_login(MemberFactory(trust_level=TrustLevel.LEADER))
    page = client.get(REVIEW).content.decode()
    assert "Spammy answer" in page and "Rude answer" in page


def test_review_queue_shows_flags_grouped_with_the_authors_history(client, answer, staff):
    for _ in range(2):
        flag_post(post=answer, by=MemberFactory(), reason=FlagReason.SPAM)
    flag_post(post=answer, by=MemberFactory(), reason=FlagReason.OTHER, note="Looks like an ad")
    client.force_login(staff)
    page = client.get(REVIEW).content.decode()
    assert page.count("data-review-item") == 1
    assert "Looks like an ad" in page and "Visit my shop" in page
    assert "× 2" in page
    assert "agreed flag" in page and "Keyboard shortcuts" in page


def test_review_nav_link_with_the_pending_count_for_reviewers_only(client, answer, staff):
    flag_post(post=answer, by=MemberFactory(), reason=FlagReason.SPAM)
    client.force_login(staff)
    page = client.get(reverse("community:home")).content.decode()
    assert f'href="{REVIEW}"' in page and "1 post to review" in page
    client.force_login(MemberFactory())
    assert f'href="{REVIEW}"' not in client.get(reverse("community:home")).content.decode()


def test_review_queue_query_count_does_not_grow(client, db, staff, django_assert_max_num_queries):
    thread = make_thread()
    for n in range(12):
        post = make_answer(thread=thread, author=MemberFactory(), body=f"Spam number {n} here")
        flag_post(post=post, by=MemberFactory(), reason=FlagReason.SPAM)
        flag_post(post=post, by=MemberFactory(), reason=FlagReason.OTHER, note="ad")
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(REVIEW)
    assert response.content.decode().count("data-review-item") == 12


# --- deciding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "status", "action"),
    [
        ("agree-hide", FlagStatus.AGREED, AuditAction.AGREE_FLAGS),
        ("agree-delete", FlagStatus.AGREED, AuditAction.AGREE_FLAGS),
        ("agree", FlagStatus.AGREED, AuditAction.AGREE_FLAGS),
        ("disagree", FlagStatus.DISAGREED, AuditAction.DISAGREE_FLAGS),
        ("ignore", FlagStatus.IGNORED, AuditAction.IGNORE_FLAGS),
    ],
)
def test_review_decide_one_post(client, answer, staff, key, status, action):
    reporter = MemberFactory()
    flag_post(post=answer, by=reporter, reason=FlagReason.SPAM)
    client.force_login(staff)
    response = client.post(DECIDE, {"act": f"{answer.pk}:{key}", f"reason-{answer.pk}": "Ad"})
    assert response.status_code == 302
    assert Flag.objects.get().status == status
    assert AuditEntry.objects.filter(action=action, target_id=answer.pk, actor=staff).exists()
    assert reporter.notifications.filter(kind="flag").count() == 1
    answer.refresh_from_db()
    if key == "agree-hide":
        assert answer.hidden_reason == "Ad"
    if key == "agree-delete":
        assert answer.deleted_at is not None


def test_review_decide_in_bulk_and_twice(client, db, staff):
    thread = make_thread()
    posts = [make_answer(thread=thread, body=f"Spam wave {n}") for n in range(3)]
    for post in posts:
        flag_post(post=post, by=MemberFactory(), reason=FlagReason.SPAM)
    client.force_login(staff)
    data = {"decision": "agree-delete", "posts": [str(post.pk) for post in posts[:2]]}
    client.post(DECIDE, data)
    client.post(DECIDE, data)
    assert Post.objects.filter(deleted_at__isnull=False).count() == 2
    assert AuditEntry.objects.filter(action=AuditAction.AGREE_FLAGS).count() == 2
    assert Flag.objects.pending().get().post == posts[2]


def test_review_decide_bad_input_is_no_500(client, answer, staff):
    client.force_login(staff)
    assert client.post(DECIDE, {"act": "x:nonsense"}).status_code == 302
    assert client.post(DECIDE, {"decision": "ignore"}).status_code == 302
    client.force_login(MemberFactory())
    assert client.post(DECIDE, {"act": f"{answer.pk}:ignore"}).status_code == 403
