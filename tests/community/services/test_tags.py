import pytest
from django.core.exceptions import ValidationError

from community.models import Tag, TrustLevel
from community.services.tags import check_tag_names, parse_tag_names, resolve_tags
from tests.factories import MemberFactory, TagFactory


def test_parse_tag_names_normalises_and_deduplicates():
    assert parse_tag_names("Invoice, PDF  download, #pdf") == ["invoice", "pdf", "download"]


def test_resolve_tags_lets_new_members_use_only_official_tags(db):
    newcomer = MemberFactory(trust_level=TrustLevel.NEW)
    TagFactory(name="invoice")
    assert [t.name for t in resolve_tags(names=["invoice"], by=newcomer)] == ["invoice"]
    with pytest.raises(ValidationError):
        resolve_tags(names=["invoice", "mytag"], by=newcomer)
    assert not Tag.objects.filter(name="mytag").exists()


def test_resolve_tags_creates_free_tags_from_trust_level_1(db):
    member = MemberFactory(trust_level=TrustLevel.BASIC)
    tags = resolve_tags(names=["router"], by=member)
    assert tags[0].created_by == member
    assert not tags[0].is_official


@pytest.mark.parametrize("names", [["a" * 40], ["<b>"], [f"t{n}" for n in range(6)]])
def test_resolve_tags_rejects_bad_names(db, names):
    with pytest.raises(ValidationError):
        resolve_tags(names=names, by=MemberFactory(trust_level=TrustLevel.LEADER))


def test_resolve_tags_fetches_existing_tags_in_one_query(db, django_assert_num_queries):
    member = MemberFactory(trust_level=TrustLevel.NEW)
    TagFactory(name="invoice")
    TagFactory(name="pdf")

    with django_assert_num_queries(1):
        tags = resolve_tags(names=["pdf", "invoice"], by=member)

    assert [tag.name for tag in tags] == ["pdf", "invoice"]


def test_resolve_tags_of_no_names_makes_no_query(db, django_assert_num_queries):
    member = MemberFactory()
    with django_assert_num_queries(0):
        assert resolve_tags(names=[], by=member) == []


def test_check_tag_names_refuses_new_tags_of_new_members(db):
    newcomer = MemberFactory(trust_level=TrustLevel.NEW)
    TagFactory(name="invoice")
    check_tag_names(names=["invoice"], by=newcomer)
    with pytest.raises(ValidationError, match="mytag"):
        check_tag_names(names=["invoice", "mytag"], by=newcomer)


def test_check_tag_names_needs_no_query_for_members_who_may_create_tags(
    db, django_assert_num_queries
):
    member = MemberFactory(trust_level=TrustLevel.BASIC)

    with django_assert_num_queries(0):
        check_tag_names(names=["invoice", "brandnew"], by=member)
