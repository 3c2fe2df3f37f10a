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


class ReviewLink:
    """The review queue's link in the main menu, for members who review: its count is one
    query, read only when the page shows it."""

    def __init__(self, request):
        self._request = request

    @cached_property
    def may(self) -> bool:
        from community.permissions import may_review

        return may_review(self._request.user)

    @cached_property
    def pending(self) -> int:
        from community.selectors import review_queue_count

        return review_queue_count(self._request.user)


def site_shell(request):
    """What every page's header and footer need; the branding query runs only if used."""
    return {
        "branding": SimpleLazyObject(Branding.objects.current),
        "site_languages": settings.LANGUAGES,
        "bell": Bell(request),
        "review_link": ReviewLink(request),
        "nav_links": SimpleLazyObject(lambda: _nav_links(request)),
    }


def _nav_links(request) -> list[dict]:
    """Main-menu links other apps registered (community.extensions.register_nav_link)."""
    from community.extensions import nav_links

    match = getattr(request, "resolver_match", None)
    return nav_links(match.view_name if match else None)


def known_issues_banner(request):
    """The site-wide banner of open known issues (community.escalation.known_issues): read
    from the cache, so most pages spend no query on it, and the same for every visitor
    (nothing personal), so visitors' pages stay shareable."""
    from community.escalation.known_issues import banner

    return {"known_issues_banner": SimpleLazyObject(banner)}
