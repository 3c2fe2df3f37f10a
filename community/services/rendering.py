"""Keeping stored post HTML in step with the Markdown renderer."""

from community.markdown import RENDERER_VERSION, render_markdown
from community.models import Post


def rerender_posts(*, post_ids: list[int]) -> int:
    """Render posts made by an older RENDERER_VERSION again. Returns how many changed."""
    changed = 0
    for post in Post.objects.filter(pk__in=post_ids).exclude(render_version=RENDERER_VERSION):
        Post.objects.filter(pk=post.pk, render_version=post.render_version).update(
            body_html=render_markdown(post.body), render_version=RENDERER_VERSION
        )
        changed += 1
    return changed
