"""The tone of a post, scored offline by a word list: no external service, no model to
download, the same score for the same text on every machine.

How a text is scored (a small, explainable cousin of VADER, written for support posts):

1. **Clean.** Code blocks and inline code, quoted lines (``> …``), links' addresses and
   @mentions are removed first: a quoted complaint or a pasted error message is not the
   poster's tone.
2. **Tokenise.** Lowercase Unicode words (``doesn't`` stays one word), emoticons such as
   ``:)`` ``:(`` and emoji such as 👍 😡, and punctuation, which ends a clause.
3. **Look up** each word, and phrases of up to five words (longest first: "still not
   working", "geht immer noch nicht"), in the language's word list
   (``insights/lexicon/<language>.tsv``, weights -3 … +3, plus ``common.tsv`` for emoji).
   A language the lists do not know is read with both. Politeness formulas ("thanks in
   advance", "Danke im Voraus", "mit freundlichen Grüßen") weigh 0: they say nothing about
   the tone. German words are found in their inflected forms ("tolle" → "toll") and at the
   end of compounds, lightly: a word ending in an entry of five letters or more after at
   least three letters of its own ("Riesenfrechheit" → "frechheit").
4. **Adjust** each match by its neighbours in the same clause:
   a negation among the three words before it flips and dampens it (× -0.74: "not bad",
   "nicht gut", "ohne Probleme"); a German negation with nothing to negate after it
   negates the match before it ("funktioniert leider nicht"); an intensifier right before
   it strengthens it (× 1.3: "very", "sehr", "echt"), a diminisher weakens it (× 0.6:
   "slightly", "etwas"); a word in CAPITALS in a text that is not all capitals shouts
   (+0.733 in its direction).
5. **Contrast.** After the first "but"/"aber" the clause weighs more: matches before it
   count half, after it one and a half ("Thanks, but it still fails" is a complaint).
6. **Sum** the matches, add emphasis for exclamation marks that end a clause with a
   weighed word in it (0.292 each, at most four) in the sum's direction, and normalise like VADER: ``s / sqrt(s² + 15)``, a score in
   (-1, 1). From 0.2 up the post is positive, from -0.2 down negative, neutral between.

What it cannot do: irony, and tone that needs the thread's context ("Great, another
update" after a breaking one). It is a trend across many posts, not a verdict on one.
"""

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from insights.models import SentimentLabel

# Bump whenever a word list or a rule here changes: every post is scored again.
LEXICON_VERSION = "1"

POSITIVE_THRESHOLD = 0.2
NEGATIVE_THRESHOLD = -0.2

LEXICON_DIR = Path(__file__).parent / "lexicon"
LANGUAGES = ("en", "de")
MIN_WEIGHT, MAX_WEIGHT = -3.0, 3.0

# VADER's constants: the normalisation's alpha, the negation's scalar, the emphasis of an
# exclamation mark and of a word in capitals.
NORMALISATION_ALPHA = 15
NEGATION_FACTOR = -0.74
EXCLAMATION_BOOST = 0.292
MAX_EXCLAMATIONS = 4
CAPS_BOOST = 0.733
INTENSIFIER_FACTOR = 1.3
DIMINISHER_FACTOR = 0.6
BEFORE_CONTRAST = 0.5
AFTER_CONTRAST = 1.5
# How many words before a match a negation reaches ("not really that good").
NEGATION_REACH = 3
# German compounds: the entry at the end must be this long, the rest of the word this long.
COMPOUND_HEAD_MIN = 5
COMPOUND_REST_MIN = 3
# Entries that end too many neutral compounds to be read as their head
# ("Preisklasse", "Energieklasse"; "Gedanke" is caught by the three letters already).
COMPOUND_HEADS_EXCLUDED = frozenset({"klasse", "spitze", "sicher", "schade", "danke"})
# Participles ("gelöst", "geklappt") are no compound heads: "ausgelöst" (triggered) and
# "zugeklappt" (closed) end in them by a verb's prefix, not by composition.
PARTICIPLE_PREFIX = "ge"
# German inflection endings tried when a word is not listed as written ("tolle" → "toll").
GERMAN_ENDINGS = ("en", "em", "er", "es", "e", "n", "s")


