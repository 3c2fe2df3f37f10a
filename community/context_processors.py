from django.conf import settings
from django.utils.functional import SimpleLazyObject, cached_property

from community.models import Branding
from community.services.notices import unread_count


class Bell:
    """The header's notification bell. Its count is read (one query) only when a page shows
    it, and once per page however often the page asks: visitors' pages never do."""

    def __init__(self, request):
        self._request = request

    @cached_property
    def unread(self) -> int:
        return unread_count(self._request.user)


def site_shell(request):
    """What every page's header and footer need; the branding query runs only if used."""
    return {
        "branding": SimpleLazyObject(Branding.objects.current),
        "site_languages": settings.LANGUAGES,
        "bell": Bell(request),
    }
