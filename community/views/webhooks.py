"""/support/webhooks/: the support team sees what went to each helpdesk webhook, every
attempt of a delivery, and sends one again. Staff only; 404 for everyone else."""

import json

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.escalation.webhooks import (
    DeliveryInFlight,
    WebhookSwitchedOff,
    delivery_with_attempts,
    escalation_id_of,
    redeliver,
    webhooks_with_recent_deliveries,
)
from community.permissions import (
    check_redeliver_webhook_permission,
    check_see_webhooks_permission,
)


def webhook_list(request):
    """Each webhook with its newest deliveries: state, attempts, last answer, next try."""
    check_see_webhooks_permission(member=request.user)
    context = {
        "webhooks": webhooks_with_recent_deliveries(),
        "may_edit": request.user.has_perm("community.change_webhook"),
    }
    return render(request, "community/webhooks/list.html", context)


def _get_delivery_or_404(pk: int):
    delivery = delivery_with_attempts(pk)
    if delivery is None:
        raise Http404
    return delivery


def delivery_detail(request, pk):
    """One delivery: what it carries and every attempt to send it."""
    check_see_webhooks_permission(member=request.user)
    delivery = _get_delivery_or_404(pk)
    context = {
        "delivery": delivery,
        "escalation_id": escalation_id_of(delivery),
        "attempts": list(delivery.attempt_log.all()),
        "body": json.dumps(delivery.payload, indent=2, ensure_ascii=False),
    }
    return render(request, "community/webhooks/delivery.html", context)


@require_POST
def redeliver_delivery(request, pk):
    """The "Redeliver" button: a new attempt now, audited."""
    check_redeliver_webhook_permission(member=request.user)
    delivery = _get_delivery_or_404(pk)
    try:
        redeliver(delivery=delivery, by=request.user)
    except DeliveryInFlight:
        messages.error(
            request,
            _("This delivery is being sent right now. Look again in a minute."),
        )
    except WebhookSwitchedOff:
        messages.error(
            request,
            _("Its webhook is switched off. Switch it on in the admin, then redeliver."),
        )
    else:
        messages.success(
            request,
            _("The delivery is on its way again. Its attempts are listed below."),
        )
    return redirect("community:webhook_delivery", pk=delivery.pk)
