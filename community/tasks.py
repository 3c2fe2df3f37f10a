"""Celery tasks: thin, idempotent, given ids or plain data, never model instances.

Code outside this module sends work by the task's name through community.outbox's
``enqueue``, never ``.delay()``: the durable outbox hands the task to Celery after commit
and again until the worker reports it done. Naming the task (not importing it) keeps the
services that tasks call from importing this module back.
"""

import logging
import os
import shutil
import time
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from community import outbox
from community.outbox import tasks_are_muted, tasks_muted  # noqa: F401 (imported from here)

logger = logging.getLogger(__name__)


@shared_task(name="community.ping")
def ping_task() -> str:
    """A round trip through broker and worker, for operators and the worker tests."""
    return "pong"


@shared_task(name=outbox.BATCH_TASK_NAME, acks_late=True)
def deliver_outbox_task(message_ids: list[int]) -> int:
    """The rows one transaction wrote, each sent on as its own task (community.outbox)."""
    return outbox.deliver_batch(message_ids)


@shared_task(name="community.relay_outbox")
def relay_outbox_task() -> dict:
    """Every minute (beat): hand over outbox messages that are due again; prune done ones."""
    report = outbox.relay_due()
    return vars(report)


@shared_task(name="community.record_heartbeat")
def record_heartbeat_task() -> str:
    """Every minute (beat): /healthz reads this to know the worker is alive."""
    return outbox.record_heartbeat().beat_at.isoformat()


@shared_task(name="community.remove_unused_images")
def remove_unused_images_task() -> int:
    """Every hour (beat): delete uploads that no post uses a day after they were uploaded."""
    from community.services.uploads import remove_unused_post_images

    return remove_unused_post_images()


@shared_task(
    name="community.send_email",
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),  # smtplib's errors are OSErrors
    retry_backoff=True,
    max_retries=5,
)
def send_email_task(
    self,
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html: str | None = None,
    headers: dict | None = None,
) -> bool:
    """Send one e-mail over the configured backend (SMTP in production), outside any
    transaction. A second delivery of an outbox message that is already done sends nothing."""
    if outbox.is_done(self.request.id):
        return False
    # The outbox row is the copy that counts: a redaction scrubs it after the broker got
    # its own copy of the arguments (community.services.redaction).
    stored = outbox.stored_kwargs(self.request.id)
    if stored is not None:
        subject = stored.get("subject", subject)
        body, html = stored.get("body", body), stored.get("html", html)
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers or None)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    logger.info("email sent", extra={"to_count": len(to), "subject": subject})
    return True


@shared_task(name="community.prune_task_results")
def prune_task_results(max_age_seconds: int = 3600) -> int:
    """Delete old result files and processed messages of the file-system broker."""
    removed = 0
    cutoff = time.time() - max_age_seconds
    folders = [settings.CELERY_DATA_DIR / "processed", settings.CELERY_DATA_DIR / "results"]
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for entry in os.scandir(folder):
            if entry.is_file() and entry.stat().st_mtime < cutoff:
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
            elif entry.is_dir() and entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry.path, ignore_errors=True)
    return removed


