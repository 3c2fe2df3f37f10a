from io import StringIO

from django.core.management import call_command

from community.models import Post, Thread
from community.services.counters import recalculate_counters
from community.services.reactions import set_helpful_vote, set_me_too
from tests.factories import MemberFactory, make_answer, make_thread


def test_recalculate_counters_repairs_drift_and_reports_it(db):
    thread = make_thread()
    answer = make_answer(thread=thread)
    set_helpful_vote(post=answer, by=MemberFactory(), voted=True)
    set_me_too(thread=thread, by=MemberFactory(), me_too=True)
    Thread.objects.filter(pk=thread.pk).update(answer_count=7, me_too_count=0)
    Post.objects.filter(pk=answer.pk).update(helpful_count=99)

    assert recalculate_counters() == {"threads": 1, "posts": 1}
    thread.refresh_from_db()
    answer.refresh_from_db()
    assert (thread.answer_count, thread.me_too_count, answer.helpful_count) == (1, 1, 1)
    assert recalculate_counters() == {"threads": 0, "posts": 0}


def test_recalculate_counters_command_says_when_all_is_well(db):
    make_thread()
    out = StringIO()
    call_command("recalculate_counters", stdout=out)
    assert "agree" in out.getvalue()
