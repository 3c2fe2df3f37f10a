from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from community.i18n import remember_language
from community.services.members import update_profile
from community.site import absolute_url


@require_POST
def switch_language(request):
    """Like Django's set_language, and a signed-in member keeps the choice on every device."""
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
)


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {absolute_url(reverse('community:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
