from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction

from community.models import Branding
from community.models.branding import BRANDING_CACHE_KEY


@transaction.atomic
def save_branding(*, branding: Branding) -> Branding:
    """Save the branding; e-mails sent by django-allauth greet with the same name, and
    every process shows the new branding on its next page."""
    from django.core.cache import cache

    branding.pk = 1  # the one row: an admin's "add" must not take the sequence's next id
    branding.full_clean()
    branding.save()
    Site.objects.filter(pk=settings.SITE_ID).update(name=branding.name)
    Site.objects.clear_cache()
    # Now for this process, and after commit for any process that read the old row meanwhile.
    cache.delete(BRANDING_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(BRANDING_CACHE_KEY))
    return branding
