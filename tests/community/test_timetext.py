"""Relative times and durations read naturally, in one style, in both languages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from community.timetext import duration_text, time_ago

NOW = timezone.now()


@pytest.mark.parametrize(
    ("age", "english", "german"),
    [
        (timedelta(seconds=20), "just now", "gerade eben"),
        (timedelta(minutes=1), "1 minute ago", "vor 1 Minute"),
        (timedelta(minutes=5), "5 minutes ago", "vor 5 Minuten"),
        (timedelta(hours=1, minutes=59), "1 hour ago", "vor 1 Stunde"),
        (timedelta(days=1), "1 day ago", "vor 1 Tag"),
        (timedelta(days=3, hours=5), "3 days ago", "vor 3 Tagen"),
        (timedelta(days=31), "1 month ago", "vor 1 Monat"),
        (timedelta(days=70), "2 months ago", "vor 2 Monaten"),
        (timedelta(days=800), "2 years ago", "vor 2 Jahren"),
    ],
)
def test_time_ago_says_one_unit_in_both_languages(age, english, german):
    with translation.override("en"):
        assert time_ago(NOW - age, now=NOW) == english
    with translation.override("de"):
        assert time_ago(NOW - age, now=NOW) == german


@pytest.mark.parametrize(
    ("delta", "english", "german"),
    [
        (timedelta(hours=1132, minutes=14), "47 days", "47 Tage"),
        (timedelta(minutes=90), "1 hour", "1 Stunde"),
        (timedelta(seconds=10), "1 minute", "1 Minute"),
        (timedelta(days=1), "1 day", "1 Tag"),
    ],
)
def test_duration_text_is_humane(delta, english, german):
    with translation.override("en"):
        assert duration_text(delta) == english
    with translation.override("de"):
        assert duration_text(delta) == german


def test_staff_queue_says_how_late_in_days_not_hours(client, staff, db):
    from community.models import Thread
    from tests.factories import make_thread

    thread = make_thread()
    Thread.objects.filter(pk=thread.pk).update(created_at=NOW - timedelta(hours=1132, minutes=14))
    client.force_login(staff)
    content = client.get("/staff/waiting/").content.decode()
    assert "47 days overdue" in content
    assert "1132 hours" not in content


def test_no_template_uses_djangos_own_relative_times():
    # Django's naturaltime and timesince say "1 Tag, 3 Stunden her"; every relative time on
    # our pages and in our e-mails goes through the |ago and |duration filters instead.
    from pathlib import Path

    from django.conf import settings

    templates = Path(settings.BASE_DIR) / "templates"
    pattern = re.compile(r"\|\s*(naturaltime|naturalday|timesince|timeuntil)\b")
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*")
        if path.suffix in {".html", ".txt"} and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders
