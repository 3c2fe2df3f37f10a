"""URLs without arguments, reversed once: every page's header and footer show twenty."""

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
