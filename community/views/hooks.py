"""/hooks/helpdesk/: the helpdesk tells us about its side of an escalation (signed calls
following the Standard Webhooks convention; see docs/helpdesk-inbound.md)."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from community.escalation.inbound import InboundError, handle_helpdesk_call


@csrf_exempt
@require_POST
def helpdesk(request):
    try:
        handle_helpdesk_call(body=request.body, headers=request.headers)
    except InboundError as error:
        return JsonResponse({"error": error.message}, status=error.status)
    return HttpResponse(status=204)
