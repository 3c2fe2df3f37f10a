from django.urls import reverse

from community.models import Tag, Thread, ThreadKind, TrustLevel
from tests.factories import MemberFactory, SpaceFactory, TagFactory


def _ask(client, **data):
    payload = {
        "title": "How do I change my delivery address?",
        "body": "I moved and need the parcel elsewhere.",
        "kind": "question",
        "tags": "",
    }
    payload.update(data)
    return client.post(reverse("community:ask"), payload)


def test_ask_requires_login(client, db):
    response = client.get(reverse("community:ask"))
    assert response.status_code == 302


def test_ask_creates_the_thread_and_redirects_to_it(member_client, member):
    space = SpaceFactory()
    response = _ask(member_client, space=space.pk)
    thread = Thread.objects.get()
    assert response["Location"] == thread.get_absolute_url()
    assert thread.author == member


def test_ask_with_bad_input_keeps_everything_typed(member_client):
    space = SpaceFactory()
    response = _ask(
        member_client, space=space.pk, title="Short", body="My long explanation stays here"
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="Short"' in content
    assert "My long explanation stays here" in content
    assert not Thread.objects.exists()


def test_ask_offers_staff_kinds_only_to_staff(client, member, staff):
    space = SpaceFactory()
    client.force_login(member)
    response = _ask(client, space=space.pk, kind=ThreadKind.ANNOUNCEMENT)
    assert response.status_code == 400
    assert not Thread.objects.exists()
    client.force_login(staff)
    _ask(client, space=space.pk, kind=ThreadKind.ANNOUNCEMENT)
    assert Thread.objects.get().kind == ThreadKind.ANNOUNCEMENT


def test_ask_lets_new_members_use_official_tags_only(client, db):
    space = SpaceFactory()
    TagFactory(name="delivery")
    newcomer = MemberFactory(trust_level=TrustLevel.NEW)
    client.force_login(newcomer)
    response = _ask(client, space=space.pk, tags="delivery, mynewtag")
    assert response.status_code == 400
    assert "mynewtag" in response.content.decode()
    _ask(client, space=space.pk, tags="delivery")
    assert list(Thread.objects.get().tags.values_list("name", flat=True)) == ["delivery"]
    assert not Tag.objects.filter(name="mynewtag").exists()


def test_ask_preview_and_similar_buttons_save_nothing(member_client):
    space = SpaceFactory()
    response = _ask(member_client, space=space.pk, body="Some *emphasis* in here", preview="1")
    assert "<em>emphasis</em>" in response.content.decode()
    _ask(member_client, space=space.pk, check_similar="1")
    assert not Thread.objects.exists()


def test_ask_shows_the_response_target_of_the_space(member_client):
    space = SpaceFactory(first_response_target=30)
    content = member_client.get(reverse("community:ask") + f"?space={space.slug}").content.decode()
    assert "30 minutes" in content


def test_ask_in_a_space_starts_with_its_default_kind(member_client):
    space = SpaceFactory(default_kind=ThreadKind.IDEA)
    response = member_client.get(reverse("community:ask") + f"?space={space.slug}")
    assert response.context["form"].initial["kind"] == ThreadKind.IDEA


def test_ask_post_has_a_fixed_query_budget(
    member_client, member, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    # Given official tags and a member to mention (the most a question usually needs) …
    space = SpaceFactory()
    TagFactory(name="invoice")
    TagFactory(name="pdf")
    MemberFactory(username="anna.support")
    body = "The **invoice** PDF is empty since the update, @anna.support had it too."
    _ask(member_client, space=space.pk, tags="invoice, pdf", body=body)  # warm caches

    # … a question writes thread, tags, post, revision and follow in one transaction:
    # session and member, space, tags, BEGIN, thread, its tags (2), mention, post,
    # revision, follow, COMMIT, and the session (BEGIN, UPDATE, COMMIT). The form
    # looks no tags up: this member may create new ones.
    with django_assert_max_num_queries(16), django_capture_on_commit_callbacks() as callbacks:
        response = _ask(member_client, space=space.pk, tags="invoice, pdf", body=body)

    assert response.status_code == 302
    assert callbacks  # indexing and notifying are left to the worker
