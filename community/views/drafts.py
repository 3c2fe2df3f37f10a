"""What a member typed survives having to sign in first.

A form posted by someone whose session ended (or who was never signed in) is
kept in the session, and the form page fills itself in again after sign-in.
Signing in keeps an anonymous session's data (Django cycles the key), so the
draft is there when the member comes back.
"""

from community.services.text import max_post_length

# The fields of the ask and answer forms worth keeping.
DRAFT_FIELDS = ("title", "body", "space", "kind", "urgency", "tags")
_PREFIX = "draft:"


def keep_draft(request, key: str) -> None:
    """Keep the POSTed form fields under `key` (e.g. "ask" or "answer:12")."""
    limit = max_post_length()
    draft = {name: request.POST[name][:limit] for name in DRAFT_FIELDS if request.POST.get(name)}
    if draft:
        request.session[_PREFIX + key] = draft


def take_draft(request, key: str) -> dict | None:
    """The draft kept under `key`, removed from the session; None when there is none."""
    if not hasattr(request, "session") or _PREFIX + key not in request.session:
        return None
    return request.session.pop(_PREFIX + key)
