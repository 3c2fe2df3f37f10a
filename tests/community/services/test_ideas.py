import pytest
from django.core.exceptions import ValidationError

from community.models import IdeaStatus, IdeaStatusChange, ThreadKind
from community.services.ideas import change_idea_status
from tests.factories import make_thread


def test_change_idea_status_moves_an_idea_in_progress(member, staff):
    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Dark mode for the app please")
    change_idea_status(thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="Next release.")
    change_idea_status(
        thread=idea, by=staff, status=IdeaStatus.IN_PROGRESS, comment="The app team started."
    )
    idea.refresh_from_db()
    assert idea.idea_status == IdeaStatus.IN_PROGRESS == "in_progress"
    assert list(IdeaStatusChange.objects.filter(thread=idea).values_list("status", flat=True)) == [
        IdeaStatus.PLANNED,
        IdeaStatus.IN_PROGRESS,
    ]


def test_change_idea_status_keeps_the_same_status_with_a_new_comment(member, staff):
    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Export invoices as CSV")
    change_idea_status(thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="Spring.")
    change_idea_status(thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="Now autumn.")
    assert IdeaStatusChange.objects.filter(thread=idea).count() == 2


def test_change_idea_status_refuses_unknown_statuses_and_questions(member, staff):
    idea = make_thread(author=member, kind=ThreadKind.IDEA, title="Export invoices as CSV")
    question = make_thread(author=member, title="Where is my invoice of March?")
    with pytest.raises(ValidationError, match="Choose one of the statuses"):
        change_idea_status(thread=idea, by=staff, status="shipped", comment="Done.")
    with pytest.raises(ValidationError, match="Only ideas have a status"):
        change_idea_status(thread=question, by=staff, status=IdeaStatus.PLANNED, comment="?")
    question.refresh_from_db()
    assert question.idea_status == ""
    assert not IdeaStatusChange.objects.exists()
