"""The article services: drafts, revisions, slugs, the workflow, proposals, credits, signals
(each with a real receiver connected) and followers hearing of new and updated articles."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from community.models import Notification, NotificationKind
from knowledge import signals
from knowledge.models import Article, ArticleRevision, ArticleSlugHistory, ArticleStatus
from knowledge.services.articles import (
    accept_proposal,
    archive_article,
    credit_contributor,
    decline_proposal,
    link_translation,
    propose_edit,
    publish_article,
    restore_revision,
    save_article,
    submit_for_review,
)
from knowledge.services.follows import set_article_following, set_section_following
from tests.factories import MemberFactory, StaffFactory
from tests.knowledge.article_helpers import make_article, make_section, super_user

pytestmark = pytest.mark.django_db


def save(article, by, **changes):
    fields = {"title": article.title, "body": article.body, "summary": article.summary}
    return save_article(article=article, by=by, **{**fields, **changes})


def test_a_new_article_is_a_draft_with_revision_one():
    author = super_user()
    article = make_article(by=author, title="Reset my password")
    assert article.status == ArticleStatus.DRAFT
    assert article.slug == "reset-my-password"
    assert article.published_at is None
    assert [(r.number, r.editor, r.title) for r in article.revisions.all()] == [
        (1, author, "Reset my password")
    ]
    assert 'id="where-is-it"' in article.body_html


def test_every_save_is_a_numbered_revision():
    staff = StaffFactory()
    article = make_article(by=staff)
    save(article, staff, body="First change.", note="shorter")
    save(article, staff, body="Second change.")
    numbers = list(article.revisions.values_list("number", "note", "body"))
    assert numbers == [
        (3, "", "Second change."),
        (2, "shorter", "First change."),
        (1, "First draft", numbers[2][2]),
    ]
    article.refresh_from_db()
    assert article.revision_count == 3
    assert article.body == "Second change."


def test_a_changed_slug_keeps_the_old_address():
    staff = StaffFactory()
    article = make_article(by=staff)
    save(article, staff, slug="get-your-invoice")
    save(article, staff, slug="invoices")
    article.refresh_from_db()
    assert article.slug == "invoices"
    assert set(ArticleSlugHistory.objects.values_list("slug", flat=True)) == {
        "download-an-invoice",
        "get-your-invoice",
    }
    # Going back to an old slug takes it out of the history.
    save(article, staff, slug="download-an-invoice")
    assert not ArticleSlugHistory.objects.filter(slug="download-an-invoice").exists()


def test_a_slug_another_article_uses_is_refused():
    staff = StaffFactory()
    section = make_section()
    make_article(by=staff, section=section, title="Taken")
    article = make_article(by=staff, section=section, title="Other")
    with pytest.raises(ValidationError):
        save(article, staff, slug="taken")
    assert make_article(by=staff, section=section, title="Taken").slug == "taken-2"


def test_publishing_sets_the_date_and_sends_the_credited_contributors(listen):
    calls = listen(signals.article_published)
    staff, helper = StaffFactory(), MemberFactory()
    article = make_article(by=staff)
    credit_contributor(article=article, member=helper)
    credit_contributor(article=article, member=helper)  # idempotent
    submit_for_review(article=article, by=staff)
    assert article.status == ArticleStatus.REVIEW
    publish_article(article=article, by=staff)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at is not None
    assert calls == [{"sender": Article, "article": article, "by": staff, "contributors": [helper]}]
    publish_article(article=article, by=staff)
    assert len(calls) == 1  # nothing changed, nothing announced


def test_archiving_sends_article_archived_once(listen):
    calls = listen(signals.article_archived)
    staff = StaffFactory()
    article = make_article(by=staff, publish=True)
    archive_article(article=article, by=staff)
    archive_article(article=article, by=staff)
    assert article.status == ArticleStatus.ARCHIVED
    assert calls == [{"sender": Article, "article": article, "by": staff}]


@pytest.mark.parametrize(
    ("changes", "substantial"),
    [
        ({"body": "Open Settings, choose Billing, then Invoices and the month."}, True),
        ({"title": "Download your invoice"}, True),
        ({"summary": "Where invoices live."}, False),
    ],
)
def test_article_updated_says_whether_the_change_is_substantial(listen, changes, substantial):
    calls = listen(signals.article_updated)
    staff = StaffFactory()
    article = make_article(by=staff, body="Under Billing.", publish=True)
    revision = save(article, staff, **changes)
    assert calls == [
        {
            "sender": Article,
            "article": article,
            "by": staff,
            "revision": revision,
            "substantial": substantial,
        }
    ]


def test_a_typo_fix_is_not_substantial(listen):
    calls = listen(signals.article_updated)
    staff = StaffFactory()
    article = make_article(by=staff, body="Open the menu and choose Billing and then Invoices.")
    save(article, staff, body="Open the menu and choose Billing, then Invoices.")
    assert calls[0]["substantial"] is False


def test_proposals_wait_for_staff_and_accepting_applies_and_credits():
    staff, proposer = StaffFactory(), super_user()
    article = make_article(by=staff, publish=True)
    proposal = propose_edit(
        article=article, by=proposer, title="Download an invoice", body="Better text.", summary=""
    )
    article.refresh_from_db()
    assert proposal.proposal == ArticleRevision.ProposalState.PENDING
    assert article.body != "Better text."  # not applied until accepted
    saved = accept_proposal(revision=proposal, by=staff)
    article.refresh_from_db()
    proposal.refresh_from_db()
    assert proposal.proposal == ArticleRevision.ProposalState.ACCEPTED
    assert article.body == "Better text."
    assert saved.number == proposal.number + 1 and saved.editor == staff
    assert list(article.contributors.values_list("member", flat=True)) == [proposer.pk]
    assert accept_proposal(revision=proposal, by=staff) is None  # decided before


def test_declining_leaves_the_article_alone():
    staff, proposer = StaffFactory(), super_user()
    article = make_article(by=staff, publish=True)
    proposal = propose_edit(article=article, by=proposer, title="X", body="Y", summary="")
    decline_proposal(revision=proposal, by=staff)
    article.refresh_from_db()
    assert proposal.proposal == ArticleRevision.ProposalState.DECLINED
    assert article.title == "Download an invoice"


def test_restoring_brings_back_an_old_text_as_a_new_revision():
    staff = StaffFactory()
    article = make_article(by=staff, body="Original text.")
    save(article, staff, body="Vandalised.")
    first = article.revisions.get(number=1)
    restored = restore_revision(revision=first, by=staff)
    article.refresh_from_db()
    assert article.body == "Original text."
    assert restored.number == 3
    assert "1" in restored.note


def test_translations_link_both_ways_and_replace_earlier_partners():
    staff = StaffFactory()
    english = make_article(by=staff)
    german = make_article(by=staff, title="Rechnung herunterladen", language="de")
    other = make_article(by=staff, title="Rechnung laden", language="de")
    link_translation(article=english, translation=german, by=staff)
    german.refresh_from_db()
    assert german.translation == english
    link_translation(article=english, translation=other, by=staff)
    german.refresh_from_db()
    other.refresh_from_db()
    english.refresh_from_db()
    assert (english.translation, other.translation, german.translation) == (other, english, None)
    with pytest.raises(ValidationError):
        link_translation(article=english, translation=make_article(by=staff, title="E"), by=staff)


def test_followers_hear_of_new_and_substantially_updated_articles(
    django_capture_on_commit_callbacks,
):
    staff = StaffFactory()
    section = make_section()
    section_follower, article_follower = MemberFactory(), MemberFactory()
    set_section_following(section=section, by=section_follower, following=True)
    article = make_article(by=staff, section=section)
    set_article_following(article=article, by=article_follower, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        publish_article(article=article, by=staff)
    told = Notification.objects.filter(kind=NotificationKind.ARTICLE)
    assert list(told.values_list("recipient", flat=True)) == [section_follower.pk]
    assert told.get().data["text"]["de"].startswith("Neuer Artikel")
    assert [message.to for message in mail.outbox] == [[section_follower.email]]

    with django_capture_on_commit_callbacks(execute=True):
        save(article, staff, body="Completely different steps for the new billing page.")
    assert sorted(told.values_list("recipient", flat=True)) == sorted(
        [section_follower.pk, section_follower.pk, article_follower.pk]
    )
    assert len(mail.outbox) == 3

    with django_capture_on_commit_callbacks(execute=True):
        save(article, staff, summary="Just a summary.")  # not substantial: nobody is told
    assert len(mail.outbox) == 3


def test_a_draft_update_tells_nobody(django_capture_on_commit_callbacks):
    staff, follower = StaffFactory(), MemberFactory()
    article = make_article(by=staff)
    set_article_following(article=article, by=follower, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        save(article, staff, title="A new title")
    assert not Notification.objects.filter(kind=NotificationKind.ARTICLE).exists()


def test_publishing_and_archiving_are_in_the_audit_log_once_each():
    from community.models import AuditAction, AuditEntry

    staff = StaffFactory()
    article = make_article(by=staff)
    publish_article(article=article, by=staff)
    publish_article(article=article, by=staff)  # nothing changed: nothing recorded
    archive_article(article=article, by=staff)
    archive_article(article=article, by=staff)
    publish_article(article=article, by=staff)  # back on the shelf

    entries = AuditEntry.objects.filter(target_id=article.pk).order_by("pk")
    assert [(e.action, e.actor_id, e.target_type.model) for e in entries] == [
        (AuditAction.PUBLISH_ARTICLE, staff.pk, "article"),
        (AuditAction.ARCHIVE_ARTICLE, staff.pk, "article"),
        (AuditAction.PUBLISH_ARTICLE, staff.pk, "article"),
    ]


def test_the_staff_audit_log_lists_an_archived_article(client):
    staff = StaffFactory()
    article = make_article(by=staff, publish=True)
    archive_article(article=article, by=staff)
    client.force_login(staff)
    page = client.get("/staff/audit/", {"action": "article.archive"}).content.decode()
    rows = page.split("<tbody>")[1]
    assert "Archived a knowledge-base article" in rows
    assert f"Article #{article.pk}" in rows
