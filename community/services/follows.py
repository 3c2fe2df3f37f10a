"""Following threads, spaces and tags: one row per member, e-mails about what is new."""

from django.db import transaction

from community.models import Member, Space, SpaceFollow, Tag, TagFollow, Thread, ThreadFollow


@transaction.atomic
def set_thread_following(*, thread: Thread, member: Member, following: bool) -> bool:
    """`member` follows `thread` (or no longer). Idempotent; returns `following`."""
    if following:
        ThreadFollow.objects.get_or_create(thread=thread, member=member)
    else:
        ThreadFollow.objects.filter(thread=thread, member=member).delete()
    return following


@transaction.atomic
def set_space_following(*, space: Space, member: Member, following: bool) -> bool:
    """`member` follows `space` (or no longer). Idempotent; returns `following`."""
    if following:
        SpaceFollow.objects.get_or_create(space=space, member=member)
    else:
        SpaceFollow.objects.filter(space=space, member=member).delete()
    return following


@transaction.atomic
def set_tag_following(*, tag: Tag, member: Member, following: bool) -> bool:
    """`member` follows `tag` (or no longer): e-mails about new threads with it. Idempotent;
    returns `following`."""
    if following:
        TagFollow.objects.get_or_create(tag=tag, member=member)
    else:
        TagFollow.objects.filter(tag=tag, member=member).delete()
    return following
