"""What search engines read about an article: schema.org JSON-LD (Article, or FAQPage when
the article is a list of questions), safe inside a <script> block."""

import json

from django.utils.safestring import SafeString, mark_safe

from community.markdown import excerpt
from community.site import absolute_url
from knowledge.models import Article
from knowledge.rendering import question_headings

# Characters that could end the <script> element or start a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data) -> SafeString:
    """`data` as JSON that cannot close the <script> block it is written into."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def description(article: Article) -> str:
    return article.summary or excerpt(article.body_html, 160)


def article_json_ld(article: Article) -> SafeString:
    url = absolute_url(article.get_absolute_url())
    questions = question_headings(article.body)
    if questions:
        data = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "url": url,
            "inLanguage": article.language,
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": question,
                    "acceptedAnswer": {"@type": "Answer", "text": answer},
                }
                for question, answer in questions
            ],
        }
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": article.title,
            "description": description(article),
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": article.language,
            "author": {"@type": "Person", "name": article.author.public_name},
            "dateModified": article.updated_at.isoformat(),
        }
        if article.published_at:
            data["datePublished"] = article.published_at.isoformat()
    return json_for_script(data)
