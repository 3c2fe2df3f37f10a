"""Priority triage in templates (community.escalation.triage): ``{% load triage %}``."""

from django import template

from community.escalation.triage import reason_text

register = template.Library()


@register.filter
def priority_reason(reason) -> str:
    """A stored priority reason ({"code": …, "text": …}) in the reader's language: the
    triage's own codes are translated; anything else (e.g. "set by <name>" from the desk)
    is shown as stored."""
    if not isinstance(reason, dict):
        return str(reason)
    code = reason.get("code", "")
    text = reason_text(code)
    return str(text) if text != code else reason.get("text") or code
