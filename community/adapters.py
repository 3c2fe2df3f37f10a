import ipaddress
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community.emails import render_email
from community.models import Invitation
from community.outbox import enqueue
from community.services.invitations import accept_invitation
from community.site import absolute_url, on_public_address, public_site


class AccountAdapter(DefaultAccountAdapter):
    # Addresses allauth builds from the request's host; e-mails use the public address.
    PUBLIC_URL_KEYS = ("activate_url", "password_reset_url", "signup_url")

    def send_mail(self, template_prefix, email, context):
        """Render now (branded, in the recipient's language), send from the worker after commit."""
        enqueue("community.send_email", self.render_branded_mail(template_prefix, email, context))

    def render_branded_mail(self, template_prefix: str, email: str, context: dict) -> dict:
        """The send-e-mail task's arguments for one of allauth's e-mails: subject, text and
        HTML in our layout (community.emails), in the language of the member the address
        belongs to (the page's language when it belongs to nobody), links on SITE_URL."""
        member = context.get("user") or _member_with_address(email)
        if member is not None:
            language, time_zone = member.locale, member.time_zone
        else:
            language, time_zone = translation.get_language(), None
        context = {
            "request": allauth_context.request,
            "email": email,
            **context,
            "member": member,
            "current_site": public_site(),
        }
        for key in self.PUBLIC_URL_KEYS:
            if context.get(key):
                context[key] = on_public_address(context[key])
        context.setdefault("password_reset_url", absolute_url(reverse("account_reset_password")))
        message = render_email(
            subject_template=f"{template_prefix}_subject.txt",
            text_template=f"{template_prefix}_message.txt",
            html_template=f"{template_prefix}_message.html",
            context=context,
            language=language or settings.LANGUAGE_CODE,
            time_zone=time_zone,
        )
        return {
            "subject": self.format_email_subject(message.subject),
            "body": message.text,
            "html": message.html,
            "from_email": self.get_from_email(),
            "to": [email],
        }

    # --- invitations (community.services.invitations) -------------------------------------
    # "Join" on an invitation's page keeps the invitation in the session and fills in its
    # address (allauth's "account_verified_email"). The link came to that address, so
    # signing up with it needs no second confirmation e-mail and signs the newcomer in,
    # which accepts the invitation; another address is confirmed as usual and leaves the
    # invitation pending.

    def unstash_verified_email(self, request) -> None:
        """allauth would add the filled-in address to the account, verified, even when the
        person typed another one: only ``is_email_verified`` decides here."""
        super().unstash_verified_email(request)
        return None

    def is_email_verified(self, request, email: str) -> bool:
        invitation = invitation_in_session(request)
        return invitation is not None and invitation.email == email.lower()

    def post_login(self, request, user, *, signup: bool, **kwargs):
        """Signed in for the first time (with the invited address, or allauth would have
        asked to confirm it first): the invitation is accepted."""
        if signup:
            invitation = invitation_in_session(request)
            if invitation is not None:
                accept_invitation(invitation=invitation, by=user)
            request.session.pop(INVITATION_SESSION_KEY, None)
        return super().post_login(request, user, signup=signup, **kwargs)

    # Links in allauth's e-mails point at SITE_URL, not at the host the request came in on.
    def pre_login(self, request, user, **kwargs):
        """A suspended member does not get in: they see why and until when instead."""
        from community.permissions import is_suspended

        if is_suspended(user):
            from allauth.account.internal.stagekit import clear_login

            from community.views.moderation import suspended_response

            clear_login(request)
            return suspended_response(request, user)
        return super().pre_login(request, user, **kwargs)

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return on_public_address(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_public_address(super().get_reset_password_from_key_url(key))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """The key of allauth's "login_failed" rate limit: the address *and* the client.

        allauth keys failed sign-ins by address alone, so five wrong passwords from
        anywhere locked the real member out. With the client in the key a stranger only
        locks themselves out; the per-client limit still stops one client from trying
        many addresses. (allauth also clears this key after a password reset.)
        """
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{_client(self, request)}"


# The pending invitation whose "Join" this browser pressed (its id).
INVITATION_SESSION_KEY = "community_invitation"


def invitation_in_session(request):
    """The pending, unexpired invitation whose "Join" this browser pressed, or None."""
    pk = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
    if not isinstance(pk, int):
        return None
    return Invitation.objects.pending().filter(pk=pk, expires_at__gt=timezone.now()).first()


def _member_with_address(email: str):
    """The one active member `email` belongs to, or None."""
    members = [member for member in filter_users_by_email(email) if member.is_active]
    return members[0] if len(members) == 1 else None


def _client(adapter, request) -> str:
    """The client's address as allauth's rate limits see it (IPv6 by its /64 network,
    which one household or server usually has as a whole)."""
    address = ipaddress.ip_address(adapter.get_client_ip(request))
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin):
        """A provider whose (verified) e-mail belongs to an existing account does not
        sign anyone in to it: the person is asked to sign in first and connect the
        provider from the connections page. Unverified claims go on to allauth's own
        path, which tells the address's owner by e-mail and reveals nothing here."""
        if sociallogin.is_existing or sociallogin.state.get("process") == AuthProcess.CONNECT:
            return
        verified = [address.email for address in sociallogin.email_addresses if address.verified]
        if not any(filter_users_by_email(email) for email in verified):
            return
        messages.info(
            request,
            _(
                "An account with this e-mail address already exists. Sign in to it first, "
                "then connect your %(provider)s account under Connected accounts."
            )
            % {"provider": sociallogin.account.get_provider(request).name},
        )
        next_url = reverse("socialaccount_connections")
        raise ImmediateHttpResponse(
            redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        )
