"""The knowledge-base pages: home, section, article (SEO, drafts 404, old slugs), the editor,
the workflow buttons, history with diff and restore, proposals; query counts pinned."""

import json
import re

import pytest
from django.urls import reverse

from knowledge.models import Article, ArticleRevision, ArticleStatus
from knowledge.services.articles import propose_edit, save_article
from tests.factories import PASSWORD, MemberFactory, StaffFactory
from tests.knowledge.article_helpers import make_article, make_section, super_user

pytestmark = pytest.mark.django_db


def signed_in(client, member):
    client.login(username=member.username, password=PASSWORD)
    return client


def url(article, name="article"):
    return reverse(f"knowledge:{name}", args=[article.section.slug, article.slug])


def test_home_lists_sections_with_counts_and_newest(client, django_assert_max_num_queries):
    section = make_section(icon="billing")
    make_section(slug="network", name_en="Network")
    staff = StaffFactory()
    for number in range(4):
        make_article(section=section, by=staff, title=f"Article {number}", publish=True)
    make_article(section=section, by=staff, title="Hidden draft")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("knowledge:home"))
    page = response.content.decode()
    assert "4 articles" in page and "0 articles" in page
    assert "Article 3" in page and "Hidden draft" not in page
    assert 'href="/kb/"' in page and "Knowledge base" in page  # the menu link


def test_section_page_is_paginated_and_shows_published_only(client, django_assert_max_num_queries):
    section = make_section()
    staff = StaffFactory()
    for number in range(27):
        make_article(section=section, by=staff, title=f"Guide {number:02}", publish=True)
    make_article(section=section, by=staff, title="Secret draft")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("knowledge:section", args=["billing"]))
    page = response.content.decode()
    assert "27 articles" in page and "Guide 00" in page and "Guide 26" not in page
    assert "Secret draft" not in page
    assert (
        "Guide 26"
        in client.get(reverse("knowledge:section", args=["billing"]) + "?page=2").content.decode()
    )


def test_article_page_shows_everything_and_pins_its_queries(client, django_assert_max_num_queries):
    staff = StaffFactory()
    article = make_article(by=staff, summary="Where invoices are.", applies_to="Portal 2.0")
    german = make_article(by=staff, title="Rechnung laden", language="de", publish=True)
    from knowledge.services.articles import credit_contributor, link_translation, publish_article

    link_translation(article=article, translation=german, by=staff)
    credit_contributor(article=article, member=MemberFactory(display_name="Helpful Hanna"))
    publish_article(article=article, by=staff)
    with django_assert_max_num_queries(8):
        response = client.get(url(article))
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Where invoices are.", "Portal 2.0", "Helpful Hanna", 'href="#where-is-it"',
                 'id="where-is-it"', german.get_absolute_url(), '<link rel="canonical"',
                 'property="og:title"'):  # fmt: skip
        assert text in page, text


def test_a_list_of_questions_is_a_faq_page(client):
    article = make_article(publish=True)
    page = client.get(url(article)).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == ["Where is it?", "How do I print it?"]


def test_json_ld_cannot_close_its_script_block(client):
    article = make_article(
        title="</script><script>alert(1)</script>", body="Plain text, no questions.", publish=True
    )
    page = client.get(url(article)).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    assert "<" not in block
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    "status", [ArticleStatus.DRAFT, ArticleStatus.REVIEW, ArticleStatus.ARCHIVED]
)
def test_unpublished_articles_are_404_to_readers_and_shown_with_a_banner_to_staff(client, status):
    author = super_user()
    article = make_article(by=author)
    Article.objects.filter(pk=article.pk).update(status=status)
    assert client.get(url(article)).status_code == 404
    assert signed_in(client, MemberFactory()).get(url(article)).status_code == 404
    response = signed_in(client, StaffFactory()).get(url(article))
    assert (
        response.status_code == 200
        and 'class="notice notice--warning"' in response.content.decode()
    )
    expected = 404 if status == ArticleStatus.ARCHIVED else 200
    assert signed_in(client, author).get(url(article)).status_code == expected


