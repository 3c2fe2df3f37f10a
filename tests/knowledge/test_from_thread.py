import pytest
from django.urls import reverse

from community.models import TrustLevel
from community.services.solutions import accept_answer
from knowledge.models import Article, ArticleContributor, ArticleRevision, ArticleStatus
from knowledge.services.from_thread import article_from_thread, prefill_from_thread
from knowledge.signals import article_drafted_from_thread
from tests.factories import MemberFactory, StaffFactory, TagFactory, make_answer, make_thread
from tests.knowledge.kbthread_helpers import make_article, make_section


@pytest.fixture
def solved_thread(db):
    """A question with a solution from a member and an official answer from staff."""
    asker = MemberFactory(display_name="Asker Anna")
    thread = make_thread(
        author=asker,
        title="Invoice PDF does not open",
        body="When I click my invoice the download fails.",
        tags=[TagFactory(name="invoices")],
    )
    make_answer(thread=thread, body="Did you try turning it off and on?")
    solver = MemberFactory(display_name="Solver Sam")
    solution = make_answer(thread=thread, author=solver, body="Clear the cache.\nThen reload.")
    StaffFactory(display_name="Staff Stella")
    official = make_answer(
        thread=thread,
        author=StaffFactory(display_name="Staff Otto"),
        body="Officially: use the new viewer.",
    )
    accept_answer(answer=solution, by=asker)
    thread.refresh_from_db()
    return thread, solution, official


def _url(thread):
    return reverse("knowledge:thread_to_article", kwargs={"pk": thread.pk})


def test_prefill_from_thread_quotes_the_solution_and_official_answer_with_their_authors(
    solved_thread,
):
    thread, solution, official = solved_thread

    prefill = prefill_from_thread(thread)

    assert prefill.title == "Invoice PDF does not open"
    assert prefill.body.startswith("When I click my invoice the download fails.")
    assert "## Solution\n\n> Clear the cache.\n> Then reload." in prefill.body
    assert "Solver Sam, [in the community](" + solution.get_absolute_url() in prefill.body
    assert "## Official answer\n\n> Officially: use the new viewer." in prefill.body
    assert "Staff Otto" in prefill.body
    assert "turning it off" not in prefill.body  # other answers stay in the thread
    assert [post.pk for _, post in prefill.credits] == [solution.pk, official.pk]


def test_prefill_headings_are_in_the_threads_language(db):
    thread = make_thread(title="Rechnung lässt sich nicht öffnen", body="Das PDF lädt nicht.")
    thread.language = "de"
    thread.save(update_fields=["language"])
    accept_answer(answer=make_answer(thread=thread, body="Cache leeren."), by=thread.author)
    thread.refresh_from_db()

    assert "## Lösung" in prefill_from_thread(thread).body


def test_article_from_thread_makes_a_credited_draft_and_tells_listeners(solved_thread):
    thread, solution, official = solved_thread
    section = make_section()
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    article_drafted_from_thread.connect(receiver)
    try:
        article = article_from_thread(thread=thread, by=super_user, section=section)
    finally:
        article_drafted_from_thread.disconnect(receiver)

    assert article.status == ArticleStatus.DRAFT
    assert article.source_thread == thread
    assert article.author == super_user
    assert article.section == section
    assert article.slug == "invoice-pdf-does-not-open"
    assert article.language == thread.language
    assert [t.name for t in article.tags.all()] == ["invoices"]
    revision = ArticleRevision.objects.get(article=article)
    assert (revision.number, revision.body, revision.editor) == (1, article.body, super_user)
    credits = {(c.member_id, c.post_id) for c in ArticleContributor.objects.filter(article=article)}
    assert credits == {(solution.author_id, solution.pk), (official.author_id, official.pk)}
    assert len(calls) == 1
    assert calls[0]["article"] == article and calls[0]["thread"] == thread
    assert calls[0]["by"] == super_user
    assert {m.pk for m in calls[0]["contributors"]} == {solution.author_id, official.author_id}


def test_article_from_thread_continues_the_draft_being_written(solved_thread):
    thread, _, _ = solved_thread
    staff = StaffFactory()
    first = article_from_thread(thread=thread, by=staff, section=make_section())

    again = article_from_thread(thread=thread, by=staff, section=make_section())

    assert again == first
    assert Article.objects.filter(source_thread=thread).count() == 1


def test_article_from_thread_finds_a_free_slug_in_the_section(solved_thread):
    thread, _, _ = solved_thread
    section = make_section()
    make_article(section=section, slug="invoice-pdf-does-not-open")

    article = article_from_thread(thread=thread, by=StaffFactory(), section=section)

    assert article.slug == "invoice-pdf-does-not-open-2"


