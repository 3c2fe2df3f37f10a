"""The site's URLs with stand-ins for the article pages the article workflow serves
(knowledge:section, knowledge:article, knowledge:article_edit), for the tests of
thread-to-article, feedback and related lists. A stand-in is added only while
knowledge.urls has no page of that name, so once it has, the real page answers."""

from django.shortcuts import get_object_or_404
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import URLResolver, include, path

from config import urls as site_urls
from knowledge import urls as knowledge_urls
from knowledge.models import Article

ARTICLE_PAGE = engines["django"].from_string(
    "{% load knowledge_self_service %}<h1>{{ article.title }}</h1>"
    "{% article_feedback article %}{% related_for article %}"
)


def article_page(request, section, slug):
    article = get_object_or_404(Article, section__slug=section, slug=slug)
    return TemplateResponse(request, ARTICLE_PAGE, {"article": article})


def nothing(request, **kwargs):
    return TemplateResponse(request, engines["django"].from_string("stand-in"), {})


STAND_INS = [
    path("kb/<slug:section>/", nothing, name="section"),
    path("kb/<slug:section>/<slug:slug>/", article_page, name="article"),
    path("kb/<slug:section>/<slug:slug>/edit/", nothing, name="article_edit"),
]
_names = {getattr(p, "name", None) for p in knowledge_urls.urlpatterns}
_knowledge = [*knowledge_urls.urlpatterns, *(p for p in STAND_INS if p.name not in _names)]

urlpatterns = [
    path("", include((_knowledge, "knowledge")))
    if isinstance(pattern, URLResolver) and pattern.app_name == "knowledge"
    else pattern
    for pattern in site_urls.urlpatterns
]
