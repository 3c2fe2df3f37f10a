"""Pages a cache can serve: visitors share public pages, validated by one content version.

A visitor's GET (no session or messages cookie, no Authorization header) gets a page that
sets no cookie and is sent with ``Cache-Control: public, max-age=…``, ``Vary: Accept-Language,
Cookie, HX-Request, HX-Target`` and a weak ETag made of the content version, the address and
the language. A proxy in front (nginx, a CDN) may serve it to every visitor; asked again with
``If-None-Match`` the answer is a 304 that costs one query and no rendering. Optionally the page
is also kept in Django's "pages" cache under the same key, so a proxy-less site serves a
repeated visitor request without rendering it.

The content version grows with every change: ``VisitorCacheMiddleware`` bumps it after any
unsafe request (POST, …) by a signed-in member that was not refused (4xx). That catches
every write made through the web — services, the admin, other apps' views, allauth's
profile pages — without any of them having to remember it. A write outside a request (a
Celery task, a management command) that changes what visitors see calls
``bump_content_version_on_commit()``; PEERDESK_VISITOR_PAGE_LIFETIME bounds what a forgotten
one can cost. A visitor's unsafe request (sign-in, sign-up, language) bumps nothing, so
strangers cannot empty the cache.

What keeps a page out (it is then sent ``private, no-cache``): a response that sets a cookie
(sign-in forms carry the CSRF token, a flash message was stored), uses the CSP nonce (a shared
copy would reuse it), or came out in another language than the request asks for. Members'
pages and those of visitors who carry a session are private too. Responses that already say
how to cache them (``never_cache``, …) are left as they are.
"""

import hashlib
import time
from functools import cache, wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from community.models import ContentVersion

PAGE_CACHE = "pages"
SAFE_METHODS = ("GET", "HEAD")
# What a visitor's page depends on besides its address: the language (cookie, else the
# browser's Accept-Language), whether a session or flash message comes along, and htmx.
VARY = ("Accept-Language", "Cookie", "HX-Request", "HX-Target")
# A stored page is served without these: the middlewares above this one add fresh ones.
UNSTORED_HEADERS = frozenset(
    {"set-cookie", "date", "content-security-policy", "content-security-policy-report-only"}
)


# --- the content version --------------------------------------------------------------------


@cache
def _content_version_sql() -> str:
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    return f"SELECT number, changed_at FROM {table} WHERE id = 1"


def content_version() -> str:
    """The current content version as a token (one query; "0" before the first write).

    Read on every visitor's request, so without the ORM: building the query cost more than
    running it. The token only has to change when the row does, so ``changed_at`` is taken
    as the database hands it over (a string on SQLite, a datetime elsewhere)."""
    with connection.cursor() as cursor:
        cursor.execute(_content_version_sql())
        row = cursor.fetchone()
    if row is None:
        return "0"
    number, changed_at = row
    return f"{number}.{changed_at}"


def bump_content_version() -> None:
    """Make every page cached for visitors stale: their keys and ETags change.

    Runs in its own short statement; call it after the write committed (the middleware does,
    after the response; elsewhere use ``bump_content_version_on_commit``).
    """
    ContentVersion.bump()


def leaves_visitor_pages_alone(view):
    """For a member's POST that changes nothing a visitor sees (a reading-time report every
    half minute): no content-version bump, so visitors' cached pages stay valid."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.leaves_visitor_pages_alone = True
        return response

    return wrapped


def bump_content_version_on_commit() -> None:
    """For writes outside a web request (tasks, commands) that change what visitors see."""
    transaction.on_commit(bump_content_version)


# --- who gets a shared page ------------------------------------------------------------------


def is_visitor_request(request) -> bool:
    """Nothing in the request could make the page someone's own: no session (so no member
    and no draft), no flash message waiting, no credentials."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _page_digest(request, *, version: str, language: str) -> str:
    """The key of a visitor's page and its ETag; the same for every process.

    The page lifetime starts at an offset of its own per address, so pages do not all
    expire in the same second.
    """
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    lifetime = max(1, settings.PEERDESK_VISITOR_PAGE_LIFETIME)
    offset = int.from_bytes(hashlib.blake2b(address.encode(), digest_size=4).digest()) % lifetime
    period = int((time.time() + offset) // lifetime)
    parts = (
        version,
        str(period),
        language,
        address,
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
    )
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _etag_matches(request, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    if not header:
        return False
    wanted = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == wanted for tag in parse_etags(header))


def _make_public(response, etag: str) -> None:
    patch_cache_control(response, public=True, max_age=settings.PEERDESK_VISITOR_MAX_AGE)
    patch_vary_headers(response, VARY)
    response["ETag"] = etag


def keep_private(response) -> None:
    """Only the browser that asked may keep this response, and it asks again before using it."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def _uses_page_cache(request) -> bool:
    return settings.PEERDESK_VISITOR_PAGE_CACHE and not request.path.startswith(
        tuple(settings.PEERDESK_VISITOR_PAGE_CACHE_SKIP)
    )


def _stored(response) -> tuple[bytes, list[tuple[str, str]]]:
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in UNSTORED_HEADERS]
    return response.content, headers


def _from_stored(entry) -> HttpResponse:
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    return response


# --- the middleware --------------------------------------------------------------------------


class VisitorCacheMiddleware:
    """Public, validated pages for visitors; private ones for members; a bump after writes.

    Sits above the session, CSRF, message and locale middlewares, so it sees every cookie
    they set, and a page it serves from the cache costs no session, user or template work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            if _is_member_write(request, response):
                bump_content_version()
            return response
        if not is_visitor_request(request):
            response = self.get_response(request)
            keep_private(response)
            return response
        return self._visitor_page(request)

    def _visitor_page(self, request):
        # The language LocaleMiddleware will pick for a visitor: cookie, then Accept-Language.
        language = translation.get_language_from_request(request)
        digest = _page_digest(request, version=content_version(), language=language)
        etag = f'W/"{digest}"'
        if _etag_matches(request, etag):
            not_modified = HttpResponseNotModified()
            _make_public(not_modified, etag)
            return not_modified
        key = f"visitor-page:{digest}"
        uses_cache = _uses_page_cache(request)
        if uses_cache:
            entry = caches[PAGE_CACHE].get(key)
            if entry is not None:
                return _from_stored(entry)
        response = self.get_response(request)
        if (
            response.status_code != 200
            or response.streaming
            or response.has_header("Cache-Control")
        ):
            return response
        if (
            response.cookies
            or getattr(request, "_csp_nonce", None) is not None
            or response.get("Content-Language") != language
        ):
            keep_private(response)
            return response
        _make_public(response, etag)
        if uses_cache and request.method == "GET":
            caches[PAGE_CACHE].set(key, _stored(response), settings.PEERDESK_VISITOR_PAGE_LIFETIME)
        return response


def _is_member_write(request, response) -> bool:
    """An unsafe request by a signed-in member that was not refused may have changed what
    visitors see. (After signing out the request's user is a visitor: nothing changed.)"""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if getattr(response, "leaves_visitor_pages_alone", False):
        return False
    return not 400 <= response.status_code < 500