def test_turn_into_article_page_shows_the_sections_and_a_preview(client, solved_thread):
    thread, _, _ = solved_thread
    make_section(name_en="Billing")
    client.force_login(StaffFactory())

    response = client.get(_url(thread))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Billing" in content
    assert "Preview of the draft" in content
    assert "Clear the cache." in content
    assert "Solver Sam" in content


@pytest.mark.parametrize("role", ["staff", "super_user"])
def test_turn_into_article_posts_a_draft_and_opens_its_editor(client, solved_thread, role):
    thread, solution, _ = solved_thread
    section = make_section(slug="billing")
    member = StaffFactory() if role == "staff" else MemberFactory(trust_level=TrustLevel.LEADER)
    client.force_login(member)

    response = client.post(_url(thread), {"section": section.pk})

    article = Article.objects.get(source_thread=thread)
    assert response.status_code == 302
    assert response["Location"] == "/kb/billing/invoice-pdf-does-not-open/edit/"
    assert article.author == member
    assert ArticleContributor.objects.filter(article=article, member=solution.author).exists()


def test_turn_into_article_without_a_section_keeps_the_form_with_a_reason(client, solved_thread):
    thread, _, _ = solved_thread
    make_section()
    client.force_login(StaffFactory())

    response = client.post(_url(thread), {"section": ""})

    assert response.status_code == 400
    assert "Choose the section the article belongs in." in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "level", [TrustLevel.NEW, TrustLevel.BASIC, TrustLevel.MEMBER, TrustLevel.REGULAR]
)
def test_turn_into_article_is_refused_below_super_user(client, solved_thread, level):
    thread, _, _ = solved_thread
    section = make_section()
    client.force_login(MemberFactory(trust_level=level))

    assert client.get(_url(thread)).status_code == 403
    assert client.post(_url(thread), {"section": section.pk}).status_code == 403
    assert not Article.objects.exists()


def test_turn_into_article_sends_visitors_to_sign_in(client, solved_thread):
    thread, _, _ = solved_thread

    response = client.post(_url(thread), {"section": make_section().pk})

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Article.objects.exists()


def test_turn_into_article_refuses_an_unsolved_thread(client, db):
    thread = make_thread()
    client.force_login(StaffFactory())

    response = client.post(_url(thread), {"section": make_section().pk})

    assert response.status_code == 403
    assert not Article.objects.exists()


def test_turn_into_article_of_a_missing_thread_is_404(client, db):
    client.force_login(StaffFactory())
    assert (
        client.get(reverse("knowledge:thread_to_article", kwargs={"pk": 999999})).status_code == 404
    )


# --- the thread page's panel ---------------------------------------------------------------


def test_thread_page_offers_turn_into_article_to_staff_and_super_users_only(client, solved_thread):
    thread, _, _ = solved_thread
    for member, offered in (
        (StaffFactory(), True),
        (MemberFactory(trust_level=TrustLevel.LEADER), True),
        (MemberFactory(trust_level=TrustLevel.REGULAR), False),
    ):
        client.force_login(member)
        content = client.get(thread.get_absolute_url()).content.decode()
        assert ("Turn into article" in content) is offered
        assert (_url(thread) in content) is offered
    client.logout()
    assert "Turn into article" not in client.get(thread.get_absolute_url()).content.decode()


def test_thread_page_links_the_published_article_made_from_it(client, solved_thread):
    thread, _, _ = solved_thread
    draft = make_article(
        title="Draft about invoices", source_thread=thread, status=ArticleStatus.DRAFT
    )
    content = client.get(thread.get_absolute_url()).content.decode()
    assert "answered in the knowledge base" not in content
    assert draft.title not in content

    article = make_article(title="Opening invoice PDFs", source_thread=thread)

    content = client.get(thread.get_absolute_url()).content.decode()
    assert "This question is answered in the knowledge base:" in content
    assert f'href="{article.get_absolute_url()}"' in content


def test_thread_panel_costs_one_query_at_most(client, solved_thread, django_assert_num_queries):
    from knowledge.views.from_thread import thread_article_panel

    thread, _, _ = solved_thread
    make_article(source_thread=thread)
    staff = StaffFactory()
    unsolved = make_thread()

    with django_assert_num_queries(1):
        panel = thread_article_panel(viewer=staff, thread=thread)
    assert panel["article"] is not None and panel["may_turn"]
    visitor = MemberFactory()
    with django_assert_num_queries(0):
        assert thread_article_panel(viewer=visitor, thread=unsolved) is None
