from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from community.models import Space, Thread


class ThreadSitemap(Sitemap):
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


class SpaceSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return Space.objects.listed()


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["community:home", "community:threads", "community:guidelines", "community:privacy"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "spaces": SpaceSitemap, "threads": ThreadSitemap}
