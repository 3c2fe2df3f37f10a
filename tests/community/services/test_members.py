import pytest

from community.models import AuditAction, AuditEntry, TrustLevel
from community.services.members import set_staff_status, set_trust_level


def test_set_trust_level_is_audited_with_both_levels(member, staff):
    assert set_trust_level(member=member, level=TrustLevel.LEADER, by=staff, reason="Helps a lot")
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.LEADER
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_id) == (
        staff,
        AuditAction.CHANGE_TRUST_LEVEL,
        member.pk,
    )
    assert entry.reason == "Helps a lot"
    assert entry.details == {"previous": TrustLevel.BASIC, "level": TrustLevel.LEADER}


def test_set_trust_level_to_the_same_level_writes_nothing(member, staff):
    assert not set_trust_level(member=member, level=member.trust_level, by=staff)
    assert not AuditEntry.objects.exists()


def test_set_trust_level_by_the_system_is_audited_without_an_actor(member):
    set_trust_level(member=member, level=TrustLevel.MEMBER, by=None, reason="Reached 50 points")
    assert AuditEntry.objects.get().actor is None


def test_set_trust_level_refuses_levels_that_do_not_exist(member, staff):
    with pytest.raises(ValueError):
        set_trust_level(member=member, level=7, by=staff)
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.BASIC


def test_set_staff_status_is_audited_and_idempotent(member, staff):
    assert set_staff_status(member=member, is_staff=True, by=staff, reason="New agent")
    assert not set_staff_status(member=member, is_staff=True, by=staff)
    member.refresh_from_db()
    assert member.is_staff
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.CHANGE_STAFF_STATUS
    assert entry.details == {"is_staff": True}


def test_update_profile_saves_the_languages_a_member_reads(member):
    from community.services.members import update_profile

    update_profile(member=member, by=member, content_languages="en,de")
    member.refresh_from_db()
    assert member.content_languages == "en,de"
    assert member.read_languages == ("en", "de")


def test_update_profile_refuses_languages_the_site_does_not_have(member):
    from django.core.exceptions import ValidationError

    from community.services.members import update_profile

    with pytest.raises(ValidationError):
        update_profile(member=member, by=member, content_languages="en,fr")
    member.refresh_from_db()
    assert member.content_languages == ""


def test_active_named_matches_usernames_ignoring_case_through_their_index(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.models import Member
    from tests.factories import MemberFactory

    mira = MemberFactory(username="Mira.K")
    MemberFactory(username="gone", is_active=False)
    MemberFactory(username="mirage")

    with CaptureQueriesContext(connection) as queries:
        found = list(Member.objects.active_named(["mira.k", "GONE", "nobody", ""]))

    assert found == [mira]
    # An equality on the lower-cased name (the unique constraint's index), not a pattern
    # that reads every member.
    (query,) = queries.captured_queries
    assert "LOWER(" in query["sql"] and "REGEXP" not in query["sql"].upper()
    assert list(Member.objects.active_named([])) == []


def test_usernames_differing_only_in_case_are_refused_by_the_database_and_the_admin(db):
    # Profile addresses and @mentions find a member by the name ignoring case: two members
    # "Anna" and "anna" would make those pages fail. Sign-up checks it; the database holds it
    # for the admin and for two sign-ups at once.
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    from community.models import Member
    from tests.factories import MemberFactory

    MemberFactory(username="Anna.B")
    twin = Member(username="anna.b", email="twin@example.com")
    with pytest.raises(ValidationError) as refused:
        twin.validate_constraints()  # what the admin's form runs
    assert refused.value.messages == ["A member with that username already exists."]
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(username="ANNA.B")
    assert MemberFactory(username="anna.c").pk


@pytest.mark.django_db(transaction=True)
def test_the_migration_names_usernames_differing_only_in_case_instead_of_failing_obscurely():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("community", "0028_email_kind_question_received")]
    after = [("community", "0029_member_username_unique_ignoring_case")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old_member = executor.loader.project_state(before).apps.get_model("community", "Member")
        for name, email in (("Jo", "a@example.com"), ("JO", "b@example.com"), ("ok", "c@x.de")):
            old_member.objects.create(username=name, email=email)
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        with pytest.raises(RuntimeError, match=r"differ only in case: JO, Jo\. Rename"):
            executor.migrate(after)
        old_member.objects.filter(username="JO").update(username="Jo2")
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    finally:
        # Leave the database as the other tests expect it: fully migrated.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
