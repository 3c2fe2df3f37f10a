"""From thread to article: a solved thread becomes a draft that staff review and publish.

The draft is written here with the models directly (revision 1 and the credits) so the
thread's text, its solution and its official answer arrive quoted and attributed; the
article workflow (knowledge.services.articles) takes it from there.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community.markdown import excerpt
from community.models import Member, Post, Thread
from knowledge.models import Article, ArticleContributor, ArticleRevision, ArticleStatus, Section
from knowledge.signals import article_drafted_from_thread

# Article.slug is 90 characters; room is left for "-2", "-3" … when a slug is taken.
SLUG_LENGTH = 80
SUMMARY_LENGTH = 200
# Statuses of an article still being written: turning the thread again opens that one.
WORKING_STATUSES = (ArticleStatus.DRAFT, ArticleStatus.REVIEW)


@dataclass
class Prefill:
    """What a draft made from a thread starts with (shown as a preview before it is made)."""

    title: str
    summary: str
    body: str
    language: str
    # (member, post) for each member credited, in the order they appear in the body.
    credits: list[tuple[Member, Post]] = field(default_factory=list)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().splitlines())


def _official_answer(thread: Thread) -> Post | None:
    """The newest visible official answer that is not the solution itself."""
    return (
        thread.posts.filter(
            is_official=True, is_opening=False, hidden_at__isnull=True, deleted_at__isnull=True
        )
        .exclude(pk=thread.solution_id)
        .select_related("author")
        .order_by("-created_at")
        .first()
    )


def prefill_from_thread(thread: Thread) -> Prefill:
    """The question, then the accepted solution and the official answer quoted with their
    authors' names, in the thread's language. Hidden or deleted answers are left out."""
    opening = thread.posts.select_related("author").get(is_opening=True)
    solution = (
        Post.objects.select_related("author")
        .filter(pk=thread.solution_id, hidden_at__isnull=True, deleted_at__isnull=True)
        .first()
    )
    official = _official_answer(thread)
    parts = [opening.body.strip()]
    credits = []
    with translation.override(thread.language):
        for heading, post in ((_("Solution"), solution), (_("Official answer"), official)):
            if post is None:
                continue
            attribution = _("— %(name)s, [in the community](%(url)s)") % {
                "name": post.author.public_name,
                "url": post.get_absolute_url(),
            }
            parts.append(f"## {heading}\n\n{_quote(post.body)}\n\n{attribution}")
            credits.append((post.author, post))
    return Prefill(
        title=thread.title,
        summary=excerpt(opening.body_html, SUMMARY_LENGTH),
        body="\n\n".join(parts) + "\n",
        language=thread.language,
        credits=credits,
    )


def _free_slug(section: Section, title: str) -> str:
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "article"
    taken = set(
        Article.objects.filter(section=section, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def article_from_thread(*, thread: Thread, by: Member, section: Section) -> Article:
    """A draft in `section` prefilled from the solved `thread` (revision 1), with the
    solution's and the official answer's authors credited (once each, with their post).

    The caller checked ``check_turn_thread_into_article_permission``. While an article made
    from the thread is still a draft or in review, that one is returned and nothing is
    written or announced: one working draft per thread.
    """
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    working = (
        Article.objects.filter(source_thread=thread, status__in=WORKING_STATUSES)
        .order_by("created_at")
        .first()
    )
    if working is not None:
        return working
    prefill = prefill_from_thread(thread)
    article = Article.objects.create(
        section=section,
        title=prefill.title,
        slug=_free_slug(section, prefill.title),
        summary=prefill.summary,
        body=prefill.body,
        language=prefill.language,
        author=by,
        status=ArticleStatus.DRAFT,
        source_thread=thread,
        revision_count=1,
    )
    article.tags.set(thread.tags.all())
    ArticleRevision.objects.create(
        article=article,
        number=1,
        title=article.title,
        summary=article.summary,
        body=article.body,
        editor=by,
        note=_("Made from the thread “%(title)s”") % {"title": thread.title},
    )
    contributors = []
    for member, post in prefill.credits:
        if member.pk not in {m.pk for m in contributors}:
            ArticleContributor.objects.create(article=article, member=member, post=post)
            contributors.append(member)
    article_drafted_from_thread.send(
        sender=Article, article=article, thread=thread, by=by, contributors=contributors
    )
    return article
