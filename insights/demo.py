"""The demo community's insights: what the dashboard needs beyond the community's own
history, so that it is full at once after ``make run``.

Registered as a demo finisher (``community.extensions.register_demo_finisher``): it runs
at the end of ``seed_demo``, inside its transaction, after the threads, votes and
escalations are written. It records a year of site and knowledge-base searches (the site
records real ones as members search; the demo has no members searching), then rolls up
every day from the demo's first thread to today.
"""

from datetime import timedelta
from random import Random

from community.models import Thread, ThreadDailyViews
from insights.calendar import local_day, today
from insights.models import SearchLog
from insights.rollups import rollup
from knowledge.models import Article, ArticleDailyViews, ArticleStatus

SEED = 20261203
# Searches per thread asked: members search far more often than they ask.
SEARCHES_PER_THREAD = 6
KB_SHARE = 0.35

# What members look for and find, by language: (query, how often, typical result count).
FOUND = {
    "en": [
        ("invoice", 30, 24),
        ("password reset", 26, 12),
        ("cancel subscription", 18, 9),
        ("refund", 16, 14),
        ("two-factor", 12, 7),
        ("change email address", 11, 6),
        ("router", 10, 18),
        ("wifi drops", 9, 8),
        ("payment failed", 9, 11),
        ("export data", 7, 5),
        ("delete account", 7, 4),
        ("app crashes", 6, 10),
        ("vat number", 5, 3),
        ("upgrade plan", 5, 6),
        ("login", 14, 21),
    ],
    "de": [
        ("rechnung", 34, 27),
        ("passwort vergessen", 28, 13),
        ("kündigen", 22, 10),
        ("lastschrift", 14, 9),
        ("zwei-faktor", 10, 6),
        ("e-mail ändern", 11, 7),
        ("router blinkt", 12, 15),
        ("wlan bricht ab", 10, 9),
        ("zahlung fehlgeschlagen", 8, 8),
        ("daten exportieren", 6, 4),
        ("konto löschen", 8, 5),
        ("app stürzt ab", 7, 11),
        ("ust-id", 4, 3),
        ("tarif wechseln", 6, 7),
        ("anmeldung", 15, 22),
    ],
}
# What they look for and do not find: what the knowledge base should write next.
NOT_FOUND = {
    "en": [
        ("invoice in dutch", 9), ("pay with paypal", 8), ("family plan", 7),
        ("student discount", 6), ("apple watch app", 5), ("change invoice address after payment", 4),
        ("ipv6 setup", 4), ("smart tv app", 3), ("gift card", 3), ("dark mode", 2),
    ],
    "de": [
        ("rechnung auf firma umschreiben", 10), ("ratenzahlung", 8), ("familientarif", 7),
        ("studentenrabatt", 6), ("kündigung ins ausland", 5), ("umzug router mitnehmen", 5),
        ("gutschein einlösen", 4), ("paypal", 4), ("fritzbox mesh", 3), ("dunkelmodus", 2),
    ],
}  # fmt: skip


def seed_searches(*, rng: Random) -> int:
    """A year of searches that follow the community's rhythm: each is dated near a thread's
    creation (so the growth, the seasons, the weekdays and the outage weeks show), in the
    thread's language. Nothing when searches are recorded already."""
    if SearchLog.objects.exists():
        return 0
    asked = list(Thread.objects.order_by("pk").values_list("created_at", "language"))
    if not asked:
        return 0
    pools = {}
    for language in FOUND:
        found = [(query, weight, results) for query, weight, results in FOUND[language]]
        missing = [(query, weight, 0) for query, weight in NOT_FOUND[language]]
        pools[language] = found + missing
    rows = []
    for created_at, language in asked:
        pool = pools.get(language) or pools["en"]
        for _ in range(rng.randint(SEARCHES_PER_THREAD // 2, SEARCHES_PER_THREAD * 3 // 2)):
            query, _weight, typical = rng.choices(pool, weights=[item[1] for item in pool])[0]
            results = 0 if typical == 0 else max(1, round(typical * rng.uniform(0.6, 1.4)))
            # Searching comes before asking, mostly in the hour before.
            when = created_at - timedelta(minutes=rng.expovariate(1 / 45))
            rows.append(
                SearchLog(
                    query=query,
                    source="kb" if rng.random() < KB_SHARE else "site",
                    language=language,
                    result_count=results,
                    created_at=when,
                )
            )
    SearchLog.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


# Thread and article views: the beacon counts real ones as members read; the demo's history
# gets a believable share: most views in a thread's first weeks, more for threads that
# helped many, a long tail for solved ones that search engines send readers to.
VIEW_WEEKS = 12
ARTICLE_VIEWS_PER_WEEK = (8, 60)


def _weekly(total: float, weeks: int, rng: Random) -> list[int]:
    """`total` views spread over `weeks` weeks, decaying."""
    weights = [0.6**week * rng.uniform(0.7, 1.3) for week in range(weeks)]
    scale = total / sum(weights)
    return [round(weight * scale) for weight in weights]


def seed_views(*, rng: Random) -> tuple[int, int]:
    """Daily view rows for the demo's threads and published articles (once: nothing is
    added when views exist). Returns (thread rows, article rows)."""
    if ThreadDailyViews.objects.exists() or ArticleDailyViews.objects.exists():
        return 0, 0
    current = today()
    thread_rows = []
    threads = Thread.objects.public().values_list(
        "pk", "created_at", "helpful_count", "me_too_count", "status"
    )
    for pk, created_at, helpful, me_too, status in threads:
        first = local_day(created_at)
        total = rng.uniform(15, 60) + 12 * helpful + 8 * me_too
        total *= 1.6 if status == "solved" else 1
        for week, views in enumerate(_weekly(total, VIEW_WEEKS, rng)):
            day = first + timedelta(days=7 * week + rng.randint(0, 6))
            if views and day <= current:
                thread_rows.append(ThreadDailyViews(thread_id=pk, day=day, views=views))
    ThreadDailyViews.objects.bulk_create(thread_rows, batch_size=1000)

    article_rows = []
    for article in Article.objects.filter(
        status=ArticleStatus.PUBLISHED, published_at__isnull=False
    ):
        day = local_day(article.published_at)
        total = 0
        while day <= current:
            views = rng.randint(*ARTICLE_VIEWS_PER_WEEK)
            article_rows.append(ArticleDailyViews(article=article, day=day, views=views))
            total += views
            day += timedelta(days=7)
        Article.objects.filter(pk=article.pk).update(view_count=total)
    ArticleDailyViews.objects.bulk_create(article_rows, batch_size=1000)
    return len(thread_rows), len(article_rows)


def finish_demo(*, log) -> None:
    """Seed the searches and views, then roll up every day of the demo's history
    (idempotent)."""
    searches = seed_searches(rng=Random(SEED))
    thread_views, article_views = seed_views(rng=Random(SEED + 1))
    oldest = Thread.objects.order_by("created_at").values_list("created_at", flat=True).first()
    if oldest is None:
        return
    first = local_day(oldest - timedelta(days=1))  # searches come just before the thread
    written = rollup(first, today())
    log(
        f"Insights: {searches} searches, {thread_views} thread and {article_views} article "
        f"view rows recorded; {written} daily figures since {first}."
    )
