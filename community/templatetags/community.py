import hashlib

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Background hues for initials avatars: dark enough for white text (WCAG AA). Each is a
# class in static/css/site.css (avatar--hue-N), as is each size (avatar--size-N): the
# Content-Security-Policy allows no style="" attributes.
_AVATAR_HUES = 7
_AVATAR_SIZES = (28, 40, 96, 160)


@register.simple_tag
def avatar(member, size: int = 40):
    """The member's avatar image, or their initials on a colour of their own."""
    if member is None:
        return ""
    name = getattr(member, "public_name", "") or "?"
    if getattr(member, "avatar", None):
        return format_html(
            '<img class="avatar" src="{}" alt="" width="{}" height="{}" loading="lazy">',
            member.avatar.url,
            size,
            size,
        )
    digest = hashlib.blake2s(str(member.pk).encode(), digest_size=1).digest()[0]
    size_class = min(_AVATAR_SIZES, key=lambda candidate: abs(candidate - size))
    return format_html(
        '<span class="avatar avatar--initials avatar--size-{} avatar--hue-{}" aria-hidden="true">{}</span>',
        size_class,
        digest % _AVATAR_HUES,
        name[:1].upper(),
    )


@register.filter
def is_checkbox(bound_field) -> bool:
    return getattr(bound_field.field.widget, "input_type", "") == "checkbox"


@register.simple_tag(takes_context=True)
def can(context, perm: str, obj=None) -> bool:
    """``{% can "community.answer" thread as may_answer %}``: community.permissions decides."""
    from community.permissions import can as permission

    request = context.get("request")  # error pages (400, CSRF) render without a request
    return request is not None and permission(request.user, perm, obj)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with `changes` applied (``None`` removes a key); page resets."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def minutes_text(minutes) -> str:
    """60 → “1 hour”, 90 → “1 hour 30 minutes”, 15 → “15 minutes” (translated)."""
    from django.utils.translation import ngettext

    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest})
    return " ".join(parts)


@register.filter
def ago(moment) -> str:
    """A moment as “3 days ago” / “vor 3 Tagen” (see community.timetext)."""
    from community.timetext import time_ago

    return time_ago(moment) if moment else ""


@register.filter
def duration(delta) -> str:
    """A timedelta as “47 days” / “47 Tage”: one unit, the largest that fits."""
    from community.timetext import duration_text

    return duration_text(delta) if delta is not None else ""


@register.filter
def duration_minutes(delta) -> int:
    """A timedelta as whole minutes, at least 1."""
    return max(1, round(delta.total_seconds() / 60)) if delta else 0


@register.filter
def hidden_reason(reason: str) -> str:
    """A hidden post's public reason: the system's own (a hold for review) in the reader's
    language, a moderator's as typed."""
    from community.audit import reason_display

    return reason_display(reason)


@register.filter
def is_hold_reason(reason: str) -> bool:
    """Hidden by the system until a moderator looks, not by a moderator's decision."""
    from community.audit import HOLD_REASONS

    return reason in HOLD_REASONS


@register.filter
def post_html(post):
    """A post's stored HTML. It was produced by community.markdown.render_markdown, which
    sanitises with an allow-list, so it is safe to insert as it is."""
    return mark_safe(post.body_html)


@register.filter
def markdown(text: str):
    """Short staff texts (idea status comments) through the one Markdown renderer."""
    from community.markdown import render_markdown

    return render_markdown(text)
