import zoneinfo
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django_htmx.http import HttpResponseClientRedirect

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
    """Staff reach no page, the admin included, without a second factor in this session.

    Having an authenticator is not enough: the session itself must have passed it
    (allauth records each authentication step in the session). A staff member with TOTP
    whose session did not (signed in before setting it up, or by a path that skipped
    it) re-authenticates with a code through allauth's flow and comes back. With
    PEERDESK_REQUIRE_MFA_FOR_STAFF on, staff without TOTP set it up first.
    """

    ALLOWED_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/", "/brand.css")
    # Pages that lead out of the check: signing out, and the second factor itself.
    ALWAYS_ALLOWED = frozenset({"account_logout", "mfa_reauthenticate"})
    # Setting TOTP up asks for the password again first (allauth's reauthentication).
    SETUP_ALLOWED = frozenset({"mfa_index", "mfa_activate_totp", "account_reauthenticate"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return None
        if request.path.startswith(self.ALLOWED_PREFIXES):
            return None
        url_name = request.resolver_match.url_name if request.resolver_match else None
        if url_name in self.ALWAYS_ALLOWED:
            return None
        from allauth.mfa.models import Authenticator
        from allauth.mfa.utils import is_mfa_enabled

        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            if passed_second_factor(request):
                return None
            target = (
                f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
            )
        elif settings.PEERDESK_REQUIRE_MFA_FOR_STAFF and url_name not in self.SETUP_ALLOWED:
            target = reverse("mfa_activate_totp")
        else:
            return None
        if request.htmx:
            return HttpResponseClientRedirect(target)
        return redirect(target)


def passed_second_factor(request) -> bool:
    """Whether this session's sign-in (or a re-authentication since) included a second
    factor: a TOTP code or a recovery code."""
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


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


# The member's day whose visit this session already recorded (an ISO date).
VISIT_DAY_SESSION_KEY = "visit_day"


def remember_visit_day(request, member) -> None:
    """Record the member's visit on their first request of a day: the session says when it
    last did, so every later request that day costs nothing."""
    from community.services.reading import member_today, record_visit

    today = member_today(member)
    if request.session.get(VISIT_DAY_SESSION_KEY) == today.isoformat():
        return
    record_visit(member=member, day=today)
    request.session[VISIT_DAY_SESSION_KEY] = today.isoformat()


def record_visit_on_login(sender, request, user, **kwargs) -> None:
    """Signing in is a visit too (connected to ``user_logged_in`` in the app's ready())."""
    if request is not None and hasattr(request, "session"):
        remember_visit_day(request, user)


class VisitDayMiddleware:
    """Writes a signed-in member's visit day (community.models.MemberVisit) on their first
    request of the day; visitors' requests write nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            remember_visit_day(request, user)
        return self.get_response(request)


class MemberSanctionsMiddleware:
    """A suspended member's session ends on its next request (they see why and until when);
    a silenced member's requests carry ``request.silence`` (until, reason) for the notice
    every page shows. Below MemberPreferencesMiddleware: dates read in the member's time zone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from community.permissions import is_suspended, silenced_until

        user = getattr(request, "user", None)
        request.silence = None
        if user is not None and user.is_authenticated:
            if is_suspended(user):
                from django.contrib.auth import logout

                from community.views.moderation import suspended_response

                member = user
                logout(request)
                return suspended_response(request, member)
            until = silenced_until(user)
            if until is not None:
                request.silence = {"until": until, "reason": user.silence_reason}
        return self.get_response(request)
