"""Admin-edited text in both shipped languages.

A model keeps one column per language (``name_en``, ``name_de``); ``localized``
returns the one for the active language and falls back to English, so a German
visitor never sees an empty heading because nobody translated it yet.
"""

from django.conf import settings
from django.utils.translation import get_language

FALLBACK_LANGUAGE = settings.LANGUAGE_CODE


def active_language() -> str:
    """The active language's code reduced to one we ship (``de-at`` → ``de``)."""
    code = (get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else FALLBACK_LANGUAGE


def localized(obj, field: str) -> str:
    value = getattr(obj, f"{field}_{active_language()}", "")
    return value or getattr(obj, f"{field}_{FALLBACK_LANGUAGE}", "")


def remember_language(response, language: str) -> None:
    """Set the language cookie LocaleMiddleware reads on the next visit."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def in_every_language(message: str, **params) -> dict[str, str]:
    """`message` (marked with gettext_noop) translated into every shipped language, with
    `params` filled in each; lazy params (model choice labels) translate with it. For
    stored texts such as the notification centre's, which the reader's language picks."""
    from django.utils import translation

    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = translation.gettext(message) % params
    return texts
