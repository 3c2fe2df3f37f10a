import pytest
from django.urls import reverse

from community.models import Tag, Thread, ThreadKind, TrustLevel
from tests.factories import MemberFactory, SpaceFactory, TagFactory, make_thread


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


def test_ask_form_starts_as_an_idea_when_asked_to(member_client):
    SpaceFactory(slug="billing")
    response = member_client.get(reverse("community:ask") + "?kind=idea")
    assert response.context["form"].initial["kind"] == ThreadKind.IDEA
    assert 'value="idea" selected' in response.content.decode()
    response = member_client.get(reverse("community:ask") + "?kind=nonsense")
    assert "kind" not in response.context["form"].initial


EMPTY_FORM_ERRORS = [
    "Give your question a title.",
    "Describe your problem in a few sentences.",
    "Choose the space your question belongs in.",
]


def test_ask_chooses_no_space_for_the_member(member_client):
    SpaceFactory(name_en="Invoices & payment")
    response = member_client.get(reverse("community:ask"))
    content = response.content.decode()
    assert "Which space?" in content
    assert '<option value="" selected>Choose a space</option>' in content
    assert response.context["form"].selected_space() is None


def test_ask_from_a_space_page_keeps_that_space_chosen(member_client):
    space = SpaceFactory()
    response = member_client.get(reverse("community:ask") + f"?space={space.slug}")
    assert response.context["form"].selected_space() == space
    assert f'<option value="{space.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("language", ["en", "de"])
def test_ask_empty_form_shows_each_error_once(client, db, language):
    from django.utils import translation

    SpaceFactory()
    client.force_login(MemberFactory(locale=language))
    response = client.post(reverse("community:ask"), {"kind": "question"})
    assert response.status_code == 400
    content = response.content.decode()
    with translation.override(language):
        for message in EMPTY_FORM_ERRORS:
            assert content.count(str(translation.gettext(message))) == 1, message
    assert content.count('class="errorlist') == len(EMPTY_FORM_ERRORS)  # no summary repeating them
    assert "This field is required" not in content


def test_ask_refuses_a_long_title_with_its_length_and_keeps_it(member_client):
    space = SpaceFactory()
    title = "My router " + "really " * 30 + "keeps restarting"
    response = _ask(member_client, space=space.pk, title=title)
    assert response.status_code == 400
    content = response.content.decode()
    assert f"This is {len(title)} characters long; the limit is 150." in content
    assert f'value="{title}"' in content  # never cut to fit
    assert 'data-counter-max="150"' in content  # for the counter, where JavaScript runs
    assert "maxlength" not in content.split('name="title"')[1].split(">")[0]
    assert not Thread.objects.exists()


def test_ask_suggests_a_space_from_the_title_without_javascript(member_client):
    from django.core.cache import cache

    from community.services.space_suggestion import CACHE_KEY

    cache.delete(CACHE_KEY)
    billing = SpaceFactory(name_en="Invoices & payment", name_de="Rechnungen & Zahlung")
    SpaceFactory(name_en="Orders & delivery", name_de="Bestellungen & Lieferung")
    typed = {"title": "Invoice is missing for May", "body": "Half typed", "tags": ""}
    # “Look for similar solved questions” shows the suggestion next to the space …
    response = _ask(member_client, check_similar="1", **typed)
    content = response.content.decode()
    assert response.context["suggested_space"] == billing
    assert "Suggested:" in content and "Invoices &amp; payment" in content
    assert "Choose the space" not in content  # nothing was sent yet: no errors
    # … and “Choose this space” sends the form back with it chosen, nothing saved.
    response = _ask(member_client, use_space=str(billing.pk), **typed)
    assert response.context["form"].selected_space() == billing
    assert response.context["suggested_space"] is None  # chosen: nothing left to suggest
    assert "Half typed" in response.content.decode()
    assert not Thread.objects.exists()
    cache.delete(CACHE_KEY)


