"""Tags: the index of all tags, one tag's threads, following a tag, and the tag picker's
suggestions on the ask form."""

from dataclasses import replace

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import selectors
from community.models import Tag, TagFollow
from community.permissions import check_follow_permission
from community.services import follows
from community.views import threads
from community.views.helpers import htmx_or_redirect, member_action, wanted_state

TAGS_PER_PAGE = 100
TAG_SORTS = {"count": gettext_lazy("Most used"), "name": gettext_lazy("A to Z")}
SUGGESTIONS = 8


def tag_list(request):
    """GET ?sort=count|name&page=…: every listed tag with its description and thread count."""
    sort = request.GET.get("sort", "count")
    sort = sort if sort in TAG_SORTS else "count"
    order = ["name"] if sort == "name" else ["-thread_count", "name"]
    tags = Tag.objects.listed().order_by(*order)
    page = Paginator(tags, TAGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/tags.html",
        {"page_obj": page, "sort": sort, "sorts": TAG_SORTS},
    )


def get_tag_or_404(*, member, slug: str) -> Tag:
    return get_object_or_404(Tag.objects.with_thread_counts(), slug=slug)


def tag_detail(request, slug):
    """One tag's threads, filtered and sorted like every thread list (the same selector)."""
    tag = get_tag_or_404(member=request.user, slug=slug)
    query = replace(selectors.ThreadListQuery.from_params(request.GET), tag=tag.name)
    context = {
        "tag": tag,
        **threads.list_page_context(request, query),
        "is_following": TagFollow.objects.is_following(member=request.user, tag=tag),
    }
    if request.htmx and request.htmx.target == "thread-list":
        return render(request, "community/partials/thread_list_results.html", context)
    return render(request, "community/tags_detail.html", context)


def _check_follow(*, member, tag) -> None:
    check_follow_permission(member=member)


@member_action(get_object=get_tag_or_404, check=_check_follow, object_name="tag")
def follow_tag(request, tag):
    following = wanted_state(request, "follow")
    follows.set_tag_following(tag=tag, member=request.user, following=following)
    if not request.htmx:
        messages.success(
            request,
            _("You follow #%(tag)s: we e-mail you about new threads with it.") % {"tag": tag.name}
            if following
            else _("You no longer follow #%(tag)s.") % {"tag": tag.name},
        )
    return htmx_or_redirect(
        request,
        to=tag,
        template="community/tags_follow_button.html",
        context={"tag": tag, "is_following": following},
    )


def tag_suggestions(request):
    """GET ?q=…: JSON of the tags the ask form's tag picker offers for what is typed."""
    tags = Tag.objects.matching(request.GET.get("q", "")[:32])[:SUGGESTIONS]
    return JsonResponse(
        {
            "tags": [
                {
                    "name": tag.name,
                    "threads": tag.thread_count,
                    "official": tag.is_official,
                    "description": tag.description,
                }
                for tag in tags
            ]
        }
    )


def thread_list_or_tag(request):
    """/questions/ as before; an old /questions/?tag=… link moves to the tag's own page."""
    name = request.GET.get("tag", "").strip().lower()
    tag = Tag.objects.filter(name=name).first() if name and not request.htmx else None
    if tag is None:
        return threads.thread_list(request)
    params = request.GET.copy()
    params.pop("tag")
    url = tag.get_absolute_url() + (f"?{params.urlencode()}" if params else "")
    return HttpResponsePermanentRedirect(url)
