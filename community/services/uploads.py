from django.db import transaction

from community.images import process_post_image
from community.models import Member, PostImage


@transaction.atomic
def store_post_image(*, upload, by: Member) -> PostImage:
    """Validate, clean and keep an image for a post. Raises ValidationError with the reason."""
    processed = process_post_image(upload)
    image = PostImage(uploader=by)
    image.image.save(processed.content.name, processed.content, save=False)
    image.save()
    return image
