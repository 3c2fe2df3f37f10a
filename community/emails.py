"""One look for every e-mail the community sends: ours and django-allauth's.

Each e-mail is a subject, a plain-text part and an HTML part, rendered from three
templates in the recipient's language and time zone. The HTML part extends
``community/email/layout.html``: the community's name, colour and logo, links to the
public address (SITE_URL) and, where the e-mail can be stopped, a visible unsubscribe
link. E-mails cannot use the site's stylesheet, so the layout is tables with inline
styles, which mail programs understand. A message without an HTML template of its own
(one of allauth's that we do not override) gets its text wrapped in the same layout.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from community.brand_mark import DARK_TEXT, contrast_ratio
from community.models import Branding
from community.outbox import enqueue
from community.site import absolute_url, site_domain, site_url

# Shown at this height in the e-mail's header; the width follows the logo's proportions.
LOGO_HEIGHT = 40
FALLBACK_HTML_TEMPLATE = "community/email/fallback.html"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _absolute(url: str) -> str:
    return url if url.startswith(("https://", "http://")) else absolute_url(url)


def brand_context() -> dict:
    """What the layout shows: brand, colours that read well, logo, public addresses."""
    branding = Branding.objects.current()
    width, height = branding.logo_size(LOGO_HEIGHT)
    colour = branding.primary_colour
    return {
        "branding": branding,
        "brand_colour": colour,
        "brand_text_colour": branding.text_colour,
        # Links in running text need 4.5:1 on white; a pale brand colour is not used for them.
        "link_colour": colour if contrast_ratio(colour, "#ffffff") >= 4.5 else DARK_TEXT,
        "logo_url": _absolute(branding.email_logo_url),
        "logo_width": width,
        "logo_height": height,
        "site_url": site_url(),
        "home_url": site_url() + "/",
        "site_domain": site_domain(),
        "settings_url": absolute_url(reverse("community:profile_edit")),
    }


def _tidy_text(text: str) -> str:
    """Templates leave blank lines where tags were: no trailing spaces, at most one empty line."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def render_email(
    *,
    subject_template: str,
    text_template: str,
    html_template: str,
    context: dict,
    language: str,
    time_zone: str | None = None,
) -> RenderedEmail:
    """Render one e-mail in `language` (and `time_zone`, when given)."""
    with translation.override(language):
        if time_zone:
            with timezone.override(time_zone):
                return _render(subject_template, text_template, html_template, context)
        return _render(subject_template, text_template, html_template, context)


def _render(subject_template, text_template, html_template, context) -> RenderedEmail:
    context = {**brand_context(), **context}
    subject = " ".join(render_to_string(subject_template, context).split())
    text = _tidy_text(render_to_string(text_template, context))
    context = {**context, "subject": subject}
    try:
        html_source = get_template(html_template)
    except TemplateDoesNotExist:
        html = render_to_string(FALLBACK_HTML_TEMPLATE, {**context, "text": text})
    else:
        html = html_source.render(context)
    return RenderedEmail(subject=subject, text=text, html=html)


# The worker's task that sends one e-mail (community.tasks.send_email_task). Its outbox rows
# hold the recipient and the text: a redaction scrubs them (community.services.redaction).
SEND_EMAIL_TASK = "community.send_email"


def queue_email(email: RenderedEmail, *, to: str, headers: dict | None = None) -> None:
    """Put `email` for the address `to` into the outbox: the worker sends it after commit.
    Call it in the transaction that records why it is sent, so both commit or neither."""
    enqueue(
        SEND_EMAIL_TASK,
        {
            "subject": email.subject,
            "body": email.text,
            "html": email.html,
            "from_email": settings.DEFAULT_FROM_EMAIL,
            "to": [to],
            "headers": headers or {},
        },
    )
