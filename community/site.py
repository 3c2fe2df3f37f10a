"""The community's public address: one setting, used wherever an absolute URL is built.

``settings.SITE_URL`` (e.g. ``https://community.example.com``) names the address
visitors use. Links in e-mails, the sitemap, robots.txt, canonical links and
structured data are built from it, never from the host a request happened to
arrive on (a worker has no request, and a proxy may rewrite the host).
django.contrib.sites' row follows it after every ``migrate`` for the code of
others that reads it (allauth, the admin's "View site").
"""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def site_url() -> str:
    """``SITE_URL`` without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (starting with /) on the public address."""
    return site_url() + path


def site_scheme() -> str:
    return urlsplit(settings.SITE_URL).scheme or "https"


def site_domain() -> str:
    """Host and port of the public address, e.g. ``community.example.com``."""
    return urlsplit(settings.SITE_URL).netloc or "localhost"


def on_public_address(url: str) -> str:
    """`url` (absolute or a path) moved to the public address, path and query kept."""
    parts = urlsplit(url)
    public = urlsplit(site_url())
    return urlunsplit((public.scheme, public.netloc, parts.path, parts.query, parts.fragment))


@dataclass(frozen=True)
class PublicSite:
    """What e-mail templates read as ``current_site``: the public host and the brand."""

    domain: str
    name: str


def public_site() -> PublicSite:
    from community.models import Branding

    return PublicSite(domain=site_domain(), name=Branding.objects.current().name)


def sync_site_row(**kwargs) -> None:
    """Point django.contrib.sites' current Site at SITE_URL (a post_migrate receiver)."""
    from django.contrib.sites.models import Site

    from community.models import Branding

    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": site_domain(), "name": Branding.objects.current().name},
    )
    Site.objects.clear_cache()
