"""The translation catalogues: complete, compiled, and actually used.

Refreshing them after adding strings (see README / `make messages`):
    .venv/bin/python manage.py makemessages -l de -l en --ignore=.venv --ignore=var \
        --ignore=tests --ignore=staticfiles
    # translate every empty msgstr and remove every "#, fuzzy" in community/locale/de/LC_MESSAGES/django.po
    .venv/bin/python manage.py compilemessages --ignore=.venv
"""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
GERMAN_PO = LOCALE_DIR / "de" / "LC_MESSAGES" / "django.po"
GERMAN_MO = LOCALE_DIR / "de" / "LC_MESSAGES" / "django.mo"
ENGLISH_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
ENGLISH_MO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.mo"

REFRESH_HINT = (
    "Refresh the catalogue: manage.py makemessages -l de -l en --ignore=.venv --ignore=var "
    "--ignore=tests --ignore=staticfiles, translate the new entries in "
    "community/locale/de/LC_MESSAGES/django.po, then manage.py compilemessages --ignore=.venv."
)

# --- A tiny .po reader (polib is not a dependency) -----------------------------------

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match.group(1), match.group(0)), text)


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)
    obsolete: bool = False

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def msgctxt(self) -> str | None:
        return self.fields.get("msgctxt")

    @property
    def msgid_plural(self) -> str | None:
        return self.fields.get("msgid_plural")

    @property
    def translations(self) -> list[str]:
        """msgstr, or msgstr[0], msgstr[1], … for plural entries."""
        keys = sorted(key for key in self.fields if key.startswith("msgstr"))
        return [self.fields[key] for key in keys]

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def has_translation_started(self) -> bool:
        return any(key.startswith("msgstr") for key in self.fields)


def parse_po(path: Path) -> list[Entry]:
    """Read a gettext catalogue: comments, flags, msgctxt, msgid(_plural), msgstr(s).

    Handles strings continued over several lines and obsolete (#~) entries.
    """
    entries: list[Entry] = []
    current: Entry | None = None
    last_key: str | None = None

    def start(number: int) -> Entry:
        entry = Entry(line=number)
        entries.append(entry)
        return entry

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):  # an obsolete entry's previous msgid
                continue
        if not line:
            continue
        if line.startswith("#"):
            if current is None or current.has_translation_started():
                current = start(number)
                last_key = None
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            key, value = keyword.groups()
            if current is None or (key in ("msgctxt", "msgid") and "msgid" in current.fields):
                current = start(number)
            current.obsolete = current.obsolete or obsolete
            current.fields[key] = _unescape(value)
            last_key = key
        elif line.startswith('"') and line.endswith('"') and current and last_key:
            current.fields[last_key] += _unescape(line[1:-1])
        else:
            raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    return entries


def messages(path: Path) -> list[Entry]:
    """The live (not obsolete) entries of a catalogue, without its header."""
    return [entry for entry in parse_po(path) if not entry.obsolete and not entry.is_header]


def describe(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid!r}"


# --- The catalogues are complete ---------------------------------------------------


def test_the_po_reader_handles_continued_lines_plurals_and_obsolete_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid ""\n"Say \\"%(name)s\\" "\n"twice"\n'
        'msgstr "Sag „%(name)s“ zweimal"\n\n'
        'msgctxt "verb"\nmsgid "Post"\nmsgstr ""\n\n'
        'msgid "%(counter)s answer"\nmsgid_plural "%(counter)s answers"\n'
        'msgstr[0] "%(counter)s Antwort"\nmsgstr[1] ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    header, quoted, verb, plural, gone = parse_po(po)
    assert header.is_header and header.translations == ["Language: de\n"]
    assert quoted.msgid == 'Say "%(name)s" twice' and "python-format" in quoted.flags
    assert verb.msgctxt == "verb" and verb.translations == [""]
    assert plural.msgid_plural == "%(counter)s answers"
    assert plural.translations == ["%(counter)s Antwort", ""]
    assert gone.obsolete and gone.msgid == "Gone"


def test_the_german_catalogue_exists_and_has_our_strings():
    entries = messages(GERMAN_PO)
    msgids = {entry.msgid for entry in entries}
    assert len(entries) > 100
    assert {"Ask a question", "Community guidelines", "Do you know the answer?"} <= msgids


