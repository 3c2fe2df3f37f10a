"""Benchmark: server time of every main page against a bare Django page, in the same run.

``make bench`` builds two data sets, 10,000 threads with about 10,000 and about
100,000 posts, each once in a database and search index of its own (var/bench-*;
``--rebuild`` starts over). Each data set is measured in a process of its own:
the smaller one for search only, the larger one for every page. Pages are
requested in-process with Django's test client (DEBUG off) in interleaved rounds
together with a bare page (a template over 50 rows, one query), so each page's
time is printed as a multiple of that page's time on the same machine at the
same moment; absolute times vary by 2× between runs on shared machines.

With one ``--posts`` value the command measures the configured database and
index itself (for a quick run: ``--threads 30 --posts 300 --rounds 3``).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from community.benchmark import data as bench_data
from community.benchmark.pages import (
    BARE_PAGE,
    Page,
    all_groups,
    all_pages,
    extensions,
    search_queries,
)
from community.benchmark.timing import PageFailed, measure
from community.models import Post, Thread, ThreadFollow
from community.tasks import tasks_muted

DEFAULT_THREADS = 10_000
DEFAULT_POSTS = [10_000, 100_000]


def _short(number: int) -> str:
    return f"{number // 1000}k" if number >= 1000 and number % 1000 == 0 else str(number)


class Command(BaseCommand):
    help = (
        "Time the main pages against a bare Django page; print medians, p90/p99, ratios, queries."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--threads", type=int, default=DEFAULT_THREADS, help="Threads in each data set."
        )
        parser.add_argument(
            "--posts",
            type=int,
            nargs="+",
            default=DEFAULT_POSTS,
            help="Posts in each data set, opening posts included (one data set per value).",
        )
        parser.add_argument("--rounds", type=int, default=20, help="Timed rounds over all pages.")
        parser.add_argument(
            "--only",
            default="",
            help=f"Comma-separated page groups to measure ({', '.join(all_groups())}); default all.",
        )
        parser.add_argument("--rebuild", action="store_true", help="Build the data again.")
        parser.add_argument(
            "--force", action="store_true", help="Run even if the database name lacks 'bench'."
        )
        parser.add_argument("--json", dest="json_path", help="Also write the figures to this file.")
        # Set when one process per data set reports to the one that prints the table.
        parser.add_argument("--no-table", action="store_true", help=argparse.SUPPRESS)

    def handle(
        self, *args, threads, posts, rounds, only, rebuild, force, json_path, no_table, **opts
    ):
        known = set(all_groups())
        groups = {group.strip() for group in only.split(",") if group.strip()} or known
        unknown = groups - known
        if unknown:
            raise CommandError(f"Unknown page groups: {', '.join(sorted(unknown))}.")
        try:
            sizes = [bench_data.Size(threads=threads, posts=count) for count in sorted(set(posts))]
        except ValueError as error:
            raise CommandError(str(error)) from error
        name = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in Path(name).name and not force:
            raise CommandError(
                f"The benchmark replaces the data in {name}, which does not look like a "
                "benchmark database. Run `make bench`, or pass --force."
            )
        if len(sizes) == 1:
            result = self._run(sizes[0], groups=groups, rounds=rounds, rebuild=rebuild)
            results = [result]
        else:
            results = self._run_each_size(
                sizes, groups, rounds=rounds, rebuild=rebuild, force=force
            )
        if json_path:
            Path(json_path).write_text(_json_dump(results))
        if not no_table:
            self._print(results, rounds)
        # What an extension measures besides time (similar: recall of its suggestions), for
        # the groups measured: its report(log) prints it after the timings.
        for extension in extensions():
            if hasattr(extension, "report") and groups & {p.group for p in extension.PAGES}:
                extension.report(log=self.stdout.write)

    # --- one data set, in this process -------------------------------------------------------

    def _run(self, size, *, groups: set[str], rounds: int, rebuild: bool) -> dict:
        warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers")
        _send_tasks_nowhere()
        call_command("migrate", verbosity=0)
        found = None if rebuild else bench_data.find(size)
        if found is None:
            self.stdout.write(f"Building {size.label} (once; --rebuild builds it again) …")
            started = time.monotonic()
            found = bench_data.build(size, log=self.stdout.write)
            self.stdout.write(f"  built in {time.monotonic() - started:.0f} s")
            self._index()
        elif not _index_is_complete():
            self._index()
        self._extension_data(size, groups=groups, rebuild=rebuild)
        pages = [BARE_PAGE, *(page for page in all_pages() if page.group in groups)]
        self.stdout.write(
            f"Measuring {len(pages)} pages on {size.label}, {rounds} rounds "
            f"({len(search_queries())} search queries per round) …"
        )
        with override_settings(
            ROOT_URLCONF="community.benchmark.bare",
            DEBUG=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        ):
            figures = self._measure(pages, found, rounds)
        bare = figures[BARE_PAGE]
        rows = []
        for page in pages:
            page_figures = figures[page]
            target = page.target if page.target and page.target.applies(size.total_posts) else None
            rows.append(
                {
                    "page": page.name,
                    "who": page.who,
                    "group": page.group,
                    "median": page_figures.median,
                    "cpu": page_figures.cpu,
                    "p90": page_figures.p90,
                    "p99": page_figures.p99,
                    "ratio": page_figures.median / bare.median,
                    "cpu_ratio": page_figures.cpu / bare.cpu if bare.cpu else 0.0,
                    "samples": page_figures.samples,
                    "queries": page_figures.queries,
                    "target": target.describe() if target else "",
                    "met": target.met(
                        median=page_figures.median, p99=page_figures.p99, bare_median=bare.median
                    )
                    if target
                    else None,
                }
            )
        return {
            "data": size.label,
            "threads": Thread.objects.count(),
            "posts": Post.objects.count(),
            "database": connection.vendor,
            "search": settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"].rsplit(".", 1)[-1],
            "rows": rows,
        }

    def _measure(self, pages: list[Page], found, rounds: int):
        """Measure, then remove what the POSTs added, so the data set stays as built."""
        marks = {
            model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            for model in (Thread, Post, ThreadFollow)
        }
        target_fields = ["answer_count", "last_activity_at", "last_poster", "first_response_at"]
        target = Thread.objects.values(*target_fields).get(pk=found.answer_target.pk)
        step = max(1, rounds // 5)
        try:
            return measure(
                pages,
                found,
                rounds=rounds,
                progress=lambda n: n % step == 0 and self.stdout.write(f"  round {n}/{rounds}"),
            )
        except PageFailed as error:
            raise CommandError(str(error)) from error
        finally:
            with tasks_muted(), transaction.atomic():
                new_threads = Thread.objects.filter(pk__gt=marks[Thread])
                new_threads.update(solution=None)
                Post.objects.filter(pk__gt=marks[Post]).delete()
                new_threads.delete()
                ThreadFollow.objects.filter(pk__gt=marks[ThreadFollow]).delete()
                Thread.objects.filter(pk=found.answer_target.pk).update(**target)

    def _extension_data(self, size, *, groups: set[str], rebuild: bool) -> None:
        """Build, once, what the other apps' measured pages need besides community's data."""
        for extension in extensions():
            if not groups & {page.group for page in extension.PAGES}:
                continue
            if rebuild or extension.find(size) is None:
                self.stdout.write(f"Building the data of {extension.__name__} …")
                started = time.monotonic()
                extension.build(size, log=self.stdout.write)
                self.stdout.write(f"  built in {time.monotonic() - started:.0f} s")

    def _index(self):
        self.stdout.write("Indexing for search …")
        started = time.monotonic()
        call_command("rebuild_search_index", verbosity=0)
        self.stdout.write(f"  indexed in {time.monotonic() - started:.0f} s")

    # --- several data sets, one process each -------------------------------------------------

    def _run_each_size(
        self, sizes, groups: set[str], *, rounds: int, rebuild: bool, force: bool
    ) -> list:
        results = []
        largest = sizes[-1]
        with tempfile.TemporaryDirectory(prefix="peerdesk-bench-") as folder:
            for size in sizes:
                size_groups = groups if size == largest else groups & {"search"}
                if not size_groups:
                    continue
                environment = _environment_for(
                    size,
                    database=settings.DATABASES["default"],
                    search=settings.HAYSTACK_CONNECTIONS["default"],
                    rebuild=rebuild,
                )
                output = Path(folder) / f"{size.posts}.json"
                command = [
                    sys.executable,
                    str(Path(settings.BASE_DIR) / "manage.py"),
                    "bench",
                    f"--threads={size.threads}",
                    f"--posts={size.posts}",
                    f"--rounds={rounds}",
                    f"--only={','.join(sorted(size_groups))}",
                    f"--json={output}",
                    "--no-table",
                    *(["--force"] if force else []),
                ]
                self.stdout.write(f"\n== {size.label}")
                self.stdout.flush()
                finished = subprocess.run(command, env={**os.environ, **environment})
                if finished.returncode != 0:
                    raise CommandError(f"Measuring {size.label} failed.")
                results.append(json.loads(output.read_text()))
        return results

    # --- output ------------------------------------------------------------------------------

    def _print(self, results: list[dict], rounds: int) -> None:
        met = missed = 0
        missed_lines = []
        for result in results:
            self.stdout.write(
                f"\n\n{result['threads']:,} threads, {result['posts']:,} posts "
                f"({result['database']}, {result['search']}), {rounds} rounds; "
                "ms per request; × bare = median ÷ the bare page's median; cpu = median CPU "
                "time of this process, cpu× its ratio"
            )
            header = (
                f"{'page':<24} {'who':<8} {'median':>7} {'p90':>7} {'p99':>7} {'cpu':>6} "
                f"{'× bare':>7} {'cpu×':>5} {'queries':>7}  target"
            )
            self.stdout.write(header)
            self.stdout.write("-" * (len(header) + 30))
            for row in result["rows"]:
                verdict = ""
                if row["met"] is not None:
                    verdict = f"{row['target']}: {'met' if row['met'] else 'MISSED'}"
                    met += row["met"]
                    missed += not row["met"]
                    if not row["met"]:
                        missed_lines.append(f"  {row['page']} ({row['who']}), {result['data']}")
                name = row["page"]
                if row["group"] == "search":
                    name = f"search ({row['samples'] // rounds} queries)"
                self.stdout.write(
                    f"{name:<24} {row['who']:<8} {row['median']:>7.1f} {row['p90']:>7.1f} "
                    f"{row['p99']:>7.1f} {row['cpu']:>6.1f} {row['ratio']:>6.1f}× "
                    f"{row['cpu_ratio']:>4.1f}× {row['queries']:>7}  {verdict}"
                )
        self.stdout.write(f"\nTargets: {met} met, {missed} missed.")
        for line in missed_lines:
            self.stdout.write(line)
        busy = [r["data"] for r in results for row in r["rows"] if _machine_was_busy(row)]
        if busy:
            self.stdout.write(
                f"\nThe machine was busy ({', '.join(busy)}): the bare page spent more than "
                f"half again its CPU time waiting, and longer pages wait more than short ones. "
                "Compare the cpu× column, or run again when the machine is quieter."
            )


def _machine_was_busy(row: dict) -> bool:
    """Whether the bare page's wall time was over 1.5× its CPU time (waiting for a core)."""
    return row["group"] == "bare" and row["median"] > 1.5 * row["cpu"]


