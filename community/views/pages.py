import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from community.i18n import remember_language
from community.models import Branding
from community.services.members import update_profile
from community.site import absolute_url


@csrf_exempt
@require_POST
def switch_language(request):
    """Like Django's set_language, and a signed-in member keeps the choice on every device.

    A visitor's switch only sets the language cookie, which nobody can abuse, so it needs no
    CSRF token: the pages visitors see carry none, set no cookie, and caches can share them.
    A member's choice is saved to the profile, so their form is checked like every other.
    """
    if request.user.is_authenticated:
        return _save_language(request)
    return _switch_language(request)


def _switch_language(request):
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        update_profile(member=request.user, by=request.user, locale=language)
    remember_language(response, language)
    return response


_save_language = csrf_protect(_switch_language)


# All the stylesheet ever prints: a stored value of any other shape gives the default colour.
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def brand_stylesheet(request):
    """The brand colour as CSS (base.html links it; an inline <style> would need a nonce).

    The link names the colour (``?v=0b5cad``), so a browser may keep the answer for a year;
    a page that still names an old colour gets the new one, kept for a minute.
    """
    colour = Branding.objects.current().primary_colour
    if not _HEX_COLOUR.fullmatch(colour or ""):
        colour = Branding._meta.get_field("primary_colour").default
    response = HttpResponse(f":root {{ --brand: {colour}; }}\n", content_type="text/css")
    if request.GET.get("v", "").lower() == colour[1:].lower():
        patch_cache_control(response, public=True, max_age=365 * 24 * 60 * 60, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=60)
    return response


class GuidelinesView(TemplateView):
    template_name = "pages/guidelines.html"


class PrivacyView(TemplateView):
    template_name = "pages/privacy.html"


# Pages that are private, per member, or endless variations of a list: not for crawlers.
ROBOTS_DISALLOW = (
    "/admin/",
    "/accounts/",
    "/staff/",
    "/settings/",
    "/ask/",
    "/search/",
    "/preview/",
    "/uploads/",
    "/unsubscribe/",
    # The support team's pages and private channels: nothing there is for a crawler.
    "/support/",
    "/cases/",
    "/hooks/",
    "/review/",
)


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {absolute_url(reverse('community:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
