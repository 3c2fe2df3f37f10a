"""The dashboard page at /staff/insights/: who may open it, its controls, what it shows of
the registered sections, and each chart's CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.http import QueryDict
from django.urls import reverse

from community.models import Space
from insights.calendar import today
from insights.downloads import csv_value
from insights.figures import build_sections
from insights.forms import read_scope
from insights.models import DailyCount
from insights.permissions import MANAGERS_GROUP
from insights.scope import Scope
from tests.factories import MemberFactory, SpaceFactory
from tests.insights.dashboard_section import activity_section

pytestmark = pytest.mark.django_db

URL = "/staff/insights/"


@pytest.fixture
def section():
    with activity_section():
        yield


@pytest.fixture
def manager(db):
    manager = MemberFactory(username="manager", display_name="Morgan Manager")
    manager.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    return manager


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def add(day, metric, value, *, space=None, language="", key=""):
    DailyCount.objects.create(
        day=day, metric=metric, value=value, space=space, language=language, key=key
    )


@pytest.fixture
def rows():
    """Two stored days in the last 30 and one in the 30 before (not today: today is live)."""
    yesterday = today() - timedelta(days=1)
    before = today() - timedelta(days=35)
    space = SpaceFactory(slug="billing", name_en="Billing")
    other = SpaceFactory(slug="login", name_en="Login")
    add(yesterday, "questions", 3, space=space, language="en")
    add(yesterday, "questions", 1, space=other, language="de")
    add(yesterday, "solved", 2, space=space, language="en")
    add(yesterday - timedelta(days=1), "questions", 2, space=space, language="en")
    add(yesterday, "members", 5)
    add(yesterday, "busy", 4, space=space, language="en", key="1-9")
    add(yesterday, "busy", 1, space=space, language="en", key="3-11")
    add(before, "questions", 4, space=space, language="en")
    add(before, "solved", 1, space=space, language="en")
    add(before, "members", 7)
    return {"space": space, "other": other, "yesterday": yesterday}


# --- who may open it -----------------------------------------------------------------------


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_members_are_told_the_page_does_not_exist(member_client, section):
    assert member_client.get(URL).status_code == 404
    assert member_client.get(URL + "activity/questions.csv").status_code == 404


def test_staff_open_the_dashboard(staff_client, section):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert "insights/dashboard.html" in [t.name for t in response.templates]


def test_the_community_managers_group_opens_the_dashboard(client, manager, section):
    client.force_login(manager)
    assert client.get(URL).status_code == 200
    assert client.get(URL + "activity/questions.csv").status_code == 200


def test_the_permission_given_directly_opens_the_dashboard(client, section):
    member = MemberFactory()
    member.user_permissions.add(Permission.objects.get(codename="view_insights"))
    client.force_login(member)
    assert client.get(URL).status_code == 200


def test_the_migration_created_the_group_with_the_permission():
    group = Group.objects.get(name=MANAGERS_GROUP)
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("insights", "view_insights")
    ]


def test_managers_who_are_not_staff_find_the_page_in_their_menu(client, manager, member):
    client.force_login(manager)
    assert f'href="{URL}"' in client.get("/").content.decode()
    client.force_login(member)
    assert f'href="{URL}"' not in client.get("/").content.decode()


def test_staff_find_the_page_on_the_support_desk(staff_client):
    assert f'href="{URL}"' in staff_client.get(reverse("community:desk")).content.decode()


# --- the controls ----------------------------------------------------------------------------


def scope_for(query: str) -> Scope:
    return read_scope(QueryDict(query)).scope


@pytest.mark.parametrize(
    ("query", "days", "grouping"),
    [
        ("", 30, "day"),
        ("period=7", 7, "day"),
        ("period=90", 90, "week"),
        ("period=90&grouping=month", 90, "month"),
    ],
)
def test_presets_end_today_and_group_by_their_length(query, days, grouping):
    scope = scope_for(query)
    assert scope.last == today()
    assert scope.days == days
    assert scope.grouping == grouping


def test_a_custom_range_of_200_days_goes_by_month_with_the_filters():
    space = SpaceFactory()
    end = today() - timedelta(days=10)
    start = end - timedelta(days=199)
    scope = scope_for(f"period=custom&start={start}&end={end}&space={space.pk}&language=de")
    assert (scope.first, scope.last, scope.grouping) == (start, end, "month")
    assert (scope.space_id, scope.language) == (space.pk, "de")


def test_the_comparison_is_on_at_first_and_off_when_unticked():
    assert read_scope(QueryDict("")).compare is True
    assert read_scope(QueryDict("period=7")).compare is False
    assert read_scope(QueryDict("period=7&compare=on")).compare is True


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("period=custom&start={late}&end={early}", "The first day comes after the last day."),
        ("period=custom&start={early}&end={tomorrow}", "reaches into the future"),
        ("period=custom&start={long_ago}&end={early}", "at most 400 days"),
        ("period=custom&start={early}", "needs both a first and a last day"),
        ("period=custom&start=yesterday&end={early}", "Enter a valid date."),
        ("period=365", "Select a valid choice."),
        ("grouping=hour", "Select a valid choice."),
        ("space=999999", "Select a valid choice."),
        ("language=fr", "Select a valid choice."),
    ],
)
def test_bad_input_shows_the_error_over_the_last_30_days(staff_client, section, query, error):
    current = today()
    dates = {
        "early": current - timedelta(days=20),
        "late": current - timedelta(days=5),
        "tomorrow": current + timedelta(days=1),
        "long_ago": current - timedelta(days=20 + 400),
    }
    response = staff_client.get(URL + "?" + query.format(**dates))
    assert response.status_code == 200
    assert error in response.content.decode()
    scope = response.context["scope"]
    assert (scope.first, scope.last, scope.grouping) == (
        current - timedelta(days=29),
        current,
        "day",
    )


def test_a_range_of_exactly_400_days_up_to_today_is_fine():
    start = today() - timedelta(days=399)
    assert scope_for(f"period=custom&start={start}&end={today()}").days == 400


def test_only_active_spaces_are_offered(staff_client, section):
    SpaceFactory(slug="open", name_en="Open space")
    SpaceFactory(slug="closed", name_en="Closed space", is_active=False)
    content = staff_client.get(URL).content.decode()
    assert "Open space" in content
    assert "Closed space" not in content


# --- what the page shows -----------------------------------------------------------------------


def test_figures_show_the_period_against_the_one_before(staff_client, section, rows):
    content = staff_client.get(URL).content.decode()
    # 3 + 1 + 2 questions now, 4 before; 2 of 6 solved now (33 %), 1 of 4 before (25 %).
    assert '<p class="insights-figure__value">6</p>' in content
    assert "up from 4 last period" in content
    assert '<p class="insights-figure__value">33 %</p>' in content
    assert (
        'insights-change--better"><span aria-hidden="true">▲</span> up from 25 % last period'
        in content
    )
    # Members: 5 now, 7 before; neither better nor worse.
    assert (
        'insights-change--neutral"><span aria-hidden="true">▼</span> down from 7 last period'
        in content
    )
    # No response time stored: nothing to measure.
    assert '<p class="insights-figure__value">–</p>' in content


def test_without_the_comparison_no_previous_values_show(staff_client, section, rows):
    content = staff_client.get(URL + "?period=30").content.decode()
    assert "last period" not in content


def test_site_wide_figures_are_marked_when_a_filter_is_set(staff_client, section, rows):
    marker = "Site-wide: the filters do not apply"
    assert marker not in staff_client.get(URL).content.decode()
    filtered = staff_client.get(URL + f"?period=30&space={rows['space'].pk}").content.decode()
    assert filtered.count(marker) == 1
    # Billing alone: 3 + 2 questions.
    assert '<p class="insights-figure__value">5</p>' in filtered


def test_a_chart_has_its_data_its_table_and_its_download(staff_client, section, rows):
    response = staff_client.get(URL + "?period=7&compare=on")
    content = response.content.decode()
    assert 'data-chart="chart-data-activity-questions"' in content
    assert 'id="chart-data-activity-questions"' in content
    assert "Show as table" in content
    assert f'href="{URL}activity/questions.csv?period=7&amp;compare=on"' in content


def test_a_heatmap_is_a_shaded_table_not_a_canvas(staff_client, section, rows):
    content = staff_client.get(URL).content.decode()
    assert "chart-data-activity-hours" not in content
    # Monday 9:00 is the busiest cell (4), Wednesday 11:00 has 1: a fifth of it.
    assert '<td class="insights-heat insights-heat--5">4</td>' in content
    assert '<td class="insights-heat insights-heat--1">1</td>' in content


def test_an_empty_period_says_so(staff_client, section):
    content = staff_client.get(URL).content.decode()
    assert content.count("Nothing in this period.") == 2
    assert "No questions in any space." in content
    assert "<canvas" not in content


def test_lists_link_to_what_they_list(staff_client, section, rows):
    content = staff_client.get(URL).content.decode()
    assert f'<a href="{rows["space"].get_absolute_url()}">Billing</a>' in content


def test_the_page_keeps_to_its_query_budget(
    staff_client, section, rows, django_assert_max_num_queries
):
    """Session, member and second factor (3), the menu's admin link and bell (3), the space
    filter's choices and the chosen space (2), the roll-up version and, the first time the
    process reads these days, their rows (2); the test section reads one more per space
    (2). Real sections share the rest of the page's 25."""
    staff_client.get(URL)  # the support settings and branding, cached from now on
    scoped = URL + f"?period=90&space={rows['space'].pk}&compare=on"
    with django_assert_max_num_queries(12):
        response = staff_client.get(scoped)
    assert response.status_code == 200
    with django_assert_max_num_queries(11):  # the same days again: kept by the process
        staff_client.get(scoped)