def test_every_german_message_is_translated():
    untranslated = [
        describe(entry)
        for entry in messages(GERMAN_PO)
        if not entry.translations or not all(text.strip() for text in entry.translations)
    ]
    assert not untranslated, f"Untranslated in {GERMAN_PO.name}: {untranslated}. {REFRESH_HINT}"


def test_no_german_message_is_fuzzy():
    # A fuzzy entry (and a fuzzy header) is skipped by compilemessages: the page stays English.
    fuzzy = [describe(entry) for entry in parse_po(GERMAN_PO) if "fuzzy" in entry.flags]
    assert not fuzzy, f"Check and un-fuzzy these entries: {fuzzy}"


def test_german_plurals_have_both_forms():
    header = next(entry for entry in parse_po(GERMAN_PO) if entry.is_header)
    assert "nplurals=2;" in header.translations[0]
    short = [
        describe(entry)
        for entry in messages(GERMAN_PO)
        if entry.msgid_plural is not None and len(entry.translations) != 2
    ]
    assert not short, f"Plural entries need msgstr[0] and msgstr[1]: {short}"


def test_german_translations_keep_every_placeholder():
    wrong = []
    for entry in messages(GERMAN_PO):
        expected = set(_PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        found = [set(_PLACEHOLDER.findall(text)) for text in entry.translations]
        # No unknown placeholder (a KeyError at render time), none dropped.
        if any(names - expected for names in found) or set().union(*found) != expected:
            wrong.append(describe(entry))
    assert not wrong, f"Placeholders differ from the English: {wrong}"


def test_english_catalogue_lists_the_same_messages():
    # English is the source language: empty msgstr is fine, but the file must be current.
    german = {(entry.msgctxt, entry.msgid) for entry in messages(GERMAN_PO)}
    english = {(entry.msgctxt, entry.msgid) for entry in messages(ENGLISH_PO)}
    assert english == german, REFRESH_HINT
    assert ENGLISH_MO.exists()


def test_compiled_german_catalogue_matches_the_po_file():
    # Instead of comparing mtimes (unreliable after a git checkout): every translation in
    # the .po file must come out of the .mo file.
    with GERMAN_MO.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in messages(GERMAN_PO):
        if entry.msgid_plural is None:
            expected = entry.translations[0]
            if entry.msgctxt is None:
                actual = compiled.gettext(entry.msgid)
            else:
                actual = compiled.pgettext(entry.msgctxt, entry.msgid)
            if actual != expected:
                stale.append(describe(entry))
        else:
            for count, expected in ((1, entry.translations[0]), (2, entry.translations[-1])):
                if entry.msgctxt is None:
                    actual = compiled.ngettext(entry.msgid, entry.msgid_plural, count)
                else:
                    actual = compiled.npgettext(
                        entry.msgctxt, entry.msgid, entry.msgid_plural, count
                    )
                if actual != expected:
                    stale.append(describe(entry))
    assert not stale, f"django.mo is out of date ({len(stale)} entries). {REFRESH_HINT}"


# --- The translations are used -------------------------------------------------------


@pytest.mark.parametrize(
    ("english", "german"),
    [
        ("Ask a question", "Stell deine Frage"),
        ("Community guidelines", "Community-Richtlinien"),
        ("Do you know the answer?", "Weißt du die Antwort?"),
        ("Official answer", "Offizielle Antwort"),
        ("I have this problem too", "Ich habe das Problem auch"),
    ],
)
def test_german_is_used_for_our_strings(english, german):
    with translation.override("de"):
        assert translation.gettext(english) == german
    with translation.override("en"):
        assert translation.gettext(english) == english


def test_german_plural_forms_are_used():
    with translation.override("de"):
        one = translation.ngettext("%(count)d hour", "%(count)d hours", 1) % {"count": 1}
        two = translation.ngettext("%(count)d hour", "%(count)d hours", 2) % {"count": 2}
    assert (one, two) == ("1 Stunde", "2 Stunden")


def test_home_page_is_german_for_a_german_browser(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in content
    assert "Community-Richtlinien" in content
    assert "Stell deine Frage" in content
    assert "Ask a question" not in content
    assert "Community guidelines" not in content
