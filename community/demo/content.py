"""What the demo community talks about: questions, answers, ideas and staff notices.

The words live in JSON files under ``data/`` (their format is described in
``data/README.md``); this module reads them into the shapes below, which
``community.demo.threads`` writes as threads. A scenario is one kind of problem
written in German and English; every thread built from it fills placeholders
such as ``{phone}`` or ``{month}`` (see ``variations.json``), so a scenario can
come up a few times without the threads looking copy-pasted.
"""

import json
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

# Filled in by the code for every thread (community.demo.threads): {asker} is the asker's
# first name, {asker_handle} their username (for @mentions), {helper} the first name of
# whoever wrote the solution; the rest are made up per thread.
GENERATED_PLACEHOLDERS = (
    "asker", "asker_handle", "helper", "order", "amount", "amount2", "month", "days",
)  # fmt: skip


class DemoDataError(ValueError):
    """A demo data file does not have the expected shape; the message says where."""


@dataclass(frozen=True)
class Text:
    """A scenario in one language."""

    titles: tuple[str, ...]
    bodies: tuple[str, ...]
    # Community answers; the first is the one that usually turns out to be the solution.
    answers: tuple[str, ...] = ()
    # What the support team answers (an official answer); empty for discussions.
    official: str = ""


@dataclass(frozen=True)
class Scenario:
    """A question (or discussion) that members ask in their own words."""

    key: str
    space: str
    # "rechnung|invoice" is the German|English tag; "pdf" is the same in both languages.
    tags: tuple[str, ...]
    de: Text
    en: Text
    kind: str = "question"
    weight: int = 1  # how often it comes up, relative to the others
    outage: bool = False  # many members hit it at once: lots of “me too”


@dataclass(frozen=True)
class StatusChange:
    """The support team moves an idea on, with a public comment."""

    status: str
    comment: str
    after_days: float  # after the previous step


@dataclass(frozen=True)
class Idea:
    """A suggestion in the ideas space and the support team's answers to it, in order."""

    key: str
    language: str
    days_ago: float
    tags: tuple[str, ...]
    title: str
    body: str
    comments: tuple[str, ...]
    statuses: tuple[StatusChange, ...] = ()
    duplicate_of: str = ""  # key of the idea or notice that already covers it
    votes: tuple[int, int] = (0, 12)  # range of “me too”s (votes for the idea)


@dataclass(frozen=True)
class Reply:
    """A reply under a notice: by the support team ("staff") or a member ("member")."""

    by: str
    text: str
    after_hours: float  # after the previous reply


@dataclass(frozen=True)
class Notice:
    """An announcement or known issue, written by the support team."""

    key: str
    kind: str  # "announcement" or "known_issue"
    space: str
    language: str
    days_ago: float
    tags: tuple[str, ...]
    title: str
    body: str
    replies: tuple[Reply, ...] = ()
    pinned: bool = False
    locked: bool = False
    # A known issue is solved by the support team's last update (the fix).
    solved_by_last_update: bool = False
    me_too: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Content:
    """Everything the demo threads are written from."""

    # One value per thread, the same in title, body and answers: {placeholder: options};
    # an option that is an object sets several placeholders that belong together.
    variations: dict[str, tuple]
    variations_by_language: dict[str, dict[str, tuple]]
    official_tags: tuple[str, ...]
    # Lines any thread can use, by language and kind ("hello", "thanks", …).
    phrases: dict[str, dict[str, tuple[str, ...]]]
    questions: tuple[Scenario, ...]
    discussions: tuple[Scenario, ...]
    ideas: tuple[Idea, ...]
    notices: tuple[Notice, ...]


@cache
def load_content(data_dir: Path = DATA_DIR) -> Content:
    """Read the demo content from `data_dir`. Raises DemoDataError on a malformed file."""
    variations = read_json(data_dir / "variations.json")
    phrases = read_json(data_dir / "phrases.json")
    return Content(
        variations={key: tuple(options) for key, options in variations["any_language"].items()},
        variations_by_language={
            language: {key: tuple(options) for key, options in by_key.items()}
            for language, by_key in variations["by_language"].items()
        },
        official_tags=tuple(read_json(data_dir / "tags.json")),
        phrases={
            language: {
                kind: tuple(_text(text, f"phrases.json {language}.{kind}") for text in texts)
                for kind, texts in by_kind.items()
            }
            for language, by_kind in phrases.items()
        },
        # Files in name order, so the numbers in their names decide the order of the deck.
        questions=tuple(
            _scenario(data, path.name)
            for path in sorted((data_dir / "questions").glob("*.json"))
            for data in read_json(path)
        ),
        discussions=tuple(
            _scenario(data, "discussions.json") for data in read_json(data_dir / "discussions.json")
        ),
        ideas=tuple(_idea(data) for data in read_json(data_dir / "ideas.json")),
        notices=tuple(_notice(data) for data in read_json(data_dir / "notices.json")),
    )


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DemoDataError(f"{path}: {error}") from error


def build(shape: type, data: dict, where: str, **converted):
    """`shape(**data)` with the `converted` fields replaced; unknown or missing keys are
    reported with `where` rather than as a bare TypeError."""
    if not isinstance(data, dict):
        raise DemoDataError(f"{where}: expected an object, got {data!r:.60}")
    names = {field.name for field in fields(shape)}
    if unknown := set(data) - names:
        raise DemoDataError(f"{where}: unknown field(s) {sorted(unknown)}")
    try:
        return shape(**{**data, **converted})
    except TypeError as error:
        raise DemoDataError(f"{where}: {error}") from error


def _text(value, where: str) -> str:
    """A text is a string, or a list of its lines (for texts of several lines)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "\n".join(value)
    raise DemoDataError(f"{where}: a text is a string or a list of strings, not {value!r:.60}")


def _texts(values, where: str) -> tuple[str, ...]:
    return tuple(_text(value, f"{where}[{number}]") for number, value in enumerate(values))


def _language_text(data: dict, where: str) -> Text:
    converted = {
        name: _texts(data[name], f"{where}.{name}")
        for name in ("titles", "bodies", "answers")
        if name in data
    }
    if "official" in data:
        converted["official"] = _text(data["official"], f"{where}.official")
    return build(Text, data, where, **converted)


def _scenario(data: dict, file_name: str) -> Scenario:
    where = f"{file_name} {data.get('key', '?')}"
    return build(
        Scenario,
        data,
        where,
        tags=tuple(data.get("tags", ())),
        de=_language_text(data.get("de", {}), f"{where} de"),
        en=_language_text(data.get("en", {}), f"{where} en"),
    )


def _idea(data: dict) -> Idea:
    where = f"ideas.json {data.get('key', '?')}"
    return build(
        Idea,
        data,
        where,
        tags=tuple(data.get("tags", ())),
        body=_text(data.get("body"), f"{where} body"),
        comments=_texts(data.get("comments", ()), f"{where} comments"),
        statuses=tuple(
            build(StatusChange, status, f"{where} statuses") for status in data.get("statuses", ())
        ),
        votes=tuple(data.get("votes", Idea.votes)),
    )


def _notice(data: dict) -> Notice:
    where = f"notices.json {data.get('key', '?')}"
    return build(
        Notice,
        data,
        where,
        tags=tuple(data.get("tags", ())),
        body=_text(data.get("body"), f"{where} body"),
        replies=tuple(build(Reply, reply, f"{where} replies") for reply in data.get("replies", ())),
        me_too=tuple(data.get("me_too", Notice.me_too)),
    )