def test_an_old_slug_redirects_permanently(client):
    staff = StaffFactory()
    article = make_article(by=staff, publish=True)
    old = url(article)
    save_article(
        article=article,
        by=staff,
        title=article.title,
        body=article.body,
        summary="",
        slug="invoices",
    )
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == "/kb/billing/invoices/"
    assert client.get("/kb/billing/never-was/").status_code == 404


def test_a_super_user_drafts_submits_and_staff_publishes(client):
    section = make_section()
    author = super_user()
    signed_in(client, author)
    response = client.post(
        reverse("knowledge:new_article"),
        {
            "section": section.pk,
            "language": "en",
            "title": "Change my plan",
            "body": "## Steps\n\nDo it.",
            "summary": "",
            "applies_to": "",
            "tags": "",
        },
    )
    article = Article.objects.get(title="Change my plan")
    assert response.status_code == 302 and article.author == author
    assert client.post(url(article, "publish_article")).status_code == 403
    client.post(url(article, "submit_article"))
    article.refresh_from_db()
    assert article.status == ArticleStatus.REVIEW
    signed_in(client, StaffFactory())
    client.post(url(article, "publish_article"))
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED and article.published_at


def test_members_below_trust_level_four_may_not_draft(client):
    signed_in(client, MemberFactory())
    assert client.get(reverse("knowledge:new_article")).status_code == 403