def test_ask_space_suggestion_while_typing(member_client):
    from django.core.cache import cache

    from community.services.space_suggestion import CACHE_KEY

    cache.delete(CACHE_KEY)
    billing = SpaceFactory(name_en="Invoices & payment", name_de="Rechnungen & Zahlung")
    SpaceFactory(name_en="Orders & delivery", name_de="Bestellungen & Lieferung")
    url = reverse("community:ask_space")
    htmx = {"hx-request": "true"}
    response = member_client.get(url, {"title": "Rechnung fehlt"}, headers=htmx)
    assert "Rechnungen" not in response.content.decode()  # English page: the English name
    assert "Invoices &amp; payment" in response.content.decode()
    assert f'value="{billing.pk}"' in response.content.decode()
    # The same suggestion already shown: nothing to swap (and nothing read out again).
    shown = {"title": "Rechnung fehlt noch", "suggested_space_shown": billing.pk}
    assert member_client.get(url, shown, headers=htmx).status_code == 204
    # Chosen, or the title says nothing: the suggestion goes.
    chosen = member_client.get(url, {**shown, "space": billing.pk}, headers=htmx)
    assert chosen.status_code == 200 and "Suggested" not in chosen.content.decode()
    assert "Suggested" not in member_client.get(url, {"title": ""}, headers=htmx).content.decode()
    # Without htmx: the ask form with the title.
    assert member_client.get(url, {"title": "Rechnung fehlt"})["Location"] == (
        reverse("community:ask") + "?title=Rechnung+fehlt"
    )
    cache.delete(CACHE_KEY)


def test_ask_lists_the_official_tags_under_the_field(client, db):
    TagFactory(name="invoice")
    TagFactory(name="private-free-tag", is_official=False)
    client.force_login(MemberFactory(trust_level=TrustLevel.NEW))
    content = client.get(reverse("community:ask") + "?tags=invoice").content.decode()
    assert 'data-tag-name="invoice"' in content
    assert "private-free-tag" not in content
    assert '<details class="tag-vocabulary" open>' in content  # new members see it at once
    assert 'name="tags" value="invoice"' in content


def test_ask_tells_a_new_member_which_tags_exist_when_refusing_a_new_one(client, db):
    space = SpaceFactory()
    TagFactory(name="delivery")
    TagFactory(name="invoice")
    client.force_login(MemberFactory(trust_level=TrustLevel.NEW))
    response = _ask(client, space=space.pk, tags="deliveries")
    content = response.content.decode()
    assert response.status_code == 400
    assert "“deliveries” does not exist yet" in content
    assert "Tags you can use: delivery, invoice." in content
    assert content.count("does not exist yet") == 1


@pytest.mark.parametrize("size", [2, 20])
def test_ask_page_query_count_is_fixed(member_client, django_assert_max_num_queries, size):
    from django.core.cache import cache

    from community.services.space_suggestion import CACHE_KEY

    spaces = [SpaceFactory(name_en=f"Space about topic{n}") for n in range(size)]
    for number in range(size):
        tag = TagFactory(name=f"topic{number}")
        make_thread(space=spaces[number], title=f"Question about topic{number} here", tags=[tag])
    cache.delete(CACHE_KEY)
    url = reverse("community:ask") + "?title=Question+about+topic1"
    member_client.get(url)  # learns the spaces' words once
    with django_assert_max_num_queries(9):
        response = member_client.get(url)
    assert response.context["suggested_space"] == spaces[1]
    cache.delete(CACHE_KEY)


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
    # revision, follow, the mentioned member's notification (the member, the row), three
    # outbox rows (index, notify, the asker's acknowledgement), COMMIT, the session (BEGIN, UPDATE, COMMIT) and the bump
    # of the visitors' page version. The form looks no tags up: this member may create new
    # ones. Plus the knowledge base's receiver of thread_asked: one UPDATE marking the
    # member's recent openings of suggestions as followed by a question (no deflection),
    # and the listening apps' outbox rows: insights scores the opening post's tone and
    # refreshes the question's facts, similar questions embeds it.
    with django_assert_max_num_queries(26), django_capture_on_commit_callbacks() as callbacks:
        response = _ask(member_client, space=space.pk, tags="invoice, pdf", body=body)

    assert response.status_code == 302
    assert callbacks  # indexing and notifying are left to the worker
