"""The manager's morning: a community manager (not staff) opens the insights dashboard from
the main menu, narrows it to the last 7 days and one space, reads a chart's table and
downloads its CSV. In English and German; axe-core checks the page, at 1280 and 375 px.

Independent of the real sections, this test registers a test
section and a real counter (tests/insights/dashboard_section.py) and rolls up threads it
seeds through the ask service.
"""

import csv
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from playwright.sync_api import Page, expect

from community.models import Thread
from insights.calendar import today
from insights.permissions import MANAGERS_GROUP
from insights.rollups import rollup
from tests.e2e.axe import PageAudit
from tests.factories import PASSWORD, MemberFactory, SpaceFactory, make_thread
from tests.insights.dashboard_section import activity_section

TEXT = {
    "en": {
        "menu": "Insights",
        "period": "Period",
        "space": "Space",
        "show": "Show",
        "seven": "Last 7 days",
        "table": "Show as table",
        "asked": "Asked",
    },
    "de": {
        "menu": "Kennzahlen",
        "period": "Zeitraum",
        "space": "Bereich",
        "show": "Anzeigen",
        "seven": "Letzte 7 Tage",
        "table": "Als Tabelle zeigen",
        "asked": "Asked",
    },
}


@pytest.fixture
def section():
    with activity_section(counter=True):
        yield


def seed():
    """Three questions in Billing (two of them yesterday), one in Login ten days ago."""
    billing = SpaceFactory(slug="billing", name_en="Billing", name_de="Rechnungen")
    login_space = SpaceFactory(slug="login", name_en="Login", name_de="Anmeldung")
    now = timezone.now()
    for number, days_ago in enumerate((1, 1, 0)):
        thread = make_thread(space=billing, title=f"Invoice number {number} is missing")
        Thread.objects.filter(pk=thread.pk).update(created_at=now - timedelta(days=days_ago))
    thread = make_thread(space=login_space, title="Two-factor code never arrives")
    Thread.objects.filter(pk=thread.pk).update(created_at=now - timedelta(days=10))
    rollup(today() - timedelta(days=12), today() - timedelta(days=1))
    return billing


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_manager_narrows_the_dashboard_and_downloads_a_csv(
    page: Page, site, login, screenshot, section, language, tmp_path
):
    text = TEXT[language]
    billing = seed()
    manager = MemberFactory(locale=language, display_name="Morgan Manager")
    # The live server's database is emptied after each test, the migration's group with it.
    group, _ = Group.objects.get_or_create(name=MANAGERS_GROUP)
    group.permissions.add(Permission.objects.get(codename="view_insights"))
    manager.groups.add(group)
    audit = PageAudit(page, language=language, screenshot=screenshot)

    # Charts drawn at once (insights.js turns animation off), so screenshots show them.
    page.emulate_media(reduced_motion="reduce")
    login(page, manager.email, PASSWORD)
    page.locator(".main-nav").get_by_role("link", name=text["menu"]).click()
    expect(page.locator("h1")).to_have_text(text["menu"])
    # Four questions in the last 30 days, the chart drawn.
    expect(page.locator(".insights-figure__value").first).to_have_text("4")
    expect(page.locator("canvas[data-chart]")).to_have_count(1)
    audit.check(f"dashboard-{language}")

    page.locator("#id_period").select_option(label=text["seven"])
    page.locator("#id_space").select_option(value=str(billing.pk))
    page.get_by_role("button", name=text["show"]).click()
    expect(page).to_have_url(re.compile(rf"period=7&.*space={billing.pk}&.*compare=on"))
    expect(page.locator(".insights-figure__value").first).to_have_text("3")
    page.get_by_text(text["table"]).click()
    audit.check(f"filtered-{language}")

    with page.expect_download() as download_info:
        page.locator('a[href*="/activity/questions.csv"]').click()
    download = download_info.value
    assert download.suggested_filename.startswith("activity-questions-")
    saved = tmp_path / "questions.csv"
    download.save_as(saved)
    with saved.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["", "Asked", "Solved"]
    assert [row[1] for row in rows[1:]] == ["0", "0", "0", "0", "0", "2", "1"]

    page.set_viewport_size({"width": 375, "height": 800})
    audit.check(f"phone-{language}")
    audit.assert_clean()
