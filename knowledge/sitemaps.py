from community.sitemaps import SiteUrlSitemap
from knowledge.models import Article, Section


class SectionSitemap(SiteUrlSitemap):
    changefreq = "weekly"

    def items(self):
        return Section.objects.listed()


class ArticleSitemap(SiteUrlSitemap):
    """Published articles only: drafts and archived ones are 404 to search engines."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only("pk", "slug", "updated_at", "section__slug")
            .order_by("-updated_at", "pk")
        )

    def lastmod(self, article):
        return article.updated_at
