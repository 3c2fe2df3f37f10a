"""Peerdesk against Spirit, the fastest Django forum peer: same data, same server, same load.

    make bench-peers                      # or: .venv/bin/python bench/peers.py [options]
    make bench-peers BENCH_PEERS_ARGS="--rounds 5 --duration 15"

What it does, all under var/peers/ (never committed; --rebuild starts the data over):

1. installs Spirit from the package index into a virtual environment of its own, and
   wrk (Debian package) when it is missing;
2. builds one data set for Peerdesk with the benchmark's builder (20 members writing,
   1,000 threads, one with 100 answers) and copies the same members, spaces (Spirit:
   categories), titles and Markdown texts into a Spirit project made by
   ``spirit startproject``, Spirit rendering the texts with its own renderer; both
   search indexes are built by haystack's rebuild_index;
3. runs each site under gunicorn with 2 sync workers, DEBUG off, SQLite, local-memory
   cache (Spirit's own development defaults otherwise), and loads one page at a time with
   ``wrk -t2 -c8``, alternating the sites in rounds so load from elsewhere on the machine
   falls on both;
4. prints each page's requests per second for both sites (median of the rounds) and the
   ratio Peerdesk ÷ Spirit.

Spirit shows at most 100 comments per page (its admin's maximum), so its topic page with
100 answers shows 100 of the 101 posts; Peerdesk shows all 101. Spirit's search needs a
signed-in member, so search is measured signed in on both sites, rotating the benchmark's
query set.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "peers"
SPIRIT_ENV = WORK / "spirit-venv"
SPIRIT_SITE = WORK / "spirit"
SPIRIT_PACKAGES = ["django-spirit==0.14.3", "gunicorn==27.0.1"]
PEERDESK_DB = WORK / "peerdesk.sqlite3"
PEERDESK_INDEX = WORK / "peerdesk-whoosh"
EXPORT = WORK / "data.json"
SPIRIT_READY = SPIRIT_SITE / "bench-ready.json"
THREADS = 1_000

SPIRIT_SETTINGS = '''"""Spirit's development settings as the benchmark runs them: DEBUG off, nothing else changed."""

from .dev import *  # noqa: F403

