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


SITEMAPS = {"pages": PageSitemap, "spaces": SpaceSitemap, "threads": ThreadSitemap}
