"""What the support team and moderators do from the thread page. Every action is audited
by its service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import selectors
from community.forms import HidePostForm, IdeaStatusForm, MoveThreadForm
from community.permissions import (
    can,
    check_endorse_answer_permission,
    check_hide_post_permission,
    check_moderate_thread_permission,
    check_set_idea_status_permission,
)
from community.services import ideas, posts, solutions, staff
from community.views.helpers import (
    get_visible_post_or_404,
    get_visible_thread_or_404,
    htmx_or_redirect,
    member_action,
    wanted_state,
)
from community.views.thread_page import render_thread_page


@member_action(
    get_object=get_visible_post_or_404, check=check_endorse_answer_permission, object_name="post"
)
def endorse(request, answer):
    endorsed = wanted_state(request, "endorse")
    solutions.set_answer_endorsement(answer=answer, by=request.user, endorsed=endorsed)
    messages.success(
        request,
        _("The answer is now recommended by the team.")
        if endorsed
        else _("Recommendation withdrawn."),
    )
    return htmx_or_redirect(request, to=answer.get_absolute_url())


@member_action(
    get_object=get_visible_post_or_404, check=check_hide_post_permission, object_name="post"
)
def hide(request, post):
    form = HidePostForm(request.POST)
    if form.is_valid():
        try:
            posts.hide_post(post=post, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The post is hidden; the reason is shown in its place."))
    else:
        messages.error(request, _("Give a reason for hiding the post."))
    return htmx_or_redirect(request, to=post.get_absolute_url())


@member_action(
    get_object=get_visible_post_or_404, check=check_hide_post_permission, object_name="post"
)
def unhide(request, post):
    posts.unhide_post(post=post, by=request.user)
    messages.success(request, _("The post is visible again."))
    return htmx_or_redirect(request, to=post.get_absolute_url())


@member_action(
    get_object=get_visible_thread_or_404,
    check=check_moderate_thread_permission,
    object_name="thread",
)
def moderate_thread(request, thread):
    action = request.POST.get("action")
    if action in ("pin", "unpin"):
        staff.set_thread_pinned(thread=thread, by=request.user, pinned=action == "pin")
    elif action in ("lock", "unlock"):
        staff.set_thread_locked(thread=thread, by=request.user, locked=action == "lock")
    elif action == "move":
        form = MoveThreadForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a space and a kind."))
            return htmx_or_redirect(request, to=thread)
        staff.move_thread(thread=thread, by=request.user, space=form.cleaned_data["space"])
        staff.change_thread_kind(thread=thread, by=request.user, kind=form.cleaned_data["kind"])
    else:
        messages.error(request, _("Unknown action."))
        return htmx_or_redirect(request, to=thread)
    messages.success(request, _("Thread updated."))
    return htmx_or_redirect(request, to=thread)


@login_required
@require_POST
def idea_status(request, pk):
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    check_set_idea_status_permission(member=request.user, thread=thread)
    form = IdeaStatusForm(request.POST)
    if form.is_valid():
        try:
            ideas.change_idea_status(
                thread=thread,
                by=request.user,
                status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
                duplicate_of=form.cleaned_data["duplicate_of"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Status changed; followers and voters are told."))
            return redirect(thread)
    # The comment stays in the form, with the reason it was not accepted.
    return render_thread_page(request, thread, idea_form=form, status=400)


def waiting(request):
    """The support team's list of questions still waiting for a first answer."""
    if not can(request.user, "community.see_staff_queue"):
        raise Http404
    return render(
        request, "community/staff_waiting.html", {"threads": selectors.waiting_questions()}
    )
