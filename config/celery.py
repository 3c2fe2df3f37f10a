"""The Celery application. Settings come from Django's settings (CELERY_*)."""

import logging
import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

logger = logging.getLogger(__name__)

app = Celery("peerdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def celery_folders() -> list[Path]:
    """The folders Celery writes to here: the file-system broker's queue, control and
    processed folders, a file:// result backend's folder, and beat's schedule folder."""
    from django.conf import settings

    folders = [Path(settings.CELERY_BEAT_SCHEDULE_FILENAME).parent]
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        for key in ("data_folder_in", "data_folder_out", "control_folder", "processed_folder"):
            if options.get(key):
                folders.append(Path(options[key]))
    if settings.CELERY_RESULT_BACKEND.startswith("file://"):
        folders.append(Path(settings.CELERY_RESULT_BACKEND.removeprefix("file://")))
    return list(dict.fromkeys(folders))


def create_celery_folders() -> None:
    """Create the folders of `celery_folders()`. Raises OSError when that is impossible."""
    for folder in celery_folders():
        folder.mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _create_folders_when_celery_is_set_up(sender, **kwargs):
    # Runs once per process, when Celery first reads its configuration: in the worker and
    # beat at start, in the web server before the first task is handed over. A failure is
    # logged, not raised: sending then fails, and the outbox keeps the work until it works.
    try:
        create_celery_folders()
    except OSError:
        logger.exception("the Celery folders cannot be created")
