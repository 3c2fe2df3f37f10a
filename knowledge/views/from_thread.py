"""“Turn into article”: staff and super users make a draft from a solved thread."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import selectors
from community.markdown import render_markdown
from community.permissions import can
from community.prepared import PreparedQuery
from knowledge.models import Article, Section
from knowledge.permissions import check_turn_thread_into_article_permission
from knowledge.services.from_thread import article_from_thread, prefill_from_thread


class ArticleSectionForm(forms.Form):
    """Where the draft goes; everything else is edited in the article editor afterwards."""

    section = forms.ModelChoiceField(
        label=gettext_lazy("Section"),
        queryset=Section.objects.listed(),
        empty_label=None,
        error_messages={"required": gettext_lazy("Choose the section the article belongs in.")},
    )


def draft_edit_url(article: Article) -> str:
    """The article editor's address, /kb/<section>/<slug>/edit/."""
    return reverse(
        "knowledge:edit_article", kwargs={"section": article.section.slug, "slug": article.slug}
    )


@login_required
def turn_into_article(request, pk: int):
    """GET: choose the section, with a preview of the prefilled draft. POST: make the draft
    (or open the one already being written) and go to its editor."""
    thread = selectors.get_thread_or_none(pk)
    if thread is None or thread.deleted_at is not None:
        raise Http404
    check_turn_thread_into_article_permission(member=request.user, thread=thread)
    status = 200
    if request.method == "POST":
        form = ArticleSectionForm(request.POST)
        if form.is_valid():
            article = article_from_thread(
                thread=thread, by=request.user, section=form.cleaned_data["section"]
            )
            messages.success(request, _("The draft is ready. Edit it, then send it for review."))
            return redirect(draft_edit_url(article))
        status = 400
    else:
        form = ArticleSectionForm()
    prefill = prefill_from_thread(thread)
    context = {
        "thread": thread,
        "form": form,
        "prefill": prefill,
        "preview_html": render_markdown(prefill.body),
        "has_sections": Section.objects.exists(),
        "articles": list(
            Article.objects.filter(source_thread=thread).select_related("section").order_by("pk")
        ),
    }
    return render(request, "knowledge/from_thread.html", context, status=status)


# Only what the link shows: on every solved thread's page, a whole article (its text, its
# HTML) would be read for a title.
_published_article_of = PreparedQuery(
    lambda thread_pk: (
        Article.objects.published()
        .filter(source_thread_id=thread_pk)
        .select_related("section")
        .only("title", "slug", "language", "section__slug")
        .order_by("-published_at", "-pk")[:1]
    )
)


def thread_article_panel(*, viewer, thread) -> dict | None:
    """The thread page's knowledge-base panel (community.extensions.register_thread_panel):
    the published article made from the thread, and “Turn into article” for those who may.
    One query (the article), none when the thread cannot have one yet."""
    may_turn = can(viewer, "knowledge.turn_thread_into_article", thread)
    article = None
    # Articles are made from solved threads; a thread that never had a solution has none.
    if thread.solution_id is not None or thread.solved_at is not None:
        articles = _published_article_of(thread.pk)
        article = articles[0] if articles else None
    if article is None and not may_turn:
        return None
    return {
        "template": "knowledge/from_thread_panel.html",
        "article": article,
        "may_turn": may_turn,
        "thread": thread,
    }
