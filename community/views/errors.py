"""Error pages with the site's header, footer and language (Django's defaults render
some of them without the request, so without branding)."""

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