def test_bad_editor_input_keeps_the_text(client):
    staff = StaffFactory()
    article = make_article(by=staff)
    make_article(by=staff, title="Taken")
    signed_in(client, staff)
    response = client.post(
        url(article, "edit_article"),
        {
            "title": "New title kept",
            "slug": "taken",
            "body": "My typed body",
            "summary": "",
            "applies_to": "",
            "tags": "no-such-tag",
            "note": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "My typed body" in page and "New title kept" in page and "no-such-tag" in page


def test_history_shows_a_diff_and_staff_restore(client, django_assert_max_num_queries):
    staff = StaffFactory()
    article = make_article(by=staff, body="The old words.")
    save_article(article=article, by=staff, title=article.title, body="The new words.", summary="")
    signed_in(client, staff)
    with django_assert_max_num_queries(12):
        response = client.get(url(article, "article_history") + "?a=1&b=2")
    page = response.content.decode()
    assert '<del class="diff-del">old</del>' in page and '<ins class="diff-ins">new</ins>' in page
    first = article.revisions.get(number=1)
    client.post(reverse("knowledge:restore_revision", args=[first.pk]))
    article.refresh_from_db()
    assert article.body == "The old words." and article.revision_count == 3


def test_history_is_404_for_members(client):
    article = make_article(publish=True)
    signed_in(client, super_user())
    assert client.get(url(article, "article_history")).status_code == 404


def test_super_users_propose_and_staff_accept_from_the_list(client):
    staff = StaffFactory()
    article = make_article(by=staff, publish=True)
    proposer = super_user()
    signed_in(client, proposer)
    assert "Propose an edit" in client.get(url(article)).content.decode()
    client.post(
        url(article, "propose_edit"),
        {"title": article.title, "summary": "", "body": "A better body.", "note": "clearer"},
    )
    proposal = ArticleRevision.objects.get(proposal=ArticleRevision.ProposalState.PENDING)
    assert client.get(reverse("knowledge:proposals")).status_code == 404
    signed_in(client, staff)
    page = client.get(reverse("knowledge:proposals")).content.decode()
    assert "Proposed edits" in page and "clearer" in page
    client.post(reverse("knowledge:accept_proposal", args=[proposal.pk]))
    article.refresh_from_db()
    assert article.body == "A better body."


def test_declining_from_the_list(client):
    staff = StaffFactory()
    article = make_article(by=staff, publish=True)
    proposal = propose_edit(article=article, by=super_user(), title="x", body="y", summary="")
    signed_in(client, staff)
    client.post(reverse("knowledge:decline_proposal", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.proposal == ArticleRevision.ProposalState.DECLINED


def test_following_a_section_and_an_article(client):
    member = MemberFactory()
    article = make_article(publish=True)
    signed_in(client, member)
    client.post(reverse("knowledge:follow_section", args=["billing"]), {"follow": "1"})
    client.post(url(article, "follow_article"), {"follow": "1"})
    assert member.section_follows.count() == 1 and member.article_follows.count() == 1
    assert 'aria-pressed="true"' in client.get(url(article)).content.decode()
    client.post(url(article, "follow_article"), {"follow": "0"})
    assert member.article_follows.count() == 0


def test_the_sitemap_lists_published_articles_only(client):
    published = make_article(publish=True)
    draft = make_article(title="Draft only")
    page = client.get("/sitemap.xml").content.decode()
    assert published.get_absolute_url() in page
    assert draft.get_absolute_url() not in page


def test_staff_link_an_article_to_its_translation_from_the_editor(client):
    english = make_article(title="Where is my invoice?", language="en", publish=True)
    german = make_article(title="Wo finde ich meine Rechnung?", language="de", publish=True)
    other_english = make_article(title="Change your tariff", language="en", publish=True)
    signed_in(client, StaffFactory())

    editor = client.get(url(english, "edit_article")).content.decode()
    assert german.title in editor and other_english.title not in editor  # other language only

    response = client.post(url(english, "link_translation"), {"translation": german.pk})
    assert response.status_code == 302
    english.refresh_from_db()
    german.refresh_from_db()
    assert english.translation == german and german.translation == english
    page = client.get(url(german)).content.decode()
    assert english.get_absolute_url() in page

    client.post(url(english, "link_translation"), {"translation": ""})
    german.refresh_from_db()
    assert german.translation is None


def test_only_staff_link_translations(client):
    english = make_article(title="Where is my invoice?", language="en", publish=True)
    german = make_article(title="Wo finde ich meine Rechnung?", language="de", publish=True)
    signed_in(client, super_user())
    response = client.post(url(english, "link_translation"), {"translation": german.pk})
    assert response.status_code == 403
    english.refresh_from_db()
    assert english.translation is None


def test_sections_show_their_icon_and_only_existing_icons_can_be_chosen(client):
    from pathlib import Path

    from django.conf import settings

    from knowledge.models.articles import SECTION_ICONS

    folder = Path(settings.BASE_DIR) / "static" / "img" / "kb"
    assert all((folder / f"{name}.svg").is_file() for name, _label in SECTION_ICONS)
    section = make_section(icon="router")
    make_article(section=section, publish=True)
    page = client.get(reverse("knowledge:home")).content.decode()
    assert "img/kb/router" in page and 'class="kb-section-icon"' in page


def test_the_knowledge_base_is_the_current_menu_entry_on_its_pages_not_home(client):
    page = client.get(reverse("knowledge:home")).content.decode()
    current = re.findall(r'<a href="([^"]+)" aria-current="page"', page)
    assert current == [reverse("knowledge:home")]


@pytest.mark.parametrize("slug", ["new", "proposals", "revisions", "suggestion"])
def test_a_section_cannot_take_the_address_of_a_knowledge_base_page(slug):
    from django.core.exceptions import ValidationError

    from knowledge.models import Section

    section = Section(slug=slug, name_en="Anything")
    with pytest.raises(ValidationError, match="address of a knowledge-base page"):
        section.full_clean()


def test_the_newest_articles_are_in_the_readers_language_first(client):
    section = make_section()
    staff = StaffFactory()
    make_article(section=section, by=staff, title="Download an invoice", publish=True)
    for number in range(6):  # published later: newer than the English one
        make_article(
            section=section, by=staff, title=f"Rechnung {number}", language="de", publish=True
        )
    english = client.get(reverse("knowledge:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Six places: the English article, then the five newest German ones.
    assert english.index("Download an invoice") < english.index("Rechnung 5")
    assert "Rechnung 1" in english and "Rechnung 0" not in english
    german = client.get(reverse("knowledge:home"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Rechnung 0" in german and "Download an invoice" not in german
