"""How the dashboard writes its numbers, by unit, in English and German."""

import pytest
from django.utils import translation

from insights.figures import Chart, Dataset, Figure
from insights.templatetags.insights import arrow, change_text, heat_level, is_empty, unit_value


@pytest.mark.parametrize(
    ("value", "unit", "english", "german"),
    [
        (1234, "count", "1,234", "1.234"),
        (0.425, "percent", "42 %", "42 %"),
        (0.04, "percent", "4.0 %", "4,0 %"),
        (0, "percent", "0 %", "0 %"),
        (4800, "seconds", "1 h 20 min", "1 Std. 20 Min."),
        (7200, "seconds", "2 h", "2 Std."),
        (26 * 3600 + 300, "seconds", "26 h 5 min", "26 Std. 5 Min."),
        (1500, "seconds", "25 min", "25 Min."),
        (20, "seconds", "< 1 min", "< 1 Min."),
        (4.26, "score", "4.3", "4,3"),
        (2.5, "number", "2.50", "2,50"),
        (None, "count", "–", "–"),
    ],
)
def test_values_are_written_for_their_unit(value, unit, english, german):
    with translation.override("en"):
        assert unit_value(value, unit) == english
    with translation.override("de"):
        assert unit_value(value, unit) == german


def figure(value, previous, higher_is_better=True, unit="count"):
    return Figure("f", "F", value, previous, unit, "", higher_is_better=higher_is_better)


def test_the_arrow_and_its_sentence():
    assert (arrow(figure(15, 12)), change_text(figure(15, 12))) == ("▲", "up from 12 last period")
    assert change_text(figure(0.3, 0.5, unit="percent")) == "down from 50 % last period"
    assert arrow(figure(3, 3)) == "▶"
    assert change_text(figure(3, 3)) == "the same as last period (3)"
    assert (arrow(figure(3, None)), change_text(figure(3, None))) == (
        "",
        "nothing to compare with last period",
    )
    assert change_text(figure(None, 3)) == "nothing to compare with last period"
    # Fewer minutes to a first response is better; fewer questions is neither.
    assert figure(600, 900, higher_is_better=False).verdict == "better"
    assert figure(10, 12, higher_is_better=None).verdict == "neutral"


def chart(*values):
    return Chart(
        "c", "C", "heatmap", ["a"] * len(values), [Dataset("x", list(values))], "count", ""
    )


def test_heat_levels_scale_to_the_busiest_cell():
    busy = chart(0, 1, 10, 5, None)
    assert [heat_level(v, busy) for v in (0, 1, 10, 5, None)] == [0, 1, 5, 2, 0]
    assert heat_level(0, chart(0, 0)) == 0


def test_a_chart_of_zeros_and_gaps_is_empty():
    assert is_empty(chart(0, None, 0))
    assert is_empty(Chart("c", "C", "line", [], [], "count", ""))
    assert not is_empty(chart(0, 1))
