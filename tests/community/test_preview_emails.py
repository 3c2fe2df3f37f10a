"""`manage.py preview_emails`: every e-mail, both languages, through the code that sends it."""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from community.management.commands.preview_emails import DEMO_TEXT, all_previews
from community.models import Branding
from tests.community.test_allauth_messages import FORMAL_ADDRESS, _title_case_words

LANGUAGES = [code for code, _ in settings.LANGUAGES]
TEMPLATE_DIRS = ("community/email", "account/email", "mfa/email", "socialaccount/email")
PUBLIC = "https://community.example.com"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = PUBLIC


def our_email_templates() -> set[str]:
    """Every e-mail templates/ defines, by its prefix (…/<name>_subject.txt)."""
    root = Path(settings.BASE_DIR) / "templates"
    return {
        str(path.relative_to(root)).removesuffix("_subject.txt")
        for folder in TEMPLATE_DIRS
        for path in (root / folder).glob("*_subject.txt")
    }


class _Html(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.links, self.images, self.lang = [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs.get("href"))
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "html":
            self.lang = attrs.get("lang")

    def handle_data(self, data):
        self.text.append(data)


def parse_html(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    parser.close()
    parser.text = " ".join(" ".join(parser.text).split())
    return parser


@pytest.fixture(scope="module")
def previews(django_db_setup, django_db_blocker):
    # Rendered once for the module (some fifty e-mails); nothing is written to the database.
    with django_db_blocker.unblock(), override_settings(SITE_URL=PUBLIC):
        return {language: all_previews(language) for language in LANGUAGES}


def test_preview_emails_covers_every_email_template(previews):
    for language in LANGUAGES:
        assert {preview.template for preview in previews[language]} == our_email_templates()


def test_preview_emails_writes_subject_text_and_html_per_language(db, tmp_path):
    call_command("preview_emails", out=str(tmp_path), stdout=io.StringIO())
    for language in LANGUAGES:
        folder = tmp_path / language
        names = [preview.name for preview in all_previews(language)]
        assert len(names) == len(set(names)) >= len(our_email_templates())
        for name in names:
            for suffix in (".subject.txt", ".txt", ".html"):
                assert (folder / f"{name}{suffix}").read_text(encoding="utf-8").strip()
        index = (folder / "index.html").read_text(encoding="utf-8")
        assert all(f'href="{name}.html"' in index for name in names)


def test_preview_emails_can_write_one_language(db, tmp_path):
    call_command("preview_emails", lang=["de"], out=str(tmp_path), stdout=io.StringIO())
    assert (tmp_path / "de" / "index.html").exists()
    assert not (tmp_path / "en").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_email_is_branded_html_with_a_text_part(db, previews, language):
    brand = Branding.objects.current()
    for preview in previews[language]:
        email, html = preview.email, parse_html(preview.email.html)
        assert html.lang == language, preview.name
        assert "{{" not in email.html + email.text and "{%" not in email.html + email.text
        assert brand.name in html.text and brand.name in email.text, preview.name
        assert brand.primary_colour in email.html
        logo = html.images[0]
        assert logo["src"] == f"{PUBLIC}{brand.email_logo_url}", preview.name
        assert logo["width"] and logo["height"] and logo["alt"] == ""
        # Every link goes to the public address (or is a mailto: link).
        assert all(link.startswith((f"{PUBLIC}/", "mailto:")) for link in html.links), html.links
        for url in re.findall(r"https?://\S+", email.text):
            assert url.startswith(f"{PUBLIC}/"), (preview.name, url)


def test_emails_about_what_a_member_follows_have_an_unsubscribe_link(previews):
    for preview in previews["en"]:
        html = parse_html(preview.email.html)
        unsubscribe = [link for link in html.links if "/unsubscribe/" in link]
        if preview.name in {"new_answer", "solution", "solution_to_its_author", "new_thread",
                            "new_tagged_thread", "idea_status", "known_issue_update"}:  # fmt: skip
            assert len(unsubscribe) == 1, preview.name
            assert "Unsubscribe from these e-mails" in html.text
            assert f"Stop these e-mails: {unsubscribe[0]}" in preview.email.text
        else:  # a mention, or something about the account: nothing to unsubscribe from
            assert not unsubscribe, preview.name


def test_german_emails_say_du(previews):
    for preview in previews["de"]:
        for text in (
            preview.email.subject,
            preview.email.text,
            parse_html(preview.email.html).text,
        ):
            assert not FORMAL_ADDRESS.search(text), (preview.name, text)
        assert re.search(r"\b(du|dein\w*|dich|dir)\b", preview.email.text, re.I), preview.name
        assert "Anmeldename" not in preview.email.text


def test_english_emails_say_e_mail_and_sign_in(previews):
    for preview in previews["en"]:
        text = re.sub(r"https?://\S+", "", preview.email.subject + " " + preview.email.text)
        assert not re.search(r"\bemail\b|\blog ?(in|out)\b|\blogin\b", text, re.I), preview.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_subjects_are_one_line_in_sentence_case(previews, language):
    demo = DEMO_TEXT[language]
    for preview in previews[language]:
        subject = preview.email.subject
        assert subject and "\n" not in subject
        # The demo's own words (titles, names) are not the subject line's wording.
        wording = subject
        demo_words = (demo["question"], demo["idea"], "Sam Helper", "Google", "Orders & delivery",
                      "Bestellungen & Lieferung")  # fmt: skip
        for value in demo_words:
            wording = wording.replace(value, "X")
        if language == "en":
            assert not _title_case_words(wording), subject
        else:
            assert wording[0].isupper(), subject