def test_the_page_speaks_german(client, section, rows):
    member = MemberFactory(locale="de")
    member.groups.add(Group.objects.get(name=MANAGERS_GROUP))
    client.force_login(member)
    content = client.get(URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="de"' in content
    assert "Was ist das?" in content
    assert "Als Tabelle zeigen" in content
    assert "CSV herunterladen" in content
    assert "gestiegen von 4 im letzten Zeitraum" in content
    assert '<p class="insights-figure__value">33 %</p>' in content


# --- CSV -------------------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_is_exactly_the_charts_rows(staff_client, section, rows):
    response = staff_client.get(URL + "activity/questions.csv?period=7")
    first = today() - timedelta(days=6)
    chart = build_sections(Scope(first=first, last=today()), only="activity")[0].charts[0]
    labels = chart.labels
    assert read_csv(response) == [
        ["", "Asked", "Solved"],
        *([label, "0", "0"] for label in labels[:4]),
        [labels[4], "2", "0"],  # the day before yesterday
        [labels[5], "4", "2"],  # yesterday: 3 + 1 asked, 2 solved
        [labels[6], "0", "0"],  # today (live): nothing
    ]
    assert read_csv(response) == [[str(csv_value(cell)) for cell in row] for row in chart.rows()]
    assert response["Content-Disposition"] == (
        f'attachment; filename="activity-questions-{first}-to-{today()}.csv"'
    )


def test_the_csv_follows_the_filters(staff_client, section, rows):
    other = rows["other"]
    response = staff_client.get(URL + f"activity/questions.csv?period=7&space={other.pk}")
    data = read_csv(response)
    assert [row[1] for row in data[1:]] == ["0"] * 5 + ["1", "0"]
    assert f"-space-{other.pk}.csv" in response["Content-Disposition"]


def test_fractions_stay_decimals_in_the_csv(staff_client, rows):
    from unittest import mock

    from insights import figures
    from insights.figures import Chart, Dataset, Section

    def shares(scope, counts):
        chart = Chart(
            "share", "Share", "bar", ["a", "b"], [Dataset("Solved", [0.425, None])], "percent", ""
        )
        return Section(key="shares", title="Shares", charts=[chart])

    with mock.patch.dict(figures._SECTIONS, {"shares": (1, shares)}, clear=True):
        response = staff_client.get(URL + "shares/share.csv")
    assert read_csv(response) == [["", "Solved"], ["a", "0.425"], ["b", ""]]


def test_a_list_downloads_with_its_links(staff_client, section, rows, settings):
    settings.SITE_URL = "https://community.example"
    response = staff_client.get(URL + "activity/spaces.csv")
    space, other = rows["space"], rows["other"]
    assert read_csv(response) == [
        ["Space", "Space (address)", "Questions"],
        ["Billing", f"https://community.example{space.get_absolute_url()}", "5"],
        [other.name, f"https://community.example{other.get_absolute_url()}", "1"],
    ]


def test_an_unknown_chart_is_not_found(staff_client, section):
    assert staff_client.get(URL + "activity/nothing.csv").status_code == 404
    assert staff_client.get(URL + "nothing/questions.csv").status_code == 404


def test_bad_input_downloads_the_default_period(staff_client, section, rows):
    response = staff_client.get(URL + "activity/questions.csv?period=custom&start=x")
    assert len(read_csv(response)) == 1 + 30
    assert Space.objects.count() == 2


def test_staff_keep_their_one_line_menu(staff_client):
    """Staff reach the dashboard from the desk; their full main menu gets no link."""
    content = staff_client.get("/").content.decode()
    assert f'href="{URL}"' not in content
