"""What a title or a post must be before it is stored: rules every way in shares.

Length is counted in characters as typed. The visible length leaves out what
shows nothing (zero-width spaces and joiners, controls, lone combining marks),
so a title of fifty zero-width spaces is empty; a space between words counts.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from community.markdown import count_links_and_images
from community.models import Limits, Member
from community.models.limits import LIMITS_CACHE_KEY
from community.permissions import check_post_content

MIN_BODY_LENGTH = 10
MIN_TITLE_LENGTH = 10
MAX_TITLE_LENGTH = 150
# Unicode categories that show nothing: format characters (zero-width spaces and
# joiners), controls, unassigned code points, line separators, combining marks.
_INVISIBLE = frozenset(("Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Mn", "Me"))
_BLANK = _INVISIBLE | {"Zs"}


def visible_length(text: str) -> int:
    """Characters that show, once blanks at either end are removed."""
    text = _strip_invisible(text)
    return sum(1 for char in text if unicodedata.category(char) not in _INVISIBLE)


def _strip_invisible(text: str) -> str:
    """`text` without invisible characters at either end, inner runs of spaces made one."""
    text = " ".join((text or "").split())
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start]) in _BLANK:
        start += 1
    while end > start and unicodedata.category(text[end - 1]) in _BLANK:
        end -= 1
    return text[start:end]


def max_post_length() -> int:
    return Limits.objects.current().max_post_length


def too_long_message(*, length: int, limit: int) -> str:
    return _("This is %(length)s characters long; the limit is %(limit)s. Please shorten it.") % {
        "length": number_format(length, force_grouping=True),
        "limit": number_format(limit, force_grouping=True),
    }


def check_post_length(body: str) -> None:
    """Raise ValidationError when `body` is over the site's limit."""
    limit = max_post_length()
    if len(body) > limit:
        raise ValidationError(too_long_message(length=len(body), limit=limit), code="max_length")


def clean_post_body(body: str) -> str:
    """The body to store: stripped, at least a few visible characters, under the limit."""
    body = (body or "").strip()
    check_post_length(body)
    if visible_length(body) < MIN_BODY_LENGTH:
        raise ValidationError(
            _("Please write at least %(min)s characters."),
            params={"min": MIN_BODY_LENGTH},
            code="min_length",
        )
    return body


def check_links_and_images(*, body: str, by: Member, before: str = "") -> None:
    """Raise ValidationError when `by` may not post the links or images in `body` (new
    members: no images, at most a couple of links). `before` is the text an edit replaces."""
    check_post_content(
        member=by,
        links_and_images=count_links_and_images(body),
        before=count_links_and_images(before) if before else (0, 0),
    )


def clean_title(title: str) -> str:
    """The title to store, never cut: invisible characters at the ends removed, the rest checked."""
    title = _strip_invisible(title)
    if visible_length(title) < MIN_TITLE_LENGTH:
        raise ValidationError(
            _("A title needs at least %(min)s visible characters, e.g. “Invoice PDF is empty”."),
            params={"min": MIN_TITLE_LENGTH},
            code="min_length",
        )
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(
            too_long_message(length=len(title), limit=MAX_TITLE_LENGTH), code="max_length"
        )
    return title


@transaction.atomic
def save_limits(*, limits: Limits) -> Limits:
    """Save the admin's limits; every process reads the new values from the cache at once."""
    from django.core.cache import cache

    limits.pk = 1  # the one row: an admin's "add" must not take the sequence's next id
    limits.full_clean()
    limits.save()
    # Now for this process, and after commit for any process that read the old row meanwhile.
    cache.delete(LIMITS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(LIMITS_CACHE_KEY))
    return limits
