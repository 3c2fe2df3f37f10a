"""Writing the knowledge base: the editor, the workflow buttons, history and proposals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community.diffs import inline_diff, inline_text_diff
from community.markdown import render_markdown
from knowledge import selectors
from knowledge.forms import ArticleForm, ProposalForm, TranslationForm
from knowledge.models import ArticleRevision
from knowledge.permissions import (
    check_archive_article_permission,
    check_draft_article_permission,
    check_edit_article_permission,
    check_propose_edit_permission,
    check_publish_article_permission,
    check_restore_revision_permission,
    check_review_proposals_permission,
    check_see_history_permission,
    check_submit_article_permission,
)
from knowledge.services import articles
from knowledge.views.articles import get_article_or_404


def _article(request, section, slug):
    article, _moved = get_article_or_404(member=request.user, section=section, slug=slug)
    if article is None:
        raise Http404  # tools live at the current address only
    return article


def _add_form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def new_article(request):
    check_draft_article_permission(member=request.user)
    initial = {"language": request.LANGUAGE_CODE, "section": request.GET.get("section")}
    form = ArticleForm(request.POST or None, new=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        article = articles.create_article(
            by=request.user,
            section=data["section"],
            title=data["title"],
            body=data["body"],
            language=data["language"],
            summary=data["summary"],
            tags=data["tags"],
            applies_to=data["applies_to"],
        )
        messages.success(request, _("Draft saved. Only you and the support team can see it."))
        return redirect(article)
    return render(request, "knowledge/editor.html", {"form": form, "article": None})


@login_required
def edit_article(request, section, slug):
    article = _article(request, section, slug)
    check_edit_article_permission(member=request.user, article=article)
    form = ArticleForm(request.POST or None, new=False, initial=ArticleForm.initial_for(article))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            articles.save_article(
                article=article,
                by=request.user,
                title=data["title"],
                body=data["body"],
                summary=data["summary"],
                applies_to=data["applies_to"],
                tags=data["tags"],
                note=data["note"],
                slug=data["slug"],
            )
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Saved as a new revision."))
            return redirect(article)
    translation_form = TranslationForm(
        article=article, initial={"translation": article.translation_id}
    )
    return render(
        request,
        "knowledge/editor.html",
        {"form": form, "article": article, "translation_form": translation_form},
    )


@require_POST
@login_required
def link_translation(request, section, slug):
    """Staff name the other language's version of an article (both ways), or unlink it."""
    article = _article(request, section, slug)
    check_edit_article_permission(member=request.user, article=article)
    form = TranslationForm(request.POST, article=article)
    if not form.is_valid():
        messages.error(request, _("Choose an article in the other language."))
        return redirect("knowledge:edit_article", section=section, slug=article.slug)
    try:
        articles.link_translation(
            article=article, translation=form.cleaned_data["translation"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("knowledge:edit_article", section=section, slug=article.slug)
    if form.cleaned_data["translation"] is None:
        messages.success(request, _("The article has no translation linked now."))
    else:
        messages.success(request, _("The translations link to each other now."))
    return redirect(article)


@login_required
def propose_edit(request, section, slug):
    article = _article(request, section, slug)
    check_propose_edit_permission(member=request.user, article=article)
    initial = {"title": article.title, "summary": article.summary, "body": article.body}
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        articles.propose_edit(article=article, by=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you! The support team will review your proposal."))
        return redirect(article)
    return render(
        request, "knowledge/editor.html", {"form": form, "article": article, "proposing": True}
    )


def _workflow(check, service, done: str):
    @require_POST
    @login_required
    def view(request, section, slug):
        article = _article(request, section, slug)
        check(member=request.user, article=article)
        service(article=article, by=request.user)
        messages.success(request, done)
        return redirect(article)

    return view


submit_article = _workflow(
    check_submit_article_permission,
    articles.submit_for_review,
    gettext_lazy("Sent to the support team for review."),
)
publish_article = _workflow(
    check_publish_article_permission, articles.publish_article, gettext_lazy("Published.")
)
archive_article = _workflow(
    check_archive_article_permission, articles.archive_article, gettext_lazy("Archived.")
)


def _revision_number(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
def history(request, section, slug):
    """Every revision, newest first, and a diff of any two (?a=<older>&b=<newer>)."""
    article = _article(request, section, slug)
    check_see_history_permission(member=request.user, article=article)
    revisions = list(selectors.article_revisions(article))
    by_number = {revision.number: revision for revision in revisions}
    newest = revisions[0].number if revisions else 0
    b = by_number.get(_revision_number(request.GET.get("b"), newest))
    a = by_number.get(_revision_number(request.GET.get("a"), newest - 1))
    diff = None
    if a is not None and b is not None and a.pk != b.pk:
        diff = {
            "a": a,
            "b": b,
            "title": inline_text_diff(a.title, b.title),
            "summary": inline_text_diff(a.summary, b.summary),
            "body": inline_diff(render_markdown(a.body), render_markdown(b.body)),
        }
    return render(
        request,
        "knowledge/history.html",
        {"article": article, "revisions": revisions, "diff": diff, "a": a, "b": b},
    )


def _revision(request, revision_id: int) -> ArticleRevision:
    revision = get_object_or_404(
        ArticleRevision.objects.select_related("article__section", "editor"), pk=revision_id
    )
    return revision


@require_POST
@login_required
def restore(request, revision_id):
    revision = _revision(request, revision_id)
    check_restore_revision_permission(member=request.user, article=revision.article)
    articles.restore_revision(revision=revision, by=request.user)
    messages.success(
        request, _("Revision %(number)s restored as a new revision.") % {"number": revision.number}
    )
    return redirect(revision.article)


@login_required
def proposals(request):
    check_review_proposals_permission(member=request.user)
    pending = []
    for revision in selectors.pending_proposals():
        article = revision.article
        pending.append(
            {
                "revision": revision,
                "title": inline_text_diff(article.title, revision.title),
                "body": inline_diff(render_markdown(article.body), render_markdown(revision.body)),
            }
        )
    return render(request, "knowledge/proposals.html", {"proposals": pending})


def _decide(service, done: str):
    @require_POST
    @login_required
    def view(request, revision_id):
        check_review_proposals_permission(member=request.user)
        revision = _revision(request, revision_id)
        service(revision=revision, by=request.user)
        messages.success(request, done)
        return redirect("knowledge:proposals")

    return view


accept_proposal = _decide(
    articles.accept_proposal, gettext_lazy("Proposal accepted and published.")
)
decline_proposal = _decide(articles.decline_proposal, gettext_lazy("Proposal declined."))
