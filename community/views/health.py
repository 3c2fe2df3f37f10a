"""/healthz: up or down for load balancers and visitors; every check for staff and monitors.

Everyone gets ``{"status": "ok"}`` (200) or ``{"status": "down"}`` (503) from one cheap
database query: no task, no details, no error text. Staff members, and requests carrying
HEALTHCHECK_TOKEN (``Authorization: Bearer …`` or ``?token=…``), get each check with its
status and timing. The worker check reads the heartbeat the worker records every minute
(community.record_heartbeat, sent by Celery beat): no request ever sends a task.
"""

import hmac
import logging
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from community.outbox import last_heartbeat, outbox_backlog

logger = logging.getLogger(__name__)


class CheckFailed(Exception):
    """A check that ran and found its part unhealthy; the message is safe to show staff."""


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _check_search_index() -> dict:
    from haystack import connections

    connections["default"].get_backend().search("healthcheck", end_offset=1)
    return {}


def _seconds(delta) -> float | None:
    return None if delta is None else round(delta.total_seconds(), 1)


def _check_worker() -> dict:
    """Beat → broker → worker → database, as of the last heartbeat."""
    heartbeat = last_heartbeat()
    if heartbeat is None:
        raise CheckFailed("no heartbeat recorded yet")
    age = timezone.now() - heartbeat.beat_at
    details = {"last_heartbeat_seconds_ago": _seconds(age)}
    if age > settings.HEALTHCHECK_HEARTBEAT_MAX_AGE:
        raise CheckFailed(f"last heartbeat {_seconds(age)} s ago", details)
    return details


def _check_outbox() -> dict:
    """Work waiting for the worker: how much, and how long the oldest has waited."""
    backlog = outbox_backlog()
    age = backlog.oldest_age()
    details = {"waiting": backlog.waiting, "oldest_waiting_seconds": _seconds(age)}
    if age is not None and age > settings.HEALTHCHECK_OUTBOX_MAX_AGE:
        raise CheckFailed(f"oldest message waiting {_seconds(age)} s", details)
    return details


CHECKS = {
    "database": _check_database,
    "search_index": _check_search_index,
    "worker": _check_worker,
    "outbox": _check_outbox,
}


def _may_see_details(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    expected = settings.HEALTHCHECK_TOKEN
    if not expected:
        return False
    authorization = request.headers.get("Authorization", "")
    if authorization.startswith("Bearer "):
        given = authorization.removeprefix("Bearer ").strip()
    else:
        given = request.GET.get("token", "")
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())


def _run(name: str, check) -> dict:
    started = time.monotonic()
    try:
        entry = {"status": "ok", **check()}
    except CheckFailed as failure:
        reason, *details = failure.args
        entry = {"status": "down", "reason": reason, **(details[0] if details else {})}
    except Exception as error:
        # The exception's text may name server paths and hosts: the log has it, the page not.
        logger.warning("health check failed", extra={"check": name}, exc_info=True)
        entry = {"status": "down", "reason": type(error).__name__}
    entry["ms"] = round((time.monotonic() - started) * 1000, 1)
    return entry


@never_cache
def healthz(request):
    if not _may_see_details(request):
        healthy = _run("database", CHECKS["database"])["status"] == "ok"
        return JsonResponse({"status": "ok" if healthy else "down"}, status=200 if healthy else 503)
    from community.extensions import health_checks

    checks = {**CHECKS, **health_checks()}
    report = {name: _run(name, check) for name, check in checks.items()}
    down = [name for name, entry in report.items() if entry["status"] != "ok"]
    body = {"status": "down" if down else "ok", "checks": report}
    if down:
        body["down"] = down
    return JsonResponse(body, status=503 if down else 200)
