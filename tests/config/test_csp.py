"""The Content-Security-Policy (django-csp): enforced on every response, scripts and
styles only from this site, no inline block but the 500 page's style (allowed by its hash:
that page renders without a request)."""

import base64
import hashlib
import json
import re

import pytest
from csp.constants import NONCE
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path, reverse

from tests.config.test_settings import PRODUCTION, _run
from tests.factories import StaffFactory, make_answer, make_thread


def _directives(response) -> dict[str, list[str]]:
    assert "Content-Security-Policy-Report-Only" not in response
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _nonce(directives) -> str | None:
    nonces = [value for value in directives["style-src"] if value.startswith("'nonce-")]
    return nonces[0][len("'nonce-") : -1] if nonces else None


def _pages(client) -> list[str]:
    thread = make_thread(title="Where is my invoice?")
    make_answer(thread=thread)
    return [
        reverse("community:home"),
        reverse("community:threads"),
        thread.get_absolute_url(),
        reverse("community:search") + "?q=invoice",
        reverse("account_login"),
        reverse("account_signup"),
        "/no-such-page/",
    ]


def test_every_page_is_served_with_an_enforced_strict_policy(client, db):
    for url in _pages(client):
        directives = _directives(client.get(url))
        assert directives["default-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        for kind in ("script-src", "style-src"):
            assert "'unsafe-inline'" not in directives[kind]
            assert "'unsafe-eval'" not in directives[kind]


def test_admin_pages_are_served_with_the_policy(client, db):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "'unsafe-inline'" not in _directives(response)["script-src"]


def test_pages_need_no_nonce_so_caches_can_share_them(client, member, db):
    """Nothing inline needs allowing: the brand colour is a stylesheet (/brand.css), so no
    header names a nonce and a page served from a cache runs as it did the first time."""
    thread = make_thread(title="Where is my invoice?")
    make_answer(thread=thread)
    for signed_in in (False, True):
        if signed_in:
            client.force_login(member)
        for url in (reverse("community:home"), thread.get_absolute_url()):
            response = client.get(url)
            assert "<style" not in response.content.decode(), url
            assert _nonce(_directives(response)) is None, url
            assert "'nonce-" not in response["Content-Security-Policy"], url


@pytest.mark.parametrize("page", ["home", "thread", "ask"])
def test_pages_have_no_inline_code_the_policy_would_block(member_client, db, page):
    thread = make_thread(title="Where is my invoice?")
    make_answer(thread=thread)
    url = {
        "home": reverse("community:home"),
        "thread": thread.get_absolute_url(),
        "ask": reverse("community:ask"),
    }[page]
    html = member_client.get(url).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        # A script runs only from a file of this site; JSON-LD is data, never run.
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert not re.search(r"\sstyle=", html), "style attribute"


def _boom(request):
    raise RuntimeError("an unexpected error")


urlpatterns = [path("boom/", _boom)]


def test_error_page_style_is_allowed_by_its_hash(db, settings):
    style = re.search(r"<style>(.*?)</style>", render_to_string("500.html"), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == settings.PEERDESK_ERROR_PAGE_STYLE_HASH

    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert f"'sha256-{digest}'" in _directives(response)["style-src"]


def test_production_enforces_the_policy():
    result = _run(
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'enforced': s.CONTENT_SECURITY_POLICY['DIRECTIVES'], "
        "'report_only': getattr(s, 'CONTENT_SECURITY_POLICY_REPORT_ONLY', None)}, default=str))",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["report_only"] is None
    assert values["enforced"]["upgrade-insecure-requests"] is True
    # Scripts: this site's files and the response's nonce, nothing else.
    assert values["enforced"]["script-src"] == ["'self'", repr(NONCE)]
