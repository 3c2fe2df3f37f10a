"""What the thread page's templates read per post, prepared in one pass.

The template loop over up to 200 posts is the page's cost (measured: preparing
these values here took the 200-answer page from 126 ms to 41 ms): URLs, avatars
and permissions are worked out here once per post or author, so the template
only reads attributes.

``attach_post_fragments`` goes further: each post's ``<article>`` is rendered once
and kept in the "fragments" cache under a key made of everything the fragment
shows — the post as stored (text, counts, states), its author, whether it is the
solution, the viewer's flags for it (what they may do, whether they voted), the
language and time zone — so a change to any of them is a new key, never a stale
fragment, and no write has to remember to invalidate anything. Viewers with the
same flags share fragments: every visitor, members alike in what they may do, each
moderator. Forms in a fragment carry a placeholder that becomes the viewer's own
CSRF token when the page is put together.
"""

import hashlib
import hmac
from functools import cache

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import dateformat, formats, timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from community import fragments as stored_fragments
from community.models import Branding, Post, Thread
from community.permissions import (
    POST_ACTIONS,
    annotate_post_permissions,
    shows_super_user_flair,
    shows_trust_level,
)
from community.reversing import url_prefix
from community.templatetags.community import avatar

POST_TEMPLATE = "community/partials/post.html"
# post.html and what it includes: a change to any of them is a new fragment key.
POST_TEMPLATES = (
    POST_TEMPLATE,
    "community/partials/helpful_button.html",
    "community/partials/solved_too_button.html",
    "community/partials/restore_button.html",
)


def present_posts(posts: list[Post], *, thread: Thread, member) -> None:
    annotate_post_permissions(member, posts)
    _present(posts, thread=thread)


def _present(posts: list[Post], *, thread: Thread) -> None:
    """The display values of `posts` (permissions already annotated)."""
    post_prefix = url_prefix("community:post", pk=999999)
    profile_prefix = url_prefix("community:profile", username="placeholder-name")
    authors: dict[int, tuple] = {}
    datetime_format = formats.get_format("DATETIME_FORMAT")
    for post in posts:
        created = timezone.localtime(post.created_at)
        post.created_iso = created.isoformat()
        post.created_display = dateformat.format(created, datetime_format)
        if post.edited_at:
            edited = timezone.localtime(post.edited_at)
            post.edited_iso = edited.isoformat()
            post.edited_display = dateformat.format(edited, datetime_format)
        # Every post action lives under the post's own URL: {{ post.url }}helpful/ …
        post.url = f"{post_prefix}{post.pk}/"
        post.is_solution = post.pk == thread.solution_id
        post.has_tools = (
            post.can_edit
            or post.can_delete
            or post.can_hide
            or post.can_redact
            or post.can_flag
            or getattr(post, "viewer_flagged", False)  # "Flagged", even once flagging is closed
        )
        author = post.author
        if author.pk not in authors:
            authors[author.pk] = (
                avatar(author, 40),
                f"{profile_prefix}{author.username}/",
                author.public_name,
                author.get_trust_level_display() if shows_trust_level(author) else "",
                shows_super_user_flair(author),
            )
        (
            post.author_avatar,
            post.author_url,
            post.author_name,
            post.author_level,
            post.author_is_super_user,
        ) = authors[author.pk]


# --- rendered once, kept by what they show --------------------------------------------------


