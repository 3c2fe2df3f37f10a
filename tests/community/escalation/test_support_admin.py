"""The admin of the support targets and hours (a singleton), spaces' targets, threads' priority."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from community.models import Priority, SupportSettings, Thread
from community.models.escalation import SUPPORT_SETTINGS_CACHE_KEY
from tests.factories import SpaceFactory, StaffFactory, make_thread

CHANGE_URL = reverse("admin:community_supportsettings_change", args=[1])
ADD_URL = reverse("admin:community_supportsettings_add")


@pytest.fixture(autouse=True)
def _fresh_support_settings():
    cache.delete(SUPPORT_SETTINGS_CACHE_KEY)
    yield
    cache.delete(SUPPORT_SETTINGS_CACHE_KEY)


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def _form_data(**changes) -> dict:
    data = {
        "solution_target": "2880",
        "time_zone": "Europe/Berlin",
        "opens_at": "08:00",
        "closes_at": "18:00",
        "work_days": "12345",
        "holiday_country": "DE",
        "holiday_region": "",
        "super_users_after": "50",
        "staff_alert_after": "80",
        "escalate_after": "100",
        "me_too_threshold": "5",
        "me_too_window": "24",
        "escalate_high_priority_triage": "on",
        "helpdesk_secret": "",
    }
    data.update(changes)
    return data


def test_support_settings_list_goes_to_add_then_to_the_one_row(admin_client):
    url = reverse("admin:community_supportsettings_changelist")
    assert admin_client.get(url)["Location"] == ADD_URL
    SupportSettings().save()
    assert admin_client.get(url)["Location"] == CHANGE_URL
    page = admin_client.get(CHANGE_URL).content.decode()
    for legend in ("Targets", "Business hours", "Public holidays", "Routing", "Helpdesk"):
        assert legend in page
    assert admin_client.get(ADD_URL).status_code == 403  # no second row
    delete_url = reverse("admin:community_supportsettings_delete", args=[1])
    assert admin_client.get(delete_url).status_code == 403


def test_support_settings_list_refuses_staff_without_permission(client, db):
    client.force_login(StaffFactory())
    response = client.get(reverse("admin:community_supportsettings_changelist"))
    assert response.status_code in (302, 403)
    assert response.get("Location", "") not in (ADD_URL, CHANGE_URL)


def test_adding_the_settings_saves_row_one_and_normalises_the_calendar(admin_client):
    SupportSettings.objects.current()  # cached defaults
    response = admin_client.post(ADD_URL, _form_data(holiday_country="de", holiday_region="by"))
    assert response.status_code == 302
    row = SupportSettings.objects.get()
    assert (row.pk, row.holiday_country, row.holiday_region) == (1, "DE", "BY")
    assert SupportSettings.objects.current().holiday_region == "BY"  # the cache was renewed


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"holiday_country": "XX"}, "“XX” is not a country the holiday calendar knows."),
        ({"holiday_region": "ZZ"}, "“ZZ” is not a region of DE. Known regions: BB, BE"),
        ({"holiday_country": "", "holiday_region": "BY"}, "A region needs a country"),
        ({"staff_alert_after": "40"}, "The routing tiers must come in order"),
        ({"work_days": "Mo-Fr"}, "Digits 1 (Monday) to 7 (Sunday)."),
    ],
)
def test_settings_with_a_bad_value_say_why_and_keep_what_was_typed(admin_client, changes, message):
    SupportSettings().save()
    response = admin_client.post(CHANGE_URL, _form_data(**changes))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    for value in filter(None, changes.values()):
        assert f'value="{value}"' in content
    assert SupportSettings.objects.get().holiday_country == "DE"  # unchanged


def test_settings_accept_a_region_spelt_as_the_library_does(admin_client):
    SupportSettings().save()
    response = admin_client.post(CHANGE_URL, _form_data(holiday_region="augsburg"))
    assert response.status_code == 302
    assert SupportSettings.objects.get().holiday_region == "Augsburg"


def test_space_admin_shows_the_targets_and_default_priority(admin_client):
    space = SpaceFactory(solution_target=240, default_priority=Priority.HIGH)
    changelist = admin_client.get(reverse("admin:community_space_changelist")).content.decode()
    assert "P2 high" in changelist and "240" in changelist
    change = admin_client.get(reverse("admin:community_space_change", args=[space.pk]))
    content = change.content.decode()
    assert 'name="solution_target"' in content and 'name="default_priority"' in content


def test_thread_admin_shows_priority_and_reasons_read_only(admin_client):
    thread = make_thread(title="Konto gesperrt, dringend!")
    assert Thread.objects.get(pk=thread.pk).priority == Priority.URGENT
    changelist = admin_client.get(reverse("admin:community_thread_changelist")).content.decode()
    assert "P1 urgent" in changelist
    page = admin_client.get(reverse("admin:community_thread_change", args=[thread.pk]))
    content = page.content.decode()
    assert "Account or sign-in problem, Says it is urgent" in content
    assert 'name="priority"' not in content  # read-only
