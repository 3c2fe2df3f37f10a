from community.models import AuditAction, AuditEntry, ThreadStatus
from community.services.solutions import accept_answer, set_answer_endorsement, unaccept_answer
from tests.factories import make_answer, make_thread


def test_accept_answer_marks_the_thread_solved(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    thread = accept_answer(answer=answer, by=member)
    assert thread.status == ThreadStatus.SOLVED
    assert thread.solution == answer
    assert thread.solved_at is not None
    assert not AuditEntry.objects.exists()  # the asker deciding is not a staff action


def test_accept_answer_can_change_the_solution(member, other_member, staff):
    thread = make_thread(author=member)
    first = make_answer(thread=thread, author=other_member)
    second = make_answer(thread=thread, author=staff)
    accept_answer(answer=first, by=member)
    thread = accept_answer(answer=second, by=member)
    assert thread.solution == second


def test_accept_answer_by_staff_is_audited(member, other_member, staff):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=staff)
    assert AuditEntry.objects.get().action == AuditAction.ACCEPT_ANSWER


def test_accept_answer_twice_announces_once(
    member, other_member, django_capture_on_commit_callbacks, monkeypatch
):
    from celery.app.task import Task

    sent = []
    monkeypatch.setattr(
        Task, "apply_async", lambda task, kwargs=None, **options: sent.append((task.name, kwargs))
    )
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(answer=answer, by=member)
        accept_answer(answer=answer, by=member)
    notifications = [kwargs for name, kwargs in sent if name == "community.notify_solution"]
    assert notifications == [{"post_id": answer.pk, "by_id": member.pk}]


def test_unaccept_answer_reopens(member, other_member):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    accept_answer(answer=answer, by=member)
    thread = unaccept_answer(thread=thread, by=member)
    assert thread.status == ThreadStatus.OPEN
    assert thread.solution is None


def test_set_answer_endorsement_marks_the_thread_as_officially_answered(
    member, other_member, staff
):
    thread = make_thread(author=member)
    answer = make_answer(thread=thread, author=other_member)
    set_answer_endorsement(answer=answer, by=staff, endorsed=True)
    thread.refresh_from_db()
    assert thread.has_official_answer
    assert answer.endorsed_by == staff
    set_answer_endorsement(answer=answer, by=staff, endorsed=False)
    thread.refresh_from_db()
    assert not thread.has_official_answer
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        AuditAction.ENDORSE_ANSWER,
        AuditAction.UNENDORSE_ANSWER,
    ]
