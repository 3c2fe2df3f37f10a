"""/healthz: is every part the site needs answering? For load balancers and humans."""

import contextlib
import logging
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from community.tasks import ping_task

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_task_queue() -> None:
    """A real round trip: broker → worker → result backend, within the timeout."""
    result = ping_task.apply_async(expires=settings.HEALTHCHECK_TASK_TIMEOUT * 2)
    try:
        answer = result.get(timeout=settings.HEALTHCHECK_TASK_TIMEOUT, disable_sync_subtasks=False)
    finally:
        with contextlib.suppress(Exception):  # an unanswered ping has no result to forget
            result.forget()
    if answer != "pong":
        raise RuntimeError(f"unexpected answer {answer!r}")


def _check_search_index() -> None:
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.search("healthcheck", end_offset=1)


CHECKS = {
    "database": _check_database,
    "task_queue": _check_task_queue,
    "search_index": _check_search_index,
}


@never_cache
def healthz(request):
    report, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # any failure means "down", with the reason shown
            healthy = False
            report[name] = {"status": "down", "error": f"{type(error).__name__}: {error}"[:300]}
            logger.warning("health check failed", extra={"check": name, "error": str(error)})
        else:
            report[name] = {"status": "ok"}
        report[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    body = {"status": "ok" if healthy else "down", "checks": report}
    if not healthy:
        body["down"] = [name for name, entry in report.items() if entry["status"] != "ok"]
    return JsonResponse(body, status=200 if healthy else 503)
