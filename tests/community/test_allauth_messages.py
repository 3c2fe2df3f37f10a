"""One voice on the sign-in pages: allauth's strings, translated in our catalogue.

allauth's own German says "Sie" and its English is Title Case; community/allauth_messages.py
lists its msgids so our catalogue translates them ("du", sentence case, one term per
thing). These tests render every allauth page we serve, in both languages, the way a
visitor or member meets it, and read the page's visible text.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import polib
import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.translation.template import templatize

from tests.factories import PASSWORD, MemberFactory

ALLAUTH_DIR = Path(allauth.__file__).resolve().parent
OUR_TEMPLATES = Path(settings.BASE_DIR) / "templates"
MESSAGES_MODULE = Path(settings.BASE_DIR) / "community" / "allauth_messages.py"

# --- What allauth shows on our pages -------------------------------------------------

# Switched off here, so never shown: passkeys, WebAuthn, phone numbers, sign-in and
# verification by code, trusted browsers (reauthentication by code is on and listed).
SWITCHED_OFF = re.compile(
    r"webauthn|phone|(confirm|request)_login_code|passkey|email_verification_code|password_reset_code"
    r"|trust\.html|email/email_confirm_"  # email_confirm_*: a template allauth never sends
)
PYTHON_SOURCES = [
    "account/adapter.py",
    "account/fields.py",
    "account/forms.py",
    "mfa/adapter.py",
    "mfa/base/forms.py",
    "mfa/totp/forms.py",
    "mfa/recovery_codes/forms.py",
    "socialaccount/adapter.py",
    "socialaccount/forms.py",
]
GETTEXT_FUNCTIONS = {
    "_": "s", "gettext": "s", "gettext_lazy": "s", "gettext_noop": "s",
    "ngettext": "n", "ngettext_lazy": "n", "pgettext": "p", "pgettext_lazy": "p",
    "npgettext": "np", "npgettext_lazy": "np",
}  # fmt: skip


def _gettext_calls(tree) -> set[tuple]:
    """(context, msgid, plural) of every gettext call with literal arguments."""
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        kind = GETTEXT_FUNCTIONS.get(name)
        args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        if kind == "s" and args[:1] and isinstance(args[0], str):
            found.add((None, args[0], None))
        elif kind == "n" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
            found.add((None, args[0], args[1]))
        elif kind == "p" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
            found.add((args[0], args[1], None))
        elif kind == "np" and len(args) >= 3 and all(isinstance(a, str) for a in args[:3]):
            found.add((args[0], args[1], args[2]))
    return found


def _template_messages(path: Path) -> set[tuple]:
    """Django's own template-to-gettext conversion (what makemessages reads), then parsed."""
    found = set()
    for line in templatize(path.read_text(encoding="utf-8")).splitlines():
        for match in re.finditer(r"\b(?:n?p?gettext)\(", line):
            rest = line[match.start() :]
            for end in (i for i, char in enumerate(rest) if char == ")"):
                try:
                    found |= _gettext_calls(ast.parse(rest[: end + 1]))
                    break
                except SyntaxError:
                    continue
    return found


def served_allauth_messages() -> dict[tuple, str]:
    """Every message allauth can show on our pages and e-mails, with one place it is from."""
    messages = {}
    templates = ALLAUTH_DIR / "templates"
    for app in ("account", "mfa", "socialaccount"):
        for path in sorted((templates / app).rglob("*")):
            relative = path.relative_to(templates)
            overridden = (OUR_TEMPLATES / relative).exists()  # ours replace theirs
            if path.is_file() and not overridden and not SWITCHED_OFF.search(str(relative)):
                for message in _template_messages(path):
                    messages.setdefault(message, str(relative))
    for source in PYTHON_SOURCES:
        tree = ast.parse((ALLAUTH_DIR / source).read_text(encoding="utf-8"))
        for message in _gettext_calls(tree):
            if "phone" not in message[1].lower():
                messages.setdefault(message, source)
    return messages