def _json_dump(results: list[dict]) -> str:
    return json.dumps(results[0] if len(results) == 1 else results, indent=1)


def _send_tasks_nowhere() -> None:
    """Tasks go to an in-memory broker that nothing reads: a request pays for sending
    them, as it would to Redis, and no worker of `make run` picks up benchmark tasks."""
    from config.celery import app

    if not app.conf.task_always_eager:
        app.conf.broker_url = "memory://localhost/"
        app.conf.result_backend = "cache+memory://"


def _index_is_complete() -> bool:
    from haystack.query import SearchQuerySet

    from community.searching import uses_whoosh_directly
    from community.searching.searcher import current_searcher

    expected = Thread.objects.public().count()
    if uses_whoosh_directly():
        return current_searcher().doc_count() == expected
    return SearchQuerySet().models(Thread).count() == expected


def _environment_for(size, *, database: dict, search: dict, rebuild: bool) -> dict[str, str]:
    """DATABASE_URL and SEARCH_URL of a data set: the configured `database` and `search`
    connections with the size added to their names (with `rebuild`, emptied first)."""
    suffix = f"{_short(size.threads)}-{_short(size.posts)}"
    if not search["ENGINE"].endswith("WhooshEngine"):
        raise CommandError(
            "Several data sets need the Whoosh engine (one index folder each); with another "
            "engine, run one --posts value at a time with a SEARCH_URL of its own."
        )
    index = Path(f"{search['PATH']}-{suffix}")
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(str(database["NAME"]))
        path = path.with_name(f"{path.stem}-{suffix}{path.suffix}")
        if rebuild:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
        database_url = f"sqlite:///{path.resolve()}"
    elif database["ENGINE"] == "django.db.backends.postgresql":
        name = f"{database['NAME']}_{suffix.replace('-', '_')}"
        with connection.cursor() as cursor:
            if rebuild:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
        credentials = database["USER"] + (
            f":{database['PASSWORD']}" if database["PASSWORD"] else ""
        )
        database_url = (
            f"postgres://{credentials}@{database['HOST']}:{database['PORT'] or 5432}/{name}"
        )
    else:
        raise CommandError(
            f"Several data sets need SQLite or PostgreSQL, not {database['ENGINE']}."
        )
    if rebuild:
        shutil.rmtree(index, ignore_errors=True)
    return {"DATABASE_URL": database_url, "SEARCH_URL": f"whoosh://{index.resolve()}"}
