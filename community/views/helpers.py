"""Small things the views share: fetching what the member may see, the shape of a one-click
action, answering htmx or not."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from community import selectors
from community.models import Post, Space, Thread
from community.permissions import check_see_post_permission, check_see_thread_permission


def get_visible_thread_or_404(*, member, pk: int, allow_deleted: bool = False) -> Thread:
    thread = selectors.get_thread_or_none(pk)
    if thread is None or (thread.deleted_at is not None and not allow_deleted):
        raise Http404
    check_see_thread_permission(member=member, thread=thread)
    return thread


def get_visible_post_or_404(*, member, pk: int, allow_deleted: bool = False) -> Post:
    """The post if `member` may see it; a deleted one (or one in a deleted thread) only
    with `allow_deleted`, for the actions that undo a deletion."""
    post = selectors.get_post_or_none(pk)
    if post is None:
        raise Http404
    if not allow_deleted and (post.deleted_at is not None or post.thread.deleted_at is not None):
        raise Http404
    check_see_post_permission(member=member, post=post)
    return post


def get_deleted_or_visible_post_or_404(*, member, pk: int) -> Post:
    return get_visible_post_or_404(member=member, pk=pk, allow_deleted=True)


def get_deleted_or_visible_thread_or_404(*, member, pk: int) -> Thread:
    return get_visible_thread_or_404(member=member, pk=pk, allow_deleted=True)


def get_listed_space_or_404(*, member, slug: str) -> Space:
    return get_object_or_404(Space.objects.filter(is_active=True), slug=slug)


def login_then_back(request, next_url: str):
    """Send a visitor to log in and come back to `next_url` (htmx: a full-page redirect)."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = redirect_to_login(next_url).url
        return response
    return redirect_to_login(next_url)


def member_action(*, get_object: Callable, check: Callable, object_name: str):
    """The one shape of a POST action on one thing: fetch, sign in, check, then the body.

    ``get_object(member=…, **url_kwargs)`` fetches the thing, or raises Http404 when
    the member may not see it; a visitor is sent to log in and come back to it;
    ``check(member=…, <object_name>=thing)`` raises PermissionDenied with the reason;
    then the decorated ``view(request, thing)`` calls the service and answers (see
    :func:`htmx_or_redirect`)::

        @member_action(get_object=get_visible_post_or_404,
                       check=check_vote_helpful_permission, object_name="post")
        def helpful(request, post): ...
    """

    def decorator(body):
        @require_POST
        @wraps(body)
        def view(request, **url_kwargs):
            thing = get_object(member=request.user, **url_kwargs)
            if not request.user.is_authenticated:
                return login_then_back(request, thing.get_absolute_url())
            check(member=request.user, **{object_name: thing})
            return body(request, thing)

        return view

    return decorator


def htmx_or_redirect(request, *, to, template: str | None = None, context: dict | None = None):
    """htmx swaps in `template` rendered with `context`; without JavaScript, back to `to`."""
    if request.htmx and template is not None:
        return render(request, template, context or {})
    return redirect(to)


def wanted_state(request, field: str) -> bool:
    """The state a one-click action asks for: POST `field` is "1" (on) or "0" (off).

    Buttons say what they want instead of toggling, so a double submit cannot undo
    itself. Anything else is a bad request (400)."""
    try:
        return {"1": True, "0": False}[request.POST.get(field, "")]
    except KeyError:
        raise BadRequest(f"{field} must be 1 or 0") from None


def back_to_post(post: Post):
    return redirect(post.get_absolute_url())


# --- rate limits (community/services/ratelimits.py) ------------------------------------------


def rate_limit_visitor(request) -> str:
    """The key per-visitor limits count: the member, else the session, else the client's
    address as allauth reads it (behind TRUSTED_PROXY_COUNT / TRUSTED_CLIENT_IP_HEADER)."""
    from allauth.account.adapter import get_adapter

    from community.services.ratelimits import visitor_key

    session = getattr(request, "session", None)
    session_key = session.session_key if session is not None else None
    client_ip = None
    if not request.user.is_authenticated and not session_key:
        try:
            client_ip = get_adapter().get_client_ip(request)
        except PermissionDenied:  # no address at all: they share one count
            client_ip = None
    return visitor_key(member=request.user, session_key=session_key, client_ip=client_ip)


def too_many_requests(response: HttpResponse, refusal) -> HttpResponse:
    """`response` as the answer to a refused request: 429 with Retry-After (seconds)."""
    response.status_code = 429
    response["Retry-After"] = str(refusal.retry_after)
    return response
