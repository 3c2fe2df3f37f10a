import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from community.models import Member, Tag
from community.permissions import can_create_tags

TAG_PATTERN = re.compile(r"^[\w][\w+#.-]{0,31}$")
MAX_TAGS = 5


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


def _check_new_tags(*, missing: list[str], by: Member) -> None:
    if missing and not can_create_tags(by):
        raise ValidationError(
            _("New members can only use the tags offered (not: %(tags)s)."),
            params={"tags": ", ".join(missing)},
        )


def check_tag_names(*, names: list[str], by: Member) -> None:
    """Raise ValidationError unless `by` may tag a thread with `names`.

    One query for members who may use only existing tags, none for the others.
    """
    _check_spelling(names)
    if not names or can_create_tags(by):
        return
    existing = set(Tag.objects.filter(name__in=names).values_list("name", flat=True))
    _check_new_tags(missing=[name for name in names if name not in existing], by=by)


def resolve_tags(*, names: list[str], by: Member) -> list[Tag]:
    """The Tag rows for `names`; creates free tags when `by` may. Raises ValidationError.

    One query when every tag exists (the usual case when asking).
    """
    _check_spelling(names)
    if not names:
        return []
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [name for name in names if name not in existing]
    _check_new_tags(missing=missing, by=by)
    for name in missing:
        existing[name], _created = Tag.objects.get_or_create(name=name, defaults={"created_by": by})
    return [existing[name] for name in names]
