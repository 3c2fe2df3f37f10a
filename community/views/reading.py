"""The thread page's reading reports (static/js/reading.js): the thread counts as read,
and the time the page was visible counts as time spent reading."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.views.decorators.http import require_POST

from community.caching import leaves_visitor_pages_alone
from community.permissions import is_signed_in
from community.services.reading import record_reading_time, record_thread_read
from community.views.helpers import get_visible_thread_or_404


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
