"""Every knowledge-base action for visitors, trust levels 0–4 and staff (a table)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from community.models import TrustLevel
from community.permissions import can
from knowledge.models import ArticleStatus
from tests.factories import MemberFactory, StaffFactory
from tests.knowledge.article_helpers import make_article

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "tl0", "tl1", "tl2", "tl3", "tl4", "tl4_author", "staff"]


def member_for(role, author):
    if role == "visitor":
        return AnonymousUser()
    if role == "staff":
        return StaffFactory()
    if role == "tl4_author":
        return author
    return MemberFactory(trust_level=TrustLevel(int(role[2])))


# action, article status → roles allowed (the rest are refused)
TABLE = [
    ("knowledge.draft_article", None, {"tl4", "tl4_author", "staff"}),
    ("knowledge.see_article", ArticleStatus.PUBLISHED, set(ROLES)),
    ("knowledge.see_article", ArticleStatus.DRAFT, {"tl4_author", "staff"}),
    ("knowledge.see_article", ArticleStatus.REVIEW, {"tl4_author", "staff"}),
    ("knowledge.see_article", ArticleStatus.ARCHIVED, {"staff"}),
    ("knowledge.edit_article", ArticleStatus.DRAFT, {"tl4_author", "staff"}),
    ("knowledge.edit_article", ArticleStatus.REVIEW, {"staff"}),
    ("knowledge.edit_article", ArticleStatus.PUBLISHED, {"staff"}),
    ("knowledge.submit_article", ArticleStatus.DRAFT, {"tl4_author", "staff"}),
    ("knowledge.publish_article", ArticleStatus.REVIEW, {"staff"}),
    ("knowledge.publish_article", ArticleStatus.PUBLISHED, set()),
    ("knowledge.archive_article", ArticleStatus.PUBLISHED, {"staff"}),
    ("knowledge.archive_article", ArticleStatus.DRAFT, set()),
    ("knowledge.see_history", ArticleStatus.PUBLISHED, {"staff"}),
    ("knowledge.restore_revision", ArticleStatus.PUBLISHED, {"staff"}),
    ("knowledge.propose_edit", ArticleStatus.PUBLISHED, {"tl4", "tl4_author"}),
    ("knowledge.propose_edit", ArticleStatus.DRAFT, set()),
    ("knowledge.review_proposals", None, {"staff"}),
    ("knowledge.follow", None, set(ROLES) - {"visitor"}),
]


@pytest.mark.parametrize(("perm", "status", "allowed"), TABLE)
def test_who_may_do_what(perm, status, allowed):
    author = MemberFactory(trust_level=TrustLevel.LEADER)
    article = None
    if status is not None:
        article = make_article(by=author)
        article.status = status
        article.save(update_fields=["status"])
    answers = {role: can(member_for(role, author), perm, article) for role in ROLES}
    assert {role for role, yes in answers.items() if yes} == allowed
