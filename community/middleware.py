import zoneinfo

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation

from community.i18n import remember_language


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
                remember_language(response, language)
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


class NulCharactersMiddleware:
    """A NUL character in an address is never meant, and PostgreSQL refuses it deep
    inside a query (SQLite silently accepts it). In the query string it becomes a
    space; in the path, where it cannot be repaired, the answer is 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            from community.views.errors import bad_request

            return bad_request(request)
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
            "QUERY_STRING", ""
        ):
            cleaned = request.GET.copy()
            for key, values in request.GET.lists():
                cleaned.setlist(key, [value.replace("\x00", " ") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
