import difflib
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.models import Member, Tag
from community.permissions import can_create_tags

TAG_PATTERN = re.compile(r"^[\w][\w+#.-]{0,31}$")
MAX_TAGS = 5
# A refused new tag is answered with at most this many tags that exist, close matches first.
EXISTING_TAGS_NAMED = 10


def parse_tag_names(raw: str) -> list[str]:
    """“Invoice, PDF  download” → ["invoice", "pdf", "download"], duplicates removed."""
    names = []
    for name in re.split(r"[,\s]+", raw or ""):
        name = name.strip().lower().lstrip("#")
        if name and name not in names:
            names.append(name)
    return names


def _check_spelling(names: list[str]) -> None:
    if len(names) > MAX_TAGS:
        raise ValidationError(_("Use at most %(max)s tags."), params={"max": MAX_TAGS})
    invalid = [name for name in names if not TAG_PATTERN.match(name)]
    if invalid:
        raise ValidationError(
            _("Tags are single words of letters and digits (%(tags)s is not)."),
            params={"tags": ", ".join(invalid)},
        )


def _check_new_tags(*, names: list[str], missing: list[str], by: Member) -> None:
    if missing and not can_create_tags(by):
        raise new_tags_refused(missing, exclude=names)


def new_tags_refused(missing: list[str], *, exclude: list[str]) -> ValidationError:
    """Why a new member's new tags are refused, naming the tags that do exist."""
    refused = ngettext(
        "New members can only use existing tags, and “%(tags)s” does not exist yet.",
        "New members can only use existing tags, and “%(tags)s” do not exist yet.",
        len(missing),
    ) % {"tags": "”, “".join(missing)}
    offered = tags_like(missing, exclude=exclude)
    if offered:
        hint = _("Tags you can use: %(existing)s.") % {"existing": ", ".join(offered)}
    else:
        hint = _("Leave the field empty for now.")
    return ValidationError(f"{refused} {hint}", code="new_tag")


def tags_like(names: list[str], *, exclude: list[str] = (), limit: int = EXISTING_TAGS_NAMED):
    """Names of existing tags to offer instead of `names`: the closest spellings first
    (“invoices” → “invoice”), then the most used. One query."""
    listed = Tag.objects.listed().order_by("-thread_count", "name")
    by_use = [name for name in listed.values_list("name", flat=True) if name not in exclude]
    close = []
    for name in names:
        for match in difflib.get_close_matches(name, by_use, n=3, cutoff=0.6):
            if match not in close:
                close.append(match)
    # A tag that contains what was typed ("pdf" in "invoice-pdf") is close too.
    for name in names:
        close.extend(t for t in by_use if name in t and t not in close)
    rest = [name for name in by_use if name not in close]
    return (close + rest)[:limit]


def check_tag_names(*, names: list[str], by: Member) -> None:
    """Raise ValidationError unless `by` may tag a thread with `names`.

    One query for members who may use only existing tags, none for the others.
    """
    _check_spelling(names)
    if not names or can_create_tags(by):
        return
    existing = set(Tag.objects.filter(name__in=names).values_list("name", flat=True))
    _check_new_tags(names=names, missing=[name for name in names if name not in existing], by=by)


def resolve_tags(*, names: list[str], by: Member) -> list[Tag]:
    """The Tag rows for `names`; creates free tags when `by` may. Raises ValidationError.

    One query when every tag exists (the usual case when asking).
    """
    _check_spelling(names)
    if not names:
        return []
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [name for name in names if name not in existing]
    _check_new_tags(names=names, missing=missing, by=by)
    for name in missing:
        existing[name], _created = Tag.objects.get_or_create(name=name, defaults={"created_by": by})
    return [existing[name] for name in names]


@transaction.atomic
def save_tag(*, tag: Tag) -> Tag:
    """Save an admin's tag (name, address, descriptions, whether it is official).

    Names are stored in lower case, as members type them (see parse_tag_names); a tag
    without an address gets one made from its name."""
    tag.name = tag.name.strip().lower()
    tag.full_clean()
    tag.save()
    return tag
