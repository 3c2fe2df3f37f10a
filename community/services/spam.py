"""Spam rules for new members' posts: simple, explainable, and only ever a hold.

A post of a member whose posts are screened (trust level 0, permissions.posts_are_screened)
that trips one of the rules below is saved but hidden with the public reason
AWAITING_APPROVAL and a system flag in the review queue; its author still sees it. A
reviewer who disagrees publishes it. Each rule has a code (stored in the flag's note) and
a sentence the queue shows, so reviewers see why a post waits.
"""

import re
from collections import Counter
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import Post
from community.permissions import posts_are_screened

# Links to one outside site a post may hold before it waits.
LINKS_TO_ONE_SITE = 2
# Shouting: at least this many letters, and this share of them capitals.
SHOUTING_MIN_LETTERS = 24
SHOUTING_SHARE = 0.7
# The same text (at least this long) posted before by the same member within this time.
# Only the same member's: different people do repeat a helpful sentence word for word.
REPEAT_MIN_CHARS = 40
REPEAT_WITHIN = timedelta(days=7)

RULES = {
    "links": _("Several links to the same outside website"),
    "phrases": _("Phrases typical of spam"),
    "shouting": _("Written mostly in capital letters"),
    "contact": _("Asks to be contacted by phone, WhatsApp or Telegram"),
    "repeated": _("The same member posted the same text before"),
}

# Matched as whole words, case-insensitive. Short and unambiguous: a support community's
# real questions (prices, refunds, orders) must never trip them.
SPAM_PHRASES = (
    # English
    "buy now", "click here", "limited offer", "100% free", "work from home", "earn money fast",
    "make money online", "casino", "viagra", "cialis", "crypto investment", "forex signals",
    "guaranteed profit", "cheap followers", "loan offer", "adult dating",
    # German
    "jetzt kaufen", "hier klicken", "geld verdienen", "schnell reich", "kostenlos gewinnen",
    "kredit ohne schufa", "nebenjob von zuhause", "100% gratis", "garantierter gewinn",
    "krypto investment",
)  # fmt: skip
_PHRASES = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(phrase) for phrase in SPAM_PHRASES) + r")(?!\w)",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)([^\s/()<>\[\]\"']+)", re.IGNORECASE)
_MESSENGER = re.compile(
    r"(?<!\w)(whats\s?app|telegram|wa\.me/|t\.me/|viber|signal\s+me)(?!\w)", re.IGNORECASE
)
_PHONE = re.compile(r"\+?\d[\d \-/().]{7,}\d")
_CONTACT_WORDS = re.compile(
    r"(?<!\w)(call me|text me|contact me|reach me|dm me|ruf\w* mich an|schreib\w* mir|"
    r"melde dich|kontaktier\w* mich)(?!\w)",
    re.IGNORECASE,
)


def _own_host() -> str:
    return (urlsplit(settings.SITE_URL).hostname or "").lower().removeprefix("www.")


def tripped_rules(
    *, text: str, author_id: int | None = None, exclude_post: int | None = None
) -> list[str]:
    """The codes of RULES that `text` trips, in RULES' order (empty: nothing suspicious)."""
    tripped = []
    own = _own_host()
    hosts = Counter(
        host
        for host in (match.group(1).lower().removeprefix("www.") for match in _URL.finditer(text))
        if host and host != own
    )
    if hosts and max(hosts.values()) >= LINKS_TO_ONE_SITE:
        tripped.append("links")
    if _PHRASES.search(text):
        tripped.append("phrases")
    letters = [char for char in text if char.isalpha()]
    if len(letters) >= SHOUTING_MIN_LETTERS:
        capitals = sum(char.isupper() for char in letters)
        if capitals / len(letters) >= SHOUTING_SHARE:
            tripped.append("shouting")
    if _MESSENGER.search(text) or (_PHONE.search(text) and _CONTACT_WORDS.search(text)):
        tripped.append("contact")
    if author_id is not None and _is_repeated(
        text=text, author_id=author_id, exclude_post=exclude_post
    ):
        tripped.append("repeated")
    return tripped


def _is_repeated(*, text: str, author_id: int, exclude_post: int | None) -> bool:
    body = text.strip()
    if len(body) < REPEAT_MIN_CHARS:
        return False
    earlier = Post.objects.filter(
        author_id=author_id,
        body=body,
        created_at__gte=timezone.now() - REPEAT_WITHIN,
        deleted_at__isnull=True,
    )
    if exclude_post is not None:
        earlier = earlier.exclude(pk=exclude_post)
    return earlier.exists()


def rule_labels(note: str) -> list[str]:
    """The sentences for the codes a held post's flag stores in its note."""
    return [str(RULES[code]) for code in note.split(",") if code in RULES]


def suspicious_rules(*, post: Post, title: str = "") -> list[str]:
    """The codes of the rules `post` (just written by its author) trips, when its author's
    posts are screened; [] otherwise. community.services.posts holds a post that trips one."""
    if not posts_are_screened(post.author):
        return []
    text = f"{title}\n{post.body}" if title else post.body
    rules = tripped_rules(text=text)
    if _is_repeated(text=post.body, author_id=post.author_id, exclude_post=post.pk):
        rules.append("repeated")
    return rules
