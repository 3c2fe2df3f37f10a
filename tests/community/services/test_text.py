"""Titles and posts: a limit the admin sets, visible text, and nothing cut silently."""

import pytest
from django.core.exceptions import ValidationError

from community.models import Limits
from community.services.posts import ask_question, edit_post, post_answer
from community.services.text import clean_title, save_limits, visible_length
from tests.factories import SpaceFactory, make_answer, make_thread


def test_post_answer_refuses_a_body_over_the_limit(member):
    thread = make_thread()
    with pytest.raises(ValidationError, match=r"32[.,]000"):
        post_answer(thread=thread, author=member, body="a" * 32_001)
    post_answer(thread=thread, author=member, body="a" * 32_000)


def test_the_admin_sets_the_limit_and_every_service_honours_it_at_once(member, db):
    save_limits(limits=Limits(pk=1, max_post_length=1_000))
    thread = make_thread()
    with pytest.raises(ValidationError, match=r"limit is 1[.,]000"):
        post_answer(thread=thread, author=member, body="b" * 1_001)
    answer = make_answer(thread=thread)
    with pytest.raises(ValidationError):
        edit_post(post=answer, by=answer.author, body="c" * 1_001)
    with pytest.raises(ValidationError):
        ask_question(author=member, space=SpaceFactory(), title="A long question", body="d" * 1_001)


def test_limits_admin_form_refuses_absurd_values(db):
    with pytest.raises(ValidationError):
        save_limits(limits=Limits(pk=1, max_post_length=10))


@pytest.mark.parametrize(
    "title",
    ["\u200b" * 50, " \u200b\u200c\u200d\u2060 " * 10, "\u00ad" * 20 + "abc", "   "],
    ids=["zero-width", "mixed-invisible", "soft-hyphens", "blank"],
)
def test_titles_need_visible_characters(member, title):
    with pytest.raises(ValidationError, match="visible characters"):
        ask_question(author=member, space=SpaceFactory(), title=title, body="A real body text.")


def test_title_over_the_limit_is_refused_not_cut(member):
    with pytest.raises(ValidationError, match="151 characters long"):
        clean_title("x" * 151)


def test_clean_title_drops_invisible_characters_at_the_ends_only():
    assert clean_title("\u200b  Router keeps restarting \u200b") == "Router keeps restarting"
    assert visible_length("a\u200bb c") == 4


def test_body_needs_visible_characters(member):
    with pytest.raises(ValidationError, match="at least 10"):
        post_answer(thread=make_thread(), author=member, body="\u200b" * 40 + "ok")
