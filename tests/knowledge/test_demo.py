"""The demo's knowledge base: the content is sane, and seed_demo writes it through the
article services (with the starter saved replies)."""

import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from community.privacy import find_personal_data
from knowledge.demo.articles import ARTICLES, PROPOSALS, SECTIONS
from knowledge.demo.finisher import _title_patterns
from knowledge.models import Article, ArticleRevision, ArticleStatus, SavedReply, Section
from knowledge.starter_replies import STARTER_REPLIES

PUBLISHED = [entry for entry in ARTICLES if not entry.get("draft")]
BY_KEY = {entry["key"]: entry for entry in ARTICLES}
ICONS = Path(settings.BASE_DIR) / "static" / "img" / "kb"


def test_about_thirty_published_articles_in_five_sections_and_both_languages():
    assert 28 <= len(PUBLISHED) <= 34
    assert len(SECTIONS) == 5
    assert {entry["section"] for entry in PUBLISHED} == {section["slug"] for section in SECTIONS}
    languages = Counter(entry["language"] for entry in PUBLISHED)
    assert set(languages) == {"en", "de"} and min(languages.values()) >= 12
    assert 2 <= len(ARTICLES) - len(PUBLISHED) <= 5  # a few drafts
    assert len(BY_KEY) == len(ARTICLES)


def test_every_translation_pair_is_the_same_article_in_the_other_language():
    pairs = [
        (entry, BY_KEY[entry["translation_of"]]) for entry in ARTICLES if "translation_of" in entry
    ]
    assert len(pairs) >= 8
    partners = Counter()
    for entry, original in pairs:
        assert entry["language"] != original["language"], entry["key"]
        assert entry["section"] == original["section"], entry["key"]
        assert "translation_of" not in original, original["key"]
        partners[original["key"]] += 1
        partners[entry["key"]] += 1
    assert max(partners.values()) == 1  # an article has one translation at most


def test_articles_fit_their_fields_and_hold_no_personal_data():
    for section in SECTIONS:
        assert len(section["name_en"]) <= 80 and len(section["name_de"]) <= 80
        assert len(section["description_en"]) <= 240 and len(section["description_de"]) <= 240
        assert (ICONS / f"{section['icon']}.svg").is_file(), section["icon"]
    for entry in ARTICLES:
        assert len(entry["title"]) <= 150 and 0 < len(entry["summary"]) <= 300, entry["key"]
        assert len(entry.get("applies_to", "")) <= 120, entry["key"]
        if not entry.get("draft"):  # a published article has a table of contents
            assert re.search(r"^## ", entry["body"], re.MULTILINE), entry["key"]
        text = "\n".join([entry["title"], entry["summary"], entry["body"]])
        assert not find_personal_data(text), entry["key"]
    for proposal in PROPOSALS:
        assert not find_personal_data(proposal["add"])


def test_articles_made_from_threads_name_real_demo_scenarios():
    made_from = [entry for entry in PUBLISHED if "from_thread" in entry]
    assert len(made_from) >= 6
    for entry in made_from:
        assert _title_patterns(entry["from_thread"], entry["language"]), entry["key"]


def test_two_proposed_edits_on_published_articles():
    assert len(PROPOSALS) == 2
    for proposal in PROPOSALS:
        assert not BY_KEY[proposal["article"]].get("draft")
        assert proposal["note"] and proposal["add"].strip()


@pytest.mark.usefixtures("seeded_demo")
class TestSeededKnowledgeBase:
    def test_saved_replies_are_seeded_in_both_languages(self, db):
        shared = SavedReply.objects.filter(is_shared=True)
        assert shared.filter(language="en").count() == len(STARTER_REPLIES)
        assert shared.filter(language="de").count() == len(STARTER_REPLIES)
        assert all(reply.owner.is_staff for reply in shared)

    def test_articles_sections_translations_credits_and_proposals(self, db):
        assert Section.objects.count() == 5
        published = Article.objects.filter(status=ArticleStatus.PUBLISHED)
        assert published.count() == len(PUBLISHED)
        assert set(published.values_list("language", flat=True)) == {"en", "de"}
        assert Article.objects.exclude(status=ArticleStatus.PUBLISHED).count() == len(
            ARTICLES
        ) - len(PUBLISHED)
        linked = Article.objects.filter(translation__isnull=False).select_related("translation")
        assert linked.count() == 2 * sum(1 for entry in ARTICLES if "translation_of" in entry)
        for article in linked:
            assert article.translation.language != article.language
            assert article.translation.translation_id == article.pk
        from_threads = published.filter(source_thread__isnull=False)
        assert from_threads.exists()
        for article in from_threads.select_related("source_thread__solution"):
            solution = article.source_thread.solution
            assert article.contributors.filter(member_id=solution.author_id).exists()
        pending = ArticleRevision.objects.filter(proposal=ArticleRevision.ProposalState.PENDING)
        assert pending.count() == 2
