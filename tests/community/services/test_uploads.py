from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from community.models import PostImage
from community.services.posts import edit_post
from community.services.uploads import remove_unused_post_images, store_post_image
from community.tasks import remove_unused_images_task
from tests.factories import make_answer, make_thread
from tests.images import uploaded_image

pytestmark = pytest.mark.django_db


def _upload(member) -> PostImage:
    return store_post_image(upload=uploaded_image(), by=member)


def _markdown(image: PostImage) -> str:
    return f"![screen shot]({image.image.url})"


def _a_day_later():
    return time_machine.travel(timezone.now() + timedelta(hours=24, minutes=5))


def test_remove_unused_post_images_deletes_rows_and_files_a_day_after_upload(
    member, django_capture_on_commit_callbacks
):
    unused = _upload(member)
    storage, name = unused.image.storage, unused.image.name
    assert storage.exists(name)

    assert remove_unused_post_images() == 0  # still within the day to finish the post

    with _a_day_later(), django_capture_on_commit_callbacks(execute=True):
        assert remove_unused_post_images() == 1
    assert not PostImage.objects.filter(pk=unused.pk).exists()
    assert not storage.exists(name)


def test_remove_unused_post_images_keeps_images_in_posts_and_in_old_revisions(
    member, django_capture_on_commit_callbacks
):
    in_answer = _upload(member)
    in_question = _upload(member)
    only_in_first_revision = _upload(member)
    thread = make_thread(author=member, body=f"My screen looks like this: {_markdown(in_question)}")
    make_answer(thread=thread, body=f"Mine too, see {_markdown(in_answer)}")
    answer = make_answer(
        thread=thread, author=member, body=f"Before: {_markdown(only_in_first_revision)}"
    )
    edit_post(post=answer, by=member, body="I removed the screenshot again, sorry.")
    unused = _upload(member)

    with _a_day_later(), django_capture_on_commit_callbacks(execute=True):
        assert remove_unused_post_images() == 1
    assert set(PostImage.objects.all()) == {in_answer, in_question, only_in_first_revision}
    assert not PostImage.objects.filter(pk=unused.pk).exists()
    # Found in use once: never looked at again.
    assert PostImage.objects.filter(in_use=True).count() == 3


def test_remove_unused_post_images_keeps_images_of_hidden_and_deleted_posts(member, staff):
    from community.services.posts import delete_post, hide_post

    hidden, deleted = _upload(member), _upload(member)
    thread = make_thread(author=member)
    hide_post(post=make_answer(thread=thread, body=_markdown(hidden)), by=staff, reason="spam")
    deleted_answer = make_answer(thread=thread, author=member, body=_markdown(deleted))
    delete_post(post=deleted_answer, by=member)

    with _a_day_later():
        assert remove_unused_post_images() == 0
    assert PostImage.objects.count() == 2


def test_remove_unused_images_task_runs_the_cleanup(member):
    _upload(member)
    with _a_day_later():
        assert remove_unused_images_task.apply().get() == 1
    assert not PostImage.objects.exists()
