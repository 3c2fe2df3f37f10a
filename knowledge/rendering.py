"""An article's Markdown → safe HTML with heading anchors and a table of contents.

The body goes through community's one renderer and sanitiser (render_markdown), exactly like
a post. That renderer puts a post's headings two levels down (a post sits below its page's
h1 and h2); an article *is* the page, so its headings are lifted back here: "## Setup"
becomes <h2 id="setup">. This works on the sanitised output only, whose headings carry no
attributes and whose text has every "<" escaped, and the ids are slugs (letters, digits and
hyphens), so nothing a writer types can add markup.
"""

import html
import re

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from community.markdown import plain_text, render_markdown

# Bump when the HTML for the same Markdown changes (stored on Article.render_version).
RENDERER_VERSION = 1

# A heading as the sanitiser leaves it: h3–h6 with no attributes (Markdown levels 1–4).
_HEADING = re.compile(r"<h([3-6])>(.*?)</h\1>", re.DOTALL)
# Markdown levels that go into the table of contents.
TOC_LEVELS = (2, 3)

TocEntry = tuple[int, str, str]


def render_article(body: str) -> tuple[SafeString, list[TocEntry]]:
    """`body` as HTML, and its table of contents: (level, anchor, text) for every level-2 and
    level-3 heading, in order; anchors are unique within the article."""
    rendered = str(render_markdown(body))
    toc: list[TocEntry] = []
    used: set[str] = set()

    def lift(match: re.Match) -> str:
        level = max(2, int(match.group(1)) - 2)  # "# X" has no place below the title: an h2
        inner = match.group(2)
        text = plain_text(inner)
        anchor = _unique(slugify(text) or "section", used)
        if level in TOC_LEVELS:
            toc.append((level, anchor, text))
        return f'<h{level} id="{html.escape(anchor)}">{inner}</h{level}>'

    return mark_safe(_HEADING.sub(lift, rendered)), toc


def _unique(anchor: str, used: set[str]) -> str:
    candidate, number = anchor, 2
    while candidate in used:
        candidate = f"{anchor}-{number}"
        number += 1
    used.add(candidate)
    return candidate


def question_headings(body: str) -> list[tuple[str, str]]:
    """(question, answer text) for every level-2/3 heading that ends with "?", when every
    such heading does: an article that is a list of questions (schema.org FAQPage).
    Empty when the article is not one."""
    rendered, toc = render_article(body)
    if not toc or not all(text.rstrip().endswith("?") for _level, _anchor, text in toc):
        return []
    parts = re.split(r'<h[23] id="[^"]*">.*?</h[23]>', str(rendered), flags=re.DOTALL)
    answers = [plain_text(part) for part in parts[1:]]
    return [(text, answer) for (_l, _a, text), answer in zip(toc, answers, strict=False)]
