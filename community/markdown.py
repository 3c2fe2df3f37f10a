"""Member text → safe HTML: the one function every post goes through.

Markdown (CommonMark plus tables, strikethrough, autolinks and @mentions) is
rendered by markdown-it-py with raw HTML switched off, then cleaned by nh3
against an allow-list, so even a renderer bug cannot let a script through. The
result is stored on the post with RENDERER_VERSION; posts rendered by an older
version are rendered again (see community.services.posts).
"""

import functools
import html
import re

import nh3
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from community.models import Member

# Bump when the output for the same Markdown changes; stored posts are re-rendered.
# 2: the redaction marker is shown as a marked span (see REDACTION_MARKER).
RENDERER_VERSION = 2

# What a moderator's redaction leaves in a post's Markdown, its title and every stored
# revision in place of the removed text (community.services.redaction). Fixed, not
# translated: it is stored text. Rendered as <span class="redacted"> so readers see that
# something was taken out (a member typing it gets the same look, which misleads nobody).
REDACTION_MARKER = "[redacted]"

MENTION_PATTERN = re.compile(r"@([\w][\w.-]{1,29})")

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    "h3", "h4", "h5", "h6", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "loading"},
    "code": {"class"},
    "ol": {"start"},
    "span": {"class"},  # only class="redacted" (see _filter_attribute)
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"


def _mention_rule(state: StateInline, silent: bool) -> bool:
    """``@username`` → a mention token, unless it is part of a word or an e-mail address."""
    if state.src[state.pos] != "@":
        return False
    if state.pos > 0 and (state.src[state.pos - 1].isalnum() or state.src[state.pos - 1] in "._-"):
        return False
    match = MENTION_PATTERN.match(state.src, state.pos)
    if not match:
        return False
    username = match.group(1).rstrip(".-")
    if len(username) < 2:
        return False
    if not silent:
        token = state.push("mention", "", 0)
        token.meta = {"username": username}
        state.env.setdefault("mentions", set()).add(username.lower())
        state.env.setdefault("mentions_as_typed", set()).add(username)
    state.pos += 1 + len(username)
    return True


def _render_mention(renderer, tokens, index, options, env) -> str:
    username = tokens[index].meta["username"]
    known = env.get("known_mentions", {})
    canonical = known.get(username.lower())
    if canonical is None:
        return html.escape(f"@{username}")
    url = reverse("community:profile", kwargs={"username": canonical})
    return f'<a class="mention" href="{html.escape(url)}">@{html.escape(canonical)}</a>'


def _demote_headings(state) -> None:
    """A post's headings sit below the page's own h1 and h2."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"


def _mark_redactions(state) -> None:
    """Split text tokens at REDACTION_MARKER into text + a ``redaction`` token. Works on
    text only: code keeps the marker as typed, and link addresses never reach here."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        if not any(REDACTION_MARKER in child.content for child in block.children):
            continue
        children = []
        for child in block.children:
            if child.type != "text" or REDACTION_MARKER not in child.content:
                children.append(child)
                continue
            for index, piece in enumerate(child.content.split(REDACTION_MARKER)):
                if index:
                    marker = Token("redaction", "", 0)
                    marker.content = REDACTION_MARKER
                    children.append(marker)
                if piece:
                    text = Token("text", "", 0)
                    text.content = piece
                    children.append(text)
        block.children = children


def _render_redaction(renderer, tokens, index, options, env) -> str:
    return f'<span class="redacted">{html.escape(REDACTION_MARKER)}</span>'


def _build_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    parser.enable(["table", "strikethrough", "linkify"])
    parser.inline.ruler.before("emphasis", "mention", _mention_rule)
    parser.add_render_rule("mention", _render_mention)
    parser.core.ruler.push("demote_headings", _demote_headings)
    parser.core.ruler.push("mark_redactions", _mark_redactions)
    parser.add_render_rule("redaction", _render_redaction)
    return parser


_parser = _build_parser()


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        # Images only from our own uploads or over https: no tracking pixels over http,
        # no data: URLs.
        if value.startswith(settings.MEDIA_URL) or value.startswith("https://"):
            return value
        return None
    if element == "code" and attribute == "class":
        return value if re.fullmatch(r"language-[\w+-]{1,30}", value) else None
    if element == "a" and attribute == "class":
        return value if value == "mention" else None
    if element == "span" and attribute == "class":
        return value if value == "redacted" else None
    return value


def sanitise_html(dirty: str) -> str:
    return nh3.clean(
        dirty,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=LINK_REL,
        attribute_filter=_filter_attribute,
        strip_comments=True,
    )


def _active_usernames(as_typed: set[str]) -> dict[str, str]:
    """Lower-cased → actual username of the active members among `as_typed`, any case:
    one query, through the index on the lower-cased username."""
    named = Member.objects.active_named(as_typed)
    return {username.lower(): username for username in named.values_list("username", flat=True)}


@functools.lru_cache(maxsize=8)
def _parsed(text: str) -> tuple[list[Token], dict]:
    """The renderer's tokens for `text` and what parsing noted (the mentions), images
    marked to load lazily. Posting reads the same text three times (its links and images
    against the limits, its HTML, its mentions): parsed once. Shared: read, never change."""
    env: dict = {}
    tokens = _parser.parse(text, env)
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "image":
                    child.attrSet("loading", "lazy")
    return tokens, env


def render_markdown(text: str) -> SafeString:
    """Markdown as a member typed it → sanitised HTML (marked safe: nh3 cleaned it).

    One query when the text mentions members, none without mentions.
    """
    tokens, parsed = _parsed(text or "")
    env = dict(parsed)
    if env.get("mentions_as_typed"):
        env["known_mentions"] = _active_usernames(env["mentions_as_typed"])
    return mark_safe(sanitise_html(_parser.renderer.render(tokens, _parser.options, env)))


def mentioned_usernames(text: str) -> set[str]:
    """Lower-cased usernames mentioned in `text` (for notifications)."""
    return set(_parsed(text or "")[1].get("mentions", ()))


def count_links_and_images(text: str) -> tuple[int, int]:
    """How many links and images `text` shows once rendered, counted on the renderer's own
    tokens: Markdown links, autolinks and bare addresses it links (linkify) alike; an
    uploaded image is a Markdown image too. Mentions are not links here."""
    links = images = 0
    for token in _parsed(text or "")[0]:
        for child in token.children or []:
            if child.type == "link_open":
                links += 1
            elif child.type == "image":
                images += 1
    return links, images


def plain_text(rendered_html: str) -> str:
    """The words of rendered HTML, for excerpts, meta descriptions and the search index."""
    text = nh3.clean(rendered_html or "", tags=set())
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def excerpt(rendered_html: str, length: int = 200) -> str:
    text = plain_text(rendered_html)
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
