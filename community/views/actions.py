"""One-click actions: helpful, me too, follow, accept. htmx swaps a fragment; without
JavaScript each is a plain POST that redirects back to the post.

Buttons send the state they want (``vote=1`` or ``vote=0`` …), never "toggle", so a
double submit does not undo itself."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from community.models import EmailKind, ThreadKind
from community.permissions import (
    check_accept_answer_permission,
    check_follow_permission,
    check_me_too_permission,
    check_solved_too_permission,
    check_vote_helpful_permission,
)
from community.services import follows, notifications, reactions, solutions
from community.services.ratelimits import RateLimited
from community.views.helpers import (
    get_listed_space_or_404,
    get_visible_post_or_404,
    get_visible_thread_or_404,
    htmx_or_redirect,
    member_action,
    too_many_requests,
    wanted_state,
)
from community.views.presenters import present_posts


def _check_follow(*, member, thing) -> None:
    check_follow_permission(member=member)


def _check_unaccept(*, member, thread) -> None:
    """Who may accept the solution may take it back; without a solution there is nothing to do."""
    if thread.solution is not None:
        check_accept_answer_permission(member=member, answer=thread.solution)


@member_action(
    get_object=get_visible_post_or_404, check=check_vote_helpful_permission, object_name="post"
)
def helpful(request, post):
    voted = wanted_state(request, "vote")
    try:
        reactions.set_helpful_vote(post=post, by=request.user, voted=voted)
    except RateLimited as refusal:
        # htmx: the button as it was, with the reason beside it; else a message on the page.
        if not request.htmx:
            messages.error(request, refusal.messages[0])
            return redirect(post.get_absolute_url())
        post.viewer_voted = not voted
        present_posts([post], thread=post.thread, member=request.user)
        response = render(
            request,
            "community/partials/helpful_button.html",
            {"post": post, "rate_limit_message": refusal.messages[0]},
        )
        return too_many_requests(response, refusal)
    post.viewer_voted = voted
    if request.htmx:
        present_posts([post], thread=post.thread, member=request.user)
    return htmx_or_redirect(
        request,
        to=post.get_absolute_url(),
        template="community/partials/helpful_button.html",
        context={"post": post},
    )


@member_action(
    get_object=get_visible_thread_or_404, check=check_me_too_permission, object_name="thread"
)
def me_too(request, thread):
    wanted = wanted_state(request, "me_too")
    reactions.set_me_too(thread=thread, by=request.user, me_too=wanted)
    if wanted and not request.htmx:
        messages.success(
            request,
            _("Your vote is counted. You now follow this idea.")
            if thread.kind == ThreadKind.IDEA
            else _("Noted: you have this problem too. You now follow this thread."),
        )
    return htmx_or_redirect(
        request,
        to=thread,
        template="community/partials/me_too_button.html",
        context={"thread": thread, "has_me_too": wanted, "may_me_too": True},
    )


@member_action(get_object=get_visible_thread_or_404, check=_check_follow, object_name="thing")
def follow_thread(request, thread):
    following = wanted_state(request, "follow")
    follows.set_thread_following(thread=thread, member=request.user, following=following)
    if not request.htmx:
        messages.success(
            request,
            _("You follow this thread: we e-mail you about answers.")
            if following
            else _("You no longer follow this thread."),
        )
    return htmx_or_redirect(
        request,
        to=thread,
        template="community/partials/follow_button.html",
        context={"thread": thread, "is_following": following},
    )


@member_action(get_object=get_listed_space_or_404, check=_check_follow, object_name="thing")
def follow_space(request, space):
    following = wanted_state(request, "follow")
    follows.set_space_following(space=space, member=request.user, following=following)
    messages.success(
        request,
        _("You follow this space: we e-mail you about new threads.")
        if following
        else _("You no longer follow this space."),
    )
    return htmx_or_redirect(request, to=space)


@member_action(
    get_object=get_visible_post_or_404, check=check_accept_answer_permission, object_name="answer"
)
def accept(request, answer):
    solutions.accept_answer(answer=answer, by=request.user)
    messages.success(request, _("Marked as the solution. Thank you for closing the loop!"))
    return htmx_or_redirect(request, to=answer.get_absolute_url())


@member_action(get_object=get_visible_thread_or_404, check=_check_unaccept, object_name="thread")
def unaccept(request, thread):
    if thread.solution is not None:
        solutions.unaccept_answer(thread=thread, by=request.user)
        messages.success(request, _("The thread has no solution any more."))
    return htmx_or_redirect(request, to=thread)


@member_action(
    get_object=get_visible_post_or_404, check=check_solved_too_permission, object_name="post"
)
def solved_too(request, post):
    wanted = wanted_state(request, "solved_too")
    reactions.set_solved_too(post=post, by=request.user, solved_too=wanted)
    post.viewer_solved_too = wanted
    if request.htmx:
        present_posts([post], thread=post.thread, member=request.user)
    return htmx_or_redirect(
        request,
        to=post.get_absolute_url(),
        template="community/partials/solved_too_button.html",
        context={"post": post},
    )


@csrf_exempt  # the signed token is the authority; mail clients POST for one-click unsubscribe
def unsubscribe(request, token):
    try:
        data = notifications.read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "community/unsubscribe.html", {"invalid": True}, status=400)
    kind = data["k"]
    context = {
        "is_space": kind == "space",
        "is_tag": kind == "tag",
        "email_kind": EmailKind(kind).label if kind in EmailKind.values else None,
    }
    if request.method == "POST":
        kind, target = notifications.unsubscribe(token_data=data)
        context.update(done=True, target=target)
    return render(request, "community/unsubscribe.html", context)
