"""Customer satisfaction: counters, the section's figures, charts and comments, on a small
hand-built week (Monday 2 to Sunday 8 March 2026, Europe/Berlin), surveys answered through
the real service.

- s1 (Billing, en, agent Xenia): sent Mon 2 10:00, answered Mon 12:00 with 5 and a comment.
- s2 (Shipping, de, agent Yusuf): sent Tue 3, answered Wed 4 09:00 with 4, no comment.
- s3 (Billing, en, agent Xenia): sent Thu 5, answered Fri 6 16:00 with 2 and a comment.
- s4 (Billing, en, agent Yusuf): sent Fri 6, never answered.
- s0 (Billing, en, agent Xenia, the week before): sent and answered Wed 25 Feb with 1.

So the week's CSAT is 2/3 (5 and 4 of 5, 4, 2), the mean 11/3 ≈ 3.67, the response
rate 3/4; the week before: CSAT 0, mean 1, response rate 1.
"""

from datetime import UTC, date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.utils import formats, translation

from community.escalation.surveys import answer_survey
from community.models import (
    EscalationStatus,
    SatisfactionSurvey,
    Space,
    SupportSettings,
    Thread,
)
from insights import rollups, satisfaction
from insights.figures import Link
from insights.rollups import Counts, Row, count_day, rollup
from insights.satisfaction import satisfaction_section
from insights.scope import Scope
from tests.factories import SpaceFactory, StaffFactory, make_escalation, make_thread

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
WEEK = Scope(first=date(2026, 3, 2), last=date(2026, 3, 8))
LATER = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def berlin(*parts) -> datetime:
    return datetime(*parts, tzinfo=BERLIN)


@pytest.fixture
def only_these_counters():
    with (
        mock.patch.dict(rollups._COUNTERS, {"surveys": satisfaction.count_surveys}, clear=True),
        mock.patch.dict(rollups._REFRESHERS, {}, clear=True),
    ):
        cache.clear()
        yield
    cache.clear()


def survey(*, space, language, agent, title, sent, answered=None, score=None, comment=""):
    thread = make_thread(space=space, title=title, body="The app does not start any more.")
    Thread.objects.filter(pk=thread.pk).update(language=language)
    resolved = make_escalation(
        thread=thread, created_at=sent, resolved_at=sent, status=EscalationStatus.RESOLVED
    )
    made = SatisfactionSurvey.objects.create(
        escalation=resolved, member=thread.author, agent=agent, sent_at=sent
    )
    if answered is not None:
        with time_machine.travel(answered, tick=False):
            answer_survey(survey=made, score=score, comment=comment, by=None)
    return made


@pytest.fixture
def week(only_these_counters):
    billing = SpaceFactory(name_en="Billing")
    shipping = SpaceFactory(name_en="Shipping")
    xenia = StaffFactory(display_name="Xenia")
    yusuf = StaffFactory(display_name="Yusuf")
    made = {
        "s1": survey(space=billing, language="en", agent=xenia, title="Double charge",
                     sent=berlin(2026, 3, 2, 10), answered=berlin(2026, 3, 2, 12), score=5,
                     comment="Quick and friendly, thanks!"),
        "s2": survey(space=shipping, language="de", agent=yusuf, title="Paket fehlt",
                     sent=berlin(2026, 3, 3, 10), answered=berlin(2026, 3, 4, 9), score=4),
        "s3": survey(space=billing, language="en", agent=xenia, title="Refund pending",
                     sent=berlin(2026, 3, 5, 10), answered=berlin(2026, 3, 6, 16), score=2,
                     comment="Took far too long."),
        "s4": survey(space=billing, language="en", agent=yusuf, title="Invoice address",
                     sent=berlin(2026, 3, 6, 10)),
        "s0": survey(space=billing, language="en", agent=xenia, title="Card declined",
                     sent=berlin(2026, 2, 25, 10), answered=berlin(2026, 2, 25, 12), score=1,
                     comment="Nobody helped."),
    }  # fmt: skip
    with time_machine.travel(LATER, tick=False):
        rollup(WEEK.previous().first, WEEK.last)
    return {"billing": billing, "shipping": shipping, "xenia": xenia, "yusuf": yusuf, **made}


def section(scope):
    with time_machine.travel(LATER, tick=False):
        return satisfaction_section(scope, Counts(scope))


def figures(built) -> dict:
    return {figure.key: figure for figure in built.figures}


def charts(built) -> dict:
    return {chart.key: chart for chart in built.charts}


# --- counters -----------------------------------------------------------------------------


def test_count_surveys_counts_per_agent_and_in_total(week):
    with time_machine.travel(LATER, tick=False):
        rows = sorted(count_day(date(2026, 3, 2)), key=lambda row: (row.metric, row.key))
    billing, xenia = week["billing"].pk, str(week["xenia"].pk)
    assert rows == [
        Row("csat_positive", 1, billing, "en"),
        Row("csat_positive", 1, billing, "en", key=xenia),
        Row("csat_score_sum", 5, billing, "en"),
        Row("csat_score_sum", 5, billing, "en", key=xenia),
        Row("surveys_answered", 1, billing, "en"),
        Row("surveys_answered", 1, billing, "en", key=xenia),
        Row("surveys_sent", 1, billing, "en"),
    ]


