"""Reading the knowledge base: the home, a section, an article; following them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from community.caching import leaves_visitor_pages_alone
from community.permissions import can
from community.selectors import reader_languages
from community.services.view_counts import first_view_in_window, looks_like_a_robot
from community.site import absolute_url
from community.views.helpers import login_then_back, rate_limit_visitor, wanted_state
from knowledge import selectors
from knowledge.permissions import (
    check_follow_permission,
    check_see_article_permission,
)
from knowledge.rendering import RENDERER_VERSION, render_article
from knowledge.seo import article_json_ld, description
from knowledge.services import follows
from knowledge.services.view_counts import record_article_view

ARTICLES_PER_PAGE = 25


def home(request):
    """/kb/: the sections with their article counts, and the newest articles."""
    return render(
        request,
        "knowledge/home.html",
        {
            "sections": list(selectors.sections_with_counts()),
            "newest": selectors.newest_articles(languages=reader_languages(request)),
            "may_draft": can(request.user, "knowledge.draft_article"),
        },
    )


def section_page(request, section):
    section = selectors.get_section_or_404(slug=section)
    page = Paginator(selectors.section_articles(section), ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    may_draft = can(request.user, "knowledge.draft_article")
    return render(
        request,
        "knowledge/section.html",
        {
            "section": section,
            "page_obj": page,
            "may_draft": may_draft,
            "unpublished": (
                list(selectors.section_drafts(section))
                if can(request.user, "knowledge.see_history")
                else []
            ),
            "is_following": selectors.follows_section(member=request.user, section=section),
        },
    )


def get_article_or_404(*, member, section: str, slug: str):
    """The article at /kb/<section>/<slug>/ if `member` may see it, else Http404. An old
    address raises nothing: it returns (None, the article's current URL)."""
    article, moved = selectors.find_article(section_slug=section, slug=slug)
    if article is None:
        if moved is None:
            raise Http404
        check_see_article_permission(member=member, article=moved)
        return None, moved.get_absolute_url()
    check_see_article_permission(member=member, article=article)
    return article, None


def article_page(request, section, slug):
    article, moved_to = get_article_or_404(member=request.user, section=section, slug=slug)
    if article is None:
        return HttpResponsePermanentRedirect(moved_to)
    body_html, toc = render_article(article.body)
    if article.render_version != RENDERER_VERSION:
        article.body_html = str(body_html)
    member = request.user
    context = {
        "article": article,
        "section": article.section,
        "body_html": body_html,
        "toc": toc,
        "tags": list(article.tags.all()),
        "contributors": [credit.member for credit in article.contributors.all()],
        "translation": (
            article.translation
            if article.translation is not None and article.translation.is_published
            else None
        ),
        "meta_description": description(article),
        "canonical_url": absolute_url(article.get_absolute_url()),
        "json_ld": article_json_ld(article) if article.is_published else "",
        "is_following": selectors.follows_article(member=member, article=article),
        "may": {
            "edit": can(member, "knowledge.edit_article", article),
            "submit": can(member, "knowledge.submit_article", article),
            "publish": can(member, "knowledge.publish_article", article),
            "archive": can(member, "knowledge.archive_article", article),
            "history": can(member, "knowledge.see_history", article),
            "propose": can(member, "knowledge.propose_edit", article),
        },
    }
    if context["translation"] is not None:
        context["translation_url"] = absolute_url(context["translation"].get_absolute_url())
    return render(request, "knowledge/article.html", context)


@csrf_exempt  # a counter only: it acts for no member, so there is nothing to forge
@require_POST
@leaves_visitor_pages_alone
def article_viewed(request, section, slug):
    """The article's page was shown (static/js/views.js). Answers 204 whether or not it
    counted: robots, a client's repeat views within the window, drafts and old addresses
    are not counted; an article the client may not read is a 404."""
    article, _moved_to = get_article_or_404(member=request.user, section=section, slug=slug)
    if (
        article is not None
        and article.is_published
        and not looks_like_a_robot(request.headers.get("User-Agent", ""))
        and first_view_in_window(page=f"article:{article.pk}", client=rate_limit_visitor(request))
    ):
        record_article_view(article)
    return HttpResponse(status=204)


def _follow_response(request, *, thing, following: bool, name: str):
    if following:
        messages.success(request, _("You follow “%(name)s”.") % {"name": name})
    else:
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": name})
    return redirect(thing)


@require_POST
def follow_section(request, section):
    section = selectors.get_section_or_404(slug=section)
    if not request.user.is_authenticated:
        return login_then_back(request, section.get_absolute_url())
    check_follow_permission(member=request.user)
    following = follows.set_section_following(
        section=section, by=request.user, following=wanted_state(request, "follow")
    )
    return _follow_response(request, thing=section, following=following, name=section.name)


@require_POST
def follow_article(request, section, slug):
    article, moved_to = get_article_or_404(member=request.user, section=section, slug=slug)
    if article is None:
        return redirect(moved_to)
    if not request.user.is_authenticated:
        return login_then_back(request, article.get_absolute_url())
    check_follow_permission(member=request.user)
    following = follows.set_article_following(
        article=article, by=request.user, following=wanted_state(request, "follow")
    )
    return _follow_response(request, thing=article, following=following, name=article.title)