def _as_code(context, msgid, plural) -> str:
    if context:
        return f"    pgettext_lazy({context!r}, {msgid!r}),"
    if plural:
        return f"    ngettext_lazy({msgid!r}, {plural!r}),"
    return f"    gettext_noop({msgid!r}),"


def test_allauth_messages_lists_every_string_allauth_shows_on_our_pages():
    listed = _gettext_calls(ast.parse(MESSAGES_MODULE.read_text(encoding="utf-8")))
    missing = {m: where for m, where in served_allauth_messages().items() if m not in listed}
    lines = "\n".join(f"{_as_code(*m)}  # {where}" for m, where in sorted(missing.items(), key=str))
    assert not missing, (
        f"allauth shows strings our catalogue does not translate. Add to "
        f"community/allauth_messages.py, run makemessages and translate them:\n{lines}"
    )


def test_served_allauth_messages_finds_template_and_python_strings():
    served = served_allauth_messages()
    assert (None, "Sign In", None) in served  # account/login.html
    assert (None, "Remember Me", None) in served  # account/forms.py
    assert ("field label", "Login", None) in served  # pgettext
    assert not any("passkey" in where for where in served.values())


# --- The pages, as people meet them ---------------------------------------------------


class _PageText(HTMLParser):
    """The visible text of <main> (and <title>), and the texts of headings, buttons and labels."""

    NAMED = {"h1", "h2", "h3", "button", "label", "legend", "th", "title"}
    SKIPPED = {"script", "style"}

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.named = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "input", "img", "meta", "link"):
            return
        self.stack.append([tag, []])

    def handle_endtag(self, tag):
        while self.stack:
            name, parts = self.stack.pop()
            if name in self.NAMED:
                self.named.append((name, " ".join(" ".join(parts).split())))
            if self.stack:
                self.stack[-1][1].extend(parts)
            if name == tag:
                break

    def handle_data(self, data):
        tags = [name for name, _ in self.stack]
        if self.SKIPPED & set(tags) or not ({"main", "title"} & set(tags)):
            return
        self.text.append(data)
        if self.stack:
            self.stack[-1][1].append(data)


def page_text(response) -> _PageText:
    parser = _PageText()
    parser.feed(response.content.decode())
    parser.close()
    parser.visible = " ".join(" ".join(parser.text).split())
    return parser


