"""Two-factor authentication: staff need a second factor in the session itself."""

import time

import pytest
import time_machine
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

STAFF_PAGES = ["admin:index", "community:staff_waiting", "community:home"]


@pytest.fixture
def frozen_time():
    # A TOTP code changes every 30 s: freeze the clock so the code a test computes is
    # still the current one when the server checks it.
    with time_machine.travel(time.time(), tick=False):
        yield


@pytest.fixture
def totp_secret(staff, frozen_time):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    return secret


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def test_staff_without_totp_are_sent_to_set_it_up_when_required(client, staff, settings):
    settings.PEERDESK_REQUIRE_MFA_FOR_STAFF = True
    client.force_login(staff)
    response = client.get(reverse("community:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


def test_staff_setting_up_totp_get_the_brand_stylesheet(client, staff, settings):
    """The set-up page links /brand.css: sending that to the set-up page would unstyle it."""
    settings.PEERDESK_REQUIRE_MFA_FOR_STAFF = True
    client.force_login(staff)
    response = client.get(reverse("community:brand_stylesheet"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")


def test_customers_are_not_forced_into_mfa(member_client, settings):
    settings.PEERDESK_REQUIRE_MFA_FOR_STAFF = True
    assert member_client.get(reverse("community:home")).status_code == 200


def test_staff_are_free_when_mfa_is_not_required(client, staff, settings):
    settings.PEERDESK_REQUIRE_MFA_FOR_STAFF = False
    client.force_login(staff)
    assert client.get(reverse("community:home")).status_code == 200


def test_totp_setup_page_is_available_to_members(member_client):
    response = member_client.get(reverse("mfa_index"))
    assert response.status_code == 200


@pytest.mark.parametrize("required", [True, False])
@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_with_totp_whose_session_skipped_it_must_reauthenticate(
    client, staff, totp_secret, settings, required, page
):
    # Given a staff member with TOTP whose session never passed it (force_login stands
    # for "signed in before TOTP was set up" or any path that skipped the code)
    settings.PEERDESK_REQUIRE_MFA_FOR_STAFF = required
    client.force_login(staff)

    response = client.get(reverse(page))

    assert response.status_code == 302
    url = reverse(page)
    assert response["Location"] == f"{reverse('mfa_reauthenticate')}?next={url.replace('/', '%2F')}"


def test_staff_with_totp_whose_session_skipped_it_are_redirected_by_htmx_too(
    client, staff, totp_secret
):
    client.force_login(staff)
    response = client.get(reverse("community:staff_waiting"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("mfa_reauthenticate"))


def test_staff_reauthenticating_with_totp_reach_staff_pages(client, staff, totp_secret):
    client.force_login(staff)
    waiting = reverse("community:staff_waiting")

    wrong = client.post(f"{reverse('mfa_reauthenticate')}?next={waiting}", {"code": "000000"})
    assert wrong.status_code == 200  # the form again, with an error
    assert client.get(waiting).status_code == 302

    response = client.post(
        f"{reverse('mfa_reauthenticate')}?next={waiting}", {"code": current_code(totp_secret)}
    )

    assert response.status_code == 302
    assert response["Location"] == waiting
    assert client.get(waiting).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_signing_in_with_password_and_totp_reach_the_admin(
    client, staff, totp_secret, password
):
    # The admin's own sign-in hands over to allauth ...
    response = client.get(reverse("admin:login"), {"next": reverse("admin:index")})
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith(reverse("account_login"))

    # ... whose password step is followed by the TOTP step
    response = client.post(login_url, {"login": staff.email, "password": password})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in yet

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(totp_secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("community:staff_waiting")).status_code == 200


def test_staff_setting_up_totp_when_required_confirm_a_code_then_carry_on(
    client, staff, password, settings, frozen_time
):
    settings.PEERDESK_REQUIRE_MFA_FOR_STAFF = True
    client.force_login(staff)
    activate = reverse("mfa_activate_totp")
    assert client.get(reverse("community:staff_waiting"))["Location"] == activate

    # allauth asks for the password before showing the QR code ...
    response = client.get(activate)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.post(response["Location"], {"password": password})["Location"] == activate
    assert client.get(activate).status_code == 200
    secret = client.session["mfa.totp.secret"]

    # ... and after activation the session itself has not passed a second factor yet
    recovery_codes = client.post(activate, {"code": current_code(secret)})["Location"]
    response = client.get(recovery_codes)
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = client.post(response["Location"], {"code": current_code(secret)})
    assert response["Location"] == recovery_codes

    assert client.get(recovery_codes).status_code == 200
    assert client.get(reverse("community:staff_waiting")).status_code == 200
