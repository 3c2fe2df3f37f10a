"""Telling followers about new and substantially updated articles: an entry in the
notification centre and an e-mail, each once per member and event (safe to run twice)."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext

from community.emails import queue_email
from community.markdown import excerpt
from community.models import Member, NotificationKind, SentNotification
from community.services.notices import notify_once
from community.services.notifications import render_notification
from community.site import absolute_url
from knowledge.models import Article, ArticleFollow, ArticleStatus, SectionFollow

EVENTS = ("published", "updated")


def followers(article: Article, *, event: str):
    """Who hears of `event`: a new article's section followers; for an update, the
    article's followers and its section's. The author and the editor are told nothing."""
    members = Member.objects.filter(is_active=True).order_by("pk")
    of_section = Q(pk__in=SectionFollow.objects.filter(section=article.section_id).values("member"))
    if event == "published":
        return members.filter(of_section)
    of_article = Q(pk__in=ArticleFollow.objects.filter(article=article).values("member"))
    return members.filter(of_section | of_article)


def notice_texts(article: Article, *, event: str) -> dict[str, str]:
    """The notification centre's text in every language of the site."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if event == "published":
                text = gettext("New article in %(section)s: “%(title)s”")
            else:
                text = gettext("The article “%(title)s” in %(section)s was updated.")
            texts[code] = text % {"section": article.section.name, "title": article.title}
    return texts


def notify_article_followers(*, article_id: int, event: str, revision: int) -> int:
    """Tell the followers of a published article about `event` ("published" or "updated",
    of `revision`). Returns how many e-mails were queued."""
    article = Article.objects.select_related("section", "author").filter(pk=article_id).first()
    if article is None or article.status != ArticleStatus.PUBLISHED or event not in EVENTS:
        return 0
    key = f"article:{article.pk}:{event}:{revision}"
    editor_id = article.revisions.filter(number=revision).values_list("editor_id", flat=True)
    skip = {article.author_id, *editor_id} if event == "published" else set(editor_id)
    members = [member for member in followers(article, event=event) if member.pk not in skip]
    url = article.get_absolute_url()
    notify_once(
        members=members,
        kind=NotificationKind.ARTICLE,
        group_key=key,
        url=url,
        data={"article": article.pk, "text": notice_texts(article, event=event)},
    )
    context = {
        "article": article,
        "event": event,
        "url": absolute_url(url),
        "excerpt": article.summary or excerpt(article.body_html, 400),
    }
    sent = 0
    for member in members:
        sent += _send(member=member, key=key, context=context)
    return sent


def _send(*, member: Member, key: str, context: dict) -> bool:
    if not member.email:
        return False
    email = render_notification(
        member=member, template="knowledge/email/article", context=context, unsubscribe_url=None
    )
    with transaction.atomic():
        _row, created = SentNotification.objects.get_or_create(member=member, key=key)
        if not created:
            return False
        queue_email(email, to=member.email)
    return True