@dataclass(frozen=True)
class Rules:
    """The function words of a language: they change the weight of the words near them."""

    negators: frozenset[str]
    # Negations that may follow what they negate (German: "Das funktioniert nicht").
    trailing_negators: frozenset[str]
    intensifiers: frozenset[str]
    diminishers: frozenset[str]
    contrasts: frozenset[str]
    # Sentence adverbs a negation never flips ("funktioniert leider nicht": not "leider").
    unnegated: frozenset[str]

    def __or__(self, other: "Rules") -> "Rules":
        return Rules(
            *(getattr(self, name) | getattr(other, name) for name in self.__dataclass_fields__)
        )


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


RULES = {
    "en": Rules(
        negators=_words(
            "not no never nothing nobody none nowhere neither nor without cannot "
            "dont doesnt didnt isnt wasnt arent werent wont cant couldnt shouldnt wouldnt "
            "havent hasnt hadnt aint hardly barely"
        ),
        trailing_negators=frozenset(),
        intensifiers=_words(
            "very really extremely so totally absolutely incredibly completely highly truly "
            "super especially particularly seriously utterly hugely insanely way"
        ),
        diminishers=_words(
            "slightly somewhat fairly marginally partly partially mostly kinda sorta"
        ),
        contrasts=frozenset({"but", "however"}),
        unnegated=_words("unfortunately sadly hopefully please thanks thank luckily fortunately"),
    ),
    "de": Rules(
        negators=_words(
            "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand "
            "nirgends weder ohne nimmer kaum"
        ),
        trailing_negators=frozenset({"nicht", "nie", "niemals", "nimmer"}),
        intensifiers=_words(
            "sehr total extrem echt wirklich voll absolut mega richtig völlig komplett "
            "äußerst unglaublich besonders so ziemlich zutiefst ungemein höchst"
        ),
        diminishers=_words("etwas bisschen wenig halbwegs einigermaßen eher teilweise leicht"),
        contrasts=frozenset({"aber", "jedoch", "allerdings"}),
        unnegated=_words("leider hoffentlich bitte danke dank gottseidank glücklicherweise"),
    ),
}


@dataclass(frozen=True)
class Scored:
    score: float
    label: SentimentLabel


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, float]
    # Phrases of two or more tokens → weight.
    phrases: dict[tuple[str, ...], float]
    longest_phrase: int
    rules: Rules
    # Read German inflections and compounds.
    german: bool


# --- cleaning and tokenising -------------------------------------------------------------

_FENCED_CODE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_QUOTE = re.compile(r"^[ \t]*>.*$", re.M)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"<?\b(?:https?://|www\.)\S+", re.I)
_EMAIL_OR_MENTION = re.compile(r"\S*@[\w.-]+")

# Not inside a number or a path: "10:30", "C:/Users" and "C:\\Temp" are no faces, but
# "Thanks:)" has one.
_EMOTICON = r"(?:(?<![\d:/])[:;=][\-'o*]?[()\[\]dDpP|@3]|(?<![\w:/])[:=][\-']?[/\\]|<3)(?![\w/\\])"
_EMOJI = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B06\u2B07]"
_WORD = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
_PUNCT = r"[.,;:!?…]+|\n"
_TOKEN = re.compile(
    rf"(?P<emo>{_EMOTICON})|(?P<emoji>{_EMOJI})|(?P<word>{_WORD})|(?P<punct>{_PUNCT})"
)


def clean(text: str) -> str:
    """The poster's own words: without code, quotes, link addresses and mentions."""
    text = _FENCED_CODE.sub(" ", text)
    text = _INLINE_CODE.sub(" ", text)
    text = _QUOTE.sub(" ", text)
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    return _EMAIL_OR_MENTION.sub(" ", text)


@dataclass(frozen=True)
class Token:
    text: str  # as written
    norm: str  # lowercase, apostrophes straight
    kind: str  # "word", "emoji" (emoticons too) or "punct"

    @property
    def shouts(self) -> bool:
        return self.kind == "word" and len(self.text) > 1 and self.text.isupper()


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        written = match.group()
        if kind == "emo":
            kind = "emoji"
        norm = written.lower().replace("’", "'")
        if kind == "word":
            norm = norm.replace("n't", "nt") if norm.endswith("n't") else norm
        tokens.append(Token(written, norm, kind))
    return tokens


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(token.norm for token in tokenize(phrase) if token.kind != "punct")


