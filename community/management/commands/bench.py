"""Benchmark: server time of the thread page, the thread list and search.

Builds its own data in a database of its own (``make bench`` points DATABASE_URL
and SEARCH_URL at var/bench*), then requests each page in-process with Django's
test client and prints the median and 90th percentile, with SQL query counts.
Figures from one run are comparable with each other; single runs on shared
machines vary, so run it twice before drawing conclusions.
"""

import io
import statistics
import time
import warnings
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.markdown import RENDERER_VERSION, render_markdown
from community.models import Member, Post, Space, Tag, Thread, ThreadStatus, TrustLevel
from community.tasks import tasks_muted

THREADS = 10_000
ANSWERS = 200
WORDS = [
    "invoice",
    "rechnung",
    "router",
    "password",
    "passwort",
    "delivery",
    "lieferung",
    "app",
    "login",
    "error",
    "fehler",
    "payment",
    "zahlung",
    "parcel",
    "paket",
    "refund",
    "erstattung",
    "contract",
    "vertrag",
    "update",
    "upload",
    "pdf",
    "export",
    "account",
    "konto",
    "address",
    "adresse",
    "order",
    "bestellung",
    "cancel",
    "kündigung",
    "mobile",
    "tarif",
    "data",
    "daten",
]

TARGETS_MS = {"thread page": 50, "thread list": 50, "search": 100}


