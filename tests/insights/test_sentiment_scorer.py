"""The offline scorer (insights.sentiment): sentences customers write, with the tone a
person reads in them, and the rules one at a time."""

import math
from pathlib import Path

import pytest

from insights import sentiment
from insights.models import SentimentLabel
from insights.sentiment import (
    LEXICON_DIR,
    NEGATIVE_THRESHOLD,
    POSITIVE_THRESHOLD,
    clean,
    label_for,
    normalise,
    read_lexicon_file,
    score,
)

POSITIVE, NEUTRAL, NEGATIVE = (
    SentimentLabel.POSITIVE,
    SentimentLabel.NEUTRAL,
    SentimentLabel.NEGATIVE,
)

ENGLISH = [
    ("Thanks, that fixed it!", POSITIVE),
    ("Great support, thank you so much!", POSITIVE),
    ("Works like a charm 👍", POSITIVE),
    ("Awesome, problem solved!", POSITIVE),
    ("Very helpful answer, thanks!", POSITIVE),
    ("I love the new dashboard 😍", POSITIVE),
    ("It doesn't crash anymore, thanks.", POSITIVE),
    ("not bad", POSITIVE),  # negated "bad": not negative
    ("Not bad at all!", POSITIVE),
    ("How do I export my invoices to CSV?", NEUTRAL),
    ("Quick question: where is the export button?", NEUTRAL),
    ("Thanks in advance for any help. The invoice PDF does not open.", NEUTRAL),
    ("Good morning, I have a problem with my login.", NEUTRAL),
    ("Kind regards, Sam", NEUTRAL),  # a politeness formula: no tone
    ("It still doesn't work and I'm really frustrated.", NEGATIVE),
    ("This is unacceptable. I want to cancel my subscription.", NEGATIVE),
    ("The update is NOT good.", NEGATIVE),
    ("I am not happy with this.", NEGATIVE),
    ("Not working :(", NEGATIVE),
    ("Still not fixed after three weeks. Ridiculous.", NEGATIVE),
    ("This is the worst update ever.", NEGATIVE),
    ("Nobody answers here, what a joke.", NEGATIVE),
    ("I can't log in, the app keeps crashing. Very annoying!", NEGATIVE),
    ("This is useless, I'm fed up.", NEGATIVE),
    ("Thanks, but it still doesn't work.", NEGATIVE),  # the clause after "but" weighs more
    ("It works, but it is terribly slow.", NEGATIVE),
    ("The answer was hardly helpful.", NEGATIVE),
    ("The app is slow 😡", NEGATIVE),
]

GERMAN = [
    ("Danke, hat geklappt!", POSITIVE),
    ("Super, vielen Dank für die schnelle Hilfe 👍", POSITIVE),
    ("Geht wieder, danke!", POSITIVE),
    ("Ich bin total begeistert!", POSITIVE),
    ("Perfekt, genau das habe ich gesucht.", POSITIVE),
    ("Nicht schlecht, gefällt mir.", POSITIVE),
    ("Ohne Probleme installiert, tolle Anleitung.", POSITIVE),
    ("Die Lösung war etwas umständlich, aber am Ende hat alles geklappt.", POSITIVE),
    ("Die neue Oberfläche ist sehr benutzerfreundlich.", POSITIVE),  # compound
    ("Wie funktioniert der Export nach Excel?", NEUTRAL),
    ("Wo finde ich die Einstellungen für Benachrichtigungen?", NEUTRAL),
    (
        "Hallo zusammen, beim Drucken der Rechnung kommt eine Fehlermeldung. Danke im Voraus!",
        NEUTRAL,
    ),
    ("Das Update hat den Fehler ausgelöst.", NEUTRAL),  # "ausgelöst" is not "gelöst"
    ("Mit freundlichen Grüßen, Kim", NEUTRAL),
    ("nicht gut", NEGATIVE),
    ("Das ist nicht gut.", NEGATIVE),
    ("Das funktioniert leider immer noch nicht", NEGATIVE),
    ("funktioniert leider immer noch nicht", NEGATIVE),
    ("Es funktioniert nicht.", NEGATIVE),  # the negation follows the verb
    ("Klappt nicht 😡", NEGATIVE),
    ("Das ist eine Riesenfrechheit!!!", NEGATIVE),  # compound
    ("Ich kündige jetzt, das ist echt ärgerlich.", NEGATIVE),
    ("Danke, aber es geht immer noch nicht.", NEGATIVE),
    ("Seit Wochen keine Antwort vom Support, das ist inakzeptabel.", NEGATIVE),
    ("Das ist ja wohl ein Witz.", NEGATIVE),
    ("Leider ist die App seit dem Update extrem langsam.", NEGATIVE),
    ("Die Antwort war kaum hilfreich.", NEGATIVE),
    ("Das ist ein schlechter Scherz, die Anleitung ist unbrauchbar.", NEGATIVE),
]


@pytest.mark.parametrize(("text", "label"), ENGLISH)
def test_english_sentences(text, label):
    assert score(text, "en").label == label


