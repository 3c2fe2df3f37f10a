from functools import wraps
from importlib import import_module

from allauth.account.decorators import secure_admin_login
from allauth.socialaccount import providers
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from community.views.health import healthz
from community.views.pages import switch_language

handler400 = "community.views.errors.bad_request"

admin.site.site_header = _("Peerdesk administration")
admin.site.site_title = _("Peerdesk admin")
# The admin has no sign-in form of its own: /admin/login/ sends visitors to allauth's,
# so the admin gets the same rate limits and the second factor as the rest of the site.
# https://docs.allauth.org/en/latest/common/admin.html
admin.site.login = secure_admin_login(admin.site.login)


def _only_when_configured(view, provider_id: str):
    """The provider's view, answering 404 while no Social application is configured
    for it (allauth would fail with a 500 looking the application up)."""

    @wraps(view)
    def gated(request, *args, **kwargs):
        if not get_social_adapter(request).list_apps(request, provider=provider_id):
            raise Http404("No such sign-in provider.")
        return view(request, *args, **kwargs)

    return gated


def _gate(patterns, provider_id: str) -> list:
    gated = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            gated.append(
                URLResolver(
                    pattern.pattern,
                    _gate(pattern.url_patterns, provider_id),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        else:
            gated.append(
                URLPattern(
                    pattern.pattern,
                    _only_when_configured(pattern.callback, provider_id),
                    pattern.default_args,
                    pattern.name,
                )
            )
    return gated


def social_provider_urlpatterns() -> list:
    """Every installed provider's addresses (login, callback, token, …), gated.

    They come before allauth's own copies in urlpatterns, so they are the ones that
    answer; the names are the same, so reverse() is unaffected.
    """
    patterns = []
    for provider_class in providers.registry.get_class_list():
        if not provider_class.uses_apps:
            continue
        module = import_module(f"{provider_class.get_package()}.urls")
        patterns += _gate(getattr(module, "urlpatterns", []), provider_class.id)
    return patterns


urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(social_provider_urlpatterns())),
    path("accounts/", include("allauth.urls")),
    path("healthz", healthz, name="healthz"),
    path("i18n/language/", switch_language, name="switch_language"),
    path("staff/insights/", include("insights.urls")),
    path("", include("knowledge.urls")),
    path("", include("gamification.urls")),
    path("", include("community.urls")),
]

if settings.SERVE_MEDIA:
    # Uploads served by Django itself: fine for one machine; in production a proxy
    # or object storage serves MEDIA_URL and SERVE_MEDIA is off.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
