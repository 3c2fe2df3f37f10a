"""How often pages are opened: counted per thread (here) and per article (knowledge) and
day, from the pages' beacon (static/js/views.js), never from the page's GET.

A GET must write nothing: visitors' pages are served from caches (community.caching) and a
counter on the GET would both miss those and make every page a write. The beacon is a
separate POST that the browser sends once the page is shown; it is counted at most once
per client, page and ``COUNT_WINDOW_SECONDS`` (kept in the cache, so it costs no query),
and obvious robots (by their User-Agent) are not counted at all. The numbers are a
dashboard's estimate of reach, not an audit: a lost cache entry counts a view twice.
"""

import hashlib
import re
import zoneinfo
from datetime import date

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from community.models import SupportSettings, Thread, ThreadDailyViews

# One count per client and page in this window: reloading or coming back from a link
# within half an hour is the same visit.
COUNT_WINDOW_SECONDS = 30 * 60
# User agents that announce themselves as software rather than a person's browser.
ROBOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"headless|phantomjs|lighthouse|curl|wget|python-|httpx|aiohttp|go-http-client|"
    r"java/|okhttp|libwww|scrapy",
    re.IGNORECASE,
)


def support_today() -> date:
    """The support team's calendar day now (SupportSettings.time_zone), the day the
    dashboard files every figure under."""
    try:
        zone = zoneinfo.ZoneInfo(SupportSettings.objects.current().time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    return timezone.localdate(timezone=zone)


def looks_like_a_robot(user_agent: str) -> bool:
    """Whether a request's User-Agent is missing or names a crawler, a link preview or an
    HTTP library. Browsers always send one; robots that pretend to be browsers and run
    JavaScript are counted like people."""
    return not user_agent.strip() or bool(ROBOT_USER_AGENT.search(user_agent))


def first_view_in_window(*, page: str, client: str) -> bool:
    """Whether `client` (community.views.helpers.rate_limit_visitor) opens `page` (e.g.
    "thread:12") for the first time in the window; marks it opened. One cache call, two
    when the mark is there.

    The key is hashed: it holds a client's address, which has no business in a cache key
    in the clear, and some caches refuse long or odd keys. The mark holds the moment its
    window ends by the site's clock, and the cache's expiry only tidies up: the window is
    the same on every cache backend, whatever clock the cache server keeps.
    """
    digest = hashlib.sha256(f"{page}\0{client}".encode()).hexdigest()[:32]
    key = f"viewed:{digest}"
    now = timezone.now().timestamp()
    ends = now + COUNT_WINDOW_SECONDS
    if cache.add(key, ends, COUNT_WINDOW_SECONDS):
        return True
    marked = cache.get(key)
    if marked is None or marked <= now:
        cache.set(key, ends, COUNT_WINDOW_SECONDS)
        return True
    return False


def increment_daily_views(model: type[models.Model], *, day: date, **owner) -> None:
    """Add one to `model`'s (thread or article, day) row: an update of the row, or the row
    created with 1; two first views at once both count (the loser of the insert updates).
    `owner` is the row's foreign key, e.g. ``thread=thread``."""
    rows = model.objects.filter(day=day, **owner)
    if rows.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(day=day, views=1, **owner)
    except IntegrityError:  # another request created the row a moment ago
        rows.update(views=F("views") + 1)


def record_thread_view(thread: Thread, day: date | None = None) -> None:
    """Count one view of `thread` on `day` (default: the support team's today)."""
    increment_daily_views(ThreadDailyViews, day=day or support_today(), thread=thread)
