import pytest

from community.language import guess_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Meine Rechnung ist leer und ich kann sie nicht öffnen.", "de"),
        ("My invoice is empty and I can not open it.", "en"),
        ("Rechnung PDF", "de"),  # no common words: the umlaut-free tie goes to the default
        ("Grüße", "de"),  # umlauts and ß count for German
    ],
)
def test_guess_language_counts_common_words(text, language):
    assert guess_language(text, default="de") == language


def test_guess_language_falls_back_to_the_default_on_a_tie():
    assert guess_language("PDF 1042", default="de") == "de"
    assert guess_language("PDF 1042", default="en") == "en"
    assert guess_language("") == "en"  # the site language


def test_guess_language_reads_a_long_post_whole():
    text = "The router does not start. " * 2000 + "Der Router startet nicht und ist kaputt. " * 2100
    assert guess_language(text) == "de"
