import pytest
from django.urls import reverse

from tests.factories import PASSWORD, StaffFactory, make_answer, make_thread
from tests.rate_limits import use_configured_rate_limits


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model", ["member", "space", "branding", "tag", "thread", "post", "auditentry"]
)
def test_admin_lists_render(admin_client, model):
    make_answer(thread=make_thread())
    assert admin_client.get(reverse(f"admin:community_{model}_changelist")).status_code == 200


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


@pytest.fixture
def rate_limits(settings):
    return use_configured_rate_limits(settings)


def test_admin_login_form_hands_over_to_allauth(client, db):
    staff = StaffFactory(is_superuser=True)
    # A password posted to the admin's own form signs nobody in ...
    response = client.post(
        reverse("admin:login"), {"username": staff.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    # ... the visitor is sent to allauth's form, which brings them back to the admin.
    response = client.post(response["Location"], {"login": staff.email, "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_login_is_rate_limited_like_every_sign_in(client, db, rate_limits):
    staff = StaffFactory(is_superuser=True)
    login_url = client.get(reverse("admin:index"), follow=True).redirect_chain[-1][0]
    assert login_url.startswith(reverse("account_login"))

    statuses = [
        client.post(login_url, {"login": staff.email, "password": f"guess-{n}"}).status_code
        for n in range(50)
    ]

    # allauth stops the guessing: too many failures, then too many attempts (429) ...
    assert statuses[-1] == 429
    # ... and the right password from the guessing client gets nowhere either.
    client.post(login_url, {"login": staff.email, "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 302
