from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from community.views.health import healthz
from community.views.pages import switch_language

handler400 = "community.views.errors.bad_request"

admin.site.site_header = _("Peerdesk administration")
admin.site.site_title = _("Peerdesk admin")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("healthz", healthz, name="healthz"),
    path("i18n/language/", switch_language, name="switch_language"),
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