@pytest.mark.parametrize(("text", "label"), GERMAN)
def test_german_sentences(text, label):
    assert score(text, "de").label == label


def test_the_tables_are_long_enough_to_mean_something():
    assert len(ENGLISH) >= 20 and len(GERMAN) >= 20
    for table in (ENGLISH, GERMAN):
        assert {label for _, label in table} == {POSITIVE, NEUTRAL, NEGATIVE}


def test_a_quoted_angry_line_in_a_friendly_reply_stays_positive():
    reply = "> This is unacceptable!!! Worst service ever.\n\nThanks, glad it works now :)"
    assert score(reply, "en").label == POSITIVE
    german = "> Das ist eine Frechheit, nichts funktioniert!\n\nDanke, jetzt klappt es wieder."
    assert score(german, "de").label == POSITIVE


def test_code_blocks_inline_code_and_links_are_not_read():
    with_code = "```\nError: fatal failure, crash, unacceptable\n```\nThanks, works great now"
    assert score(with_code, "en").label == POSITIVE
    assert score("Run `rm -rf broken-cache` and try again.", "en").label == NEUTRAL
    assert score("See https://example.com/terrible-awful-bug", "en").label == NEUTRAL
    assert score("See [the guide](https://example.com/worst-case).", "en").label == NEUTRAL
    assert clean("Ask @furious_fan").strip() == "Ask"


def test_emoticons_and_emoji_carry_tone_but_times_and_paths_do_not():
    assert score("Updated the app :)", "en").label == POSITIVE
    assert score("Updated the app 👎", "en").label == NEGATIVE
    assert score("Thanks:)", "en").score > score("Thanks", "en").score
    assert score("Meeting at 10:30, file in C:/Users", "en").label == NEUTRAL


def test_negation_flips_and_dampens():
    good = score("good", "en").score
    assert score("not good", "en").score < 0 < good
    assert abs(score("not good", "en").score) < good
    assert score("never helpful", "en").label == NEGATIVE
    # A comma ends the negation's reach.
    assert score("No, great answer", "en").label == POSITIVE


def test_intensifiers_strengthen_and_diminishers_weaken():
    plain = score("helpful", "en").score
    assert score("very helpful", "en").score > plain > score("slightly helpful", "en").score > 0
    assert score("sehr gut", "de").score > score("gut", "de").score
    assert score("echt ärgerlich", "de").score < score("ärgerlich", "de").score


def test_capitals_and_exclamation_marks_emphasise():
    assert score("This is GREAT", "en").score > score("This is great", "en").score
    assert score("This is great!!!", "en").score > score("This is great", "en").score
    # All capitals is a style, not a shout.
    assert score("THIS IS GREAT", "en").score == score("this is great", "en").score
    # Four exclamation marks at most.
    assert score("great!!!!!!!!", "en").score == score("great!!!!", "en").score


def test_german_words_are_found_inflected_and_at_the_end_of_compounds():
    assert score("tolle Anleitung", "de").label == POSITIVE
    assert score("die schlechten Nachrichten", "de").label == NEGATIVE
    assert score("Riesenfrechheit", "de").score == score("Frechheit", "de").score
    # A short word, or too little in front of the entry, is no compound.
    assert score("Gedanke", "de").label == NEUTRAL
    assert score("Preisklasse", "de").label == NEUTRAL


def test_an_unknown_language_is_read_with_both_word_lists():
    assert score("Danke, works great", "").label == POSITIVE
    assert score("Frechheit, unacceptable", "fr").label == NEGATIVE
    assert score("Frechheit", "en").label == NEUTRAL  # English only knows English


def test_normalisation_and_labels():
    assert normalise(0) == 0
    assert math.isclose(normalise(1), 1 / 4)
    assert -1 < normalise(-100) < -0.99
    assert label_for(POSITIVE_THRESHOLD) == POSITIVE
    assert label_for(NEGATIVE_THRESHOLD) == NEGATIVE
    assert label_for(0.19) == label_for(-0.19) == NEUTRAL
    assert score("", "en") == sentiment.Scored(0.0, NEUTRAL)


@pytest.mark.parametrize("name", ["en", "de", "common"])
def test_the_word_lists_ship_and_are_valid(name):
    entries = read_lexicon_file(LEXICON_DIR / f"{name}.tsv")
    assert Path(sentiment.__file__).parent / "lexicon" == LEXICON_DIR
    assert all(-3 <= weight <= 3 for weight in entries.values())
    if name != "common":
        assert 250 <= len(entries) <= 400
        assert any(" " in entry for entry in entries)  # phrases


def test_a_broken_word_list_is_reported_with_its_line(tmp_path):
    path = tmp_path / "xx.tsv"
    path.write_text("# comment\ngood\t1\nbad -2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"xx\.tsv:3"):
        read_lexicon_file(path)
    path.write_text("awful\t-5\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside"):
        read_lexicon_file(path)
