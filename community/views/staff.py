"""What the support team, moderators and regulars do from the thread page. Every action is
audited by its service; each asks its own permission (community.permissions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import selectors
from community.forms import (
    HidePostForm,
    IdeaStatusForm,
    MergeThreadForm,
    MoveThreadForm,
    RetitleThreadForm,
)
from community.permissions import (
    can,
    check_endorse_answer_permission,
    check_hide_post_permission,
    check_lock_thread_permission,
    check_merge_threads_permission,
    check_moderate_thread_permission,
    check_move_thread_permission,
    check_retitle_thread_permission,
    check_see_thread_permission,
    check_set_idea_status_permission,
)
from community.services import ideas, posts, solutions, staff
from community.services.tags import resolve_tags
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


def _check_thread_tools(*, member, thread) -> None:
    """Anyone with one of the thread tools gets in; each action then asks its own rule."""
    if not (
        can(member, "community.move_thread", thread)
        or can(member, "community.lock_thread", thread)
        or can(member, "community.moderate_thread", thread)
    ):
        check_moderate_thread_permission(member=member, thread=thread)


@member_action(
    get_object=get_visible_thread_or_404, check=_check_thread_tools, object_name="thread"
)
def moderate_thread(request, thread):
    action = request.POST.get("action")
    member = request.user
    if action in ("pin", "unpin"):
        check_moderate_thread_permission(member=member, thread=thread)
        staff.set_thread_pinned(thread=thread, by=member, pinned=action == "pin")
    elif action in ("lock", "unlock"):
        check_lock_thread_permission(member=member, thread=thread)
        reason = request.POST.get("lock_reason", "").strip()
        if action == "lock" and not reason:
            # Readers see why a thread is locked: no lock without a reason.
            return render_thread_page(
                request,
                thread,
                lock_reason_error=_("Say why the thread is locked; readers see the reason."),
                status=400,
            )
        staff.set_thread_locked(thread=thread, by=member, locked=action == "lock", reason=reason)
    elif action == "move":
        check_move_thread_permission(member=member, thread=thread)
        may_change_kind = can(member, "community.moderate_thread", thread)
        form = MoveThreadForm(request.POST, may_change_kind=may_change_kind)
        if not form.is_valid():
            messages.error(request, _("Choose a space and a kind."))
            return htmx_or_redirect(request, to=thread)
        staff.move_thread(thread=thread, by=member, space=form.cleaned_data["space"])
        if may_change_kind:
            staff.change_thread_kind(thread=thread, by=member, kind=form.cleaned_data["kind"])
    else:
        messages.error(request, _("Unknown action."))
        return htmx_or_redirect(request, to=thread)
    messages.success(request, _("Thread updated."))
    return htmx_or_redirect(request, to=thread)


@member_action(
    get_object=get_visible_thread_or_404,
    check=check_retitle_thread_permission,
    object_name="thread",
)
def retitle(request, thread):
    form = RetitleThreadForm(request.POST, member=request.user)
    if form.is_valid():
        try:
            staff.retitle_thread(
                thread=thread,
                by=request.user,
                title=form.cleaned_data["title"],
                tags=resolve_tags(names=form.cleaned_data["tags"], by=request.user),
            )
        except ValidationError as error:
            form.add_error("title", error)
        else:
            messages.success(request, _("Title and tags saved; the history shows the change."))
            return redirect(thread)
    # What the member typed stays in the form, with the reason it was not accepted.
    return render_thread_page(request, thread, retitle_form=form, status=400)


def _merge_target(member, pk: int):
    """The thread `pk` if `member` may see it and it can take answers; None otherwise (a
    thread the member may not see looks the same as one that does not exist)."""
    target = selectors.get_thread_or_none(pk)
    if target is None or target.deleted_at is not None:
        return None
    try:
        check_see_thread_permission(member=member, thread=target)
    except Http404:
        return None
    return target


@member_action(
    get_object=get_visible_thread_or_404,
    check=check_merge_threads_permission,
    object_name="thread",
)
def merge(request, thread):
    """Two steps: the form names the target, a page shows what will happen, the member
    confirms; only then are the answers moved."""
    form = MergeThreadForm(request.POST)
    target = None
    if form.is_valid():
        target = _merge_target(request.user, form.cleaned_data["into"])
        if target is None:
            form.add_error("into", _("No thread with that address or number was found."))
        else:
            try:
                staff.check_mergeable(duplicate=thread, into=target)
            except ValidationError as error:
                form.add_error("into", error)
    if not form.errors and form.cleaned_data["confirmed"]:
        try:
            staff.merge_threads(
                duplicate=thread, into=target, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Merged: the answers are now in this thread."))
            return redirect(target)
    if form.errors:
        return render_thread_page(request, thread, merge_form=form, status=400)
    return render(
        request, "community/merge_confirm.html", {"thread": thread, "target": target, "form": form}
    )


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