DEBUG = False
TEMPLATES[0]["OPTIONS"]["debug"] = False  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING["loggers"][""]["level"] = "WARNING"  # noqa: F405
'''

# Run by Spirit's `manage.py shell`: the exported data set into Spirit's own models.
SPIRIT_SEED = r"""
import json
from datetime import datetime

from django.contrib.auth import get_user_model
from spirit.admin.forms import BasicConfigForm
from spirit.category.models import Category
from spirit.comment.models import Comment
from spirit.core.utils.markdown import Markdown
from spirit.topic.models import Topic

data = json.loads(open(EXPORT).read())
User = get_user_model()
users = {name: User.objects.create_user(username=name, email=f"{name}@bench.example")
         for name in data["members"]}
categories = {space["slug"]: Category.objects.create(title=space["name"], sort=number + 2)
              for number, space in enumerate(data["spaces"])}
urls = {}
for thread in data["threads"]:
    when = datetime.fromisoformat(thread["last_activity"])
    topic = Topic.objects.create(
        user=users[thread["author"]], category=categories[thread["space"]], title=thread["title"],
        date=when, last_active=when, comment_count=len(thread["posts"]),
    )
    Comment.objects.bulk_create([
        Comment(user=users[post["author"]], topic=topic, comment=post["body"],
                comment_html=Markdown().render(post["body"]), date=when)
        for post in thread["posts"]
    ])
    urls.setdefault(f"topic_{len(thread['posts']) - 1}", topic.get_absolute_url())
urls["category"] = categories[data["category"]].get_absolute_url()
# The most Spirit's admin allows (100), as close to "all on one page" as it gets.
form = BasicConfigForm(data={"site_name": "Spirit", "comments_per_page": 100, "topics_per_page": 20})
assert form.is_valid(), form.errors
form.save()
urls["member"] = data["members"][2]
open(READY, "w").write(json.dumps(urls))
"""

# Run by Spirit's `manage.py shell` on every run: a signed-in session for the search page.
SPIRIT_SESSION = r"""
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore

member = get_user_model().objects.get(username=MEMBER)
session = SessionStore()
session[SESSION_KEY] = str(member.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = member.get_session_auth_hash()
session.save()
print(session.session_key)
"""


def log(line: str) -> None:
    print(line, flush=True)


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], check=True, **kwargs)


# --- installing ---------------------------------------------------------------------------


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    log("Installing wrk (Debian package) …")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    run([*sudo, "apt-get", "update", "-qq"])
    run(
        [*sudo, "apt-get", "install", "-y", "-qq", "wrk"],
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def ensure_spirit() -> None:
    marker = SPIRIT_ENV / "installed.txt"
    if not marker.exists() or marker.read_text() != " ".join(SPIRIT_PACKAGES):
        log(f"Installing {', '.join(SPIRIT_PACKAGES)} into {SPIRIT_ENV.relative_to(ROOT)} …")
        run([sys.executable, "-m", "venv", "--clear", SPIRIT_ENV])
        run(
            [SPIRIT_ENV / "bin" / "pip", "install", "--quiet", *SPIRIT_PACKAGES],
            stderr=subprocess.DEVNULL,
        )
        marker.write_text(" ".join(SPIRIT_PACKAGES))
    if not (SPIRIT_SITE / "manage.py").exists():
        SPIRIT_SITE.mkdir(parents=True, exist_ok=True)
        # It calls django-admin: Spirit's own, from its environment.
        path = f"{SPIRIT_ENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
        run([SPIRIT_ENV / "bin" / "spirit", "startproject", "peersite", "--path", SPIRIT_SITE],
            env={**os.environ, "PATH": path})  # fmt: skip
    (SPIRIT_SITE / "peersite" / "settings" / "bench.py").write_text(SPIRIT_SETTINGS)


# --- the data -----------------------------------------------------------------------------


def peerdesk_environment() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{PEERDESK_DB}",
        "SEARCH_URL": f"whoosh://{PEERDESK_INDEX}",
        "PEERDESK_VAR_DIR": str(WORK / "peerdesk-var"),
        "CELERY_BROKER_URL": "memory://localhost/",
        "CELERY_RESULT_BACKEND": "cache+memory://",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        # Every page rendered, as Spirit renders them; VISITOR_PAGE_CACHE=true compares the cache.
        "VISITOR_PAGE_CACHE": os.environ.get("VISITOR_PAGE_CACHE", "false"),
        # wrk is one client asking thousands of times a second: measured, not rate-limited.
        "RATE_LIMITS": "false",
        "PYTHONWARNINGS": "ignore:No directory at",  # WhiteNoise: no collectstatic needed here
    }


def seed_peerdesk() -> None:
    """In a process of its own (with peerdesk_environment): build, index, export."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from community.benchmark import data as bench_data
    from community.benchmark.pages import search_queries
    from community.models import Member, Post, Space, Thread

    call_command("migrate", verbosity=0)
    size = bench_data.Size(threads=THREADS, posts=THREADS)
    found = bench_data.find(size)
    if found is None:
        log("Building the Peerdesk data …")
        found = bench_data.build(size, log=log)
        call_command("rebuild_index", interactive=False, verbosity=0)
    members = list(
        Member.objects.filter(username__startswith="bench-member-")
        .order_by("username")
        .values_list("username", flat=True)
    )
    authors = dict(Member.objects.values_list("pk", "username"))
    posts: dict[int, list] = {}
    for thread_id, author_id, body in Post.objects.order_by("pk").values_list(
        "thread_id", "author_id", "body"
    ):
        posts.setdefault(thread_id, []).append({"author": authors[author_id], "body": body})
    threads = [
        {
            "title": thread.title,
            "space": thread.space.slug,
            "author": authors[thread.author_id],
            "last_activity": thread.last_activity_at.isoformat(),
            "posts": posts[thread.pk],
        }
        for thread in Thread.objects.select_related("space").order_by("pk")
    ]
    session = SessionStore()
    session[SESSION_KEY] = str(found.viewer.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = found.viewer.get_session_auth_hash()
    session.save()
    export = {
        "members": members,
        "spaces": [
            {"slug": space.slug, "name": space.name_en}
            for space in Space.objects.filter(slug__in=[s for s, *_ in bench_data.SPACES])
        ],
        "category": found.space.slug,
        "threads": threads,
        "searches": ["/search/?" + urllib.parse.urlencode({"q": q}) for q in search_queries()],
        "peerdesk": {
            "topic_100": found.threads_by_answers[100].get_absolute_url(),
            "category": found.space.get_absolute_url(),
            "session": session.session_key,
        },
    }
    EXPORT.write_text(json.dumps(export))


def seed_spirit() -> dict:
    """Spirit's URLs of the measured pages and a fresh signed-in session."""
    manage = [SPIRIT_ENV / "bin" / "python", SPIRIT_SITE / "manage.py"]
    environment = spirit_environment()
    if not SPIRIT_READY.exists():
        log("Building the Spirit data …")
        (SPIRIT_SITE / "db.sqlite3").unlink(missing_ok=True)
        # spiritinstall without its collectstatic: wrk fetches HTML only.
        run([*manage, "migrate", "--noinput"], env=environment, cwd=SPIRIT_SITE,
            stdout=subprocess.DEVNULL)  # fmt: skip
        run([*manage, "createcachetable"], env=environment, cwd=SPIRIT_SITE)
        script = f"EXPORT = {str(EXPORT)!r}\nREADY = {str(SPIRIT_READY)!r}\n{SPIRIT_SEED}"
        run([*manage, "shell", "-c", script], env=environment, cwd=SPIRIT_SITE,
            stdout=subprocess.DEVNULL)  # fmt: skip
        run([*manage, "rebuild_index", "--noinput", "-v", "0"], env=environment, cwd=SPIRIT_SITE)
    urls = json.loads(SPIRIT_READY.read_text())
    script = f"MEMBER = {urls['member']!r}\n{SPIRIT_SESSION}"
    printed = run([*manage, "shell", "-c", script], env=environment, cwd=SPIRIT_SITE,
                  capture_output=True, text=True).stdout  # fmt: skip
    urls["session"] = printed.strip().splitlines()[-1]
    return urls


def spirit_environment() -> dict:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "peersite.settings.bench"}


# --- serving and loading ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(gunicorn: Path, application: str, *, cwd: Path, env: dict):
    port = free_port()
    process = subprocess.Popen(
        [str(gunicorn), application, "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--no-control-socket", "--log-level", "warning"],
        cwd=cwd, env=env,
    )  # fmt: skip
    return process, f"http://127.0.0.1:{port}"


def wait_until_up(base: str, path: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            status, _ = fetch(base + path)
        except OSError:
            status = None
        if status == 200:
            return
        if time.monotonic() > deadline:
            raise SystemExit(f"{base}{path} did not answer 200 (last: {status}).")
        time.sleep(0.5)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (e.g. to the login page) is reported, not followed


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url: str, *, cookie: str = "") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def lua_rotating(paths: list[str], folder: Path) -> Path:
    """A wrk script that requests `paths` in turn."""
    script = folder / f"rotate-{abs(hash(tuple(paths)))}.lua"
    quoted = ", ".join(json.dumps(path) for path in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format(nil, paths[i])\nend\n"
    )
    return script


def wrk(base: str, paths: list[str], *, cookie: str, duration: int, folder: Path) -> dict:
    command = ["wrk", "-t2", "-c8", f"-d{duration}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if len(paths) > 1:
        command += ["-s", str(lua_rotating(paths, folder))]
    output = subprocess.run(
        [*command, base + paths[0]], check=True, capture_output=True, text=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rate": rate,
        "p50": float(median.group(1)) * scale[median.group(2)] if median else None,
        "errors": int(errors.group(1)) if errors else 0,
    }


def _ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}×" if theirs else "n/a (no response)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="Rounds over all pages (median).")
    parser.add_argument(
        "--duration", type=int, default=10, help="Seconds of wrk per page and site."
    )
    parser.add_argument("--rebuild", action="store_true", help="Build both data sets again.")
    parser.add_argument(
        "--pages",
        default="topic,list,space,search",
        help="Which pages, comma-separated: topic, list, space, search (default: all).",
    )
    parser.add_argument("--seed-peerdesk", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.seed_peerdesk:
        seed_peerdesk()
        return

    WORK.mkdir(parents=True, exist_ok=True)
    if options.rebuild:
        for path in (
            PEERDESK_DB,
            Path(f"{PEERDESK_DB}-wal"),
            Path(f"{PEERDESK_DB}-shm"),
            EXPORT,
            SPIRIT_READY,
        ):
            path.unlink(missing_ok=True)
        shutil.rmtree(PEERDESK_INDEX, ignore_errors=True)
        shutil.rmtree(SPIRIT_SITE / "st_search", ignore_errors=True)
    ensure_wrk()
    ensure_spirit()
    run([sys.executable, __file__, "--seed-peerdesk"], env=peerdesk_environment(), cwd=ROOT)
    data = json.loads(EXPORT.read_text())
    ours = data["peerdesk"]
    theirs = seed_spirit()
    searches = data["searches"]
    every_page = {
        "topic": ("topic, 100 answers", [ours["topic_100"]], [theirs["topic_100"]], False),
        "list": ("topic list", ["/questions/"], ["/"], False),
        "space": ("space / category page", [ours["category"]], [theirs["category"]], False),
        "search": (f"search ({len(searches)} queries)", searches, searches, True),
    }
    chosen = [name.strip() for name in options.pages.split(",") if name.strip()]
    if unknown := [name for name in chosen if name not in every_page]:
        raise SystemExit(
            f"No such page: {', '.join(unknown)} (choose from {', '.join(every_page)})."
        )
    pages = [every_page[name] for name in chosen]

    servers = []
    try:
        servers.append(
            start_gunicorn(
                ROOT / ".venv" / "bin" / "gunicorn",
                "config.wsgi:application",
                cwd=ROOT,
                env=peerdesk_environment(),
            )
        )
        servers.append(start_gunicorn(SPIRIT_ENV / "bin" / "gunicorn", "peersite.wsgi:application",
                                      cwd=SPIRIT_SITE, env=spirit_environment()))  # fmt: skip
        sites = [
            ("Peerdesk", servers[0][1], f"sessionid={ours['session']}"),
            ("Spirit", servers[1][1], f"sessionid={theirs['session']}"),
        ]
        for _name, base, _cookie in sites:
            wait_until_up(base, "/")
        sizes: dict[tuple[str, str], int] = {}
        for label, our_paths, their_paths, signed_in in pages:
            for (name, base, cookie), paths in zip(sites, (our_paths, their_paths), strict=True):
                for path in paths:  # every URL answers, and warms its caches
                    status, body = fetch(base + path, cookie=cookie if signed_in else "")
                    if status != 200:
                        raise SystemExit(f"{name} {path} answered {status}.")
                    sizes.setdefault((label, name), len(body.encode()))
        log(f"Measuring {len(pages)} pages on both sites: {options.rounds} rounds of "
            f"wrk -t2 -c8 -d{options.duration}s, 2 gunicorn sync workers each …")  # fmt: skip
        results: dict[tuple[str, str], list[dict]] = {}
        with tempfile.TemporaryDirectory(prefix="peerdesk-peers-") as folder:
            for round_number in range(options.rounds):
                order = sites if round_number % 2 == 0 else sites[::-1]
                for label, our_paths, their_paths, signed_in in pages:
                    for name, base, cookie in order:
                        paths = our_paths if name == "Peerdesk" else their_paths
                        figures = wrk(base, paths, cookie=cookie if signed_in else "",
                                      duration=options.duration, folder=Path(folder))  # fmt: skip
                        results.setdefault((label, name), []).append(figures)
                log(f"  round {round_number + 1}/{options.rounds}")
    finally:
        for process, _ in servers:
            process.terminate()
        for process, _ in servers:
            process.wait(timeout=30)

    log("")
    log(f"{THREADS:,} threads, one with 100 answers; requests per second, median of "
        f"{options.rounds} rounds (p50 latency in ms)")  # fmt: skip
    header = (
        f"{'page':<24} {'Peerdesk':>16} {'Spirit':>16} {'Peerdesk ÷ Spirit':>18}"
        f"  {'HTML kB (P / S)':>16}"
    )
    log(header)
    log("-" * len(header))
    for label, *_ in pages:
        ours_rate = statistics.median(r["rate"] for r in results[(label, "Peerdesk")])
        their_rate = statistics.median(r["rate"] for r in results[(label, "Spirit")])
        ours_p50 = statistics.median(r["p50"] or 0 for r in results[(label, "Peerdesk")])
        their_p50 = statistics.median(r["p50"] or 0 for r in results[(label, "Spirit")])
        errors = sum(r["errors"] for key in results for r in results[key] if key[0] == label)
        note = f"  ({errors} non-2xx responses)" if errors else ""
        kilobytes = (
            f"{sizes[(label, 'Peerdesk')] / 1000:.0f} / {sizes[(label, 'Spirit')] / 1000:.0f}"
        )
        log(
            f"{label:<24} {ours_rate:>7.1f} ({ours_p50:>5.0f}) {their_rate:>7.1f} ({their_p50:>5.0f})"
            f" {_ratio(ours_rate, their_rate):>18}  {kilobytes:>16}{note}"
        )


if __name__ == "__main__":
    main()
