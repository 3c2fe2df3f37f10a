"""/support/survey/<token>/: the customer rates how the support team did, once.

The signed token in the e-mail's link is the proof, so no sign-in is needed. Opening the
page never writes (mail scanners follow links): it shows the score the link chose, a
comment box and one button; only the POST answers."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy

from community.escalation.surveys import (
    MAX_COMMENT_LENGTH,
    SCORES,
    SurveyAlreadyAnswered,
    answer_survey,
    survey_from_token,
)


class SurveyForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with the support team's help?"),
        choices=[(score, str(score)) for score in SCORES],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("1 = not at all, 5 = very satisfied"),
        error_messages={"required": gettext_lazy("Choose a score from 1 to 5.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything you want to tell us? (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_COMMENT_LENGTH,
        required=False,
    )


def survey(request, token):
    found = survey_from_token(token)
    if found is None:
        raise Http404  # tampered with, too old, or gone: nothing to rate here
    # The link usually opens signed out, in whatever language the browser asks for: the
    # page speaks the customer's language, like the e-mail that carried the link.
    language = found.member.locale if not request.user.is_authenticated else None
    with translation.override(language or translation.get_language()):
        return _survey(request, found)


def _survey(request, found):
    context = {"survey": found, "thread": found.escalation.thread}
    if found.answered_at is not None:
        return render(request, "community/desk/survey_done.html", {**context, "again": True})
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if form.is_valid():
            by = request.user if request.user.is_authenticated else None
            try:
                answer_survey(
                    survey=found,
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                    by=by if by is not None and by.pk == found.member_id else None,
                )
            except SurveyAlreadyAnswered:
                return render(
                    request, "community/desk/survey_done.html", {**context, "again": True}
                )
            except ValidationError as error:
                form.add_error(None, ValidationError(error.messages))
            else:
                return render(request, "community/desk/survey_done.html", context)
        return render(request, "community/desk/survey.html", {**context, "form": form}, status=400)
    score = request.GET.get("score")
    initial = {"score": int(score)} if score in {str(s) for s in SCORES} else {}
    form = SurveyForm(initial=initial)
    return render(request, "community/desk/survey.html", {**context, "form": form})