@shared_task(
    name="community.update_search_index",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def update_search_index_task(*, model: str, pk: int) -> str:
    """Index the row `model`/`pk` if it should be found, else remove it. Safe to repeat."""
    from django.apps import apps
    from haystack import connections

    model_class = apps.get_model(model)
    index = connections["default"].get_unified_index().get_index(model_class)
    instance = index.index_queryset().filter(pk=pk).first()
    if instance is not None:
        index.update_object(instance)
        return "indexed"
    index.remove_object(f"{model_class._meta.label_lower}.{pk}")
    return "removed"


_NOTIFY = {"acks_late": True, "autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


@shared_task(name="community.notify_new_thread", **_NOTIFY)
def notify_new_thread_task(*, thread_id: int) -> int:
    from community.services.notifications import notify_new_thread

    return notify_new_thread(thread_id=thread_id)


@shared_task(name="community.notify_new_answer", **_NOTIFY)
def notify_new_answer_task(*, post_id: int) -> int:
    from community.services.notifications import notify_new_answer

    return notify_new_answer(post_id=post_id)


@shared_task(name="community.notify_solution", **_NOTIFY)
def notify_solution_task(*, post_id: int, by_id: int) -> int:
    from community.services.notifications import notify_solution

    return notify_solution(post_id=post_id, by_id=by_id)


@shared_task(name="community.notify_idea_status", **_NOTIFY)
def notify_idea_status_task(*, change_id: int) -> int:
    from community.services.notifications import notify_idea_status

    return notify_idea_status(change_id=change_id)


@shared_task(name="community.rerender_posts", acks_late=True)
def rerender_posts_task(*, post_ids: list[int]) -> int:
    from community.services.rendering import rerender_posts

    return rerender_posts(post_ids=post_ids)


@shared_task(
    name="community.reindex_space",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def reindex_space_task(*, space_id: int) -> str:
    """Renew the search entries of every thread in a space (renamed, switched off or on)."""
    from community.models import Thread
    from community.services.search_index import reindex_threads

    thread_ids = list(Thread.objects.filter(space_id=space_id).values_list("pk", flat=True))
    indexed, removed = reindex_threads(thread_ids)
    return f"indexed {indexed}, removed {removed}"


@shared_task(name="community.prune_rate_limit_counters")
def prune_rate_limit_counters_task() -> int:
    """Every hour (beat): delete rate-limit counters whose window is over (database store)."""
    from community.services.ratelimits import prune_rate_limit_counters

    return prune_rate_limit_counters()


@shared_task(name="community.prune_inbound_hook_messages")
def prune_inbound_hook_messages_task() -> int:
    """Every hour (beat): forget the helpdesk calls' ids once no replay of them can pass."""
    from community.escalation.inbound import prune_seen_messages

    return prune_seen_messages()


# --- redaction ---------------------------------------------------------------------------


@shared_task(
    name="community.purge_thread_from_search_index",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def purge_thread_from_search_index_task(*, thread_id: int) -> str:
    """After a redaction: index the thread again, then compact the index, so the old
    document's words leave the index files, not only the results. Safe to repeat."""
    from haystack import connections

    result = update_search_index_task(model="community.thread", pk=thread_id)
    backend = connections["default"].get_backend()
    optimize = getattr(backend, "optimize", None)  # Whoosh; Elasticsearch merges on its own
    if callable(optimize):
        optimize()
    return result


# --- private messages to the support team ---------------------------------------------------


@shared_task(name="community.notify_case_message", **_NOTIFY)
def notify_case_message_task(*, case_id: int, by_id: int) -> int:
    from community.services.cases import notify_case_message

    return notify_case_message(case_id=case_id, by_id=by_id)


@shared_task(name="community.send_acknowledgement", **_NOTIFY)
def send_acknowledgement_task(*, thread_id: int) -> int:
    """Right after a question is asked: tell the asker what to expect."""
    from community.escalation.acknowledgement import send_acknowledgement

    return send_acknowledgement(thread_id=thread_id)


# --- escalation to the support team: routing ------------------------------------------------


@shared_task(name="community.escalate_overdue", acks_late=True)
def escalate_overdue_task() -> dict:
    """Every minute (beat): route unanswered questions to super users and staff, escalate
    what is due. Idempotent; two at once leave one escalation per thread."""
    from community.escalation.routing import sweep

    return sweep().as_dict()


@shared_task(
    name="community.escalate_if_triggered",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def escalate_if_triggered_task(*, thread_id: int) -> list[str]:
    """Right after a personal-data flag or another "me too": escalate the thread if that
    made it due. Safe to run twice."""
    from community.escalation.routing import escalate_if_triggered

    return escalate_if_triggered(thread_id=thread_id)


# --- support desk: the satisfaction survey ---------------------------------------------------


@shared_task(name="community.send_survey", **_NOTIFY)
def send_survey_task(*, survey_id: int) -> int:
    from community.escalation.surveys import send_survey

    return send_survey(survey_id=survey_id)


# --- escalation events to the support team and the webhooks ----------------------------------


@shared_task(name="community.email_escalation_event", **_NOTIFY)
def email_escalation_event_task(*, event_id: int) -> int:
    """E-mail the support team about one escalation event. Safe to run twice."""
    from community.escalation.team_mail import send_event_emails

    return send_event_emails(event_id=event_id)


@shared_task(name="community.deliver_webhook", acks_late=True)
def deliver_webhook_task(*, delivery_id: int) -> str:
    """Send one webhook delivery if it is due; retries are scheduled on the row, not here.
    Safe to run twice (a delivered or claimed row is not sent again)."""
    from community.escalation.webhooks import deliver

    return deliver(delivery_id).result


@shared_task(name="community.sweep_webhook_deliveries")
def sweep_webhook_deliveries_task() -> dict:
    """Every minute (beat): send the webhook deliveries that are due, stuck ones included."""
    from community.escalation.webhooks import sweep_deliveries

    report = sweep_deliveries()
    return {
        "delivered": report.delivered,
        "retrying": report.retrying,
        "failed": report.failed,
        "skipped": report.skipped,
    }


# --- known issues ----------------------------------------------------------------------------


@shared_task(name="community.notify_known_issue_update", **_NOTIFY)
def notify_known_issue_update_task(*, update_id: int) -> int:
    from community.escalation.known_issues import notify_known_issue_update

    return notify_known_issue_update(update_id=update_id)


@shared_task(name="community.send_invitation", **_NOTIFY)
def send_invitation_task(*, invitation_id: int) -> bool:
    from community.services.invitations import email_invitation

    return email_invitation(invitation_id=invitation_id)


@shared_task(name="community.expire_invitations")
def expire_invitations_task() -> int:
    """Every hour (beat): close expired invitations (and those whose address joined without
    the link) and erase their addresses."""
    from community.services.invitations import expire_invitations

    return expire_invitations()
