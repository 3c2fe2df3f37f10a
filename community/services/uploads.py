"""Images for posts: kept when uploaded, removed when no post ever used them."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from community.images import process_post_image
from community.models import Member, Post, PostImage, PostRevision
from community.services.ratelimits import check_upload_rate

logger = logging.getLogger(__name__)

# Time to finish writing the post an image was uploaded for.
UNUSED_IMAGE_GRACE = timedelta(hours=24)
# Images looked at per run; the hourly task takes the rest next time.
UNUSED_IMAGE_BATCH = 1000


@transaction.atomic
def store_post_image(*, upload, by: Member) -> PostImage:
    """Validate, clean and keep an image for a post. Raises ValidationError with the reason
    (RateLimited, a ValidationError, past the uploads an hour)."""
    check_upload_rate(member=by)
    processed = process_post_image(upload)
    image = PostImage(uploader=by)
    image.image.save(processed.content.name, processed.content, save=False)
    image.save()
    return image


def _is_shown_anywhere(image: PostImage) -> bool:
    # Every URL of the file ends in its stored name (uploads/<member>/<file>), whatever
    # MEDIA_URL is; hidden and deleted posts count (they can be restored), and so do
    # earlier revisions (their history can be read).
    name = image.image.name
    return (
        Post.objects.filter(body__contains=name).exists()
        or PostRevision.objects.filter(body__contains=name).exists()
    )


def remove_unused_post_images(*, older_than: timedelta = UNUSED_IMAGE_GRACE) -> int:
    """Delete images uploaded more than `older_than` ago that no post body names, current
    or in any revision: their rows, and their files after commit. Images found in use are
    marked so and never checked again. Returns how many were removed. Safe to run twice."""
    cutoff = timezone.now() - older_than
    removed = 0
    candidates = PostImage.objects.filter(in_use=False, created_at__lt=cutoff).order_by("pk")
    for image in list(candidates[:UNUSED_IMAGE_BATCH]):
        if _is_shown_anywhere(image):
            PostImage.objects.filter(pk=image.pk).update(in_use=True)
            continue
        with transaction.atomic():
            deleted, _ = PostImage.objects.filter(pk=image.pk, in_use=False).delete()
            if deleted:
                storage, name = image.image.storage, image.image.name
                transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        removed += deleted
    if removed:
        logger.info("unused uploaded images removed", extra={"count": removed})
    return removed
