"""Sections are edited by staff in the admin; saving one goes through here, so that what
depends on it (the search index keeps each article's section name and address) follows."""

from django.db import transaction

from community.models import Member
from knowledge.models import Section
from knowledge.signals import section_saved


@transaction.atomic
def save_section(*, section: Section, by: Member, changed: list[str]) -> Section:
    """Save `section` with its `changed` fields (the admin form's changed data; empty for a
    new one). Emits ``section_saved``."""
    section.save()
    section_saved.send(sender=Section, section=section, by=by, changed=list(changed))
    return section
