"""A demo invitation: a super user asked a friend by e-mail to help with an open question,
and the friend has not answered yet (so /settings/invitations/ has something to show).

Through the service (community.services.invitations), like the rest of the demo. Call it
after the demo threads exist, inside the seeding's transaction, with tasks muted (no
e-mail leaves the demo). An accepted invitation would need a newcomer who is none of the
demo people: the demo leaves that to whoever tries the invitation's link."""

from community.models import Invitation, Thread, ThreadKind
from community.permissions import super_users
from community.services.invitations import send_invitation

ADDRESS = "sam.friend@example.com"
# In the inviter's language, like the question it leads to.
MESSAGE = {
    "en": "I think you know this one – come and have a look.",
    "de": "Ich glaube, hier kennst du dich aus – schau doch mal rein.",
}


def seed_invitations() -> int:
    """Returns how many invitations it sent (none without a super user or an open question,
    or when the demo already has invitations)."""
    inviter = super_users().order_by("pk").first()
    if inviter is None:
        return 0
    question = (
        Thread.objects.filter(
            kind=ThreadKind.QUESTION, solution__isnull=True, deleted_at__isnull=True,
            hidden_at__isnull=True, merged_into__isnull=True, language=inviter.locale,
        )
        .order_by("-created_at", "-pk")
        .first()
    )  # fmt: skip
    if question is None or Invitation.objects.exists():
        return 0
    message = MESSAGE.get(inviter.locale, MESSAGE["en"])
    send_invitation(by=inviter, email=ADDRESS, thread=question, message=message)
    return 1
