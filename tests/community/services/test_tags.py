import pytest
from django.core.exceptions import ValidationError

from community.models import Tag, TrustLevel
from community.services.tags import (
    check_tag_names,
    parse_tag_names,
    resolve_tags,
    save_tag,
    tags_like,
)
from tests.factories import MemberFactory, TagFactory, make_thread


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


def test_check_tag_names_names_the_existing_tags_closest_first(db):
    # Given the vocabulary, "invoice" used by more threads than "invoices-old" or "router"
    newcomer = MemberFactory(trust_level=TrustLevel.NEW)
    invoice, router = TagFactory(name="invoice"), TagFactory(name="router")
    TagFactory(name="pdf")
    make_thread(tags=[invoice, router])
    make_thread(tags=[router])
    # When a new member types a new tag like an existing one
    with pytest.raises(ValidationError) as refused:
        check_tag_names(names=["invoices", "pdf"], by=newcomer)
    message = refused.value.messages[0]
    # Then the message says which tag is new and offers the existing ones, close match first
    assert "“invoices” does not exist yet" in message
    assert "Tags you can use: invoice, router." in message  # not pdf: already chosen


def test_check_tag_names_without_any_tags_asks_to_leave_the_field_empty(db):
    newcomer = MemberFactory(trust_level=TrustLevel.NEW)
    with pytest.raises(ValidationError, match="Leave the field empty"):
        check_tag_names(names=["router", "wifi"], by=newcomer)


def test_tags_like_puts_close_spellings_and_containing_tags_before_popular_ones(db):
    popular = TagFactory(name="app")
    for _ in range(3):
        make_thread(tags=[popular])
    TagFactory(name="invoice")
    TagFactory(name="invoice-pdf")
    TagFactory(name="router", is_official=False)  # a free tag without threads: not offered
    assert tags_like(["invoic"]) == ["invoice", "invoice-pdf", "app"]
    assert tags_like(["invoic"], limit=1) == ["invoice"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [("e-1042", "e-1042"), ("kündigung", "kundigung"), ("c++", "c-plus-plus"), ("c#", "c-sharp")],
)
def test_a_new_tag_gets_its_address_from_its_name(db, name, slug):
    assert resolve_tags(names=[name], by=MemberFactory())[0].slug == slug


def test_tags_whose_names_make_the_same_address_get_different_ones(db):
    first = Tag.objects.create(name="node.js")
    second = Tag.objects.create(name="nodejs")
    assert (first.slug, second.slug) == ("nodejs", "nodejs-2")


def test_save_tag_stores_the_name_in_lower_case_with_an_address(db):
    tag = save_tag(tag=Tag(name=" Invoice ", description_en="Bills", description_de="Rechnungen"))
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("invoice", "invoice")


def test_save_tag_refuses_a_second_tag_of_the_same_name(db):
    TagFactory(name="invoice")
    with pytest.raises(ValidationError):
        save_tag(tag=Tag(name="Invoice"))


def test_listed_tags_count_only_threads_every_visitor_sees(db):
    from django.utils import timezone

    from community.models import Thread

    official = TagFactory(name="pdf")
    free = TagFactory(name="mine", is_official=False)
    orphan = TagFactory(name="gone", is_official=False)
    make_thread(tags=[official, free])
    hidden = make_thread(tags=[official, orphan])
    Thread.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    counts = dict(Tag.objects.listed().values_list("name", "thread_count"))
    assert counts == {"pdf": 1, "mine": 1}  # "gone" has no visible thread and is not official


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
