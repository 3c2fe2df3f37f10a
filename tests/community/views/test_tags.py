import pytest
from django.test import Client
from django.urls import reverse

from community.models import TagFollow
from community.services.follows import set_tag_following
from tests.factories import MemberFactory, TagFactory, make_answer, make_thread


def _titles(response):
    return [row["title"] for row in response.context["page_obj"].object_list]


def test_tag_list_shows_counts_and_descriptions_in_the_visitors_language(client, db):
    invoice = TagFactory(
        name="invoice", description_en="Bills and their PDFs", description_de="Rechnungen und PDFs"
    )
    TagFactory(name="router", description_en="Boxes and their lights")
    for _ in range(2):
        make_thread(tags=[invoice])

    content = client.get(reverse("community:tags")).content.decode()
    assert "#invoice" in content and "2 threads" in content
    assert "Bills and their PDFs" in content
    assert "0 threads" in content  # an official tag without threads is still listed

    german = client.get(reverse("community:tags"), headers={"accept-language": "de"})
    assert "Rechnungen und PDFs" in german.content.decode()
    assert "Boxes and their lights" in german.content.decode()  # no German text yet: English


def test_tag_list_sorts_by_use_or_by_name(client, db):
    app, zeta = TagFactory(name="app"), TagFactory(name="zeta")
    make_thread(tags=[zeta])
    names = [tag.name for tag in client.get(reverse("community:tags")).context["page_obj"]]
    assert names == ["zeta", "app"]
    by_name = client.get(reverse("community:tags") + "?sort=name").context["page_obj"]
    assert [tag.name for tag in by_name] == ["app", "zeta"]
    assert client.get(reverse("community:tags") + "?sort=nonsense&page=x").status_code == 200
    assert app.get_absolute_url() == "/tags/app/"


@pytest.mark.parametrize("tags", [3, 30])
def test_tag_list_query_count_is_fixed(client, member, django_assert_max_num_queries, tags):
    for number in range(tags):
        make_thread(tags=[TagFactory(name=f"tag{number}")], title=f"Thread number {number} here")
    client.force_login(member)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("community:tags")).status_code == 200


def test_tag_page_shows_the_threads_with_the_tag(client, db):
    pdf = TagFactory(name="pdf", description_en="Documents you download")
    tagged = make_thread(title="Invoice PDF is empty", tags=[pdf])
    make_thread(title="Router blinks red all night")
    response = client.get(pdf.get_absolute_url())
    assert _titles(response) == [tagged.title]
    content = response.content.decode()
    assert "Documents you download" in content
    assert f"{reverse('community:ask')}?tags=pdf" in content
    assert "Follow tag" not in content  # visitors are not offered the button


def test_tag_page_filters_and_sorts_like_every_thread_list(client, db):
    pdf = TagFactory(name="pdf")
    solved = make_thread(title="Solved PDF question here", tags=[pdf])
    from community.services.solutions import accept_answer

    accept_answer(answer=make_answer(thread=solved), by=solved.author)
    make_thread(title="Open PDF question here", tags=[pdf])
    assert _titles(client.get(pdf.get_absolute_url() + "?filter=solved")) == [solved.title]
    htmx = client.get(
        pdf.get_absolute_url() + "?sort=newest",
        headers={"hx-request": "true", "hx-target": "thread-list"},
    )
    assert _titles(htmx)[0] == "Open PDF question here"
    assert "<html" not in htmx.content.decode()


@pytest.mark.parametrize("threads", [3, 30])
def test_tag_page_query_count_is_fixed(client, member, django_assert_max_num_queries, threads):
    pdf, other = TagFactory(name="pdf"), TagFactory(name="app")
    for number in range(threads):
        make_answer(thread=make_thread(tags=[pdf, other], title=f"Thread number {number} here"))
    client.force_login(member)
    with django_assert_max_num_queries(9):
        assert client.get(pdf.get_absolute_url()).status_code == 200


def test_unknown_tag_is_404(client, db):
    assert client.get("/tags/does-not-exist/").status_code == 404


def test_follow_tag_then_unfollow(member_client, member):
    pdf = TagFactory(name="pdf")
    url = reverse("community:follow_tag", args=[pdf.slug])
    response = member_client.post(url, {"follow": "1"})
    assert response.status_code == 302 and response["Location"] == pdf.get_absolute_url()
    assert TagFollow.objects.filter(member=member, tag=pdf).exists()
    page = member_client.get(pdf.get_absolute_url()).content.decode()
    assert "You follow #pdf" in page and 'aria-pressed="true"' in page

    htmx = member_client.post(url, {"follow": "0"}, headers={"hx-request": "true"})
    assert 'aria-pressed="false"' in htmx.content.decode()
    assert not TagFollow.objects.exists()


def test_follow_tag_sends_visitors_to_log_in_and_refuses_bad_input(member_client):
    pdf = TagFactory(name="pdf")
    url = reverse("community:follow_tag", args=[pdf.slug])
    response = Client().post(url, {"follow": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert member_client.post(url, {"follow": "toggle"}).status_code == 400
    assert member_client.get(url).status_code == 405
    assert member_client.post("/tags/nope/follow/", {"follow": "1"}).status_code == 404
    assert not TagFollow.objects.exists()


def test_old_tag_links_move_to_the_tag_page_with_their_other_choices(client, db):
    pdf = TagFactory(name="pdf")
    response = client.get(reverse("community:threads") + "?tag=PDF&sort=newest")
    assert response.status_code == 301
    assert response["Location"] == "/tags/pdf/?sort=newest"
    # An unknown tag stays on the list, which says nothing matches.
    assert client.get(reverse("community:threads") + "?tag=nope").status_code == 200
    assert pdf.get_absolute_url() == "/tags/pdf/"


def test_tag_suggestions_offer_tags_starting_with_the_typed_word_first(client, db):
    for name in ("pdf", "app", "invoice-pdf", "apple-pay"):
        TagFactory(name=name, description_en=f"About {name}")
    TagFactory(name="pdfx", is_official=False)  # a free tag without threads: not offered
    make_thread(tags=[TagFactory(name="invoice-pdf")])
    data = client.get(reverse("community:tag_suggestions") + "?q=pdf").json()
    assert [tag["name"] for tag in data["tags"]] == ["pdf", "invoice-pdf"]
    assert data["tags"][0] == {
        "name": "pdf",
        "threads": 0,
        "official": True,
        "description": "About pdf",
    }
    everything = client.get(reverse("community:tag_suggestions")).json()["tags"]
    assert everything[0]["name"] == "invoice-pdf"  # the most used first
    assert (
        client.get(reverse("community:tag_suggestions") + "?q=%23APP").json()["tags"][0]["name"]
        == "app"
    )


def test_a_tag_followed_by_a_member_who_leaves_is_unfollowed(db):
    member, pdf = MemberFactory(), TagFactory(name="pdf")
    set_tag_following(tag=pdf, member=member, following=True)
    member.delete()
    assert not TagFollow.objects.exists()
