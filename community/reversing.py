"""Reversing URLs cheaply where pages need many: URLs without arguments reversed once
(every page's header and footer show twenty), and the fixed start of a URL with one
argument, for pages that build a link per row or post."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def reverse_once(name: str) -> str:
    """``reverse(name)`` for a URL without arguments, worked out once per script prefix and
    URL configuration."""
    return _reversed(name, *url_setting())


def url_setting() -> tuple:
    """What a reversed URL depends on besides its name."""
    return get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF


@functools.cache
def _reversed(name: str, script_prefix: str, urlconf, root_urlconf: str) -> str:
    return reverse(name)


def url_prefix(name: str, **placeholder) -> str:
    """The fixed start of the URL `name` with its one argument, e.g. "/p/" for /p/<pk>/:
    ``url_prefix("community:post", pk=999999)``; the value is a stand-in that must not
    occur in the prefix itself."""
    (value,) = placeholder.values()
    url = reverse(name, kwargs=placeholder)
    return url[: url.rindex(str(value))]
