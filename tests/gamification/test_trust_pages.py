"""The public pages: /trust-levels/ says what each level takes and unlocks (from the same
settings and privileges the code enforces) and a member's progress; /super-users/ presents
the program and who is in it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import TrustLevel
from community.permissions import PRIVILEGES
from gamification.models import BadgeAward
from tests.factories import MemberFactory, StaffFactory
from tests.gamification.trust_helpers import small_settings, visit

pytestmark = pytest.mark.django_db
TRUST_LEVELS_URL = reverse("gamification:trust_levels")
SUPER_USERS_URL = reverse("gamification:super_users")


def test_trust_levels_page_lists_every_level_its_requirements_and_privileges(
    client, django_assert_max_num_queries
):
    client.get(TRUST_LEVELS_URL)  # the branding into the cache
    with django_assert_max_num_queries(3):
        page = client.get(TRUST_LEVELS_URL).content.decode()
    for level in TrustLevel:
        assert str(level.label) in page
    for privilege in PRIVILEGES:
        assert str(privilege.description) in page
    # The defaults, as the code applies them
    assert "Open 5 threads" in page
    assert "Spend 10 minutes reading" in page
    assert "Visit on 15 days" in page
    assert "Visit on 50 of the last 100 days" in page
    assert "keep the level for 14 more days" in page


def test_trust_levels_page_follows_the_admins_settings(client):
    small_settings(basic_threads_read=7, regular_grace_days=3)
    page = client.get(TRUST_LEVELS_URL).content.decode()
    assert "Open 7 threads" in page and "keep the level for 3 more days" in page


def test_a_member_sees_their_progress_towards_the_next_level(client, django_assert_max_num_queries):
    member = MemberFactory(trust_level=TrustLevel.NEW)
    visit(member, days_ago=0, threads_read=3, seconds_read=120)
    client.force_login(member)
    client.get(TRUST_LEVELS_URL)
    with django_assert_max_num_queries(6):
        page = client.get(TRUST_LEVELS_URL).content.decode()
    assert "Your way to “Basic member”" in page
    assert "3 of 5" in page and "2 of 10" in page
    assert "(your level)" in page


def test_a_regular_sees_what_keeps_the_level(client):
    member = MemberFactory(trust_level=TrustLevel.REGULAR)
    client.force_login(member)
    page = client.get(TRUST_LEVELS_URL).content.decode()
    assert "Staying “Regular”" in page
    assert "1 of 50" in page  # signing in today is a visit


@pytest.mark.parametrize("factory", [StaffFactory, lambda: MemberFactory(trust_level=4)])
def test_super_users_and_staff_see_no_progress(client, factory):
    client.force_login(factory())
    page = client.get(TRUST_LEVELS_URL).content.decode()
    assert "Your way to" not in page and "Staying" not in page


def test_trust_levels_page_speaks_german(client):
    member = MemberFactory(trust_level=TrustLevel.NEW, locale="de")
    client.force_login(member)
    page = client.get(TRUST_LEVELS_URL).content.decode()
    assert "Vertrauensstufen" in page
    assert "Open 5 threads" not in page


def test_super_users_page_presents_the_program_and_lists_the_super_users(
    client, django_assert_max_num_queries
):
    super_users = [
        MemberFactory(trust_level=TrustLevel.LEADER, display_name=f"Super {n}", reputation=n)
        for n in range(30)
    ]
    StaffFactory(display_name="Agent Smith")  # the team is not listed
    MemberFactory(trust_level=TrustLevel.REGULAR, display_name="Regular Rita")
    for member in super_users[-3:]:  # their badges show under their names, one query for all
        BadgeAward.objects.create(member=member, badge="super-user", awarded_at=timezone.now())
    client.get(SUPER_USERS_URL)
    with django_assert_max_num_queries(5):
        page = client.get(SUPER_USERS_URL).content.decode()
    assert page.count('href="/badges/super-user/"') == 3
    assert "25 accepted answers" in page
    assert "A reputation of at least 1,000" in page
    assert "No post hidden by a moderator in the last 90 days" in page
    assert "A member for at least 60 days" in page
    assert "Super 29" in page and "Super 6" in page  # highest reputation first, 24 a page
    assert "Super 5" not in page
    assert "Agent Smith" not in page and "Regular Rita" not in page
    second = client.get(SUPER_USERS_URL + "?page=2").content.decode()
    assert "Super 5" in second
    assert len(super_users) == 30


def test_super_users_page_with_nobody_yet(client):
    page = client.get(SUPER_USERS_URL).content.decode()
    assert "No super users yet" in page
