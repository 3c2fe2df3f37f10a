"""Writing articles: drafts, revisions, the review workflow, proposals and credits.

Every save is a numbered ArticleRevision; a new slug leaves the old address behind in
ArticleSlugHistory (it redirects). Who may call what is decided in knowledge.permissions
and asked by the views; these functions trust their caller.
"""

import difflib
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community.audit import record_action
from community.models import AuditAction, Member, Post, Tag, Thread
from community.outbox import enqueue
from knowledge.models import (
    Article,
    ArticleContributor,
    ArticleRevision,
    ArticleSlugHistory,
    ArticleStatus,
    Section,
)
from knowledge.rendering import RENDERER_VERSION, render_article
from knowledge.signals import article_archived, article_published, article_updated
from knowledge.tasks import notify_article_followers_task

# An update changing more words than this (or the title) is "substantial": followers hear.
SUBSTANTIAL_WORDS = 5
SLUG_MAX_LENGTH = Article._meta.get_field("slug").max_length

_WORD = re.compile(r"\w+", re.UNICODE)


def changed_words(before: str, after: str) -> int:
    """How many words were added, removed or replaced between two texts."""
    old, new = _WORD.findall(before or ""), _WORD.findall(after or "")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return sum(
        max(a_end - a_start, b_end - b_start)
        for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes()
        if operation != "equal"
    )


def is_substantial(*, old_title: str, old_body: str, title: str, body: str) -> bool:
    return old_title.strip() != title.strip() or changed_words(old_body, body) > SUBSTANTIAL_WORDS


