"""What the ask form asks for while the member types (htmx); the form itself is
community.views.threads.AskView."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from community.services.space_suggestion import suggest_space


def suggest_space_for_title(request):
    """GET ?title=…&space=…&suggested_space_shown=…: the space a title suggests (htmx).

    Answers 204 (nothing to swap, nothing re-announced) while the suggestion shown is still
    the right one; without htmx, the ask form with the title (it shows the suggestion)."""
    title = request.GET.get("title", "")
    if not request.htmx:
        return redirect(reverse("community:ask") + "?" + urlencode({"title": title}))
    space = suggest_space(title) if title.strip() else None
    chosen, shown = request.GET.get("space", ""), request.GET.get("suggested_space_shown", "")
    if space is not None and str(space.pk) == chosen:
        space = None  # already chosen: nothing to suggest
    if str(space.pk if space else "") == shown:
        response = HttpResponse(status=204)
    else:
        response = render(
            request, "community/partials/ask_space_suggestion.html", {"suggested_space": space}
        )
    patch_vary_headers(response, ("HX-Request",))
    return response