def _sign_in(client, member):
    """Through the form (not force_login): allauth then counts the session as freshly
    authenticated, as a person's is, and opens the pages that ask for that."""
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def _reauthenticated(client):
    """Pages that change the second factor ask for the password again first (by design)."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def _with_totp(member):
    TOTP.activate(member, generate_totp_secret())
    RecoveryCodes.activate(member)


def _reset_key_url(member) -> str:
    key = f"{user_pk_to_url_str(member)}-{default_token_generator.make_token(member)}"
    uidb36, token = key.split("-", 1)
    return reverse("account_reset_password_from_key", kwargs={"uidb36": uidb36, "key": token})


def _confirm_url(member) -> str:
    address = EmailAddress.objects.create(user=member, email="second@example.com")
    return reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])


# name: (signed in?, how to get there). Each returns the final response (redirects followed).
PAGES = {
    "login": (False, lambda c, m: c.get(reverse("account_login"))),
    "login_failed": (
        False,
        lambda c, m: c.post(reverse("account_login"), {"login": m.email, "password": "nope"}),
    ),
    "signup": (False, lambda c, m: c.get(reverse("account_signup"))),
    "signup_refused": (
        False,
        lambda c, m: c.post(
            reverse("account_signup"),
            {
                "email": "not-an-address",
                "username": "x",
                "password1": "short",
                "password2": "other",
            },
        ),
    ),
    "password_reset": (False, lambda c, m: c.get(reverse("account_reset_password"))),
    "password_reset_sent": (
        False,
        lambda c, m: c.post(reverse("account_reset_password"), {"email": m.email}, follow=True),
    ),
    "password_reset_from_key": (False, lambda c, m: c.get(_reset_key_url(m), follow=True)),
    "password_reset_bad_key": (
        False,
        lambda c, m: c.get(
            reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "x-y"}),
            follow=True,
        ),
    ),
    "verification_sent": (False, lambda c, m: c.get(reverse("account_email_verification_sent"))),
    "confirm_email": (False, lambda c, m: c.get(_confirm_url(m))),
    "confirm_email_bad_key": (
        False,
        lambda c, m: c.get(reverse("account_confirm_email", args=["not-a-key"])),
    ),
    "account_inactive": (False, lambda c, m: c.get(reverse("account_inactive"))),
    "login_cancelled": (False, lambda c, m: c.get(reverse("socialaccount_login_cancelled"))),
    "login_error": (False, lambda c, m: c.get(reverse("socialaccount_login_error"))),
    "logout": (True, lambda c, m: c.get(reverse("account_logout"))),
    "signed_out": (True, lambda c, m: c.post(reverse("account_logout"), follow=True)),
    "change_password": (True, lambda c, m: c.get(reverse("account_change_password"))),
    "change_password_refused": (
        True,
        lambda c, m: c.post(
            reverse("account_change_password"),
            {"oldpassword": "wrong", "password1": "x", "password2": "y"},
        ),
    ),
    "email": (True, lambda c, m: c.get(reverse("account_email"))),
    "email_added": (
        True,
        lambda c, m: c.post(
            reverse("account_email"), {"action_add": "", "email": "new@example.com"}, follow=True
        ),
    ),
    "reauthenticate": (True, lambda c, m: c.get(reverse("account_reauthenticate"))),
    "reauthenticate_by_code": (
        True,
        lambda c, m: c.get(reverse("account_request_reauthentication_code")),
    ),
    "reauthentication_code_sent": (
        True,
        lambda c, m: c.post(
            reverse("account_request_reauthentication_code"), {"recipient": m.email}, follow=True
        ),
    ),
    "mfa_index": (True, lambda c, m: c.get(reverse("mfa_index"))),
    "totp_activate": (
        True,
        lambda c, m: _reauthenticated(c) or c.get(reverse("mfa_activate_totp")),
    ),
    "connections": (True, lambda c, m: c.get(reverse("socialaccount_connections"))),
}
EXPECTED_STATUS = {"login_error": 401}
# Pages of a member who has two-factor authentication.
MFA_PAGES = {
    "mfa_authenticate": lambda c, m: c.post(
        reverse("account_login"), {"login": m.email, "password": PASSWORD}, follow=True
    ),
    "mfa_index_with_totp": lambda c, m: c.get(reverse("mfa_index")),
    "mfa_reauthenticate": lambda c, m: c.get(reverse("mfa_reauthenticate")),
    "totp_deactivate": lambda c, m: _reauthenticated(c) or c.get(reverse("mfa_deactivate_totp")),
    "recovery_codes": lambda c, m: _reauthenticated(c) or c.get(reverse("mfa_view_recovery_codes")),
    "recovery_codes_generate": (
        lambda c, m: _reauthenticated(c) or c.get(reverse("mfa_generate_recovery_codes"))
    ),
}


def _render(client, name, language) -> _PageText:
    member = MemberFactory(username="robin", display_name="Robin Example", locale=language)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    if name in MFA_PAGES:
        _with_totp(member)
        if name != "mfa_authenticate":
            client.force_login(member)  # the session still has to pass TOTP: pages say so
        response = MFA_PAGES[name](client, member)
    else:
        signed_in, visit = PAGES[name]
        if signed_in:
            _sign_in(client, member)
        response = visit(client, member)
    assert response.status_code == EXPECTED_STATUS.get(name, 200), name
    assert f'<html lang="{language}">' in response.content.decode()
    return page_text(response)


ALL_PAGES = [*PAGES, *MFA_PAGES]
FORMAL_ADDRESS = re.compile(r"\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b")


@pytest.mark.parametrize("name", ALL_PAGES)
def test_allauth_pages_say_du_in_german(client, db, name):
    text = page_text_of(client, name, "de")
    # Capitalised forms only: lower-case "sie" ("they") and "ihr" ("her") are no address.
    assert not FORMAL_ADDRESS.findall(text.visible), text.visible
    assert "Anmeldename" not in text.visible  # the field is the "Benutzername"
    assert "Anmeldung" not in [label for _, label in text.named]  # the action is "Anmelden"


@pytest.mark.parametrize("name", ALL_PAGES)
def test_allauth_pages_speak_sentence_case_english(client, db, name):
    text = page_text_of(client, name, "en")
    assert not re.search(r"\bLog ?(in|out)\b|\bLogin\b", text.visible, re.IGNORECASE)
    assert not re.search(r"\bemail\b", text.visible, re.IGNORECASE), "we write “e-mail”"
    for tag, label in text.named:
        assert not _title_case_words(label), f"<{tag}> “{label}” is not in sentence case"


def page_text_of(client, name, language) -> _PageText:
    return _render(client, name, language)


# Words that keep their capital letter inside a sentence-case label.
PROPER = {"Peerdesk", "Google", "Facebook", "Apple", "X", "I", "QR", "TOTP", "Robin", "Example"}


def _title_case_words(label: str) -> list[str]:
    """Capitalised words after the first of each sentence, unless names or acronyms."""
    wrong = []
    for sentence in re.split(r"[.:?!·]\s+", label):
        words = re.findall(r"[\w’'-]+", sentence)
        for word in words[1:]:
            if word[0].isupper() and word not in PROPER and not word.isupper():
                wrong.append(word)
    return wrong


def test_sign_in_is_anmelden_in_german_and_sign_in_in_english(client, db):
    german = page_text_of(client, "login", "de")
    assert ("h1", "Anmelden") in german.named
    assert ("button", "Anmelden") in german.named
    assert ("label", "Angemeldet bleiben") in german.named or "Angemeldet bleiben" in german.visible
    client.logout()
    english = page_text_of(client, "login", "en")
    assert ("h1", "Sign in") in english.named
    assert ("button", "Sign in") in english.named


def test_signup_form_says_benutzername_in_german(client, db):
    text = page_text_of(client, "signup", "de")
    labels = [label for tag, label in text.named if tag == "label"]
    assert "Benutzername" in labels
    assert "E-Mail-Adresse" in labels


# --- The catalogues ---------------------------------------------------------------------


def _effective_texts(language: str) -> list[tuple[str, str]]:
    """(msgid, what a visitor reads) for every live entry: the translation, or the English
    msgid where English needs none. Placeholders are left out of what is read."""
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    texts = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgid:
            continue
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in [t for t in translations if t] or [entry.msgid]:
            texts.append((entry.msgid, re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", "", text)))
    return texts


def test_german_catalogue_never_uses_the_formal_address():
    formal = [
        (msgid, text) for msgid, text in _effective_texts("de") if FORMAL_ADDRESS.search(text)
    ]
    assert not formal


def test_german_catalogue_has_one_word_for_each_thing():
    wrong = re.compile(r"Anmeldename|einlogg|ausgelogg|\bLogin\b|\bLogout\b", re.IGNORECASE)
    assert not [(msgid, text) for msgid, text in _effective_texts("de") if wrong.search(text)]


def test_english_catalogue_says_sign_in_and_e_mail():
    wrong = re.compile(r"\blog ?(in|out)\b|\blogin\b|\blogged\b|\blogging\b|\bemail\b", re.I)
    assert not [(msgid, text) for msgid, text in _effective_texts("en") if wrong.search(text)]


def test_reauthentication_by_code_tells_and_mails_the_code_in_german(
    client, db, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        text = page_text_of(client, "reauthentication_code_sent", "de")
    assert "Wir haben einen Anmeldecode an robin@example.com geschickt." in text.visible
    (message,) = mail.outbox
    assert message.subject == "Dein Anmeldecode"
    assert "Hier ist dein Anmeldecode." in message.body
