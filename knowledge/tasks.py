"""Celery tasks of the knowledge base (registered in every process: knowledge/apps.py)."""

from celery import shared_task


@shared_task(name="knowledge.settle_deflections", acks_late=True)
def settle_deflections_task() -> int:
    """Openings of ask-form suggestions older than the window become deflections (beat)."""
    from knowledge.services.deflection import settle_openings

    return settle_openings()
