import ipaddress
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from community.outbox import enqueue
from community.site import on_public_address, public_site


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render now (in the member's language), send from the Celery worker after commit."""
        request = allauth_context.request
        context = {"request": request, "email": email, **context, "current_site": public_site()}
        message = self.render_mail(template_prefix, email, context)
        payload = {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "html": next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                None,
            ),
        }
        enqueue("community.send_email", payload)

    # Links in allauth's e-mails point at SITE_URL, not at the host the request came in on.
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
