"""Knowledge-base articles in the super-user program: contributors earn reputation once per
article when it is published, and the “Knowledge-base contributor” badge."""

from community.models import OutboxMessage, TrustLevel
from gamification.models import ReputationEvent, ReputationReason
from knowledge.models import Article, ArticleContributor, ArticleStatus
from knowledge.signals import article_published
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread
from tests.gamification.badge_helpers import holds
from tests.gamification.ledger_helpers import ledger_sum, reputation
from tests.knowledge.kbthread_helpers import make_article


def _publish(article: Article, *, by, contributors) -> None:
    """What the article workflow does when staff publish: the status, then the signal."""
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PUBLISHED)
    article.refresh_from_db()
    article_published.send(sender=Article, article=article, by=by, contributors=contributors)


def test_publishing_books_each_contributor_once(db):
    thread = make_thread()
    solver, helper = MemberFactory(trust_level=TrustLevel.LEADER), MemberFactory()
    article = make_article(status=ArticleStatus.DRAFT, source_thread=thread)
    staff = StaffFactory()

    _publish(article, by=staff, contributors=[solver, helper])

    rows = ReputationEvent.objects.filter(reason=ReputationReason.ARTICLE_PUBLISHED)
    assert sorted(rows.values_list("member_id", "points", "source_id", "space_id")) == sorted(
        [(solver.pk, 25, article.pk, thread.space_id), (helper.pk, 25, article.pk, thread.space_id)]
    )
    assert reputation(solver) == ledger_sum(solver) == 25
    assert reputation(staff) == 0  # publishing earns the publisher nothing


def test_a_replayed_signal_books_nothing(db):
    solver = MemberFactory()
    article = make_article(status=ArticleStatus.DRAFT)
    _publish(article, by=StaffFactory(), contributors=[solver])

    _publish(article, by=StaffFactory(), contributors=[solver])

    assert ReputationEvent.objects.filter(member=solver).count() == 1
    assert reputation(solver) == 25


def test_each_article_books_again(db):
    solver = MemberFactory()
    for _ in range(2):
        _publish(make_article(status=ArticleStatus.DRAFT), by=StaffFactory(), contributors=[solver])

    assert reputation(solver) == 50


def test_publishing_checks_the_contributors_badges_after_commit(db):
    solver = MemberFactory()
    article = make_article(status=ArticleStatus.DRAFT)

    _publish(article, by=StaffFactory(), contributors=[solver])

    payloads = OutboxMessage.objects.filter(task_name="gamification.check_badges").values_list(
        "kwargs", flat=True
    )
    assert {"member_ids": [solver.pk]} in list(payloads)
    assert {"member_ids": [article.author_id]} in list(payloads)


def test_kb_contributor_badge_for_credits_on_a_published_article(db):
    thread = make_thread()
    solver = MemberFactory()
    post = make_answer(thread=thread, author=solver)
    draft = make_article(status=ArticleStatus.DRAFT)
    ArticleContributor.objects.create(article=draft, member=solver, post=post)
    assert not holds(solver, "kb-contributor")  # a draft is not published yet

    ArticleContributor.objects.create(article=make_article(), member=solver, post=post)

    assert holds(solver, "kb-contributor")


def test_kb_contributor_badge_for_the_author_of_a_published_article(db):
    author = StaffFactory()
    make_article(author=author, status=ArticleStatus.ARCHIVED)
    assert not holds(author, "kb-contributor")

    make_article(author=author)

    assert holds(author, "kb-contributor")
