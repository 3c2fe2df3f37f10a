from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction

from community.models import Branding


@transaction.atomic
def save_branding(*, branding: Branding) -> Branding:
    """Save the branding; e-mails sent by django-allauth greet with the same name."""
    branding.full_clean()
    branding.save()
    Site.objects.filter(pk=settings.SITE_ID).update(name=branding.name)
    Site.objects.clear_cache()
    return branding
