"""Every denormalised number, rebuilt from the rows it counts. Reports drift."""

from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, Q

from community.models import HelpfulVote, Post, SolvedToo, Thread


def _visible_answers():
    return Post.objects.filter(is_opening=False, hidden_at__isnull=True, deleted_at__isnull=True)


@transaction.atomic
def recalculate_counters() -> dict[str, int]:
    """Fix every thread and post counter that disagrees with its source; return the drift found."""
    drift = {"threads": 0, "posts": 0}
    threads = Thread.objects.annotate(
        real_answers=Count(
            "posts",
            filter=Q(
                posts__is_opening=False,
                posts__hidden_at__isnull=True,
                posts__deleted_at__isnull=True,
            ),
            distinct=True,
        ),
        real_me_too=Count("me_toos", distinct=True),
        real_official=Exists(
            _visible_answers()
            .filter(thread=OuterRef("pk"))
            .filter(Q(is_official=True) | Q(endorsed_by__isnull=False))
        ),
    )
    opening_votes = dict(
        HelpfulVote.objects.filter(post__is_opening=True)
        .values_list("post__thread_id")
        .annotate(n=Count("pk"))
    )
    for thread in threads.iterator(chunk_size=500):
        real = {
            "answer_count": thread.real_answers,
            "me_too_count": thread.real_me_too,
            "has_official_answer": thread.real_official,
            "helpful_count": opening_votes.get(thread.pk, 0),
        }
        wrong = {field: value for field, value in real.items() if getattr(thread, field) != value}
        if wrong:
            drift["threads"] += 1
            Thread.objects.filter(pk=thread.pk).update(**wrong)
    votes = dict(HelpfulVote.objects.values_list("post_id").annotate(n=Count("pk")))
    solved_too = dict(SolvedToo.objects.values_list("post_id").annotate(n=Count("pk")))
    for pk, helpful, solved in Post.objects.values_list(
        "pk", "helpful_count", "solved_too_count"
    ).iterator(chunk_size=2000):
        real_helpful, real_solved = votes.get(pk, 0), solved_too.get(pk, 0)
        if (helpful, solved) != (real_helpful, real_solved):
            drift["posts"] += 1
            Post.objects.filter(pk=pk).update(
                helpful_count=real_helpful, solved_too_count=real_solved
            )
    return drift


def recalculate_thread_counters(thread: Thread) -> Thread:
    """Answer count, official flag and first response of one thread, after a delete, hide
    or endorsement. The first response is the earliest visible answer of someone other than
    the asker: a spam answer a moderator or the spam rules hid answered nobody."""
    answers = _visible_answers().filter(thread=thread)
    facts = answers.aggregate(
        count=Count("pk"),
        official=Count("pk", filter=Q(is_official=True) | Q(endorsed_by__isnull=False)),
        first_response=Min("created_at", filter=~Q(author_id=thread.author_id)),
    )
    thread.answer_count = facts["count"]
    thread.has_official_answer = bool(facts["official"])
    thread.first_response_at = facts["first_response"]
    thread.save(update_fields=["answer_count", "has_official_answer", "first_response_at"])
    return thread