@cache
def _csrf_placeholder() -> str:
    """Stands for the CSRF token in cached fragments; derived from SECRET_KEY, so no member
    can type it into a post and have it replaced."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"peerdesk.post-fragment.csrf", hashlib.sha256).hexdigest()[:40]


def _templates_digest() -> str:
    """A change to the fragment's templates (a deploy) is a new key. Recomputed while
    developing, when templates change under a running server."""
    if settings.DEBUG:
        return _read_templates_digest()
    return _cached_templates_digest()


def _read_templates_digest() -> str:
    sources = [get_template(name).template.source for name in POST_TEMPLATES]
    return hashlib.blake2b("\0".join(sources).encode(), digest_size=8).hexdigest()


_cached_templates_digest = cache(_read_templates_digest)


def _fragment_key(
    post: Post, *, thread: Thread, page_facts: str, author_facts: dict, branding
) -> str:
    """Everything post.html and its includes show for `post` to this viewer.

    Extend it when the templates read something new;
    tests/community/views/test_post_fragments.py changes each fact and compares the page
    with one rendered without the cache. Computed for every post of every page, so made
    of strings (texts with their length before them, so no two sets of facts run
    together into the same one) and one hash; an author's facts once per page.
    """
    author = post.author
    about_author = author_facts.get(author.pk)
    if about_author is None:
        about_author = author_facts[author.pk] = repr(
            (
                author.pk,
                author.username,
                author.public_name,
                author.avatar.name,
                author.trust_level,
                shows_super_user_flair(author),
            )
        )
    about_post = repr(
        (
            post.pk,
            post.is_opening,
            post.is_official,
            post.endorsed_by_id,
            post.helpful_count,
            post.solved_too_count,
            post.created_at,
            post.edited_at,
            post.hidden_at,
            post.deleted_at,
            post.pk == thread.solution_id,
            post.can_read,
            [getattr(post, flag) for flag in POST_ACTIONS],
            post.viewer_voted,
            post.viewer_solved_too,
            getattr(post, "viewer_flagged", False),
        )
    )
    texts = (
        post.hidden_reason or "",
        author.staff_signature if post.is_official else "",
        # Only a recommended post names the brand: the branding is read only for those.
        branding.name if post.endorsed_by_id else "",
        post.body_html,
    )
    facts = "\n".join(
        (page_facts, about_author, about_post, *(f"{len(text)}:{text}" for text in texts))
    )
    return "post:" + hashlib.blake2b(facts.encode(), digest_size=16).hexdigest()


def attach_post_fragments(posts: list[Post], *, thread: Thread, request, login_url: str) -> None:
    """Set ``post.fragment``, the post's rendered ``<article>``, on each of `posts`.

    Fragments come from the cache where it holds them; the others are rendered (with the
    display values of ``_present``) and stored. A fixed number of cache round trips: one
    read and at most one write, whatever the number of posts.
    """
    member = request.user
    annotate_post_permissions(member, posts)
    signed_in = member.is_authenticated
    branding = SimpleLazyObject(Branding.objects.current)
    page_facts = repr(
        (
            _templates_digest(),
            translation.get_language(),
            timezone.get_current_timezone_name(),
            thread.pk,
            login_url,
            signed_in,
        )
    )
    author_facts = {}
    keys = {
        post.pk: _fragment_key(
            post,
            thread=thread,
            page_facts=page_facts,
            author_facts=author_facts,
            branding=branding,
        )
        for post in posts
    }
    use_cache = settings.PEERDESK_POST_FRAGMENT_CACHE
    fragments = stored_fragments.get_many(list(keys.values())) if use_cache else {}
    missing = [post for post in posts if keys[post.pk] not in fragments]
    if missing:
        _present(missing, thread=thread)
        template = get_template(POST_TEMPLATE)
        # Only what the keys hold: the viewer is "signed in or not", never a member whose
        # name or other details a fragment could show to the next viewer.
        context = {
            "thread": thread,
            "user": {"is_authenticated": signed_in},
            "login_url": login_url,
            "branding": branding,
            "csrf_token": _csrf_placeholder(),
        }
        rendered = {}
        for post in missing:
            rendered[keys[post.pk]] = template.render({**context, "post": post})
        if use_cache:
            stored_fragments.set_many(rendered, settings.PEERDESK_POST_FRAGMENT_SECONDS)
        fragments.update(rendered)
    placeholder = _csrf_placeholder()
    token = get_token(request) if signed_in else None
    for post in posts:
        html = fragments[keys[post.pk]]
        if token is not None and placeholder in html:
            html = html.replace(placeholder, token)
        # Rendered by post.html from values the template escaped: safe as it is.
        post.fragment = mark_safe(html)
