"""Knowledge's Celery tasks: thin, by id, safe to run twice (sent through the outbox or by
beat; registered in every process: knowledge/apps.py imports this module)."""

from celery import shared_task

_NOTIFY = {"acks_late": True, "autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


@shared_task(name="knowledge.notify_article_followers", **_NOTIFY)
def notify_article_followers_task(*, article_id: int, event: str, revision: int) -> int:
    from knowledge.services.notifications import notify_article_followers

    return notify_article_followers(article_id=article_id, event=event, revision=revision)


@shared_task(name="knowledge.settle_deflections", acks_late=True)
def settle_deflections_task() -> int:
    """Openings of ask-form suggestions older than the window become deflections (beat)."""
    from knowledge.services.deflection import settle_openings

    return settle_openings()
