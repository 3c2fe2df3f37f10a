"""Opening a suggestion from the ask form: recorded, then on to the article or thread."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from community.models import Thread
from knowledge.models import Article
from knowledge.services.deflection import (
    SESSION_OPENED,
    SESSION_OPENED_LIMIT,
    record_opening,
)


@never_cache
@require_GET
def open_suggestion(request, kind: str, pk: int):
    """GET /kb/suggestion/<article|thread>/<pk>/: records that the suggestion was opened
    (the member id, or the session key of a visitor: a session is made if there is none),
    then redirects to it. Only published articles and public threads; anything else 404."""
    if kind == "article":
        target = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
        opened = {"article": target}
    elif kind == "thread":
        target = get_object_or_404(Thread.objects.public(), pk=pk)
        opened = {"thread": target}
    else:
        raise Http404
    if request.user.is_authenticated:
        record_opening(by=request.user, **opened)
    else:
        if not request.session.session_key:
            request.session.save()  # a visitor's first page with a session: make its key
        opening = record_opening(session_key=request.session.session_key, **opened)
        # Kept so the opening is matched when this visitor signs in and asks (the sign-in
        # gives the session a new key: knowledge.services.deflection).
        ids = [i for i in request.session.get(SESSION_OPENED, []) if i != opening.pk]
        request.session[SESSION_OPENED] = [*ids, opening.pk][-SESSION_OPENED_LIMIT:]
    response = redirect(target.get_absolute_url())
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
