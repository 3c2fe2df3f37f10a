"""A moderator redacts text from a post: choose the exact text, see every match highlighted,
confirm. The work (and everything it touches) is community.services.redaction's."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from community.forms import RedactPostForm
from community.markdown import REDACTION_MARKER, render_markdown
from community.permissions import check_redact_post_permission
from community.services.redaction import (
    clean_redaction_reason,
    clean_redaction_text,
    find_redaction_matches,
    redact_post,
)
from community.views.helpers import get_visible_post_or_404


def _segments(source: str, text: str) -> list[tuple[str, bool]]:
    """`source` cut at each occurrence of `text`: (piece, is_match) for the template."""
    pieces = source.split(text)
    segments = []
    for index, piece in enumerate(pieces):
        if index:
            segments.append((text, True))
        if piece:
            segments.append((piece, False))
    return segments


def redact(request, pk):
    """GET: the post's text and the form. POST: the preview of the matches; POST with
    ``confirmed``: redact and go back to the post."""
    post = get_visible_post_or_404(member=request.user, pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    check_redact_post_permission(member=request.user, post=post)
    thread = post.thread
    context = {"post": post, "thread": thread, "marker": REDACTION_MARKER}
    if request.method != "POST":
        context["form"] = RedactPostForm()
        return render(request, "community/redact_post.html", context)

    form = RedactPostForm(request.POST)
    context["form"] = form
    if form.is_valid():
        try:
            text = clean_redaction_text(form.cleaned_data["text"])
            clean_redaction_reason(reason=form.cleaned_data["reason"], text=text)
            if form.cleaned_data["confirmed"]:
                redact_post(
                    post=post, by=request.user, text=text, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    _("The text was redacted from the post and all its earlier versions."),
                )
                return redirect(post.get_absolute_url())
            matches = find_redaction_matches(post=post, text=text)
            if not matches.found:
                raise ValidationError(
                    _("This text does not occur in the post, its title or its earlier versions."),
                    code="not_found",
                )
        except ValidationError as error:
            field = "reason" if error.code == "reason_repeats" else "text"
            form.add_error(field, error)
        else:
            context.update(
                text=text,
                matches=matches,
                body_segments=_segments(post.body, text),
                title_segments=_segments(thread.title, text) if matches.title else None,
                result_html=render_markdown(post.body.replace(text, REDACTION_MARKER)),
            )
    return render(request, "community/redact_post.html", context)
