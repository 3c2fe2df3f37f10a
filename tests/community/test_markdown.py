"""The one renderer: Markdown in, sanitised HTML out. Stored XSS must come out inert."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from community.markdown import excerpt, render_markdown
from tests.factories import MemberFactory, TagFactory, make_answer, make_thread

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)>",
    "[x](JaVaScRiPt:alert(1))",
]


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((name, (value or "").strip().lower()) for name, value in attrs)


def dangerous_parts(html: str) -> list:
    parser = _Elements()
    parser.feed(html)
    found = [
        tag for tag in parser.tags if tag in {"script", "iframe", "svg", "object", "embed", "style"}
    ]
    found += [name for name, _ in parser.attributes if name.startswith("on") or name == "style"]
    found += [
        value
        for name, value in parser.attributes
        if name in {"href", "src"} and value.startswith(("javascript:", "data:", "vbscript:"))
    ]
    return found


@pytest.mark.parametrize("attack", ATTACKS)
def test_render_markdown_neutralises(db, attack):
    assert dangerous_parts(render_markdown(attack)) == []


def test_render_markdown_supports_the_usual(db):
    MemberFactory(username="anna")
    html = render_markdown(
        "## Steps\n\n1. one\n2. two\n\n> quote\n\n```python\nprint(1)\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nHi @anna and @nobody, see https://example.com ~~old~~"
    )
    assert "<h4>Steps</h4>" in html  # headings sit below the page's own
    assert "<ol>" in html and "<blockquote>" in html and "<table>" in html
    assert '<code class="language-python">' in html
    assert '<a class="mention" href="/members/anna/"' in html
    assert "@nobody" in html and "/members/nobody/" not in html
    assert 'href="https://example.com" rel="nofollow ugc noopener"' in html
    assert "<s>old</s>" in html


def test_render_markdown_allows_images_from_uploads_and_https_only(db):
    html = render_markdown(
        "![a](/media/uploads/1/a.webp) ![b](https://cdn.example/b.png) ![c](http://x/c.png)"
    )
    assert 'src="/media/uploads/1/a.webp"' in html
    assert 'src="https://cdn.example/b.png"' in html
    assert "http://x/c.png" not in html


def test_excerpt_cuts_at_a_word():
    assert excerpt("<p>one two three four</p>", 10) == "one two…"


def test_stored_xss_in_title_body_tag_and_display_name_is_inert(client, db):
    attacker = MemberFactory(display_name='<img src=x onerror=alert("name")>')
    tag = TagFactory(name="xss")
    tag.name = "<script>tag</script>"  # a tag that slipped past validation, say via the admin
    tag.save()
    thread = make_thread(
        author=attacker,
        title='<script>alert("title")</script> help',
        body='<script>alert("body")</script> **hi**',
        tags=[tag],
    )
    make_answer(thread=thread, author=attacker, body="<img src=x onerror=alert('answer')>")

    pages = [
        client.get(thread.get_absolute_url()).content.decode(),
        client.get(reverse("community:threads")).content.decode(),
        client.get(attacker.get_absolute_url()).content.decode(),
    ]
    for content in pages:
        assert "<script>tag</script>" not in content
        assert "<img src=x onerror" not in content
        parser = _Elements()
        parser.feed(content)
        assert not [name for name, _ in parser.attributes if name.startswith("on")]
        # The only scripts are ours: static files and the JSON-LD block.
        assert parser.tags.count("script") == sum(
            1
            for name, value in parser.attributes
            if (name == "src" and value.startswith("/static/"))
            or (name == "type" and value == "application/ld+json")
        )
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in pages[0]


def test_render_markdown_links_mentions_typed_in_another_case(db):
    MemberFactory(username="Anna.Support")

    html = render_markdown("Thanks @anna.support!")

    assert 'href="/members/Anna.Support/"' in html and ">@Anna.Support</a>" in html


def test_render_markdown_does_not_link_inactive_members(db):
    MemberFactory(username="gone", is_active=False)

    assert "/members/gone/" not in render_markdown("Ask @gone about it")


def test_render_markdown_finds_exactly_typed_mentions_in_one_query(db, django_assert_num_queries):
    MemberFactory(username="anna")
    MemberFactory(username="jonas")

    with django_assert_num_queries(1):
        html = render_markdown("@anna and @jonas know this")

    assert html.count('class="mention"') == 2


def test_render_markdown_without_mentions_makes_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        render_markdown("Write to support@example.com, not @ here")


def test_posting_parses_a_text_once_for_its_limits_html_and_mentions(db, monkeypatch):
    from community import markdown

    calls = []
    parse = markdown._parser.parse
    monkeypatch.setattr(
        markdown._parser, "parse", lambda text, env: calls.append(text) or parse(text, env)
    )
    text = "A [link](https://example.com), ![an image](https://example.com/a.png) and @nobody-here"
    assert markdown.count_links_and_images(text) == (1, 1)
    html = markdown.render_markdown(text)
    mentioned = markdown.mentioned_usernames(text)
    assert calls == [text]
    assert 'loading="lazy"' in html
    # What a caller does with its own copy never reaches the next caller.
    mentioned.add("someone-else")
    assert markdown.mentioned_usernames(text) == {"nobody-here"}
