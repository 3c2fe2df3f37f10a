from django.urls import reverse


def test_staff_without_totp_are_sent_to_set_it_up_when_required(client, staff, settings):
    settings.PEERDESK_REQUIRE_MFA_FOR_STAFF = True
    client.force_login(staff)
    response = client.get(reverse("community:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


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
