"""The reference page: a Django template over 50 rows read with one query.

It is what any Django page costs before it does anything of its own, so the
benchmark prints every page's time as a multiple of it, measured in the same run.
This module is a URLconf that adds the page to the site's URLs; the benchmark
command switches to it (ROOT_URLCONF) while it runs. The site never routes it.
"""

from django.shortcuts import render
from django.urls import path

from community.models import Thread
from config.urls import handler400
from config.urls import urlpatterns as site_urlpatterns

BARE_URL = "/__bench__/bare/"


def bare_page(request):
    rows = Thread.objects.order_by("-pk").values(
        "pk", "title", "answer_count", "status", "last_activity_at"
    )[:50]
    return render(request, "benchmark/bare.html", {"rows": rows})


urlpatterns = [path(BARE_URL.strip("/") + "/", bare_page), *site_urlpatterns]

__all__ = ["BARE_URL", "handler400", "urlpatterns"]
