"""The space a title suggests, checked on the demo community's own titles (English and
German) and on the database's threads."""

import re
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from community.demo.content import load_content
from community.demo.people import load_people
from community.models import Thread
from community.services.space_suggestion import (
    CACHE_KEY,
    MIN_LEAD,
    SpaceWords,
    learn_space_words,
    suggest_space,
    title_words,
)
from tests.factories import SpaceFactory, make_thread


@pytest.fixture(autouse=True)
def _forget_learnt_words():
    cache.delete(CACHE_KEY)
    yield
    cache.delete(CACHE_KEY)


def _demo_spaces():
    return [
        SimpleNamespace(
            pk=number,
            slug=space.slug,
            name_en=space.name_en,
            name_de=space.name_de,
            description_en=space.description_en,
            description_de=space.description_de,
        )
        for number, space in enumerate(load_people().spaces, start=1)
    ]


def _demo_titles():
    """(space slug, language, titles) of every demo scenario, placeholders taken out."""
    content = load_content()
    for scenario in content.questions + content.discussions:
        for language in ("en", "de"):
            titles = [
                " ".join(re.sub(r"\{\w+\}", " ", title).split())
                for title in getattr(scenario, language).titles
            ]
            yield scenario.space, language, titles


@pytest.fixture(scope="module")
def demo_words():
    """Space words learnt from all demo titles but the last one of each scenario and language;
    returns (words, held-out [(slug, language, title)], {pk: slug})."""
    spaces = _demo_spaces()
    ids = {space.slug: space.pk for space in spaces}
    learnt, held_out = [], []
    for slug, language, titles in _demo_titles():
        learnt += [(ids[slug], title) for title in titles[:-1]]
        held_out.append((slug, language, titles[-1]))
    words = SpaceWords.learn(spaces=spaces, titles=learnt)
    return words, held_out, {pk: slug for slug, pk in ids.items()}


def test_title_words_folds_german_and_english_forms():
    assert title_words("Rechnungen als PDF herunterladen") == title_words(
        "Rechnung als PDF herunterladen"
    )
    assert title_words("My invoices") == title_words("invoice")
    assert title_words("Passwörter") == title_words("Passworter")
    # Stop words, plain numbers and single letters tell no space apart.
    assert title_words("Where is the 2 a") == []
    assert title_words("Für über") == []


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("My invoice PDF is empty", "billing"),
        ("Charged twice for one invoice", "billing"),
        ("Rechnung doppelt abgebucht", "billing"),
        ("Forgot my password", "account"),
        ("Passwort vergessen", "account"),
        ("Wi-Fi keeps dropping", "technical"),
        ("Router verliert ständig die WLAN-Verbindung", "technical"),
        ("Parcel never arrived", "orders"),
        ("Paket nicht angekommen", "orders"),
        ("Vertrag kündigen", "legal"),
    ],
)
def test_space_words_best_suggests_the_space_of_similar_demo_titles(demo_words, title, slug):
    words, _held_out, slugs = demo_words
    space_id, lead = words.best(title)
    assert slugs[space_id] == slug
    assert lead >= MIN_LEAD


@pytest.mark.parametrize("language", ["en", "de"])
def test_space_words_best_is_mostly_right_on_titles_it_never_saw(demo_words, language):
    # Given the last title of every demo scenario, none of which was learnt
    words, held_out, slugs = demo_words
    right = wrong = silent = 0
    for slug, title_language, title in held_out:
        if title_language != language:
            continue
        best = words.best(title)
        if best is None or best[1] < MIN_LEAD:
            silent += 1
        elif slugs[best[0]] == slug:
            right += 1
        else:
            wrong += 1
    # Then most suggestions made are right, and most titles get one.
    print(f"{language}: {right} right, {wrong} wrong, {silent} without a suggestion")
    assert right / (right + wrong) >= 0.75
    assert (right + wrong) / (right + wrong + silent) >= 0.5


def test_space_words_best_says_nothing_without_known_words(demo_words):
    words, _held_out, _slugs = demo_words
    assert words.best("Zxqv wobble") is None
    assert words.best("") is None
    assert SpaceWords.learn(spaces=_demo_spaces()[:1], titles=[]).best("invoice") is None


def test_suggest_space_learns_from_the_threads_asked_in_each_space(db):
    # Given two spaces whose names say nothing about routers or parcels
    first = SpaceFactory(name_en="First", name_de="Erster", description_en="", description_de="")
    second = SpaceFactory(name_en="Second", name_de="Zweiter", description_en="", description_de="")
    for title in ("Router blinks red", "Router restarts at night", "Router lost its settings"):
        make_thread(space=first, title=title)
    for title in ("Parcel is late", "Parcel went to a neighbour", "Parcel damaged on arrival"):
        make_thread(space=second, title=title)
    # Then the titles' words decide
    assert suggest_space("My router is blinking") == first
    assert suggest_space("Where is my parcel?") == second
    assert suggest_space("Something else entirely") is None


def test_suggest_space_leaves_out_inactive_spaces_and_hidden_threads(db):
    from django.utils import timezone

    active = SpaceFactory(name_en="Deliveries", name_de="Lieferungen")
    retired = SpaceFactory(name_en="Routers", name_de="Router", is_active=False)
    SpaceFactory(name_en="Payments", name_de="Zahlungen")
    hidden = make_thread(space=active, title="Router firmware update failed")
    Thread.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    assert retired.pk not in learn_space_words().counts
    assert suggest_space("Router firmware") is None


def test_suggest_space_reads_learnt_words_from_the_cache(db, django_assert_num_queries):
    space = SpaceFactory(name_en="Invoices", name_de="Rechnungen")
    SpaceFactory(name_en="Deliveries", name_de="Lieferungen")
    assert suggest_space("Invoice missing") == space  # learns: spaces, titles, the space
    with django_assert_num_queries(1):  # only the suggested space
        assert suggest_space("Where is my invoice?") == space
