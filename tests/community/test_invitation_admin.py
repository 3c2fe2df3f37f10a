"""Invitations in the Django admin: read-only, except "Revoke" (through the service)."""

import pytest
from django.urls import reverse

from community.models import InvitationStatus, TrustLevel
from community.services.invitations import send_invitation
from community.signals import invitation_revoked
from tests.factories import MemberFactory, StaffFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.fixture
def invitation(db):
    inviter = MemberFactory(trust_level=TrustLevel.MEMBER)
    return send_invitation(by=inviter, email="friend@example.org")


def test_invitations_are_listed_and_read_only(admin_client, invitation):
    assert admin_client.get(reverse("admin:community_invitation_changelist")).status_code == 200
    change_url = reverse("admin:community_invitation_change", args=[invitation.pk])
    assert admin_client.get(change_url).status_code == 200
    assert admin_client.post(change_url, {"status": "accepted"}).status_code == 403
    assert admin_client.get(reverse("admin:community_invitation_add")).status_code == 403
    delete_url = reverse("admin:community_invitation_delete", args=[invitation.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_revoke_in_the_admin_goes_through_the_service(admin_client, invitation, listen):
    calls = listen(invitation_revoked)
    response = admin_client.post(
        reverse("admin:community_invitation_changelist"),
        {"action": "revoke_selected", "_selected_action": [invitation.pk]},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED and invitation.email == ""
    assert len(calls) == 1
