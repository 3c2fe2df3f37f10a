"""Timing pages in interleaved rounds, so load on the machine falls on every page alike.

Each round requests every page once (the search page once per query) in an order
shuffled per round; a page's figures are the statistics of its rounds. Query counts
are taken once per page, outside the timed requests (capturing queries slows them).
"""

import math
import random
import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from community.benchmark.data import BenchData
from community.benchmark.pages import MEMBER, POSTER, STAFF, Page, Request
from community.models import Member


class PageFailed(Exception):
    pass


@dataclass(frozen=True)
class Figures:
    median: float
    cpu: float  # median CPU time of this process: the part that does not wait for the machine
    p90: float
    p99: float
    samples: int
    queries: int


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def _clients(data: BenchData) -> dict[str, Client]:
    clients = {"visitor": Client(), MEMBER: Client(), POSTER: Client(), STAFF: Client()}
    clients[MEMBER].force_login(data.viewer)
    clients[POSTER].force_login(data.poster)
    staff = Member.objects.filter(is_staff=True, username__startswith="bench-member-")
    agent = staff.order_by("username").first()
    if agent is not None:
        clients[STAFF].force_login(agent)
    return clients


def _send(client: Client, request: Request):
    if request.form is not None:
        response = client.post(request.url, request.form)
    else:
        response = client.get(request.url)
    if response.status_code != request.expected_status:
        raise PageFailed(
            f"{request.method} {request.url} answered {response.status_code}, "
            f"not {request.expected_status}"
        )
    return response


def count_queries(client: Client, requests: list[Request]) -> int:
    """The most SQL queries any of `requests` makes (warm: each is sent once before; a
    request's ``prepare`` runs first, as it does before it is timed)."""
    most = 0
    for request in requests:
        if request.prepare is not None:
            request.prepare()
        with CaptureQueriesContext(connection) as queries:
            _send(client, request)
        most = max(most, len(queries))  # read now: the next request clears the log
    return most


def measure(
    pages: list[Page], data: BenchData, *, rounds: int, seed: int = 14, progress=None
) -> dict[Page, Figures]:
    """Warm every page up, count its queries, then time `rounds` interleaved rounds."""
    clients = _clients(data)
    queries = {}
    for page in pages:
        client = clients[page.who]
        for request in page.requests(data, 0):
            _send(client, request)
        queries[page] = count_queries(client, page.requests(data, 0))  # also a second warm-up
    samples: dict[Page, list[float]] = {page: [] for page in pages}
    cpu: dict[Page, list[float]] = {page: [] for page in pages}
    order = list(pages)
    shuffle = random.Random(seed)
    for round_number in range(1, rounds + 1):
        shuffle.shuffle(order)
        for page in order:
            client = clients[page.who]
            for request in page.requests(data, round_number):
                if request.prepare is not None:
                    request.prepare()
                started, started_cpu = time.perf_counter(), time.process_time()
                _send(client, request)
                samples[page].append((time.perf_counter() - started) * 1000)
                cpu[page].append((time.process_time() - started_cpu) * 1000)
        if progress is not None:
            progress(round_number)
    figures = {}
    for page, values in samples.items():
        values.sort()
        figures[page] = Figures(
            median=statistics.median(values),
            cpu=statistics.median(cpu[page]),
            p90=percentile(values, 0.90),
            p99=percentile(values, 0.99),
            samples=len(values),
            queries=queries[page],
        )
    return figures
