import functools

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from community.models import Branding
from community.reversing import url_setting
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


SITE_LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
# The header's and footer's links, as ``shell_urls.<key>`` in templates.
SHELL_URLS = {
    "home": "community:home",
    "ask": "community:ask",
    "search": "community:search",
    "threads": "community:threads",
    "ideas": "community:ideas",
    "tags": "community:tags",
    "leaderboard": "gamification:leaderboard",
    "review": "community:review",
    "desk": "community:desk",
    "insights": "insights:dashboard",
    "notifications": "community:notifications",
    "profile_edit": "community:profile_edit",
    "admin": "admin:index",
    "login": "account_login",
    "logout": "account_logout",
    "signup": "account_signup",
    "guidelines": "community:guidelines",
    "privacy": "community:privacy",
    "switch_language": "switch_language",
    "brand_stylesheet": "community:brand_stylesheet",
}


@functools.cache
def _shell_urls(script_prefix: str, urlconf, root_urlconf: str) -> dict[str, str]:
    """Every page's header and footer show twenty of these: reversed one by one on each
    page, they were a sixth of a visitor's list page."""
    return {key: reverse(name) for key, name in SHELL_URLS.items()}


@functools.cache
def _language_choices(codes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The footer's language switch: each language's code and its own name for itself."""
    return [(code, capfirst(get_language_info(code)["name_local"])) for code in codes]


def site_shell(request):
    """What every page's header and footer need; the branding query runs only if used."""
    return {
        "branding": SimpleLazyObject(Branding.objects.current),
        "site_languages": _language_choices(SITE_LANGUAGE_CODES),
        "shell_urls": _shell_urls(*url_setting()),
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
