"""Saved replies: the texts staff and super users insert into the answer editor.

Who may call what is knowledge.permissions' question; the views ask it first.
"""

import re

from django.db import transaction
from django.db.models import F

from knowledge.models import SavedReply
from knowledge.signals import saved_reply_used

# Placeholders a saved reply may contain, filled in when it is inserted into an answer:
#   {asker} or {name}  the display name of whoever asked the thread
#   {me}               the display name of the member inserting the reply
# Unknown words in braces stay as they are (a reply may show code with braces).
PLACEHOLDER = re.compile(r"\{(asker|name|me)\}")


def fill_placeholders(body: str, *, asker_name: str = "", my_name: str = "") -> str:
    """`body` with the placeholders above replaced; one without a value is left for the
    member to fill in by hand."""
    values = {"asker": asker_name, "name": asker_name, "me": my_name}

    def replace(match: re.Match) -> str:
        return values[match.group(1)] or match.group(0)

    return PLACEHOLDER.sub(replace, body)


@transaction.atomic
def create_saved_reply(
    *, by, title: str, body: str, language: str, is_shared: bool = False
) -> SavedReply:
    """A new reply owned by `by`; shared with the team when `is_shared`."""
    return SavedReply.objects.create(
        owner=by, title=title, body=body, language=language, is_shared=is_shared
    )


@transaction.atomic
def update_saved_reply(
    *, reply: SavedReply, by, title: str, body: str, language: str, is_shared: bool
) -> SavedReply:
    """Change a reply's text, language or sharing; its owner and use count stay."""
    reply.title, reply.body, reply.language, reply.is_shared = title, body, language, is_shared
    reply.save(update_fields=["title", "body", "language", "is_shared", "updated_at"])
    return reply


@transaction.atomic
def delete_saved_reply(*, reply: SavedReply, by) -> None:
    reply.delete()


@transaction.atomic
def use_saved_reply(*, reply: SavedReply, by, thread=None) -> str:
    """Count one use of `reply` (atomically: two agents inserting it at once count two) and
    return its text ready for the answer editor, placeholders filled for `thread`'s asker."""
    SavedReply.objects.filter(pk=reply.pk).update(use_count=F("use_count") + 1)
    reply.refresh_from_db(fields=["use_count"])
    saved_reply_used.send(sender=SavedReply, reply=reply, by=by, thread=thread)
    asker_name = thread.author.public_name if thread is not None and thread.author_id else ""
    return fill_placeholders(reply.body, asker_name=asker_name, my_name=by.public_name)


@transaction.atomic
def seed_saved_replies(*, by) -> int:
    """Create the starter replies (knowledge.starter_replies) in both languages as shared
    replies owned by `by`, those not there yet; returns how many were created. Idempotent:
    a reply counts as there when a shared reply with its title exists in its language."""
    from knowledge.starter_replies import LANGUAGES, STARTER_REPLIES

    existing = set(SavedReply.objects.filter(is_shared=True).values_list("language", "title"))
    created = 0
    for reply in STARTER_REPLIES:
        for language in LANGUAGES:
            text = reply[language]
            if (language, text["title"]) in existing:
                continue
            create_saved_reply(
                by=by, title=text["title"], body=text["body"], language=language, is_shared=True
            )
            created += 1
    return created
