"""The article page's self-service boxes, one line each in its template:
``{% load knowledge_self_service %}{% article_feedback article %}{% related_for article %}``."""

from django import template

from knowledge.selectors_related import related_for_article
from knowledge.views.feedback import feedback_context

register = template.Library()


@register.inclusion_tag("knowledge/partials/feedback.html", takes_context=True)
def article_feedback(context, article):
    """“Was this article helpful?” with the viewer's vote; the score for staff."""
    return {
        **feedback_context(context["request"], article),
        "csrf_token": context.get("csrf_token"),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.inclusion_tag("knowledge/partials/related.html", takes_context=True)
def related_for(context, article):
    """Related published articles and solved threads."""
    related = related_for_article(article, context["request"].user)
    return {
        "related": related,
        "article": article,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }
