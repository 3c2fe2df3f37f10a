from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from community.models import Space, Thread
from community.site import site_domain, site_scheme


class SiteUrlSitemap(Sitemap):
    """Locations on SITE_URL, whatever host the request for the sitemap came in on."""

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_domain()


class ThreadSitemap(SiteUrlSitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return (
            Thread.objects.public()
            .only("pk", "slug", "last_activity_at")
            .order_by("-last_activity_at")
        )

    def lastmod(self, thread):
        return thread.last_activity_at


class SpaceSitemap(SiteUrlSitemap):
    changefreq = "hourly"

    def items(self):
        return Space.objects.listed()


class PageSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "community:home",
            "community:threads",
            "community:ideas",
            "community:guidelines",
            "community:privacy",
        ]

    def location(self, item):
        return reverse(item)


class _Sitemaps(dict):
    """Community's sitemaps plus those other apps registered (community.extensions), read
    when /sitemap.xml is asked for, so the order apps load in does not matter."""

    def _all(self) -> dict:
        from community.extensions import registered_sitemaps

        return {**dict(super().items()), **registered_sitemaps()}

    def items(self):
        return self._all().items()

    def values(self):
        return self._all().values()

    def __contains__(self, key):
        return key in self._all()

    def __getitem__(self, key):
        return self._all()[key]


SITEMAPS = _Sitemaps(pages=PageSitemap, spaces=SpaceSitemap, threads=ThreadSitemap)
