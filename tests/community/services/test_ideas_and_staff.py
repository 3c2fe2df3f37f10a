import pytest
from django.core.exceptions import ValidationError

from community.models import AuditAction, AuditEntry, IdeaStatus, ThreadKind
from community.services.ideas import change_idea_status
from community.services.staff import (
    change_thread_kind,
    move_thread,
    set_thread_locked,
    set_thread_pinned,
)
from tests.factories import SpaceFactory, make_thread


def test_change_idea_status_records_public_history(member, staff):
    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Dark mode for the app please")
    assert idea.idea_status == IdeaStatus.NEW
    change = change_idea_status(
        thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="Coming in the spring release."
    )
    idea.refresh_from_db()
    assert idea.idea_status == IdeaStatus.PLANNED
    assert change.comment == "Coming in the spring release."
    assert AuditEntry.objects.get().action == AuditAction.CHANGE_IDEA_STATUS


def test_change_idea_status_needs_a_comment_and_a_link_for_duplicates(member, staff):
    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Export invoices as CSV")
    with pytest.raises(ValidationError):
        change_idea_status(thread=idea, by=staff, status=IdeaStatus.DECLINED, comment="")
    with pytest.raises(ValidationError):
        change_idea_status(
            thread=idea, by=staff, status=IdeaStatus.ALREADY_EXISTS, comment="See there"
        )
    other = make_thread(author=member, kind=ThreadKind.IDEA, title="CSV export for invoices")
    change = change_idea_status(
        thread=idea,
        by=staff,
        status=IdeaStatus.ALREADY_EXISTS,
        comment="See there",
        duplicate_of=other,
    )
    assert change.duplicate_of == other


def test_staff_thread_actions_are_audited(member, staff):
    thread = make_thread(author=member)
    set_thread_pinned(thread=thread, by=staff, pinned=True)
    set_thread_pinned(thread=thread, by=staff, pinned=True)  # no change, no row
    set_thread_locked(thread=thread, by=staff, locked=True)
    move_thread(thread=thread, by=staff, space=SpaceFactory(slug="elsewhere"))
    change_thread_kind(thread=thread, by=staff, kind=ThreadKind.IDEA)
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_locked
    assert thread.space.slug == "elsewhere"
    assert thread.idea_status == IdeaStatus.NEW
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        AuditAction.PIN_THREAD,
        AuditAction.LOCK_THREAD,
        AuditAction.MOVE_THREAD,
        AuditAction.CHANGE_THREAD_KIND,
    ]
