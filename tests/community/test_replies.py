"""community.replies: which replies only say “me too”. A wrong “yes” would hide the
accept button from a real answer, so the answers below must stay answers."""

import pytest

from community.replies import MAX_CHARACTERS, is_me_too_reply


@pytest.mark.parametrize(
    "text",
    [
        "Same here",
        "Me too!",
        "+1",
        "+1, same problem here. Any update?",
        "Same problem here, since last night.",
        "Same for me. Hoping for a fix soon.",
        "+1, affected as well.",
        "Exactly the same here.",
        "Same. Curious what the team says.",
        "I'm having the same issue 😞",
        "Doesn't work for me either",
        "Same here, since the last update.",
        "> The PDF does not open in the app\n\nSame here!",
    ],
)
def test_is_me_too_reply_recognises_english_me_toos(text):
    assert is_me_too_reply(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ich auch.",
        "Habe das gleiche Problem",
        "Hab das gleiche Problem, gibt es schon eine Lösung?",
        "Gleiches Problem hier, seit heute Morgen.",
        "Bei mir genauso. Hoffentlich kommt bald eine Lösung.",
        "+1, betrifft mich auch.",
        "Hier genau dasselbe.",
        "Dito. Bin gespannt, was das Team dazu sagt.",
        "Geht bei mir auch nicht!",
        "Gibt's schon Neuigkeiten? Bin auch betroffen.",
    ],
)
def test_is_me_too_reply_recognises_german_me_toos(text):
    assert is_me_too_reply(text)


@pytest.mark.parametrize(
    "text",
    [
        # a solution after the "me too"
        "Same here, update the app",
        "Me too. Update fixed it.",
        "I had the same problem: go to Settings and turn off Wi-Fi calling.",
        "Same here. Clearing the cache fixed it for me.",
        "Ich auch, aber ein Neustart hat geholfen.",
        "Hatte das gleiche Problem – in den Einstellungen die Push-Mitteilungen aus- und "
        "wieder einschalten.",
        # details, a link or code are content
        "Same on version 4.2",
        "Me too, see https://example.com/status",
        "Same here: `ERR_PDF_VIEWER`",
        # no "me too" at all
        "Try clearing the browser cache, that fixed it for me.",
        "Thanks!",
        "Any update?",
        "",
        # too long to be only "me too"
        "Same here. " * (MAX_CHARACTERS // 10),
    ],
)
def test_is_me_too_reply_leaves_answers_alone(text):
    assert not is_me_too_reply(text)
