"""insights.response: the "Response and resolution" section on hand-built facts, with every
expected figure worked out here; and the answers-by-class counter on real replies."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from community.models import TrustLevel
from community.services.posts import hide_post
from insights.calendar import day_bounds
from insights.figures import build_sections
from insights.models import DailyCount, QuestionFact, ResponderClass
from insights.response import count_answers_by_class, percentile, response_section
from insights.rollups import Counts, Row
from insights.scope import Scope
from tests.factories import MemberFactory, SpaceFactory, StaffFactory, make_answer, make_thread

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
PEER, SUPER_USER, STAFF = ResponderClass.PEER, ResponderClass.SUPER_USER, ResponderClass.STAFF
# Monday 2 to Sunday 8 March 2026; the period before is 23 February to 1 March.
SCOPE_DAYS = (date(2026, 3, 2), date(2026, 3, 8))


def question(
    day: date,
    *,
    space,
    language="en",
    first=None,
    responder="",
    within=None,
    solved=None,
    solved_by="",
    fcr=False,
    public=True,
):
    """A real question thread with the fact given here (seconds in business time)."""
    asked = datetime.combine(day, datetime.min.time(), tzinfo=BERLIN) + timedelta(hours=9)
    thread = make_thread(space=space)
    answered = asked + timedelta(seconds=first) if first is not None else None
    thread.__class__.objects.filter(pk=thread.pk).update(
        created_at=asked,
        language=language,
        first_response_at=answered,
        hidden_at=None if public else asked,
    )
    QuestionFact.objects.filter(pk=thread.pk).delete()
    return QuestionFact.objects.create(
        thread=thread,
        space=space,
        language=language,
        asked_at=asked,
        asked_on=day,
        is_public=public,
        first_response_at=answered,
        first_response_seconds=first,
        first_response_wall_seconds=first,
        first_responder=responder,
        within_target=within,
        solved_at=asked + timedelta(seconds=solved) if solved is not None else None,
        solution_seconds=solved,
        solution_wall_seconds=solved,
        solved_by=solved_by,
        first_contact_resolution=fcr,
        computed_at=timezone.now(),
    )


@pytest.fixture
def community():
    """Five questions asked in the period in one space, two in the period before, and
    some that the section must leave out."""
    space, other = SpaceFactory(), SpaceFactory()
    march = lambda day: date(2026, 3, day)  # noqa: E731
    # The period.
    question(march(2), space=space, first=600, responder=PEER, within=True,
             solved=1200, solved_by=PEER, fcr=True)  # fmt: skip
    question(march(2), space=space, first=1800, responder=STAFF, within=True,
             solved=7200, solved_by=STAFF)  # fmt: skip
    question(march(3), space=space, first=7200, responder=SUPER_USER, within=False)
    question(march(4), space=space)  # unanswered
    question(march(4), space=space, first=3600, responder=PEER, within=True,
             solved=3600, solved_by=SUPER_USER)  # fmt: skip
    # Left out: hidden, another space, asked after the period.
    question(march(3), space=space, first=10, responder=STAFF, within=True, public=False)
    question(march(3), space=other, first=10, responder=STAFF, within=True)
    question(march(9), space=space)
    # The period before.
    question(date(2026, 2, 24), space=space, first=300, responder=PEER, within=True,
             solved=600, solved_by=PEER, fcr=True)  # fmt: skip
    question(date(2026, 2, 25), space=space)
    # Replies per class (the roll-up rows the counter writes).
    for day, key, value, where in [
        (march(3), SUPER_USER, 2, space),
        (march(3), PEER, 5, space),
        (march(3), STAFF, 1, space),
        (march(3), SUPER_USER, 10, other),
        (date(2026, 2, 24), SUPER_USER, 1, space),
        (date(2026, 2, 24), PEER, 1, space),
    ]:
        DailyCount.objects.create(
            day=day, metric="answers_by_class", key=key, space=where, language="en", value=value
        )
    return space


def section_for(scope):
    cache.clear()
    return response_section(scope, Counts(scope))


def figures_of(section) -> dict:
    return {figure.key: (figure.value, figure.previous) for figure in section.figures}


def test_percentile_interpolates_between_ranks():
    assert percentile([], 0.5) is None
    assert percentile([7], 0.9) == 7
    assert percentile([600, 1800, 3600, 7200], 0.5) == 2700
    assert percentile([600, 1800, 3600, 7200], 0.9) == pytest.approx(6120)


def test_the_figures_of_the_period_and_the_one_before(community):
    section = section_for(Scope(*SCOPE_DAYS, space_id=community.pk))

    assert figures_of(section) == {
        # First responses 600, 1800, 3600, 7200 s; before: 300 s.
        "first_response_median": (2700, 300),
        "first_response_p90": (6120, 300),  # 3600 + 0.7 × (7200 − 3600)
        "within_target": (0.6, 0.5),  # 3 of 5; 1 of 2
        # The one asked on 4 March, the one asked on 25 February and the one on 9 March.
        "unanswered_now": (3, None),
        "unanswered_share": (0.2, 0.5),
        "solved_share": (0.6, 0.5),
        # Solutions after 1200, 3600, 7200 s; before: 600 s.
        "solution_median": (3600, 600),
        "solution_p90": (6480, 600),  # 3600 + 0.8 × (7200 − 3600)
        "first_contact_resolution": (0.2, 0.5),
        "peer_answer_rate": (0.6667, 1.0),  # a member's and a super user's of 3 solutions
        "super_user_solutions": (0.3333, 0.0),
        "super_user_answers": (0.25, 0.5),  # 2 of 8 replies; 1 of 2
    }
    headlines = {figure.key for figure in section.figures if figure.headline}
    assert headlines == {
        "first_response_median",
        "within_target",
        "solved_share",
        "first_contact_resolution",
        "peer_answer_rate",
    }


def test_the_charts_per_day(community):
    section = section_for(Scope(*SCOPE_DAYS, grouping="day", space_id=community.pk))
    charts = {chart.key: chart for chart in section.charts}
    nothing = [None] * 4  # 5 to 8 March: nothing asked

    times = charts["first_response_time"]
    assert len(times.labels) == 7
    assert [dataset.values for dataset in times.datasets] == [
        [1200, 7200, 3600, *nothing],
        [1680, 7200, 3600, *nothing],  # 600 + 0.9 × 1200 on 2 March
    ]
    by = charts["first_answered_by"]
    assert [dataset.values for dataset in by.datasets] == [
        [1, 0, 1, 0, 0, 0, 0],  # community members
        [0, 1, 0, 0, 0, 0, 0],  # super users
        [1, 0, 0, 0, 0, 0, 0],  # staff
        [0, 0, 1, 0, 0, 0, 0],  # unanswered
    ]
    resolution = charts["resolution"]
    assert [dataset.values for dataset in resolution.datasets] == [
        [1.0, 0.0, 0.5, *nothing],
        [0.5, 0.0, 0.0, *nothing],
    ]
    # The table and the CSV hold what is drawn.
    assert resolution.rows()[1] == [resolution.labels[0], 1.0, 0.5]


def test_a_week_groups_the_days(community):
    section = section_for(Scope(*SCOPE_DAYS, grouping="week", space_id=community.pk))
    charts = {chart.key: chart for chart in section.charts}

    assert [dataset.values for dataset in charts["first_response_time"].datasets] == [
        [2700],
        [6120],
    ]
    assert [dataset.values for dataset in charts["first_answered_by"].datasets] == [
        [2],
        [1],
        [1],
        [1],
    ]


def test_the_language_filter_narrows_every_figure(community):
    question(date(2026, 3, 5), space=community, language="de", first=60, responder=PEER,
             within=True)  # fmt: skip

    german = figures_of(section_for(Scope(*SCOPE_DAYS, space_id=community.pk, language="de")))

    assert german["first_response_median"] == (60, None)
    assert german["within_target"] == (1.0, None)
    assert german["unanswered_now"] == (0, None)
    assert german["solved_share"] == (0.0, None)
    assert german["super_user_answers"] == (None, None)  # no German replies counted


def test_a_period_without_questions_has_no_figures():
    figures = figures_of(section_for(Scope(*SCOPE_DAYS)))

    assert figures["first_response_median"] == (None, None)
    assert figures["solved_share"] == (None, None)
    assert figures["unanswered_now"] == (0, None)


def test_the_section_takes_three_queries(community, django_assert_num_queries):
    scope = Scope(date(2026, 1, 1), date(2026, 3, 8), grouping="week")
    cache.clear()
    counts = Counts(scope)

    with django_assert_num_queries(3):
        section = response_section(scope, counts)

    assert section.title == "Response and resolution"
    assert [section.key for section in build_sections(scope, only="response")] == ["response"]


def test_answers_are_counted_per_class_of_author(staff):
    space = SpaceFactory()
    day = date(2026, 3, 3)
    with time_machine.travel(datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN), tick=False):
        thread = make_thread(space=space)
        make_answer(thread=thread)
        make_answer(thread=thread)
        make_answer(thread=thread, author=MemberFactory(trust_level=TrustLevel.LEADER))
        make_answer(thread=thread, author=StaffFactory())
        spam = make_answer(thread=thread)
        hide_post(post=spam, by=staff, reason="Spam")
    with time_machine.travel(datetime(2026, 3, 4, 10, 0, tzinfo=BERLIN), tick=False):
        make_answer(thread=thread)  # another day

    rows = sorted(count_answers_by_class(day, *day_bounds(day)), key=lambda row: row.key)

    language = thread.language
    assert rows == [
        Row("answers_by_class", 2, space.pk, language, PEER),
        Row("answers_by_class", 1, space.pk, language, STAFF),
        Row("answers_by_class", 1, space.pk, language, SUPER_USER),
    ]
