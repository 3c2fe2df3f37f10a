"""`manage.py bench` on a tiny data set: it builds, measures every page and cleans up.

Only that it works is tested here; its figures are for people to read, never asserted.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from community.benchmark.data import Size
from community.benchmark.pages import BARE_PAGE, PAGES
from community.management.commands.bench import _environment_for
from community.models import Post, Thread

TINY = Size(threads=30, posts=300)


def _bench(**options) -> str:
    out = StringIO()
    call_command(
        "bench", threads=TINY.threads, posts=[TINY.posts], force=True, stdout=out, **options
    )
    return out.getvalue()


def test_bench_measures_every_page_against_the_bare_page_and_keeps_its_data(db):
    output = _bench(rounds=1)

    assert "Building 30 threads" in output
    for page in [BARE_PAGE, *PAGES]:
        assert page.name in output or page.group == "search"
    assert "search (" in output
    assert "≤ 3× bare: " in output  # the POST targets, met or missed
    assert "Targets: " in output
    # The asks and answers it posted are gone again.
    assert Thread.objects.count() == TINY.threads
    assert Post.objects.count() == TINY.total_posts


def test_bench_builds_its_data_once(db):
    _bench(rounds=1, only="post")

    output = _bench(rounds=1, only="post")

    assert "Building" not in output
    assert "ask (POST)" in output and "thread list" not in output


def test_bench_refuses_a_database_that_is_not_for_benchmarks(db):
    with pytest.raises(CommandError, match="does not look like a benchmark database"):
        call_command("bench", threads=30, posts=[300], stdout=StringIO())


def test_bench_refuses_unknown_page_groups(db):
    with pytest.raises(CommandError, match="Unknown page groups: pages"):
        _bench(only="pages")


def test_environment_for_gives_each_size_a_database_and_index_of_its_own(tmp_path):
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "bench.sqlite3")}
    search = {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(tmp_path / "idx"),
    }
    (tmp_path / "bench-10k-100k.sqlite3").write_text("old")
    (tmp_path / "idx-10k-100k").mkdir()

    kept = _environment_for(Size(10_000, 100_000), database=database, search=search, rebuild=False)

    assert kept == {
        "DATABASE_URL": f"sqlite:///{tmp_path}/bench-10k-100k.sqlite3",
        "SEARCH_URL": f"whoosh://{tmp_path}/idx-10k-100k",
    }
    assert (tmp_path / "bench-10k-100k.sqlite3").exists()

    _environment_for(Size(10_000, 100_000), database=database, search=search, rebuild=True)

    assert not (tmp_path / "bench-10k-100k.sqlite3").exists()
    assert not (tmp_path / "idx-10k-100k").exists()


def test_environment_for_needs_whoosh_for_several_sizes(tmp_path):
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "bench.sqlite3")}
    search = {"ENGINE": "haystack.backends.elasticsearch7_backend.Elasticsearch7SearchEngine"}
    with pytest.raises(CommandError, match="Whoosh"):
        _environment_for(Size(10_000, 100_000), database=database, search=search, rebuild=False)


def test_benchmarks_run_without_the_rate_limits():
    # A benchmark is one client asking as fast as it can: with the limits on, search and
    # previews would answer 429 after a few requests and the figures would time refusals.
    import re
    from pathlib import Path

    from bench.peers import peerdesk_environment

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    bench_env = re.search(r"^BENCH_ENV = (.*?)\n(?!\t)", makefile, re.M | re.S).group(1)
    assert "RATE_LIMITS=false" in bench_env
    assert peerdesk_environment()["RATE_LIMITS"] == "false"
