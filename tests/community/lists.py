"""Threads for list tests: made fast, in the language a test asks for."""

from datetime import timedelta

from django.utils import timezone

from community.models import Thread
from tests.factories import MemberFactory, SpaceFactory, TagFactory, make_thread

GERMAN_TITLE = "Meine Rechnung ist nicht angekommen"
GERMAN_BODY = "Ich habe die Rechnung für meine Bestellung noch nicht bekommen, was kann ich tun?"


def german_thread(**kwargs) -> Thread:
    """A thread asked in German, so ask_question files it under "de"."""
    kwargs.setdefault("title", GERMAN_TITLE)
    kwargs.setdefault("body", GERMAN_BODY)
    thread = make_thread(**kwargs)
    assert thread.language == "de"
    return thread


def many_threads(count: int, *, space=None, language: str = "en", tags: int = 2) -> list[Thread]:
    """`count` threads in one statement (lists read no posts), each with up to `tags` tags,
    one minute apart; the newest first in the default order."""
    space = space or SpaceFactory()
    author = MemberFactory()
    tag_objects = [TagFactory(name=f"{language}tag{number}") for number in range(tags)]
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            space=space,
            author=author,
            last_poster=author,
            title=f"Thread {number} in {language}",
            slug=f"thread-{number}",
            language=language,
            last_activity_at=now - timedelta(minutes=number),
            answer_count=number % 3,
            me_too_count=number % 2,
        )
        for number in range(count)
    )
    through = Thread.tags.through
    through.objects.bulk_create(
        through(thread_id=thread.pk, tag_id=tag.pk)
        for index, thread in enumerate(threads)
        for tag in tag_objects[: index % (tags + 1)]
    )
    return threads