def test_a_survey_counts_on_the_day_it_was_answered_not_sent(week):
    with time_machine.travel(LATER, tick=False):
        tuesday = count_day(date(2026, 3, 3))
        wednesday = {(row.metric, row.key): row.value for row in count_day(date(2026, 3, 4))}
    assert tuesday == [Row("surveys_sent", 1, week["shipping"].pk, "de")]
    assert wednesday[("surveys_answered", "")] == 1
    assert wednesday[("csat_score_sum", str(week["yusuf"].pk))] == 4


def test_a_survey_whose_agent_is_gone_counts_in_the_total_only(week):
    SatisfactionSurvey.objects.filter(pk=week["s1"].pk).update(agent=None)
    with time_machine.travel(LATER, tick=False):
        rows = {(row.metric, row.key): row.value for row in count_day(date(2026, 3, 2))}
    assert rows == {
        ("surveys_answered", ""): 1,
        ("csat_positive", ""): 1,
        ("csat_score_sum", ""): 5,
        ("surveys_sent", ""): 1,
    }


def test_surveys_of_hidden_threads_count_nowhere(week):
    Thread.objects.filter(pk=week["s1"].escalation.thread_id).update(hidden_at=LATER)
    with time_machine.travel(LATER, tick=False):
        assert count_day(date(2026, 3, 2)) == []


# --- the section ----------------------------------------------------------------------------


def test_the_section_on_the_week(week):
    built = section(WEEK)
    shown = figures(built)
    assert shown["csat"].value == pytest.approx(2 / 3)
    assert shown["csat"].previous == 0
    assert shown["csat"].verdict == "better"
    assert shown["csat"].headline
    assert round(shown["csat_mean"].value, 2) == 3.67
    assert shown["csat_mean"].previous == 1
    assert shown["survey_response_rate"].value == pytest.approx(3 / 4)
    assert shown["survey_response_rate"].previous == 1

    drawn = charts(built)
    # Mon s1 (5), Wed s2 (4), Fri s3 (2); no answer on the other days.
    assert drawn["csat_over_time"].datasets[0].values == [1, None, 1, None, 0, None, None]
    assert drawn["csat_by_space"].rows() == [["", "CSAT"], ["Billing", 0.5], ["Shipping", 1.0]]
    # Xenia: 5 and 2; Yusuf: 4 (his unanswered survey counts nowhere).
    assert drawn["csat_by_agent"].rows() == [["", "CSAT"], ["Xenia", 0.5], ["Yusuf", 1.0]]

    comments = built.listings[0]
    s3 = Thread.objects.get(pk=week["s3"].escalation.thread_id)
    s1 = Thread.objects.get(pk=week["s1"].escalation.thread_id)
    assert comments.rows == [
        [2, "Took far too long.", Link("Refund pending", s3.get_absolute_url()),
         formats.date_format(date(2026, 3, 6), "SHORT_DATE_FORMAT")],
        [5, "Quick and friendly, thanks!", Link("Double charge", s1.get_absolute_url()),
         formats.date_format(date(2026, 3, 2), "SHORT_DATE_FORMAT")],
    ]  # fmt: skip


def test_the_section_for_one_space(week):
    built = section(Scope(first=WEEK.first, last=WEEK.last, space_id=week["billing"].pk))
    shown = figures(built)
    assert shown["csat"].value == 0.5  # 5 and 2
    assert shown["csat_mean"].value == 3.5
    assert shown["survey_response_rate"].value == pytest.approx(2 / 3)  # s1, s3 of s1, s3, s4
    assert charts(built)["csat_by_space"].labels == ["Billing"]
    assert charts(built)["csat_by_agent"].labels == ["Xenia"]


def test_the_section_in_german(week):
    built = section(Scope(first=WEEK.first, last=WEEK.last, language="de"))
    shown = figures(built)
    assert shown["csat"].value == 1
    assert shown["csat"].previous is None  # no German survey the week before
    assert shown["csat_mean"].value == 4
    assert shown["survey_response_rate"].value == 1
    assert charts(built)["csat_by_space"].rows()[1:] == [["Shipping", 1.0]]
    assert charts(built)["csat_by_agent"].rows()[1:] == [["Yusuf", 1.0]]
    assert built.listings[0].rows == []


def test_spaces_are_named_in_the_readers_language(week):
    Space.objects.filter(pk=week["billing"].pk).update(name_de="Abrechnung")
    Space.objects.filter(pk=week["shipping"].pk).update(name_de="")  # not translated yet
    with translation.override("de"):
        labels = charts(section(WEEK))["csat_by_space"].labels
    assert labels == ["Abrechnung", "Shipping"]


def test_a_period_without_surveys_shows_no_figures():
    scope = Scope(first=date(2026, 1, 5), last=date(2026, 1, 11))
    with time_machine.travel(LATER, tick=False):
        built = satisfaction_section(scope, Counts(scope))
    assert [figure.value for figure in built.figures] == [None, None, None]
    assert charts(built)["csat_by_agent"].labels == []


def test_the_section_reads_three_queries_of_its_own(week, django_assert_max_num_queries):
    SupportSettings.objects.current()  # cached, as on every page
    with time_machine.travel(LATER, tick=False):
        counts = Counts(WEEK)
        with django_assert_max_num_queries(3):
            satisfaction_section(WEEK, counts)
