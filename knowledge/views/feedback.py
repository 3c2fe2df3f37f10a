"""“Was this article helpful?” for members and visitors alike."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from knowledge.models import Article
from knowledge.models.feedback import ArticleFeedback
from knowledge.permissions import check_give_feedback_permission, may_see_feedback_score
from knowledge.selectors_related import feedback_of
from knowledge.services.feedback import give_article_feedback

PARTIAL = "knowledge/partials/feedback.html"
COMMENT_LENGTH = ArticleFeedback._meta.get_field("comment").max_length


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
    )
    comment = forms.CharField(
        label=gettext_lazy("What was missing? (optional)"),
        required=False,
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _session_key(request, *, create: bool) -> str:
    if not request.session.session_key and create:
        request.session.save()  # a visitor's vote is theirs through the session
    return request.session.session_key or ""


def feedback_context(request, article: Article, *, form: FeedbackForm | None = None) -> dict:
    """What knowledge/partials/feedback.html reads (one query: the viewer's vote)."""
    member = request.user
    vote = feedback_of(
        article=article, member=member, session_key=_session_key(request, create=False)
    )
    total = article.helpful_yes + article.helpful_no
    return {
        "article": article,
        "vote": vote,
        "form": form,
        "may_see_score": may_see_feedback_score(member),
        "score_total": total,
        "score_percent": round(100 * article.helpful_yes / total) if total else None,
    }


@require_POST
def article_feedback(request, section: str, slug: str):
    """POST helpful=yes|no (comment=… with a “No”). htmx gets the partial back; without
    JavaScript the reader returns to the article's feedback box."""
    article = get_object_or_404(
        Article.objects.select_related("section"), section__slug=section, slug=slug
    )
    check_give_feedback_permission(member=request.user, article=article)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        context = feedback_context(request, article, form=form)
        template = PARTIAL if request.htmx else "knowledge/feedback_page.html"
        return render(request, template, context, status=400)
    give_article_feedback(
        article=article,
        by=request.user,
        session_key=_session_key(request, create=True),
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
    )
    article.refresh_from_db(fields=["helpful_yes", "helpful_no"])
    if request.htmx:
        return render(request, PARTIAL, feedback_context(request, article))
    return redirect(f"{article.get_absolute_url()}#article-feedback")
