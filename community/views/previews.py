"""Previews of what a member is writing: the same renderer and limits as a saved post."""

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import SafeString

from community.markdown import render_markdown
from community.services.text import check_post_length


def preview_html(text: str) -> SafeString:
    """`text` rendered as its post would be, or a notice when it is over the length limit
    (rendering a megabyte of Markdown would take seconds and show nothing useful)."""
    try:
        check_post_length(text or "")
    except ValidationError as error:
        return format_html('<p class="notice notice--warning">{}</p>', error.messages[0])
    return render_markdown(text or "")
