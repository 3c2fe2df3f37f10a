"""One-click actions: helpful, me too, follow, accept. htmx swaps a fragment; without
JavaScript each is a plain POST that redirects back to the post."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from community.models import Space, ThreadKind
from community.permissions import (
    check_accept_answer_permission,
    check_follow_permission,
    check_me_too_permission,
    check_solved_too_permission,
    check_vote_helpful_permission,
)
from community.services import follows, notifications, reactions, solutions
from community.views.helpers import (
    back_to_post,
    get_visible_post_or_404,
    get_visible_thread_or_404,
    login_then_back,
)
from community.views.presenters import present_posts


@require_POST
def helpful(request, pk):
    post = get_visible_post_or_404(member=request.user, pk=pk)
    if not request.user.is_authenticated:
        return login_then_back(request, post.get_absolute_url())
    check_vote_helpful_permission(member=request.user, post=post)
    post.viewer_voted = reactions.toggle_helpful_vote(post=post, by=request.user)
    if request.htmx:
        present_posts([post], thread=post.thread, member=request.user)
        return render(request, "community/partials/helpful_button.html", {"post": post})
    return back_to_post(post)


@require_POST
def me_too(request, pk):
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    if not request.user.is_authenticated:
        return login_then_back(request, thread.get_absolute_url())
    check_me_too_permission(member=request.user, thread=thread)
    added = reactions.toggle_me_too(thread=thread, by=request.user)
    if request.htmx:
        context = {"thread": thread, "has_me_too": added, "may_me_too": True}
        return render(request, "community/partials/me_too_button.html", context)
    if added and thread.kind == ThreadKind.IDEA:
        messages.success(request, _("Your vote is counted. You now follow this idea."))
    elif added:
        messages.success(
            request, _("Noted: you have this problem too. You now follow this thread.")
        )
    return redirect(thread)


@require_POST
def follow_thread(request, pk):
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    if not request.user.is_authenticated:
        return login_then_back(request, thread.get_absolute_url())
    check_follow_permission(member=request.user)
    following = request.POST.get("follow") == "1"
    follows.set_thread_following(thread=thread, member=request.user, following=following)
    if request.htmx:
        return render(
            request,
            "community/partials/follow_button.html",
            {"thread": thread, "is_following": following},
        )
    messages.success(
        request,
        _("You follow this thread: we e-mail you about answers.")
        if following
        else _("You no longer follow this thread."),
    )
    return redirect(thread)


@require_POST
def follow_space(request, slug):
    space = get_object_or_404(Space.objects.filter(is_active=True), slug=slug)
    if not request.user.is_authenticated:
        return login_then_back(request, space.get_absolute_url())
    check_follow_permission(member=request.user)
    following = request.POST.get("follow") == "1"
    follows.set_space_following(space=space, member=request.user, following=following)
    messages.success(
        request,
        _("You follow this space: we e-mail you about new threads.")
        if following
        else _("You no longer follow this space."),
    )
    return redirect(space)


@require_POST
def accept(request, pk):
    answer = get_visible_post_or_404(member=request.user, pk=pk)
    if not request.user.is_authenticated:
        return login_then_back(request, answer.get_absolute_url())
    check_accept_answer_permission(member=request.user, answer=answer)
    solutions.accept_answer(answer=answer, by=request.user)
    messages.success(request, _("Marked as the solution. Thank you for closing the loop!"))
    return back_to_post(answer)


@require_POST
def unaccept(request, pk):
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    if not request.user.is_authenticated:
        return login_then_back(request, thread.get_absolute_url())
    if thread.solution is None:
        return redirect(thread)
    check_accept_answer_permission(member=request.user, answer=thread.solution)
    solutions.unaccept_answer(thread=thread, by=request.user)
    messages.success(request, _("The thread has no solution any more."))
    return redirect(thread)


@require_POST
def solved_too(request, pk):
    post = get_visible_post_or_404(member=request.user, pk=pk)
    if not request.user.is_authenticated:
        return login_then_back(request, post.get_absolute_url())
    check_solved_too_permission(member=request.user, post=post)
    post.viewer_solved_too = reactions.toggle_solved_too(post=post, by=request.user)
    if request.htmx:
        present_posts([post], thread=post.thread, member=request.user)
        return render(request, "community/partials/solved_too_button.html", {"post": post})
    return back_to_post(post)


@csrf_exempt  # the signed token is the authority; mail clients POST for one-click unsubscribe
def unsubscribe(request, token):
    try:
        data = notifications.read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "community/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        kind, target = notifications.unsubscribe(token_data=data)
        return render(
            request, "community/unsubscribe.html", {"done": True, "kind": kind, "target": target}
        )
    return render(request, "community/unsubscribe.html", {"kind": data["k"]})
