import pytest
from django.urls import reverse

from tests.factories import StaffFactory, make_answer, make_thread


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model", ["member", "space", "branding", "tag", "thread", "post", "auditentry", "outboxmessage"]
)
def test_admin_lists_render(admin_client, model):
    make_answer(thread=make_thread())
    assert admin_client.get(reverse(f"admin:community_{model}_changelist")).status_code == 200


def test_outbox_is_read_only_in_the_admin(admin_client):
    from community.models import OutboxMessage

    message = OutboxMessage.objects.create(task_name="community.ping", last_error="refused")
    assert admin_client.get(reverse("admin:community_outboxmessage_changelist")).status_code == 200
    url = reverse("admin:community_outboxmessage_change", args=[message.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"task_name": "community.other"}).status_code == 403
    assert admin_client.get(reverse("admin:community_outboxmessage_add")).status_code == 403


def test_threads_are_read_only_in_the_admin(admin_client):
    thread = make_thread()
    url = reverse("admin:community_thread_change", args=[thread.pk])
    assert admin_client.get(url).status_code == 200  # viewable
    assert admin_client.post(url, {"title": "Changed behind the services"}).status_code == 403
    thread.refresh_from_db()
    assert thread.title != "Changed behind the services"


def test_branding_name_reaches_the_site_that_allauth_greets_with(admin_client):
    from django.contrib.sites.models import Site

    response = admin_client.post(
        reverse("admin:community_branding_add"),
        {
            "name": "Acme Help",
            "primary_colour": "#123456",
            "support_hours_en": "Always",
            "support_hours_de": "Immer",
            "contact_url": "",
        },
    )
    assert response.status_code == 302
    assert Site.objects.get_current().name == "Acme Help"
