"""The spam rules for new members' posts (community.services.spam)."""

import pytest

from community.audit import AWAITING_APPROVAL
from community.models import Flag, FlagReason, Post, Thread, TrustLevel
from community.permissions import can_read_post_text
from community.services.flags import resolve_flags
from community.services.spam import RULES, rule_labels, tripped_rules
from tests.factories import MemberFactory, make_answer, make_thread


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Great deals at https://cheap.example/a and https://cheap.example/b", "links"),
        ("Best prices, buy now before it ends", "phrases"),
        ("Mit diesem Trick kannst du schnell Geld verdienen", "phrases"),
        ("MY ROUTER IS BROKEN AND NOBODY HELPS ME AT ALL", "shouting"),
        ("Support for all devices, message us on WhatsApp", "contact"),
        ("Ruf mich an unter +49 170 1234567, ich helfe dir", "contact"),
        ("Call me at +1 555 123 4567 for instant help", "contact"),
    ],
)
def test_tripped_rules_finds_each_rule(db, text, rule):
    assert rule in tripped_rules(text=text)


@pytest.mark.parametrize(
    "text",
    [
        "My order 4711-2023 from 12.03.2024 costs 49,99 € and never arrived.",
        "Version 2.3.1 of the app crashes; see https://docs.example/a for the log.",
        "Die Rechnung RE-2024-000123 ist falsch, bitte prüfen.",
        "The HDMI port on the TV (LG OLED) shows NO SIGNAL.",
        "Tracking number 00340434161234567890 says delivered.",
        "Our hotline +49 30 1234567 was busy all day.",
    ],
)
def test_tripped_rules_leaves_ordinary_support_questions_alone(db, text):
    assert tripped_rules(text=text) == []


def test_tripped_rules_finds_the_same_text_posted_before_by_the_same_author(db, member):
    text = "Visit my shop for the best prices on every gadget you can imagine."
    make_thread(author=member, body=text)
    assert tripped_rules(text=text, author_id=member.pk) == ["repeated"]
    # Another member saying the same (the demo's helpers do) is no spam.
    assert tripped_rules(text=text, author_id=MemberFactory().pk) == []


def test_rule_labels_explain_the_codes():
    assert rule_labels("links,contact") == [str(RULES["links"]), str(RULES["contact"])]


@pytest.fixture
def newcomer(db):
    return MemberFactory(trust_level=TrustLevel.NEW, username="newcomer")


def test_a_new_members_spam_question_is_saved_but_held(newcomer):
    thread = make_thread(author=newcomer, title="Cheap watches", body="Buy now: best watches!")
    thread.refresh_from_db()
    opening = thread.posts.get()
    assert opening.hidden_reason == AWAITING_APPROVAL and thread.hidden_at is not None
    flag = Flag.objects.get()
    assert (flag.reporter, flag.reason, flag.note) == (None, FlagReason.HELD, "phrases")
    assert can_read_post_text(newcomer, opening)
    assert not can_read_post_text(MemberFactory(), opening)


def test_a_new_members_spam_answer_is_held_and_the_asker_not_told(newcomer, member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=newcomer, body="Contact me on Telegram!")
    answer.refresh_from_db()
    assert answer.hidden_reason == AWAITING_APPROVAL
    assert not member.notifications.exists()
    assert Thread.objects.get(pk=thread.pk).answer_count == 0


def test_approval_publishes_a_held_post(newcomer, staff):
    thread = make_thread(author=newcomer, body="Buy now: best watches!")
    resolve_flags(post=thread.posts.get(), by=staff, decision="disagreed")
    assert Post.objects.get(thread=thread).hidden_at is None


def test_members_from_trust_level_one_are_not_screened(member):
    thread = make_thread(author=member, body="Buy now: best watches!")
    assert thread.posts.get().hidden_at is None and not Flag.objects.exists()


def test_a_new_members_ordinary_question_is_published(newcomer):
    thread = make_thread(author=newcomer)
    assert thread.posts.get().hidden_at is None


@pytest.mark.usefixtures("seeded_demo")
class TestDemoCorpus:
    def test_the_demo_community_has_no_post_held(self, db):
        assert not Post.objects.filter(hidden_reason=AWAITING_APPROVAL).exists()
        assert not Flag.objects.exists()

    def test_no_demo_text_trips_a_rule(self, db):
        # Every demo post, as if a new member had just written it (the repeat rule aside:
        # the demo's texts exist already).
        tripped = {}
        for post in Post.objects.select_related("thread").iterator():
            text = f"{post.thread.title}\n{post.body}" if post.is_opening else post.body
            rules = [rule for rule in tripped_rules(text=text) if rule != "repeated"]
            if rules:
                tripped[post.pk] = (rules, text[:80])
        assert tripped == {}
