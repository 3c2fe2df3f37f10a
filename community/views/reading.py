"""The thread page's reports: reading (static/js/reading.js: the thread counts as read,
and the time the page was visible counts as time spent reading) and views
(static/js/views.js: the thread's page was opened, for the dashboard's reach)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from community.caching import leaves_visitor_pages_alone
from community.permissions import is_signed_in
from community.services.reading import record_reading_time, record_thread_read
from community.services.view_counts import (
    first_view_in_window,
    looks_like_a_robot,
    record_thread_view,
)
from community.views.helpers import get_visible_thread_or_404, rate_limit_visitor


@require_POST
@leaves_visitor_pages_alone
def report_reading(request, pk):
    """POST ``seconds`` (the visible time since the last report, 0 on opening the page).
    Answers 204; the service caps what it credits. Visitors are refused and nothing is
    written."""
    if not is_signed_in(request.user):
        raise PermissionDenied
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    try:
        seconds = int(request.POST.get("seconds", "0"))
    except ValueError:
        seconds = 0
    record_thread_read(member=request.user, thread=thread)
    record_reading_time(member=request.user, seconds=seconds)
    return HttpResponse(status=204)


@csrf_exempt  # a counter only: it acts for no member, so there is nothing to forge
@require_POST
@leaves_visitor_pages_alone
def thread_viewed(request, pk):
    """The thread's page was shown (a beacon, sent once per page load by members and
    visitors alike). Answers 204 whether or not it counted: robots and a client's repeat
    views within the window are not counted; a thread the client may not see is a 404."""
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    if not looks_like_a_robot(request.headers.get("User-Agent", "")) and first_view_in_window(
        page=f"thread:{thread.pk}", client=rate_limit_visitor(request)
    ):
        record_thread_view(thread)
    return HttpResponse(status=204)
