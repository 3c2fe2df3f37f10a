"""“Was this article helpful?”: one vote per member, or per session for visitors.

A second vote from the same member or session changes the first (the counters move with
it) instead of being refused: someone who clicked “Yes” too early and then found the
article lacking can still say so, and nobody counts twice.
"""

from django.db import IntegrityError, transaction
from django.db.models import F

from community.permissions import is_signed_in
from knowledge.models import Article, ArticleFeedback
from knowledge.signals import article_feedback_given


def _counter(helpful: bool) -> str:
    return "helpful_yes" if helpful else "helpful_no"


def _move_counters(article: Article, *, add: bool | None, remove: bool | None) -> None:
    changes = {}
    if remove is not None:
        changes[_counter(remove)] = F(_counter(remove)) - 1
    if add is not None:
        changes[_counter(add)] = F(_counter(add)) + 1
    if changes:
        Article.objects.filter(pk=article.pk).update(**changes)


def _earlier_vote(*, article: Article, member, session_key: str) -> ArticleFeedback | None:
    votes = ArticleFeedback.objects.select_for_update().filter(article=article)
    if member is not None:
        return votes.filter(member=member).first()
    return votes.filter(member__isnull=True, session_key=session_key).first()


@transaction.atomic
def give_article_feedback(
    *, article: Article, by, session_key: str = "", helpful: bool, comment: str = ""
) -> ArticleFeedback:
    """Record whether `article` helped `by` (a member), or the visitor of `session_key`
    when `by` is None or anonymous. The comment says what was missing and is kept only with
    a “No”. Article.helpful_yes/helpful_no move in the same transaction (F() updates, so
    concurrent votes on other rows cannot lose each other's counts).

    Idempotent: the same vote again with the same comment writes and announces nothing.
    """
    member = by if is_signed_in(by) else None
    if member is None and not session_key:
        raise ValueError("A visitor's vote needs their session key.")
    comment = comment.strip() if not helpful else ""
    feedback = _earlier_vote(article=article, member=member, session_key=session_key)
    if feedback is None:
        try:
            with transaction.atomic():  # a savepoint: a concurrent first vote may win
                feedback = ArticleFeedback.objects.create(
                    article=article,
                    member=member,
                    session_key="" if member else session_key,
                    helpful=helpful,
                    comment=comment,
                )
        except IntegrityError:
            feedback = _earlier_vote(article=article, member=member, session_key=session_key)
        else:
            _move_counters(article, add=helpful, remove=None)
            article_feedback_given.send(
                sender=Article, article=article, feedback=feedback, by=member, changed=False
            )
            return feedback
    if feedback.helpful == helpful and feedback.comment == comment:
        return feedback
    if feedback.helpful != helpful:
        _move_counters(article, add=helpful, remove=feedback.helpful)
    feedback.helpful = helpful
    feedback.comment = comment
    feedback.save(update_fields=["helpful", "comment"])
    article_feedback_given.send(
        sender=Article, article=article, feedback=feedback, by=member, changed=True
    )
    return feedback
