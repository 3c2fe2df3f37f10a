"""/support/webhooks/: the support team's view of the helpdesk webhooks; 404 for others."""

from datetime import UTC, datetime

import pytest
import requests
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.escalation.events import record_event
from community.escalation.webhooks import new_secret
from community.models import (
    AuditAction,
    AuditEntry,
    DeliveryState,
    EscalationEventKind,
    TrustLevel,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)
from tests.factories import MemberFactory, StaffFactory, make_escalation

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LIST = reverse("community:webhooks")


class Answer:
    def __init__(self, status):
        self.status = status
        self.calls = 0

    def __call__(self, url, **kwargs):
        self.calls += 1
        response = requests.Response()
        response.status_code = self.status
        response._content = b"nope"
        response._content_consumed = True
        return response


@pytest.fixture
def receiver(monkeypatch):
    answer = Answer(204)
    monkeypatch.setattr("community.escalation.webhooks.requests.post", answer)
    return answer


@pytest.fixture
def failed_delivery(db):
    webhook = Webhook.objects.create(
        name="Zendesk", url="https://helpdesk.example.com/in", secrets=new_secret()
    )
    with time_machine.travel(START, tick=False):
        record_event(escalation=make_escalation(), kind=EscalationEventKind.CREATED)
    delivery = WebhookDelivery.objects.get(webhook=webhook)
    WebhookAttempt.objects.create(
        delivery=delivery, attempted_at=START, status_code=503, error="Service Unavailable"
    )
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.FAILED, attempts=1, last_status_code=503, next_attempt_at=None
    )
    return delivery


@pytest.mark.parametrize(
    "who",
    ["visitor", "member", "super user"],
)
def test_webhook_pages_do_not_exist_for_anyone_but_staff(client, failed_delivery, who):
    if who != "visitor":
        level = TrustLevel.LEADER if who == "super user" else TrustLevel.BASIC
        client.force_login(MemberFactory(trust_level=level))
    detail = reverse("community:webhook_delivery", kwargs={"pk": failed_delivery.pk})
    redeliver = reverse("community:webhook_redeliver", kwargs={"pk": failed_delivery.pk})
    assert client.get(LIST).status_code == 404
    assert client.get(detail).status_code == 404
    assert client.post(redeliver).status_code == 404
    failed_delivery.refresh_from_db()
    assert failed_delivery.state == DeliveryState.FAILED


def test_staff_see_each_webhook_with_its_deliveries(
    client, failed_delivery, django_assert_max_num_queries
):
    Webhook.objects.create(
        name="CRM", url="https://crm.example.com/in", secrets=new_secret(), is_active=False
    )
    client.force_login(StaffFactory())
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Zendesk" in page and "https://helpdesk.example.com/in" in page
    assert "escalation.created" in page
    assert "Given up" in page and "HTTP 503" in page
    assert "CRM" in page and "switched off" in page
    assert "Nothing was sent to this webhook yet." in page
    redeliver = reverse("community:webhook_redeliver", kwargs={"pk": failed_delivery.pk})
    assert f'action="{redeliver}"' in page  # a failed one can be sent again from the list


def test_the_list_query_count_does_not_grow_with_webhooks(
    client, failed_delivery, django_assert_num_queries
):
    staff = StaffFactory()
    client.force_login(staff)
    client.get(LIST)  # warm (session, branding)
    with CaptureQueriesContext(connection) as first:
        client.get(LIST)
    for number in range(3):
        hook = Webhook.objects.create(
            name=f"Hook {number}", url="https://x.example.com/", secrets=new_secret()
        )
        record_event(escalation=make_escalation(), kind=EscalationEventKind.CREATED)
        assert hook.deliveries.exists()
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(LIST)


def test_staff_see_a_deliverys_attempts_and_body(client, failed_delivery):
    client.force_login(StaffFactory())
    response = client.get(reverse("community:webhook_delivery", kwargs={"pk": failed_delivery.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert failed_delivery.message_id in page
    assert "Service Unavailable" in page
    assert "Redeliver" in page
    assert "&quot;version&quot;: 1" in page
    assert (
        client.get(reverse("community:webhook_delivery", kwargs={"pk": 999999})).status_code == 404
    )


def test_staff_redeliver_a_failed_delivery(
    client, failed_delivery, receiver, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    client.force_login(staff)
    url = reverse("community:webhook_redeliver", kwargs={"pk": failed_delivery.pk})
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "community:webhook_delivery", kwargs={"pk": failed_delivery.pk}
    )
    assert "on its way again" in response.content.decode()
    failed_delivery.refresh_from_db()
    assert failed_delivery.state == DeliveryState.DELIVERED
    assert receiver.calls == 1
    assert AuditEntry.objects.filter(action=AuditAction.REDELIVER_WEBHOOK, actor=staff).count() == 1


def test_the_webhook_page_speaks_german(client, failed_delivery):
    client.force_login(StaffFactory(locale="de"))
    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="de")
    page = response.content.decode()
    assert "Webhooks zum Helpdesk" in page


# --- the admin ------------------------------------------------------------------------------


def test_admin_adds_a_webhook_with_checked_secrets_and_chosen_events(admin_client):
    url = reverse("admin:community_webhook_add")
    form = admin_client.get(url).content.decode()
    assert "whsec_" in form  # a fresh secret is offered
    data = {
        "name": "Helpdesk",
        "url": "https://helpdesk.example.com/in",
        "is_active": "on",
        "event_types": ["escalation.created", "escalation.resolved"],
        "secrets": "whsec_not base64!",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Line 1 is not a signing secret" in response.content.decode()
    assert "https://helpdesk.example.com/in" in response.content.decode()  # what was typed stays

    old, new = new_secret(), new_secret()
    response = admin_client.post(url, {**data, "secrets": f" {old}\n\n{new} "})
    assert response.status_code == 302
    webhook = Webhook.objects.get()
    assert webhook.event_types == ["escalation.created", "escalation.resolved"]
    assert webhook.secrets == f"{old}\n{new}"


def test_admin_shows_a_delivery_with_its_attempts_and_redelivers_it(
    admin_client, failed_delivery, receiver, django_capture_on_commit_callbacks
):
    page = admin_client.get(
        reverse("admin:community_webhookdelivery_change", args=[failed_delivery.pk])
    ).content.decode()
    assert "Service Unavailable" in page
    for name in ("escalation", "escalationevent", "satisfactionsurvey", "webhookdelivery"):
        assert admin_client.get(reverse(f"admin:community_{name}_changelist")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:community_webhookdelivery_changelist"),
            {"action": "redeliver_selected", "_selected_action": [failed_delivery.pk]},
        )
    failed_delivery.refresh_from_db()
    assert failed_delivery.state == DeliveryState.DELIVERED
    assert AuditEntry.objects.filter(action=AuditAction.REDELIVER_WEBHOOK).count() == 1


def test_redeliver_to_a_switched_off_webhook_says_so_and_sends_nothing(
    client, failed_delivery, receiver
):
    Webhook.objects.update(is_active=False)
    client.force_login(StaffFactory())
    url = reverse("community:webhook_redeliver", kwargs={"pk": failed_delivery.pk})
    response = client.post(url, follow=True)
    assert "Its webhook is switched off" in response.content.decode()
    failed_delivery.refresh_from_db()
    assert failed_delivery.state == DeliveryState.FAILED
    assert receiver.calls == 0
    assert not AuditEntry.objects.filter(action=AuditAction.REDELIVER_WEBHOOK).exists()