def _free_slug(*, section: Section, text: str, article: Article | None = None) -> str:
    """A slug made from `text` that no other article of `section` uses now or used before."""
    base = (slugify(text) or "article")[: SLUG_MAX_LENGTH - 4].strip("-") or "article"
    taken_now = Article.objects.filter(section=section)
    taken_before = ArticleSlugHistory.objects.filter(section_slug=section.slug)
    if article is not None:
        taken_now = taken_now.exclude(pk=article.pk)
        taken_before = taken_before.exclude(article=article)
    taken = set(taken_now.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= set(taken_before.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _tag_rows(tags: Iterable) -> list[Tag]:
    """Tag rows for `tags` (rows or existing names; unknown names are left out)."""
    rows = [tag for tag in tags if isinstance(tag, Tag)]
    names = [tag for tag in tags if isinstance(tag, str)]
    if names:
        rows += list(Tag.objects.filter(name__in=names))
    return rows


def _render(article: Article) -> None:
    html, _toc = render_article(article.body)
    article.body_html = str(html)
    article.render_version = RENDERER_VERSION


def _add_revision(
    *, article: Article, by: Member, note: str = "", proposal: str = "", **content
) -> ArticleRevision:
    """The next numbered revision of `article` (locked, so two saves never share a number)."""
    locked = Article.objects.select_for_update().only("pk", "revision_count").get(pk=article.pk)
    number = locked.revision_count + 1
    Article.objects.filter(pk=article.pk).update(revision_count=F("revision_count") + 1)
    article.revision_count = number
    return ArticleRevision.objects.create(
        article=article,
        number=number,
        editor=by,
        note=note[:200],
        proposal=proposal,
        title=content.get("title", article.title),
        summary=content.get("summary", article.summary),
        body=content.get("body", article.body),
        applies_to=content.get("applies_to", article.applies_to),
    )


@transaction.atomic
def create_article(
    *,
    by: Member,
    section: Section,
    title: str,
    body: str,
    language: str,
    summary: str = "",
    tags: Iterable = (),
    applies_to: str = "",
    source_thread: Thread | None = None,
) -> Article:
    """A new draft by `by` in `section`, with revision 1."""
    article = Article(
        section=section,
        title=title.strip(),
        slug=_free_slug(section=section, text=title),
        summary=summary.strip(),
        body=body,
        language=language,
        applies_to=applies_to.strip(),
        author=by,
        status=ArticleStatus.DRAFT,
        source_thread=source_thread,
    )
    _render(article)
    article.save()
    tag_rows = _tag_rows(tags)
    if tag_rows:
        article.tags.set(tag_rows)
    _add_revision(article=article, by=by, note=_("First draft"))
    return article


@transaction.atomic
def save_article(
    *,
    article: Article,
    by: Member,
    title: str,
    body: str,
    summary: str,
    applies_to: str = "",
    tags: Iterable | None = None,
    note: str = "",
    slug: str | None = None,
) -> ArticleRevision:
    """Save a new revision of `article` (staff, or the author of a draft). A new `slug`
    keeps the old address as a redirect. Sends article_updated; `substantial` when the title
    or more than a few words of the body changed."""
    substantial = is_substantial(
        old_title=article.title, old_body=article.body, title=title, body=body
    )
    if slug is not None:
        new_slug = slugify(slug)[:SLUG_MAX_LENGTH]
        if not new_slug:
            raise ValidationError({"slug": _("Enter a slug of letters, digits and hyphens.")})
        if new_slug != article.slug:
            _move_slug(article=article, slug=new_slug)
    article.title = title.strip()
    article.body = body
    article.summary = summary.strip()
    article.applies_to = applies_to.strip()
    _render(article)
    article.save(
        update_fields=[
            "title", "body", "summary", "applies_to", "slug", "body_html", "render_version",
            "updated_at",
        ]
    )  # fmt: skip
    if tags is not None:
        article.tags.set(_tag_rows(tags))
    revision = _add_revision(article=article, by=by, note=note)
    article_updated.send(
        sender=Article, article=article, by=by, revision=revision, substantial=substantial
    )
    if substantial and article.is_published:
        enqueue(
            notify_article_followers_task,
            {"article_id": article.pk, "event": "updated", "revision": revision.number},
        )
    return revision


def _move_slug(*, article: Article, slug: str) -> None:
    section = article.section
    clash = (
        Article.objects.filter(section=section, slug=slug).exclude(pk=article.pk).exists()
        or ArticleSlugHistory.objects.filter(section_slug=section.slug, slug=slug)
        .exclude(article=article)
        .exists()
    )
    if clash:
        raise ValidationError({"slug": _("Another article of this section uses this slug.")})
    ArticleSlugHistory.objects.filter(
        article=article, section_slug=section.slug, slug=slug
    ).delete()
    ArticleSlugHistory.objects.get_or_create(
        section_slug=section.slug, slug=article.slug, defaults={"article": article}
    )
    article.slug = slug


def _set_status(article: Article, status: str, **extra) -> None:
    article.status = status
    for name, value in extra.items():
        setattr(article, name, value)
    article.save(update_fields=["status", "updated_at", *extra])


@transaction.atomic
def submit_for_review(*, article: Article, by: Member) -> Article:
    """A draft goes to staff for review."""
    if article.status == ArticleStatus.DRAFT:
        _set_status(article, ArticleStatus.REVIEW)
    return article


@transaction.atomic
def publish_article(*, article: Article, by: Member) -> Article:
    """Publish `article` (a draft, one in review or an archived one). The first publication
    sets published_at and tells the section's followers. Audited; sends article_published
    with the credited members."""
    if article.status == ArticleStatus.PUBLISHED:
        return article  # nothing changed, nothing announced
    first_time = article.published_at is None
    extra = {"published_at": timezone.now()} if first_time else {}
    _set_status(article, ArticleStatus.PUBLISHED, **extra)
    record_action(actor=by, action=AuditAction.PUBLISH_ARTICLE, target=article)
    contributors = list(
        Member.objects.filter(article_credits__article=article).order_by("article_credits__pk")
    )
    article_published.send(sender=Article, article=article, by=by, contributors=contributors)
    if first_time:
        enqueue(
            notify_article_followers_task,
            {"article_id": article.pk, "event": "published", "revision": article.revision_count},
        )
    return article


@transaction.atomic
def archive_article(*, article: Article, by: Member) -> Article:
    """Take a published article off the shelf (its address becomes a 404 for readers);
    the audit log keeps who did it."""
    if article.status != ArticleStatus.PUBLISHED:
        return article
    _set_status(article, ArticleStatus.ARCHIVED)
    record_action(actor=by, action=AuditAction.ARCHIVE_ARTICLE, target=article)
    article_archived.send(sender=Article, article=article, by=by)
    return article


@transaction.atomic
def link_translation(*, article: Article, translation: Article | None, by: Member) -> None:
    """Make `translation` the other language's version of `article` (both ways); None
    unlinks. Earlier partners of either are unlinked."""
    if translation is not None and (
        translation.pk == article.pk or translation.language == article.language
    ):
        raise ValidationError(
            {"translation": _("A translation is an article in the other language.")}
        )
    partners = {article.pk}
    if translation is not None:
        partners.add(translation.pk)
    Article.objects.filter(translation_id__in=partners).update(translation=None)
    Article.objects.filter(pk__in=partners).update(translation=None)
    if translation is not None:
        Article.objects.filter(pk=article.pk).update(translation=translation)
        Article.objects.filter(pk=translation.pk).update(translation=article)
        translation.translation = article
    article.translation = translation


@transaction.atomic
def propose_edit(
    *, article: Article, by: Member, title: str, body: str, summary: str, note: str = ""
) -> ArticleRevision:
    """A super user's edit of a published article, kept as a pending revision for staff."""
    return _add_revision(
        article=article,
        by=by,
        note=note,
        proposal=ArticleRevision.ProposalState.PENDING,
        title=title.strip(),
        body=body,
        summary=summary.strip(),
    )


def _pending(revision: ArticleRevision) -> ArticleRevision | None:
    return (
        ArticleRevision.objects.select_for_update()
        .filter(pk=revision.pk, proposal=ArticleRevision.ProposalState.PENDING)
        .first()
    )


@transaction.atomic
def accept_proposal(*, revision: ArticleRevision, by: Member) -> ArticleRevision | None:
    """Apply a proposed edit as a new revision by `by` and credit its proposer. Returns the
    new revision, or None when the proposal was decided before."""
    pending = _pending(revision)
    if pending is None:
        return None
    pending.proposal = ArticleRevision.ProposalState.ACCEPTED
    pending.save(update_fields=["proposal"])
    revision.proposal = pending.proposal
    article = Article.objects.select_related("section").get(pk=revision.article_id)
    saved = save_article(
        article=article,
        by=by,
        title=pending.title,
        body=pending.body,
        summary=pending.summary,
        applies_to=article.applies_to,
        note=_("Accepted the edit proposed in revision %(number)s") % {"number": pending.number},
    )
    credit_contributor(article=article, member=pending.editor)
    return saved


@transaction.atomic
def decline_proposal(*, revision: ArticleRevision, by: Member) -> ArticleRevision:
    pending = _pending(revision)
    if pending is not None:
        pending.proposal = ArticleRevision.ProposalState.DECLINED
        pending.save(update_fields=["proposal"])
        revision.proposal = pending.proposal
    return revision


@transaction.atomic
def restore_revision(*, revision: ArticleRevision, by: Member) -> ArticleRevision:
    """Bring back the text of an earlier revision, as a new revision."""
    article = Article.objects.select_related("section").get(pk=revision.article_id)
    return save_article(
        article=article,
        by=by,
        title=revision.title,
        body=revision.body,
        summary=revision.summary,
        applies_to=revision.applies_to,
        note=_("Restored revision %(number)s") % {"number": revision.number},
    )


def credit_contributor(*, article: Article, member: Member, post: Post | None = None) -> None:
    """Credit `member` on `article` (once; a later call with a post fills in the post)."""
    contributor, created = ArticleContributor.objects.get_or_create(
        article=article, member=member, defaults={"post": post}
    )
    if not created and post is not None and contributor.post_id is None:
        contributor.post = post
        contributor.save(update_fields=["post"])
