"""The generated brand mark (header, favicon, admin, e-mails) and /favicon.ico.

The mark's URL carries a version that changes with the brand's name and colour, so a
response for the current version may be cached for a year; an old or missing version is
answered with the current drawing and a short lifetime.
"""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from community import brand_mark
from community.models import Branding

YEAR = 365 * 24 * 3600
FIVE_MINUTES = 300
CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


@require_safe
def mark(request, kind: str):
    if kind not in CONTENT_TYPES:
        raise Http404("No such image type.")
    branding = Branding.objects.current()
    version = branding.mark_version
    etag = f'"{version}-{kind}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    drawing = {"svg": brand_mark.svg, "png": brand_mark.png}[kind]
    response = HttpResponse(
        drawing(name=branding.name, colour=branding.primary_colour),
        content_type=CONTENT_TYPES[kind],
    )
    response["ETag"] = etag
    if request.GET.get("v") == version:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=FIVE_MINUTES)
    return response


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico without reading the page."""
    response = HttpResponseRedirect(Branding.objects.current().favicon_url)
    patch_cache_control(response, public=True, max_age=FIVE_MINUTES)
    return response
