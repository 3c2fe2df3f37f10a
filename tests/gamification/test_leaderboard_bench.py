"""The leaderboard in `manage.py bench`: its ledger is built once, reproducibly, and measured.

Only that it works is tested here; the figures are for people to read, never asserted.
"""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.db.models import F, Sum
from django.utils import timezone

from community.benchmark import data as bench_data
from community.benchmark.pages import all_groups
from community.models import Member
from gamification import benchmark
from gamification.models import ReputationEvent, SpaceReputation
from gamification.services.ledger import recalculate_reputation

TINY = bench_data.Size(threads=30, posts=300)


def _ledger() -> list[tuple]:
    return list(
        ReputationEvent.objects.order_by("source_id").values_list(
            "member__username", "points", "reason", "space__slug", "is_reversal"
        )
    )


def test_benchmark_ledger_is_built_to_size_and_the_same_each_time(db):
    bench_data.build(TINY)

    benchmark.build(TINY)
    first = _ledger()
    benchmark.build(TINY)

    assert _ledger() == first
    assert len(first) == benchmark.ledger_rows(TINY) == 30 * 20 + benchmark.VIEWER_ROWS
    assert Member.objects.filter(username__startswith="bench-ranked-").count() == 30
    assert any(is_reversal for *_rest, is_reversal in first)
    assert Member.objects.filter(username__startswith="bench-ranked-", is_active=False).exists()
    # Member.reputation is the ledger's sum, as the ledger's services keep it.
    viewer = Member.objects.get(username=bench_data.VIEWER)
    assert (
        viewer.reputation
        == ReputationEvent.objects.filter(member=viewer).aggregate(total=Sum("points"))["total"]
    )
    # And so are the totals in spaces: the all-time boards of spaces read them.
    assert SpaceReputation.objects.exists()
    assert recalculate_reputation(dry_run=True) == []


def test_benchmark_ledger_is_found_again_and_brought_up_to_now(db):
    bench_data.build(TINY)
    assert benchmark.find(TINY) is None
    benchmark.build(TINY)
    week = ReputationEvent.objects.filter(created_at__gte=timezone.now() - timedelta(days=7))
    this_week = week.count()
    # Ten days after the build, "the last 7 days" would hold hardly any of its rows.
    ReputationEvent.objects.update(created_at=F("created_at") - timedelta(days=10))

    assert benchmark.find(TINY) is True
    assert week.count() == this_week
    assert benchmark.find(bench_data.Size(threads=40, posts=300)) is None


def test_bench_measures_the_leaderboard_group_cold_and_warm(db):
    out = StringIO()

    call_command(
        "bench", threads=30, posts=[300], rounds=1, only="leaderboard", force=True, stdout=out
    )

    output = out.getvalue()
    assert "leaderboard" in all_groups()
    assert "Building the data of gamification.benchmark" in output
    for page in benchmark.PAGES:
        assert page.name in output
    assert "median ≤ 50 ms: " in output
    assert "thread list" not in output