class Command(BaseCommand):
    help = "Measure the thread page (200 answers), the list at 10,000 threads and search."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="Timed requests per page.")
        parser.add_argument("--rebuild", action="store_true", help="Build the data again.")
        parser.add_argument(
            "--force", action="store_true", help="Run even if the database name lacks 'bench'."
        )

    def handle(self, *args, requests, rebuild, force, **options):
        # Keep one connection for the whole run, as the query counter needs; a real server
        # would reconnect per request (cheap for SQLite, pooled for PostgreSQL).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
        name = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in name and not force:
            raise CommandError(
                f"The benchmark fills the database with test data; {name} does not look like a "
                "benchmark database. Run `make bench`, or pass --force."
            )
        call_command("migrate", verbosity=0)
        if rebuild or not Thread.objects.filter(title__startswith="Bench ").exists():
            self._build()
        thread = Thread.objects.filter(answer_count=ANSWERS).order_by("pk").first()
        if thread is None:
            raise CommandError("The benchmark data is incomplete; run with --rebuild.")
        viewer = Member.objects.get(username="bench-viewer")
        pages = [
            ("thread page", thread.get_absolute_url(), None),
            ("thread page", thread.get_absolute_url(), viewer),
            ("thread list", "/questions/", None),
            ("thread list", "/questions/?page=50&sort=newest", viewer),
            ("search", "/search/?q=invoice+router", None),
            ("search", "/search/?q=rechnungen&solved=1", None),
        ]
        self.stdout.write(
            f"\n{Thread.objects.count():,} threads, {Post.objects.count():,} posts, "
            f"database {connection.vendor}, search {settings.HAYSTACK_CONNECTIONS['default']['ENGINE'].rsplit('.', 1)[-1]}, "
            f"{requests} requests each after warming up\n"
        )
        header = f"{'page':<13} {'who':<8} {'median ms':>10} {'p90 ms':>8} {'queries':>8}  url"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        medians: dict[str, list[float]] = {}
        for label, url, member in pages:
            median, p90, queries = self._measure(url, member, requests)
            medians.setdefault(label, []).append(median)
            who = "member" if member else "visitor"
            self.stdout.write(
                f"{label:<13} {who:<8} {median:>10.1f} {p90:>8.1f} {queries:>8}  {url}"
            )
        self.stdout.write("")
        for label, target in TARGETS_MS.items():
            worst = max(medians[label])
            verdict = "meets" if worst < target else "MISSES"
            self.stdout.write(
                f"{label}: worst median {worst:.1f} ms, {verdict} the {target} ms target"
            )

    def _measure(self, url: str, member, requests: int) -> tuple[float, float, int]:
        client = Client()
        if member is not None:
            client.force_login(member)
        for _ in range(5):
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # read now: the next request clears the log
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p90 = timings[min(len(timings) - 1, int(len(timings) * 0.9))]
        return statistics.median(timings), p90, query_count

    def _build(self):
        self.stdout.write("Building benchmark data (one time; --rebuild builds it again) …")
        started = time.monotonic()
        with tasks_muted(), transaction.atomic():
            if not Space.objects.exists():
                call_command("seed_demo", stdout=io.StringIO())
            Thread.objects.update(solution=None, status=ThreadStatus.OPEN)
            Post.objects.all().delete()
            Thread.objects.all().delete()
            spaces = list(Space.objects.all())
            members = list(Member.objects.filter(is_active=True).order_by("pk"))
            Member.objects.get_or_create(
                username="bench-viewer",
                defaults={"email": "bench-viewer@bench.example", "trust_level": TrustLevel.BASIC},
            )
            tags = [
                Tag.objects.get_or_create(name=word, defaults={"is_official": True})[0]
                for word in WORDS[:12]
            ]
            now = timezone.now()
            body = "The download of my **invoice** fails with error `E-1042`.\n\n- I tried Firefox\n- and the app"
            body_html = render_markdown(body)
            threads = []
            for number in range(THREADS):
                words = " ".join(WORDS[(number * 7 + k) % len(WORDS)] for k in range(4))
                threads.append(
                    Thread(
                        space=spaces[number % len(spaces)],
                        author=members[number % len(members)],
                        title=f"Bench {number}: {words} problem",
                        slug=f"bench-{number}",
                        language="de" if number % 2 else "en",
                        last_activity_at=now - timedelta(minutes=number),
                        answer_count=number % 5,
                        helpful_count=number % 13,
                        me_too_count=number % 7,
                    )
                )
            Thread.objects.bulk_create(threads, batch_size=1000)
            threads = list(Thread.objects.order_by("pk"))
            Post.objects.bulk_create(
                [
                    Post(thread=t, author=t.author, is_opening=True, body=f"{t.title}. {body}",
                         body_html=body_html, render_version=RENDERER_VERSION)
                    for t in threads
                ],
                batch_size=1000,
            )  # fmt: skip
            through = Thread.tags.through
            through.objects.bulk_create(
                [through(thread_id=t.pk, tag_id=tags[t.pk % len(tags)].pk) for t in threads],
                batch_size=2000,
            )
            big = threads[0]
            answer_html = render_markdown(
                "Try this:\n\n1. Log out\n2. Clear the cache\n3. Open the invoice again\n\n"
                "That fixed it for me, see also @anna.support's post."
            )
            answers = [
                Post(thread=big, author=members[i % len(members)], body="Try this …", body_html=answer_html,
                     render_version=RENDERER_VERSION, is_official=members[i % len(members)].is_staff,
                     helpful_count=i % 9)
                for i in range(ANSWERS)
            ]  # fmt: skip
            Post.objects.bulk_create(answers)
            solution = (
                Post.objects.filter(thread=big, is_opening=False).exclude(author=big.author).first()
            )
            Thread.objects.filter(pk=big.pk).update(
                answer_count=ANSWERS,
                solution=solution,
                status=ThreadStatus.SOLVED,
                solved_at=now,
                has_official_answer=True,
                last_activity_at=now + timedelta(minutes=1),
            )
            Post.objects.filter(thread=big).update(created_at=now)
        self.stdout.write(
            f"  {Thread.objects.count():,} threads in {time.monotonic() - started:.0f} s; indexing …"
        )
        started = time.monotonic()
        call_command("rebuild_index", interactive=False, verbosity=0)
        self.stdout.write(f"  indexed in {time.monotonic() - started:.0f} s")
