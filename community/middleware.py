import zoneinfo

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation


class MemberPreferencesMiddleware:
    """Speak the member's language and show times in the member's time zone.

    Visitors get the language LocaleMiddleware negotiated (cookie, then
    Accept-Language) and the site's time zone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
            if user.locale in dict(settings.LANGUAGES):
                translation.activate(user.locale)
                request.LANGUAGE_CODE = user.locale
        else:
            timezone.deactivate()
        try:
            response = self.get_response(request)
        finally:
            timezone.deactivate()  # the next request on this thread starts clean
        if user is not None and user.is_authenticated:
            language = request.LANGUAGE_CODE
            if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
        return response


class StaffMfaMiddleware:
    """With PEERDESK_REQUIRE_MFA_FOR_STAFF on, staff set up TOTP before anything else."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PEERDESK_REQUIRE_MFA_FOR_STAFF and self._must_set_up_mfa(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_mfa(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return False
        if request.path.startswith(self.ALLOWED_PREFIXES):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
