"""Where one page's time goes, the way gunicorn runs it: WSGI calls through the real
middleware stack, DEBUG off, on the data and settings of ``make bench-peers``.

    .venv/bin/python bench/profile_page.py /questions/            # a visitor's list
    .venv/bin/python bench/profile_page.py topic --member          # the 100-answer thread
    .venv/bin/python bench/profile_page.py space --profile --sort tottime --top 40

Needs the data ``make bench-peers`` builds (var/peers/). Prints the CPU time per request
(the best of a few rounds: CPU time, unlike the clock, barely moves when other work shares
the machine) and, with --profile, cProfile's table over the same requests.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import peers  # noqa: E402  (bench/peers.py: the same environment and data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help='An address, or "topic" (100 answers) or "space".')
    parser.add_argument("--member", action="store_true", help="Signed in (the bench member).")
    parser.add_argument("--requests", type=int, default=100, help="Requests per round.")
    parser.add_argument("--rounds", type=int, default=3, help="Rounds; the best one counts.")
    parser.add_argument("--profile", action="store_true", help="Print cProfile's table too.")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key.")
    parser.add_argument("--top", type=int, default=60, help="Rows of the table.")
    options = parser.parse_args()
    if not peers.EXPORT.exists():
        raise SystemExit("No data yet: run `make bench-peers` once.")

    os.environ.update(peers.peerdesk_environment())
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.chdir(ROOT)
    from config.wsgi import application

    data = json.loads(peers.EXPORT.read_text())["peerdesk"]
    path = {"topic": data["topic_100"], "space": data["category"]}.get(options.path, options.path)
    path, _, query = path.partition("?")

    def request() -> bytes:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        if options.member:
            environ["HTTP_COOKIE"] = f"sessionid={data['session']}"
        status = []
        body = b"".join(application(environ, lambda code, headers, info=None: status.append(code)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{path} answered {status[0]}.")
        return body

    size = len(request())
    for _ in range(20):  # warm: templates, caches, connections
        request()
    best = None
    for _ in range(options.rounds):
        started = time.process_time()
        for _ in range(options.requests):
            request()
        spent = (time.process_time() - started) / options.requests
        best = spent if best is None else min(best, spent)
    who = "member" if options.member else "visitor"
    print(f"{path} ({who}): {best * 1000:.2f} ms CPU per request, {size:,} bytes")
    if options.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(options.requests):
            request()
        profile.disable()
        pstats.Stats(profile).sort_stats(options.sort).print_stats(options.top)


if __name__ == "__main__":
    main()
