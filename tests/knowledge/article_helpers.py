"""Sections, articles and members for the knowledge-base tests, made through the services."""

from community.models import TrustLevel
from knowledge.models import Section
from knowledge.services.articles import create_article, publish_article
from tests.factories import MemberFactory, StaffFactory


def make_section(slug: str = "billing", **fields) -> Section:
    defaults = {"name_en": "Billing", "name_de": "Rechnungen", "description_en": "Invoices."}
    return Section.objects.get_or_create(slug=slug, defaults={**defaults, **fields})[0]


def super_user(**fields):
    return MemberFactory(trust_level=TrustLevel.LEADER, **fields)


def make_article(
    *,
    section=None,
    by=None,
    title="Download an invoice",
    body="## Where is it?\n\nUnder Billing.\n\n## How do I print it?\n\nOpen the PDF.",
    language="en",
    publish=False,
    **fields,
):
    by = by or StaffFactory()
    article = create_article(
        by=by,
        section=section or make_section(),
        title=title,
        body=body,
        language=language,
        **fields,
    )
    if publish:
        publish_article(article=article, by=by)
    return article
