from django.conf import settings
from django.utils.functional import SimpleLazyObject

from community.models import Branding


def site_shell(request):
    """What every page's header and footer need; the branding query runs only if used."""
    return {
        "branding": SimpleLazyObject(Branding.objects.current),
        "site_languages": settings.LANGUAGES,
    }
