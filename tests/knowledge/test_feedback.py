import pytest
from django.contrib.auth.models import AnonymousUser

from knowledge.models import ArticleFeedback, ArticleStatus
from knowledge.services.feedback import give_article_feedback
from knowledge.signals import article_feedback_given
from tests.factories import MemberFactory, StaffFactory
from tests.knowledge.kbthread_helpers import make_article


def _counts(article):
    article.refresh_from_db(fields=["helpful_yes", "helpful_no"])
    return article.helpful_yes, article.helpful_no


def _feedback_url(article):
    return f"/kb/{article.section.slug}/{article.slug}/feedback/"


@pytest.fixture
def article(db):
    return make_article()


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    article_feedback_given.connect(receiver)
    yield calls
    article_feedback_given.disconnect(receiver)


def test_give_article_feedback_counts_one_vote_per_member(article, received):
    member = MemberFactory()

    give_article_feedback(article=article, by=member, helpful=True)
    give_article_feedback(article=article, by=member, helpful=True)

    assert _counts(article) == (1, 0)
    assert ArticleFeedback.objects.filter(article=article, member=member).count() == 1
    assert len(received) == 1  # the same vote again announces nothing
    assert received[0]["by"] == member and received[0]["changed"] is False


def test_a_second_vote_changes_the_first_and_moves_the_counters(article, received):
    member = MemberFactory()
    give_article_feedback(article=article, by=member, helpful=True)

    feedback = give_article_feedback(
        article=article, by=member, helpful=False, comment="  Nothing about PDFs on phones.  "
    )

    assert _counts(article) == (0, 1)
    assert feedback.comment == "Nothing about PDFs on phones."
    assert ArticleFeedback.objects.count() == 1
    assert received[-1]["changed"] is True and received[-1]["feedback"] == feedback


def test_a_comment_is_kept_only_with_a_no(article):
    feedback = give_article_feedback(
        article=article, by=MemberFactory(), helpful=True, comment="Great!"
    )
    assert feedback.comment == ""


def test_give_article_feedback_counts_one_vote_per_visitor_session(article, received):
    give_article_feedback(article=article, by=AnonymousUser(), session_key="a" * 32, helpful=True)
    give_article_feedback(article=article, by=None, session_key="a" * 32, helpful=True)
    give_article_feedback(article=article, by=None, session_key="b" * 32, helpful=False)

    assert _counts(article) == (1, 1)
    assert ArticleFeedback.objects.filter(member__isnull=True).count() == 2
    assert received[0]["by"] is None


def test_a_visitor_vote_needs_a_session(article):
    with pytest.raises(ValueError):
        give_article_feedback(article=article, by=None, session_key="", helpful=True)


def test_visitor_votes_once_through_the_page_without_javascript(client, article):
    response = client.post(_feedback_url(article), {"helpful": "yes"})
    client.post(_feedback_url(article), {"helpful": "yes"})

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#article-feedback"
    assert _counts(article) == (1, 0)
    feedback = ArticleFeedback.objects.get()
    assert feedback.member is None and feedback.session_key == client.session.session_key
    assert "Glad it helped" in client.get(article.get_absolute_url()).content.decode()


def test_another_visitor_session_votes_separately(client, article):
    from django.test import Client

    client.post(_feedback_url(article), {"helpful": "yes"})
    Client().post(_feedback_url(article), {"helpful": "no"})

    assert _counts(article) == (1, 1)


def test_a_no_asks_what_was_missing_and_keeps_the_comment(client, article):
    client.force_login(MemberFactory())

    client.post(_feedback_url(article), {"helpful": "no"})
    content = client.get(article.get_absolute_url()).content.decode()
    assert "What was missing?" in content

    client.post(_feedback_url(article), {"helpful": "no", "comment": "Screenshots, please."})
    assert ArticleFeedback.objects.get().comment == "Screenshots, please."
    assert _counts(article) == (0, 1)


def test_htmx_gets_the_box_back(client, article):
    response = client.post(
        _feedback_url(article), {"helpful": "no"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="article-feedback"' in content
    assert "<html" not in content
    assert "What was missing?" in content


def test_a_too_long_comment_is_refused_with_the_text_kept(client, article):
    client.force_login(MemberFactory())
    text = "x" * 1001

    response = client.post(_feedback_url(article), {"helpful": "no", "comment": text})

    assert response.status_code == 400
    assert text in response.content.decode()
    assert not ArticleFeedback.objects.exists()


def test_a_vote_without_an_answer_is_refused(client, article):
    response = client.post(_feedback_url(article), {"helpful": "maybe"})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert _counts(article) == (0, 0)


def test_drafts_take_no_votes(client, db):
    draft = make_article(status=ArticleStatus.DRAFT)

    assert client.post(_feedback_url(draft), {"helpful": "yes"}).status_code == 404
    assert _counts(draft) == (0, 0)


def test_the_score_is_shown_to_staff_only(client, article):
    give_article_feedback(article=article, by=MemberFactory(), helpful=True)
    give_article_feedback(article=article, by=MemberFactory(), helpful=True)
    give_article_feedback(article=article, by=MemberFactory(), helpful=True)
    give_article_feedback(article=article, by=MemberFactory(), helpful=False)

    client.force_login(MemberFactory())
    assert "found it helpful" not in client.get(article.get_absolute_url()).content.decode()
    client.force_login(StaffFactory())
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Support team: 75% found it helpful (3 yes, 1 no, 4 votes)." in content
