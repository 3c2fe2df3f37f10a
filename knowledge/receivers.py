"""What the knowledge base does when something happens: articles re-indexed after commit,
openings of ask-form suggestions matched with the questions that follow them.

Receivers do quick database work in the sender's transaction or enqueue a task through
community's outbox (run after commit); connected in knowledge/apps.py ready().
"""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from community import signals as community_signals
from community.outbox import enqueue
from knowledge import signals
from knowledge.services import deflection

# --- search index ---------------------------------------------------------------------------
# The index task (community.tasks.update_search_index_task) indexes a published article and
# removes any other. Saving an article enqueues it as well (community.indexing): the batch
# key makes that one task per article and transaction.


def reindex_article(article) -> None:
    from community.tasks import update_search_index_task

    label = article._meta.label_lower
    enqueue(
        update_search_index_task,
        {"model": label, "pk": article.pk},
        batch_key=f"search-index:{label}:{article.pk}",
    )


@receiver(signals.article_published, dispatch_uid="knowledge.index.published")
def index_published_article(sender, article, **kwargs):
    reindex_article(article)


@receiver(signals.article_updated, dispatch_uid="knowledge.index.updated")
def index_updated_article(sender, article, **kwargs):
    reindex_article(article)


@receiver(signals.article_archived, dispatch_uid="knowledge.index.archived")
def unindex_archived_article(sender, article, **kwargs):
    reindex_article(article)


# A section's names and address are in each of its articles' documents.
SECTION_FIELDS_IN_THE_INDEX = {"slug", "name_en", "name_de"}


@receiver(signals.section_saved, dispatch_uid="knowledge.index.section")
def reindex_section_articles(sender, section, changed, **kwargs):
    if not SECTION_FIELDS_IN_THE_INDEX & set(changed):
        return
    from knowledge.models import Article

    for article in Article.objects.published().filter(section=section).only("pk"):
        reindex_article(article)


# --- deflection -----------------------------------------------------------------------------


@receiver(community_signals.thread_asked, dispatch_uid="knowledge.deflection.asked")
def question_posted(sender, by, **kwargs):
    deflection.mark_posted(by=by)


@receiver(user_logged_in, dispatch_uid="knowledge.deflection.signed_in")
def visitor_signed_in(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    opened = session.pop(deflection.SESSION_OPENED, None)
    if opened:
        deflection.attach_openings(by=user, opening_ids=opened)
