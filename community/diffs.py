"""What changed between two versions of a post, shown as the reader sees the post.

Both versions are rendered to HTML by the one Markdown renderer and split into
tags and words; a word-level diff then marks removed words with <del> and
added words with <ins> inside the newer version's structure. Only the newer
version's tags are kept, so the result is as well-formed as any rendered post;
removed words land where they were, inside the surrounding new element.
"""

import difflib
import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe

from community.markdown import ALLOWED_ATTRIBUTES, ALLOWED_SCHEMES, ALLOWED_TAGS, LINK_REL

# A tag, a character reference, a run of whitespace, a word, or a single other character.
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|\s+|\w+|[^\w\s<]", re.UNICODE)
_MARKS = {"ins", "del"}


def _tokens(rendered: str) -> list[str]:
    return _TOKEN.findall(rendered)


def _is_tag(token: str) -> bool:
    return token.startswith("<")


def _wrap(tokens: list[str], mark: str) -> list[str]:
    """Words of `tokens` wrapped in <mark>…</mark>, a run at a time, tags left outside."""
    out: list[str] = []
    run: list[str] = []

    def flush():
        if "".join(run).strip():
            out.append(f'<{mark} class="diff-{mark}">' + "".join(run) + f"</{mark}>")
        else:
            out.extend(run)
        run.clear()

    for token in tokens:
        if _is_tag(token):
            flush()
            out.append(token)
        else:
            run.append(token)
    flush()
    return out


def inline_diff(before_html: str, after_html: str) -> SafeString:
    """`after_html` with words missing from `before_html` in <ins> and removed ones in <del>.

    Both arguments are HTML from ``render_markdown``; the result is sanitised again.
    """
    before, after = _tokens(before_html), _tokens(after_html)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    out: list[str] = []
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            out.extend(after[b_start:b_end])
            continue
        if operation in ("delete", "replace"):
            removed = [token for token in before[a_start:a_end] if not _is_tag(token)]
            out.extend(_wrap(removed, "del"))
        if operation in ("insert", "replace"):
            out.extend(_wrap(after[b_start:b_end], "ins"))
    return mark_safe(
        nh3.clean(
            "".join(out),
            tags=ALLOWED_TAGS | _MARKS,
            attributes={**ALLOWED_ATTRIBUTES, "ins": {"class"}, "del": {"class"}},
            url_schemes=ALLOWED_SCHEMES,
            link_rel=LINK_REL,
        )
    )


def inline_text_diff(before: str, after: str) -> SafeString:
    """The same for plain text such as a title."""
    return inline_diff(html.escape(before), html.escape(after))