# --- the word lists ----------------------------------------------------------------------


def read_lexicon_file(path: Path) -> dict[str, float]:
    """``word<TAB>weight`` per line; a line starting with ``#`` is a comment. A weight outside -3 … +3 or a
    line that is not an entry is an error in the file, reported with its line number."""
    entries: dict[str, float] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            word, weight = line.split("\t")
            value = float(weight)
        except ValueError:
            raise ValueError(f"{path.name}:{number}: expected word<TAB>weight") from None
        if not MIN_WEIGHT <= value <= MAX_WEIGHT:
            raise ValueError(f"{path.name}:{number}: weight {value} outside -3 … +3")
        entries[word.strip().lower()] = value
    return entries


@cache
def lexicon(language: str) -> Lexicon:
    """The word list and rules for `language`; both languages' for any other."""
    languages = (language,) if language in LANGUAGES else LANGUAGES
    entries: dict[str, float] = {}
    for name in ("common", *languages):
        entries.update(read_lexicon_file(LEXICON_DIR / f"{name}.tsv"))
    words, phrases = {}, {}
    for entry, weight in entries.items():
        key = _phrase_key(entry)
        if len(key) == 1:
            words[key[0]] = weight
        elif key:
            phrases[key] = weight
    rules = RULES[languages[0]]
    for other in languages[1:]:
        rules = rules | RULES[other]
    return Lexicon(
        words=words,
        phrases=phrases,
        longest_phrase=max((len(key) for key in phrases), default=1),
        rules=rules,
        german="de" in languages,
    )


def _weight(word: str, lex: Lexicon) -> float | None:
    """`word`'s weight as listed, inflected (German, and English plurals) or as the end of
    a German compound; None when the list does not know it."""
    if word in lex.words:
        return lex.words[word]
    if lex.german:
        for ending in GERMAN_ENDINGS:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 3 and stem in lex.words:
                return lex.words[stem]
        for start in range(COMPOUND_REST_MIN, len(word) - COMPOUND_HEAD_MIN + 1):
            head = word[start:]
            if _compound_head(head) and head in lex.words:
                return lex.words[head]
    if word.endswith("s") and len(word) > 4 and word[:-1] in lex.words:
        return lex.words[word[:-1]]
    return None


def _compound_head(head: str) -> bool:
    return head not in COMPOUND_HEADS_EXCLUDED and not head.startswith(PARTICIPLE_PREFIX)


# --- scoring -----------------------------------------------------------------------------


@dataclass
class _Unit:
    """A run of tokens read as one: a match with a weight, a function word, or punctuation."""

    role: str  # "match", "negator", "intensifier", "diminisher", "contrast", "stop", "other"
    words: tuple[str, ...]
    value: float = 0.0
    # A phrase ending in a trailing negation ("immer noch nicht") negates what comes before.
    negates_before: bool = False
    unnegated: bool = False


def _units(tokens: list[Token], lex: Lexicon, mixed_case: bool) -> list[_Unit]:
    rules = lex.rules
    units: list[_Unit] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.kind == "punct":
            units.append(_Unit("stop", (token.norm,)))
            position += 1
            continue
        phrase = _longest_phrase(tokens, position, lex)
        if phrase:
            key = tuple(t.norm for t in tokens[position : position + phrase])
            units.append(
                _Unit(
                    "match",
                    key,
                    lex.phrases[key],
                    negates_before=key[-1] in rules.trailing_negators,
                )
            )
            position += phrase
            continue
        word = token.norm
        weight = _weight(word, lex)
        if weight is not None:
            if mixed_case and token.shouts and weight:
                weight += math.copysign(CAPS_BOOST, weight)
            units.append(_Unit("match", (word,), weight, unnegated=word in rules.unnegated))
        elif word in rules.negators:
            units.append(_Unit("negator", (word,)))
        elif word in rules.intensifiers:
            units.append(_Unit("intensifier", (word,)))
        elif word in rules.diminishers:
            units.append(_Unit("diminisher", (word,)))
        elif word in rules.contrasts:
            units.append(_Unit("contrast", (word,)))
        else:
            units.append(_Unit("other", (word,)))
        position += 1
    return units


