"""Small things the views share: fetching what the member may see, answering htmx or not."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from community import selectors
from community.models import Post, Thread
from community.permissions import check_see_post_permission, check_see_thread_permission


def get_visible_thread_or_404(*, member, pk: int, allow_deleted: bool = False) -> Thread:
    thread = selectors.get_thread_or_none(pk)
    if thread is None or (thread.deleted_at is not None and not allow_deleted):
        raise Http404
    check_see_thread_permission(member=member, thread=thread)
    return thread


def get_visible_post_or_404(*, member, pk: int) -> Post:
    post = selectors.get_post_or_none(pk)
    if post is None or post.deleted_at is not None or post.thread.deleted_at is not None:
        raise Http404
    check_see_post_permission(member=member, post=post)
    return post


def login_then_back(request, next_url: str):
    """Send a visitor to log in and come back to `next_url` (htmx: a full-page redirect)."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = redirect_to_login(next_url).url
        return response
    return redirect_to_login(next_url)


def back_to_post(post: Post):
    return redirect(post.get_absolute_url())