def _longest_phrase(tokens: list[Token], position: int, lex: Lexicon) -> int:
    """How many tokens from `position` form the longest listed phrase (0: none)."""
    for length in range(min(lex.longest_phrase, len(tokens) - position), 1, -1):
        run = tokens[position : position + length]
        if any(token.kind == "punct" for token in run):
            continue
        if tuple(token.norm for token in run) in lex.phrases:
            return length
    return 0


def _adjusted(units: list[_Unit]) -> list[float]:
    """Each unit's value after negation, intensifiers and the German trailing negation."""
    values = [unit.value if unit.role == "match" else 0.0 for unit in units]
    for index, unit in enumerate(units):
        if unit.role != "match" or not unit.value:
            continue
        factor = 1.0
        for distance, before in enumerate(reversed(units[max(0, index - NEGATION_REACH) : index])):
            if before.role in ("stop", "contrast"):
                break
            if before.role == "negator" and not unit.unnegated:
                factor *= NEGATION_FACTOR
            elif before.role == "intensifier" and distance < 2:
                factor *= INTENSIFIER_FACTOR
            elif before.role == "diminisher" and distance < 2:
                factor *= DIMINISHER_FACTOR
        values[index] *= factor
    for index, unit in enumerate(units):
        is_trailing_negator = unit.role == "negator" and unit.words[0] in _all_trailing()
        if not (is_trailing_negator or unit.negates_before):
            continue
        if is_trailing_negator and _match_follows(units, index):
            continue
        target = _match_before(units, index)
        if target is not None:
            values[target] *= NEGATION_FACTOR
    return values


@cache
def _all_trailing() -> frozenset[str]:
    return frozenset().union(*(rules.trailing_negators for rules in RULES.values()))


def _match_follows(units: list[_Unit], index: int) -> bool:
    for after in units[index + 1 : index + 1 + NEGATION_REACH]:
        if after.role in ("stop", "contrast"):
            return False
        if after.role == "match" and after.value:
            return True
    return False


def _match_before(units: list[_Unit], index: int) -> int | None:
    """The nearest match before `index` in its clause, within reach, that a negation may
    flip; None if there is none."""
    for position in range(index - 1, max(-1, index - 1 - NEGATION_REACH - 1), -1):
        before = units[position]
        if before.role in ("stop", "contrast", "negator"):
            return None
        if before.role == "match" and before.value and not before.unnegated:
            return position
    return None


def _exclamations(units: list[_Unit], values: list[float]) -> int:
    """The exclamation marks that end a clause with a weighed word in it: "Danke im
    Voraus!" after a neutral question adds no emphasis, "Funktioniert nicht!!!" does."""
    count, weighed = 0, False
    for unit, value in zip(units, values, strict=True):
        if unit.role == "stop":
            if weighed:
                count += unit.words[0].count("!")
            weighed = False
        elif value:
            weighed = True
    return count


def normalise(total: float) -> float:
    """VADER's squashing of a sum into (-1, 1)."""
    return total / math.sqrt(total * total + NORMALISATION_ALPHA)


def label_for(score: float) -> SentimentLabel:
    if score >= POSITIVE_THRESHOLD:
        return SentimentLabel.POSITIVE
    if score <= NEGATIVE_THRESHOLD:
        return SentimentLabel.NEGATIVE
    return SentimentLabel.NEUTRAL


def score(text: str, language: str) -> Scored:
    """The tone of `text`, written in `language` (a language code; "" when unknown)."""
    lex = lexicon(language if language in LANGUAGES else "")
    cleaned = clean(text or "")
    tokens = tokenize(cleaned)
    words = [token.text for token in tokens if token.kind == "word"]
    mixed_case = any(word.isupper() for word in words) and not all(word.isupper() for word in words)
    units = _units(tokens, lex, mixed_case)
    values = _adjusted(units)
    contrast = next((i for i, unit in enumerate(units) if unit.role == "contrast"), None)
    if contrast is not None:
        values = [
            value * (BEFORE_CONTRAST if index < contrast else AFTER_CONTRAST)
            for index, value in enumerate(values)
        ]
    total = sum(values)
    if total:
        exclamations = min(_exclamations(units, values), MAX_EXCLAMATIONS)
        total += math.copysign(EXCLAMATION_BOOST * exclamations, total)
    value = max(-1.0, min(1.0, round(normalise(total), 4)))
    return Scored(score=value, label=label_for(value))
